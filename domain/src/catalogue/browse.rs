//! What the catalogue page shows for a query: search, filters and sort, as one pure function.

use super::Exercise;
use super::search::{SearchNames, fold, rank};
use crate::ids::{CategoryId, EquipmentId};
use crate::text::query_encode;
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
    /// Refuses a search longer than [`super::search::QUERY_MAX`] characters.
    pub fn check(&self) -> Result<(), crate::error::FieldError> {
        crate::text::bounded("q", &self.q, super::search::QUERY_MAX)
    }

    /// The query string that reproduces this query (defaults left out), without the `?`.
    pub fn to_query_string(&self) -> String {
        let mut parts = Vec::new();
        if !self.q.trim().is_empty() {
            parts.push(format!("q={}", query_encode(self.q.trim())));
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

/// A club's exercises prepared for browsing: search names and sort keys folded once, both
/// language orders computed once. The catalogue page browses it on every request; it is built
/// again only when the catalogue changes.
#[derive(Debug, Clone, Default)]
pub struct CatalogueIndex {
    entries: Vec<Entry>,
    /// Entry positions by French name, then by English name.
    by_fr: Vec<usize>,
    by_en: Vec<usize>,
}

#[derive(Debug, Clone)]
struct Entry {
    exercise: Exercise,
    search: SearchNames,
    key_fr: String,
    key_en: String,
}

impl CatalogueIndex {
    pub fn new(exercises: Vec<Exercise>) -> Self {
        let entries: Vec<Entry> = exercises
            .into_iter()
            .map(|exercise| Entry {
                search: exercise.search_names(),
                key_fr: fold(&exercise.names.fr),
                key_en: fold(&exercise.names.en),
                exercise,
            })
            .collect();
        let order = |key: fn(&Entry) -> &str| {
            let mut positions: Vec<usize> = (0..entries.len()).collect();
            positions.sort_by(|&a, &b| key(&entries[a]).cmp(key(&entries[b])));
            positions
        };
        let by_fr = order(|e| &e.key_fr);
        let by_en = order(|e| &e.key_en);
        Self {
            entries,
            by_fr,
            by_en,
        }
    }

    /// Every exercise of the club, archived ones included, in no particular order.
    pub fn exercises(&self) -> impl Iterator<Item = &Exercise> {
        self.entries.iter().map(|e| &e.exercise)
    }

    /// How many exercises the club has, archived ones included.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The exercises matching `query`, in its order. `english` picks the language names sort
    /// by; `category_name` gives a category's name in that language (for the category sort).
    pub fn browse(
        &self,
        query: &CatalogueQuery,
        english: bool,
        category_name: impl Fn(CategoryId) -> Option<String>,
    ) -> Vec<&Exercise> {
        let order = if english { &self.by_en } else { &self.by_fr };
        fn key_in(english: bool) -> fn(&Entry) -> &str {
            if english { |e| &e.key_en } else { |e| &e.key_fr }
        }
        let key = key_in(english);
        let kept: Vec<&Entry> = order
            .iter()
            .map(|&i| &self.entries[i])
            .filter(|entry| {
                let e = &entry.exercise;
                let status = match query.status {
                    Status::Active => !e.archived,
                    Status::Archived => e.archived,
                    Status::All => true,
                };
                status
                    && query.category.is_none_or(|c| e.category == Some(c))
                    && query.equipment.is_none_or(|q| e.equipment == Some(q))
            })
            .collect();
        let mut found = rank(&query.q, kept, |entry, q| entry.search.score(q));
        match query.sort {
            Sort::Relevance => {}
            Sort::Name => found.sort_by(|a, b| key(a).cmp(key(b))),
            Sort::Category => {
                // Category names are folded once per browse, not once per exercise.
                let mut folded: Vec<(CategoryId, String)> = Vec::new();
                for entry in &found {
                    if let Some(c) = entry.exercise.category
                        && !folded.iter().any(|(id, _)| *id == c)
                        && let Some(name) = category_name(c)
                    {
                        folded.push((c, fold(&name)));
                    }
                }
                let category = |entry: &Entry| {
                    entry
                        .exercise
                        .category
                        .and_then(|c| folded.iter().find(|(id, _)| *id == c))
                        .map(|(_, name)| name.as_str())
                };
                // Exercises without a category come last.
                found.sort_by(|a, b| {
                    let (ca, cb) = (category(a), category(b));
                    (ca.is_none(), ca, key(a)).cmp(&(cb.is_none(), cb, key(b)))
                });
            }
        }
        found.into_iter().map(|entry| &entry.exercise).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Names;
    use crate::ids::ExerciseId;

    fn exercise(id: i64, fr: &str, en: &str, category: Option<i64>, archived: bool) -> Exercise {
        let names = Names {
            fr: fr.into(),
            en: en.into(),
        };
        Exercise {
            category: category.map(CategoryId),
            archived,
            ..Exercise::named(ExerciseId(id), names)
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

    /// A list browsed once, through a fresh index.
    fn browse(
        exercises: Vec<Exercise>,
        query: &CatalogueQuery,
        english: bool,
        category_name: impl Fn(CategoryId) -> Option<String>,
    ) -> Vec<Exercise> {
        CatalogueIndex::new(exercises)
            .browse(query, english, category_name)
            .into_iter()
            .cloned()
            .collect()
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
    fn one_index_answers_every_query_in_either_language() {
        let index = CatalogueIndex::new(all());
        assert_eq!(index.len(), 5);
        let ids = |found: Vec<&Exercise>| found.into_iter().map(|e| e.id.0).collect::<Vec<_>>();
        let by_name = CatalogueQuery::default();
        let typo = CatalogueQuery {
            q: "arache".into(),
            ..CatalogueQuery::default()
        };
        // Asked in turns, each answer is the one a fresh list would give.
        assert_eq!(ids(index.browse(&by_name, true, category_name)), [1, 4, 3, 2]);
        assert_eq!(ids(index.browse(&typo, false, category_name)), [2, 3]);
        assert_eq!(ids(index.browse(&by_name, false, category_name)), [2, 3, 4, 1]);
        assert_eq!(
            ids(index.browse(&typo, false, category_name)),
            self::ids(browse(all(), &typo, false, category_name))
        );
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
