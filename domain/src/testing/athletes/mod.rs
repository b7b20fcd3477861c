//! A club's athletes, their bodyweights, levels and maxes, its groups and its training
//! settings, in memory.

mod writes;

use super::MemoryStore;
use super::tables::{GroupRow, Owned, change, guard, of_club, of_club_mut};
use crate::athlete::{Athlete, AthleteDraft, Group, GroupChange};
use crate::athlete_import::AthleteImportPlan;
use crate::catalogue::search::fold;
use crate::competition::{CompetitorLevel, LevelChange, LevelStatus, Weighing};
use crate::error::StoreError;
use crate::ids::{AthleteId, ClubId, ExerciseId, GroupId, MaxId, MemberId};
use crate::maxes::Max;
use crate::ports::{
    AthleteImportStore, AthleteStore, CompetitionStore, Edit, GroupStore, MaxStore, RecordedMax,
    SettingsStore, StoreResult, Versioned,
};
use crate::settings::TrainingSettings;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use writes::change_group;

#[async_trait]
impl AthleteStore for MemoryStore {
    async fn athletes(&self, club: ClubId) -> StoreResult<Vec<Athlete>> {
        Ok(self.read(|s| {
            let mut all: Vec<Athlete> = of_club(&s.athletes, club).cloned().collect();
            all.sort_by(|a, b| (&a.last_name, &a.first_name, a.id).cmp(&(&b.last_name, &b.first_name, b.id)));
            all
        }))
    }

    async fn athlete(&self, club: ClubId, id: AthleteId) -> StoreResult<Option<Athlete>> {
        Ok(self.read(|s| s.athlete_of(club, id).cloned()))
    }

    async fn athlete_of_member(&self, club: ClubId, member: MemberId) -> StoreResult<Option<Athlete>> {
        Ok(self.read(|s| {
            of_club(&s.athletes, club)
                .find(|a| a.member == Some(member))
                .cloned()
        }))
    }

    async fn create_athlete(
        &self,
        club: ClubId,
        draft: &AthleteDraft,
        member: Option<MemberId>,
        _now: DateTime<Utc>,
    ) -> StoreResult<Athlete> {
        self.write(|s| {
            if member.is_some_and(|m| !s.is_member(club, m)) {
                return Err(StoreError::NotFound);
            }
            s.check_unlinked(member, None)?;
            Ok(s.insert_athlete(club, draft, member))
        })
    }

    async fn update_athlete(&self, edit: Edit<AthleteId, &AthleteDraft>) -> StoreResult<Athlete> {
        self.write(|s| {
            change(s.athlete_mut(edit.club, edit.id), edit.version, |a| {
                a.first_name = edit.value.first_name.clone();
                a.last_name = edit.value.last_name.clone();
                a.birth_date = edit.value.birth_date;
                a.sex = edit.value.sex;
                a.licence = edit.value.licence.clone();
                a.notes = edit.value.notes.clone();
                a.email = edit.value.email.as_ref().map(|e| e.as_str().to_owned());
            })
        })
    }

    async fn set_athlete_archived(&self, edit: Edit<AthleteId, bool>) -> StoreResult<Athlete> {
        self.write(|s| {
            change(s.athlete_mut(edit.club, edit.id), edit.version, |a| {
                a.archived = edit.value
            })
        })
    }

    async fn link_member(&self, edit: Edit<AthleteId, Option<MemberId>>) -> StoreResult<Athlete> {
        self.write(|s| {
            if edit.value.is_some_and(|m| !s.is_member(edit.club, m)) {
                return Err(StoreError::NotFound);
            }
            guard(s.athlete_mut(edit.club, edit.id), edit.version)?;
            s.check_unlinked(edit.value, Some(edit.id))?;
            change(s.athlete_mut(edit.club, edit.id), edit.version, |a| {
                a.member = edit.value
            })
        })
    }
}

#[async_trait]
impl CompetitionStore for MemoryStore {
    async fn weighings(&self, club: ClubId, athlete: AthleteId) -> StoreResult<Vec<Weighing>> {
        Ok(self.read(|s| s.of_athlete(&s.weighings, club, athlete, |w| w.date)))
    }

    async fn club_weighings(&self, club: ClubId) -> StoreResult<Vec<(AthleteId, Weighing)>> {
        Ok(self.read(|s| {
            let mut found: Vec<(AthleteId, Weighing)> = s
                .weighings
                .iter()
                .filter(|(a, _)| s.athlete_of(club, *a).is_some())
                .copied()
                .collect();
            found.sort_by_key(|(a, w)| (w.date, *a));
            found
        }))
    }

    async fn record_weighing(&self, club: ClubId, athlete: AthleteId, weighing: Weighing) -> StoreResult<()> {
        self.write(|s| {
            s.athlete_of(club, athlete).ok_or(StoreError::NotFound)?;
            s.weighings
                .retain(|(a, w)| !(*a == athlete && w.date == weighing.date));
            s.weighings.push((athlete, weighing));
            Ok(())
        })
    }

    async fn delete_weighing(&self, club: ClubId, athlete: AthleteId, date: NaiveDate) -> StoreResult<()> {
        self.write(|s| {
            s.athlete_of(club, athlete).ok_or(StoreError::NotFound)?;
            let before = s.weighings.len();
            s.weighings.retain(|(a, w)| !(*a == athlete && w.date == date));
            if s.weighings.len() == before {
                return Err(StoreError::NotFound);
            }
            Ok(())
        })
    }

    async fn levels(&self, club: ClubId, athlete: AthleteId) -> StoreResult<Vec<LevelStatus>> {
        Ok(self.read(|s| s.of_athlete(&s.levels, club, athlete, |l| l.start)))
    }

    async fn current_levels(&self, club: ClubId) -> StoreResult<Vec<(AthleteId, CompetitorLevel)>> {
        Ok(self.read(|s| {
            s.levels
                .iter()
                .filter(|(a, l)| l.end.is_none() && s.athlete_of(club, *a).is_some())
                .map(|(a, l)| (*a, l.level))
                .collect()
        }))
    }

    async fn record_level(&self, club: ClubId, athlete: AthleteId, change: LevelChange) -> StoreResult<()> {
        self.write(|s| {
            s.athlete_of(club, athlete).ok_or(StoreError::NotFound)?;
            if s.levels
                .iter()
                .any(|(a, l)| *a == athlete && l.start >= change.start)
            {
                return Err(StoreError::Conflict);
            }
            for (_, open) in s
                .levels
                .iter_mut()
                .filter(|(a, l)| *a == athlete && l.end.is_none())
            {
                open.end = Some(change.start);
            }
            s.levels.push((
                athlete,
                LevelStatus {
                    level: change.level,
                    start: change.start,
                    end: None,
                },
            ));
            Ok(())
        })
    }
}

#[async_trait]
impl MaxStore for MemoryStore {
    async fn maxes(&self, club: ClubId, athlete: AthleteId) -> StoreResult<Vec<RecordedMax>> {
        Ok(self.read(|s| {
            let mut found: Vec<RecordedMax> = of_club(&s.maxes, club)
                .filter(|m| m.athlete == athlete)
                .cloned()
                .collect();
            found.sort_by_key(|m| (m.max.date, m.id));
            found
        }))
    }

    async fn club_maxes(&self, club: ClubId) -> StoreResult<Vec<RecordedMax>> {
        Ok(self.read(|s| {
            let mut found: Vec<RecordedMax> = of_club(&s.maxes, club).cloned().collect();
            found.sort_by_key(|m| (m.max.date, m.id));
            found
        }))
    }

    async fn recorded_max(&self, club: ClubId, id: MaxId) -> StoreResult<Option<RecordedMax>> {
        Ok(self.read(|s| of_club(&s.maxes, club).find(|m| m.id == id).cloned()))
    }

    async fn create_max(
        &self,
        club: ClubId,
        athlete: AthleteId,
        max: &Max<ExerciseId>,
        _now: DateTime<Utc>,
    ) -> StoreResult<RecordedMax> {
        self.write(|s| {
            if s.athlete_of(club, athlete).is_none() || !s.exercise_of(club, max.exercise) {
                return Err(StoreError::NotFound);
            }
            let recorded = RecordedMax {
                id: MaxId(s.next_id()),
                athlete,
                max: max.clone(),
                version: 1,
            };
            s.maxes.push(Owned {
                club,
                record: recorded.clone(),
            });
            Ok(recorded)
        })
    }

    async fn update_max(
        &self,
        Versioned { club, id, version }: Versioned<MaxId>,
        max: &Max<ExerciseId>,
    ) -> StoreResult<RecordedMax> {
        self.write(|s| {
            let known_exercise = s.exercise_of(club, max.exercise);
            let recorded = guard(of_club_mut(&mut s.maxes, club, |m| m.id == id), version)?;
            if !known_exercise {
                return Err(StoreError::NotFound);
            }
            recorded.max = max.clone();
            recorded.version += 1;
            Ok(recorded.clone())
        })
    }

    async fn delete_max(&self, Versioned { club, id, version }: Versioned<MaxId>) -> StoreResult<()> {
        self.write(|s| {
            guard(of_club_mut(&mut s.maxes, club, |m| m.id == id), version)?;
            s.maxes.retain(|m| m.record.id != id);
            Ok(())
        })
    }
}

#[async_trait]
impl GroupStore for MemoryStore {
    async fn groups(&self, club: ClubId) -> StoreResult<Vec<Group>> {
        Ok(self.read(|s| {
            let mut rows: Vec<&GroupRow> = s.groups.iter().filter(|g| g.club == club).collect();
            rows.sort_by_cached_key(|g| (fold(&g.name), g.id));
            rows.into_iter().map(|g| s.group_of(g)).collect()
        }))
    }

    async fn create_group(&self, club: ClubId, name: &str, _now: DateTime<Utc>) -> StoreResult<Group> {
        self.write(|s| {
            let id = s.insert_group(club, name)?;
            s.group_row(club, id)
        })
    }

    async fn rename_group(
        &self,
        Versioned { club, id, version }: Versioned<GroupId>,
        name: &str,
    ) -> StoreResult<Group> {
        self.write(|s| {
            guard(s.group_mut(club, id), version)?;
            s.check_group_name(club, name, Some(id))?;
            change_group(s, club, id, version, |g| g.name = name.to_owned())
        })
    }

    async fn set_group_archived(&self, edit: Edit<GroupId, bool>) -> StoreResult<Group> {
        self.write(|s| change_group(s, edit.club, edit.id, edit.version, |g| g.archived = edit.value))
    }

    async fn set_in_group(&self, club: ClubId, change: GroupChange) -> StoreResult<()> {
        self.write(|s| {
            s.group_row(club, change.group)?;
            s.athlete_of(club, change.athlete).ok_or(StoreError::NotFound)?;
            if change.member {
                // Doing it twice changes nothing.
                let _ = s.insert_in_group(change.group, change.athlete);
            } else {
                s.remove_from_group(change.group, change.athlete);
            }
            Ok(())
        })
    }
}

#[async_trait]
impl AthleteImportStore for MemoryStore {
    async fn import_athletes(
        &self,
        club: ClubId,
        plan: &AthleteImportPlan,
        _now: DateTime<Utc>,
    ) -> StoreResult<usize> {
        self.write(|s| s.import_athletes(club, plan))
    }
}

#[async_trait]
impl SettingsStore for MemoryStore {
    async fn training_settings(
        &self,
        club: ClubId,
    ) -> StoreResult<Option<(TrainingSettings<ExerciseId>, i64)>> {
        Ok(self.read(|s| s.settings.get(&club).cloned()))
    }

    async fn save_training_settings(
        &self,
        club: ClubId,
        settings: &TrainingSettings<ExerciseId>,
        expected_version: Option<i64>,
        _now: DateTime<Utc>,
    ) -> StoreResult<i64> {
        self.write(|s| {
            // The first save is one (a second "first save" is a conflict); later ones carry
            // the version they replace.
            let version = match (s.settings.get(&club), expected_version) {
                (None, None) => 1,
                (Some((_, stored)), Some(expected)) if *stored == expected => expected + 1,
                _ => return Err(StoreError::Conflict),
            };
            s.settings.insert(club, (settings.clone(), version));
            Ok(version)
        })
    }
}
