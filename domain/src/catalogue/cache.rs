//! Each club's catalogue kept in memory between requests, as long as it has not changed.
//!
//! The database bumps a club's catalogue version on every change to its exercises, complexes,
//! categories or equipment (by trigger, whoever writes). A reader asks the store for that
//! version, one small query, and reuses the prepared catalogue when the versions agree; it
//! loads and prepares it again otherwise. A stale entry is never served: the version is read
//! before the catalogue it stands for.

use super::Label;
use super::browse::CatalogueIndex;
use crate::ids::{CategoryId, ClubId, EquipmentId};
use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};

/// A club's exercises, prepared for browsing, with its categories and equipment.
#[derive(Debug, Default)]
pub struct ClubCatalogue {
    /// The club's catalogue version this was loaded at.
    pub version: i64,
    pub exercises: CatalogueIndex,
    pub categories: Vec<Label<CategoryId>>,
    pub equipment: Vec<Label<EquipmentId>>,
}

/// The prepared catalogues of the clubs seen lately, at most [`CatalogueCache::CAPACITY`].
#[derive(Debug, Default)]
pub struct CatalogueCache {
    clubs: RwLock<HashMap<ClubId, Arc<ClubCatalogue>>>,
}

impl CatalogueCache {
    /// How many clubs' catalogues are kept; a full cache forgets one to make room.
    pub const CAPACITY: usize = 256;

    /// The club's catalogue if the one kept is at `version`.
    pub fn get(&self, club: ClubId, version: i64) -> Option<Arc<ClubCatalogue>> {
        let clubs = self.clubs.read().unwrap_or_else(PoisonError::into_inner);
        clubs.get(&club).filter(|c| c.version == version).cloned()
    }

    /// Keeps `catalogue` for `club`, unless a newer one is kept already.
    pub fn put(&self, club: ClubId, catalogue: Arc<ClubCatalogue>) {
        let mut clubs = self.clubs.write().unwrap_or_else(PoisonError::into_inner);
        if clubs
            .get(&club)
            .is_some_and(|kept| kept.version > catalogue.version)
        {
            return;
        }
        if clubs.len() >= Self::CAPACITY && !clubs.contains_key(&club) {
            let forgotten = clubs.keys().next().copied();
            if let Some(forgotten) = forgotten {
                clubs.remove(&forgotten);
            }
        }
        clubs.insert(club, catalogue);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(version: i64) -> Arc<ClubCatalogue> {
        Arc::new(ClubCatalogue {
            version,
            ..ClubCatalogue::default()
        })
    }

    #[test]
    fn a_kept_catalogue_is_served_only_at_its_version() {
        let cache = CatalogueCache::default();
        assert!(cache.get(ClubId(1), 3).is_none());
        cache.put(ClubId(1), at(3));
        assert_eq!(cache.get(ClubId(1), 3).map(|c| c.version), Some(3));
        assert!(
            cache.get(ClubId(1), 4).is_none(),
            "a changed catalogue is loaded again"
        );
        assert!(cache.get(ClubId(2), 3).is_none(), "clubs never share a catalogue");
    }

    #[test]
    fn an_older_load_does_not_replace_a_newer_one() {
        let cache = CatalogueCache::default();
        cache.put(ClubId(1), at(5));
        cache.put(ClubId(1), at(4));
        assert!(cache.get(ClubId(1), 5).is_some());
        cache.put(ClubId(1), at(6));
        assert!(cache.get(ClubId(1), 6).is_some());
    }

    #[test]
    fn the_cache_never_holds_more_than_its_capacity() {
        let cache = CatalogueCache::default();
        let clubs = i64::try_from(CatalogueCache::CAPACITY).unwrap() + 10;
        for club in 0..clubs {
            cache.put(ClubId(club), at(1));
        }
        let kept = (0..clubs).filter(|&c| cache.get(ClubId(c), 1).is_some()).count();
        assert_eq!(kept, CatalogueCache::CAPACITY);
        assert!(
            cache.get(ClubId(clubs - 1), 1).is_some(),
            "the latest club is kept"
        );
    }
}
