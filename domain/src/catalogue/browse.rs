//! What the catalogue page shows for a query: search, filters and sort, as one pure function.

use super::Exercise;
use super::search::rank;
use crate::ids::{CategoryId, EquipmentId};
use serde::{Deserialize, Serialize};

/// Which exercises to show, by their archived state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Active,
    Archived,
    All,
}

impl Status {
    pub fn parse(raw: &str) -> Self {
        match raw {
            "archived" => Status::Archived,
            "all" => Status::All,
            _ => Status::Active,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Archived => "archived",
            Status::All => "all",
        }
    }
}

/// The order of the list. `Relevance` is the name order when nothing is searched.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    #[default]
    Relevance,
    Name,
    Category,
}

impl Sort {
    pub fn parse(raw: &str) -> Self {
        match raw {
            "name" => Sort::Name,
            "category" => Sort::Category,
            _ => Sort::Relevance,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Name => "name",
            Sort::Category => "category",
        }
    }
}

/// A catalogue query, as the page's address keeps it. Missing parts take their defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CatalogueQuery {
    pub q: String,
    pub category: Option<CategoryId>,
    pub equipment: Option<EquipmentId>,
    pub status: Status,
    pub sort: Sort,
}

impl CatalogueQuery {
    /// The query string that reproduces this query (defaults left out), without the `?`.
    pub fn to_query_string(&self) -> String {
        let mut parts = Vec::new();
        if !self.q.trim().is_empty() {
            parts.push(format!("q={}", encode(self.q.trim())));
        }
        if let Some(c) = self.category {
            parts.push(format!("category={c}"));
        }
        if let Some(e) = self.equipment {
            parts.push(format!("equipment={e}"));
        }
        if self.status != Status::Active {
            parts.push(format!("status={}", self.status.as_str()));
        }
        if self.sort != Sort::Relevance {
            parts.push(format!("sort={}", self.sort.as_str()));
        }
        parts.join("&")
    }
}

/// Percent-encodes a query-string value (UTF-8, unreserved characters kept).
fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(char::from(byte)),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// The exercises matching `query`, in its order. `english` picks the language names sort by;
/// `category_name` gives a category's name in that language (for the category sort).
pub fn browse(
    exercises: Vec<Exercise>,
    query: &CatalogueQuery,
    english: bool,
    category_name: impl Fn(CategoryId) -> Option<String>,
) -> Vec<Exercise> {
    let name = |e: &Exercise| super::search::fold(if english { &e.names.en } else { &e.names.fr });
    let mut kept: Vec<Exercise> = exercises
        .into_iter()
        .filter(|e| match query.status {
            Status::Active => !e.archived,
            Status::Archived => e.archived,
            Status::All => true,
        })
        .filter(|e| query.category.is_none_or(|c| e.category == Some(c)))
        .filter(|e| query.equipment.is_none_or(|q| e.equipment == Some(q)))
        .collect();
    kept.sort_by_cached_key(|e| name(e));
    let mut found = rank(&query.q, kept, Exercise::search_names);
    match query.sort {
        Sort::Relevance => {}
        Sort::Name => found.sort_by_cached_key(|e| name(e)),
        Sort::Category => found.sort_by_cached_key(|e| {
            // Exercises without a category come last.
            let category = e
                .category
                .and_then(&category_name)
                .map(|c| super::search::fold(&c));
            (category.is_none(), category, name(e))
        }),
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Names;
    use crate::ids::ExerciseId;

    fn exercise(id: i64, fr: &str, en: &str, category: Option<i64>, archived: bool) -> Exercise {
        Exercise {
            id: ExerciseId(id),
            names: Names {
                fr: fr.into(),
                en: en.into(),
            },
            short_name: None,
            category: category.map(CategoryId),
            equipment: None,
            description: None,
            video_url: None,
            image: None,
            video: None,
            archived,
            version: 1,
        }
    }

    fn all() -> Vec<Exercise> {
        vec![
            exercise(1, "Squat nuque", "Back squat", Some(2), false),
            exercise(2, "Arraché", "Snatch", Some(1), false),
            exercise(3, "Arraché debout", "Power snatch", Some(1), false),
            exercise(4, "Épaulé", "Clean", None, false),
            exercise(5, "Arraché fente", "Split snatch", Some(1), true),
        ]
    }

    fn ids(found: Vec<Exercise>) -> Vec<i64> {
        found.into_iter().map(|e| e.id.0).collect()
    }

    fn category_name(id: CategoryId) -> Option<String> {
        match id.0 {
            1 => Some("Arraché".into()),
            2 => Some("Squats".into()),
            _ => None,
        }
    }

    #[test]
    fn without_a_query_active_exercises_by_name_in_the_viewers_language() {
        let q = CatalogueQuery::default();
        assert_eq!(ids(browse(all(), &q, false, category_name)), [2, 3, 4, 1]);
        assert_eq!(ids(browse(all(), &q, true, category_name)), [1, 4, 3, 2]);
    }

    #[test]
    fn filters_combine_with_search() {
        let q = CatalogueQuery {
            q: "snatch".into(),
            category: Some(CategoryId(1)),
            status: Status::All,
            ..CatalogueQuery::default()
        };
        assert_eq!(ids(browse(all(), &q, false, category_name)), [2, 3, 5]);
        let archived = CatalogueQuery {
            status: Status::Archived,
            ..CatalogueQuery::default()
        };
        assert_eq!(ids(browse(all(), &archived, false, category_name)), [5]);
    }

    #[test]
    fn sorting_by_category_puts_uncategorised_last() {
        let q = CatalogueQuery {
            sort: Sort::Category,
            ..CatalogueQuery::default()
        };
        assert_eq!(ids(browse(all(), &q, false, category_name)), [2, 3, 1, 4]);
    }

    #[test]
    fn the_query_string_keeps_only_what_differs_from_the_defaults() {
        assert_eq!(CatalogueQuery::default().to_query_string(), "");
        let q = CatalogueQuery {
            q: " tirage d'arraché ".into(),
            category: Some(CategoryId(3)),
            equipment: None,
            status: Status::All,
            sort: Sort::Name,
        };
        assert_eq!(
            q.to_query_string(),
            "q=tirage+d%27arrach%C3%A9&category=3&status=all&sort=name"
        );
    }
}
