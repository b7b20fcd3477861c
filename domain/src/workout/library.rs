//! What the workout library shows for a query: search over titles and the lifts a workout
//! contains, a category filter, archived or not, and the order — one pure function.

use super::{Workout, WorkoutCategoryId};
use crate::catalogue::browse::Status;
use crate::catalogue::search::{SearchNames, fold, rank};
use crate::text::query_encode;
use serde::{Deserialize, Serialize};

/// The order of the library. `Relevance` is the title order when nothing is searched.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LibrarySort {
    #[default]
    Relevance,
    Title,
    /// The most recently changed first.
    Recent,
}

impl LibrarySort {
    pub fn parse(raw: &str) -> Self {
        match raw {
            "title" => LibrarySort::Title,
            "recent" => LibrarySort::Recent,
            _ => LibrarySort::Relevance,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            LibrarySort::Relevance => "relevance",
            LibrarySort::Title => "title",
            LibrarySort::Recent => "recent",
        }
    }
}

/// A library query, as the page's address keeps it. Missing parts take their defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LibraryQuery {
    pub q: String,
    pub category: Option<WorkoutCategoryId>,
    pub status: Status,
    pub sort: LibrarySort,
}

impl LibraryQuery {
    /// Refuses a search longer than [`crate::catalogue::search::QUERY_MAX`] characters.
    pub fn check(&self) -> Result<(), crate::error::FieldError> {
        crate::text::bounded("q", &self.q, crate::catalogue::search::QUERY_MAX)
    }

    /// The query string that reproduces this query (defaults left out), without the `?`.
    pub fn to_query_string(&self) -> String {
        let mut parts = Vec::new();
        if !self.q.trim().is_empty() {
            parts.push(format!("q={}", query_encode(self.q.trim())));
        }
        if let Some(c) = self.category {
            parts.push(format!("category={}", c.0));
        }
        if self.status != Status::Active {
            parts.push(format!("status={}", self.status.as_str()));
        }
        if self.sort != LibrarySort::Relevance {
            parts.push(format!("sort={}", self.sort.as_str()));
        }
        parts.join("&")
    }
}

/// The workouts matching `query`, in its order. `lift_names(workout)` gives the names (French,
/// English, short) of the exercises and complexes a workout contains, which the search finds
/// it by as well as by its title ("arache" finds a workout of snatches).
pub fn browse<'a, N>(
    workouts: &'a [Workout],
    query: &LibraryQuery,
    lift_names: impl Fn(&Workout) -> N,
) -> Vec<&'a Workout>
where
    N: IntoIterator<Item = String>,
{
    let mut kept: Vec<&Workout> = workouts
        .iter()
        .filter(|w| {
            let status = match query.status {
                Status::Active => !w.archived,
                Status::Archived => w.archived,
                Status::All => true,
            };
            status && query.category.is_none_or(|c| w.category == Some(c))
        })
        .collect();
    kept.sort_by_cached_key(|w| (fold(&w.title), w.id));
    let found = if query.q.trim().is_empty() {
        kept
    } else {
        // The title counts before the lifts: a match in the title ranks first.
        let searchable: Vec<(&Workout, SearchNames, SearchNames)> = kept
            .into_iter()
            .map(|w| {
                let lifts: Vec<String> = lift_names(w).into_iter().collect();
                let title = SearchNames::new([w.title.as_str()], None);
                (w, title, SearchNames::new(lifts.iter().map(String::as_str), None))
            })
            .collect();
        rank(&query.q, searchable, |(_, title, lifts), q| {
            title.score(q).or_else(|| lifts.score(q).map(|s| s + 20))
        })
        .into_iter()
        .map(|(w, _, _)| w)
        .collect()
    };
    let mut found = found;
    match query.sort {
        LibrarySort::Relevance => {}
        LibrarySort::Title => found.sort_by_cached_key(|w| (fold(&w.title), w.id)),
        LibrarySort::Recent => found.sort_by_key(|w| std::cmp::Reverse((w.updated_at, w.id))),
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workout::{WorkoutContent, WorkoutId};
    use chrono::{TimeZone, Utc};

    fn workout(id: i64, title: &str, category: Option<i64>, archived: bool, day: u32) -> Workout {
        Workout {
            id: WorkoutId(id),
            title: title.into(),
            category: category.map(WorkoutCategoryId),
            description: None,
            content: WorkoutContent::default(),
            archived,
            version: 1,
            updated_at: Utc
                .with_ymd_and_hms(2026, 11, day, 9, 0, 0)
                .single()
                .expect("a time"),
        }
    }

    fn library() -> Vec<Workout> {
        vec![
            workout(1, "Squats et tirages", Some(1), false, 3),
            workout(2, "Journée arraché", Some(2), false, 1),
            workout(3, "Décharge", Some(2), true, 2),
            workout(4, "Épaulé-jeté lourd", None, false, 4),
        ]
    }

    /// The lifts of each workout of [`library`], by id.
    fn lifts(w: &Workout) -> Vec<String> {
        match w.id.0 {
            1 => vec![
                "Squat nuque".into(),
                "Tirage lourd d'arraché".into(),
                "TLA".into(),
            ],
            2 => vec!["Arraché".into(), "Snatch".into()],
            _ => vec![],
        }
    }

    fn titles(query: &LibraryQuery) -> Vec<String> {
        let workouts = library();
        browse(&workouts, query, lifts)
            .into_iter()
            .map(|w| w.title.clone())
            .collect()
    }

    fn query(q: &str) -> LibraryQuery {
        LibraryQuery {
            q: q.into(),
            ..LibraryQuery::default()
        }
    }

    #[test]
    fn active_workouts_by_title_without_accents() {
        assert_eq!(
            titles(&LibraryQuery::default()),
            ["Épaulé-jeté lourd", "Journée arraché", "Squats et tirages"]
        );
        let archived = LibraryQuery {
            status: Status::Archived,
            ..LibraryQuery::default()
        };
        assert_eq!(titles(&archived), ["Décharge"]);
    }

    #[test]
    fn the_search_finds_titles_first_then_the_lifts_inside_with_typos() {
        // "arache": the title "Journée arraché" first, then the workout of snatch pulls.
        assert_eq!(titles(&query("arache")), ["Journée arraché", "Squats et tirages"]);
        assert_eq!(titles(&query("TLA")), ["Squats et tirages"]);
        assert_eq!(titles(&query("snatch")), ["Journée arraché"]);
        assert_eq!(titles(&query("epaule")), ["Épaulé-jeté lourd"]);
        assert!(titles(&query("zzzz")).is_empty());
    }

    #[test]
    fn filters_and_sorts() {
        let deloads = LibraryQuery {
            category: Some(WorkoutCategoryId(2)),
            status: Status::All,
            ..LibraryQuery::default()
        };
        assert_eq!(titles(&deloads), ["Décharge", "Journée arraché"]);
        let recent = LibraryQuery {
            sort: LibrarySort::Recent,
            ..LibraryQuery::default()
        };
        assert_eq!(
            titles(&recent),
            ["Épaulé-jeté lourd", "Squats et tirages", "Journée arraché"]
        );
    }

    #[test]
    fn the_address_keeps_what_differs_from_the_defaults() {
        assert_eq!(LibraryQuery::default().to_query_string(), "");
        let q = LibraryQuery {
            q: "arraché lourd".into(),
            category: Some(WorkoutCategoryId(3)),
            status: Status::All,
            sort: LibrarySort::Recent,
        };
        assert_eq!(
            q.to_query_string(),
            "q=arrach%C3%A9+lourd&category=3&status=all&sort=recent"
        );
        assert!(query(&"x".repeat(101)).check().is_err());
    }
}
