//! A whole catalogue as data: the default catalogue every club starts with, and (later) the
//! export and import formats. Rows refer to each other by keys (a category's key, an
//! exercise's key), so a file is self-contained and can be copied into any club.
//!
//! [`CatalogueFile::plan`] validates every row first and reports each rejected row; only a
//! file without a single problem becomes a [`CataloguePlan`], which a store applies in one
//! transaction.

use super::{ExerciseDraft, ExerciseInput, Name, Names};
use crate::error::{FieldError, FieldProblem};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// A bilingual entry of a club list (a category, a piece of equipment).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelRow {
    pub key: String,
    pub fr: String,
    pub en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseRow {
    pub key: String,
    pub fr: String,
    pub en: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equipment: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video_url: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub archived: bool,
}

impl ExerciseRow {
    /// A row of these names and nothing else (no short name, list entries, description or
    /// video; not archived).
    pub fn named(key: &str, fr: &str, en: &str) -> Self {
        Self {
            key: key.into(),
            fr: fr.into(),
            en: en.into(),
            short: None,
            category: None,
            equipment: None,
            description: None,
            video_url: None,
            archived: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplexRow {
    /// Empty: named after its movements.
    #[serde(default)]
    pub fr: String,
    #[serde(default)]
    pub en: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Exercise keys, in order.
    pub movements: Vec<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub archived: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueFile {
    #[serde(default)]
    pub categories: Vec<LabelRow>,
    #[serde(default)]
    pub equipment: Vec<LabelRow>,
    #[serde(default)]
    pub exercises: Vec<ExerciseRow>,
    #[serde(default)]
    pub complexes: Vec<ComplexRow>,
}

/// Which list of a file a row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Section {
    Categories,
    Equipment,
    Exercises,
    Complexes,
}

/// Why one row of a file was rejected: its list, its position (1-based), the field, the problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub section: Section,
    pub row: usize,
    pub error: FieldError,
}

/// An exercise ready to be stored; `category` and `equipment` index the plan's lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedExercise {
    pub draft: ExerciseDraft,
    pub category: Option<usize>,
    pub equipment: Option<usize>,
    pub archived: bool,
}

/// A complex ready to be stored; `movements` index the plan's exercises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedComplex {
    pub names: Names,
    pub category: Option<usize>,
    pub movements: Vec<usize>,
    pub archived: bool,
}

/// A validated catalogue: every reference resolved, every name checked and unique.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CataloguePlan {
    pub categories: Vec<Names>,
    pub equipment: Vec<Names>,
    pub exercises: Vec<PlannedExercise>,
    pub complexes: Vec<PlannedComplex>,
}

struct Checker {
    errors: Vec<RowError>,
}

impl Checker {
    fn push(&mut self, section: Section, row: usize, field: &str, problem: FieldProblem) {
        self.errors.push(RowError {
            section,
            row: row + 1,
            error: FieldError::new(field, problem),
        });
    }

    fn labels(&mut self, section: Section, rows: &[LabelRow]) -> (Vec<Names>, HashMap<String, usize>) {
        let mut names = Vec::new();
        let mut keys = HashMap::new();
        let mut seen = HashSet::new();
        for (i, row) in rows.iter().enumerate() {
            let fr = Name::parse("fr", &row.fr);
            let en = Name::parse(
                "en",
                if row.en.trim().is_empty() {
                    &row.fr
                } else {
                    &row.en
                },
            );
            match (fr, en) {
                (Ok(fr), Ok(en)) => {
                    if !seen.insert(fr.key()) {
                        self.push(section, i, "fr", duplicate(fr.as_str()));
                    } else if keys.insert(row.key.clone(), names.len()).is_some() {
                        self.push(section, i, "key", duplicate(&row.key));
                    } else {
                        names.push(Names {
                            fr: fr.as_str().to_owned(),
                            en: en.as_str().to_owned(),
                        });
                    }
                }
                (fr, en) => {
                    for e in [fr.err(), en.err()].into_iter().flatten() {
                        self.errors.push(RowError {
                            section,
                            row: i + 1,
                            error: e,
                        });
                    }
                }
            }
        }
        (names, keys)
    }

    fn reference(
        &mut self,
        section: Section,
        row: usize,
        field: &str,
        key: Option<&String>,
        keys: &HashMap<String, usize>,
    ) -> Option<usize> {
        let key = key.filter(|k| !k.trim().is_empty())?;
        let found = keys.get(key.trim()).copied();
        if found.is_none() {
            self.push(section, row, field, FieldProblem::InvalidChoice);
        }
        found
    }
}

fn duplicate(existing: &str) -> FieldProblem {
    FieldProblem::DuplicateName {
        existing: existing.to_owned(),
    }
}

impl CatalogueFile {
    /// Validates every row; either the whole file is usable, or every problem is reported.
    pub fn plan(&self) -> Result<CataloguePlan, Vec<RowError>> {
        let mut c = Checker { errors: Vec::new() };
        let (categories, category_keys) = c.labels(Section::Categories, &self.categories);
        let (equipment, equipment_keys) = c.labels(Section::Equipment, &self.equipment);

        let mut exercises = Vec::new();
        let mut exercise_keys = HashMap::new();
        let mut names_seen: HashMap<String, String> = HashMap::new();
        for (i, row) in self.exercises.iter().enumerate() {
            let s = Section::Exercises;
            let category = c.reference(s, i, "category", row.category.as_ref(), &category_keys);
            let equipment = c.reference(s, i, "equipment", row.equipment.as_ref(), &equipment_keys);
            let input = ExerciseInput {
                name_fr: row.fr.clone(),
                name_en: row.en.clone(),
                short_name: row.short.clone().unwrap_or_default(),
                category: None,
                equipment: None,
                description: row.description.clone().unwrap_or_default(),
                video_url: row.video_url.clone().unwrap_or_default(),
            };
            let draft = match ExerciseDraft::parse(&input) {
                Ok(draft) => draft,
                Err(errors) => {
                    for error in errors {
                        c.errors.push(RowError {
                            section: s,
                            row: i + 1,
                            error,
                        });
                    }
                    continue;
                }
            };
            let mut clash = None;
            for (field, name) in [("fr", &draft.name_fr), ("en", &draft.name_en)] {
                if let Some(existing) = names_seen.get(&name.key()) {
                    clash = Some((field, existing.clone()));
                }
            }
            if let Some((field, existing)) = clash {
                c.push(s, i, field, duplicate(&existing));
                continue;
            }
            if exercise_keys
                .insert(row.key.trim().to_owned(), exercises.len())
                .is_some()
                || row.key.trim().is_empty()
            {
                c.push(s, i, "key", duplicate(&row.key));
                continue;
            }
            names_seen.insert(draft.name_fr.key(), draft.name_fr.as_str().to_owned());
            names_seen.insert(draft.name_en.key(), draft.name_fr.as_str().to_owned());
            exercises.push(PlannedExercise {
                draft,
                category,
                equipment,
                archived: row.archived,
            });
        }

        let mut complexes = Vec::new();
        for (i, row) in self.complexes.iter().enumerate() {
            let s = Section::Complexes;
            let category = c.reference(s, i, "category", row.category.as_ref(), &category_keys);
            let mut movements = Vec::new();
            for key in &row.movements {
                match exercise_keys.get(key.trim()) {
                    Some(index) => movements.push(*index),
                    None => c.push(s, i, "movements", FieldProblem::InvalidChoice),
                }
            }
            if movements.len() != row.movements.len() {
                continue;
            }
            let movement_names: Vec<Names> = movements
                .iter()
                .filter_map(|m| exercises.get(*m))
                .map(|e: &PlannedExercise| Names {
                    fr: e.draft.name_fr.as_str().to_owned(),
                    en: e.draft.name_en.as_str().to_owned(),
                })
                .collect();
            // Movement ids are not known yet: the draft only checks names and the count.
            let ids = movements
                .iter()
                .map(|m| crate::ids::ExerciseId(*m as i64))
                .collect();
            match super::ComplexDraft::parse(&row.fr, &row.en, None, ids, &movement_names) {
                Ok(draft) => complexes.push(PlannedComplex {
                    names: draft.names,
                    category,
                    movements,
                    archived: row.archived,
                }),
                Err(errors) => {
                    for error in errors {
                        c.errors.push(RowError {
                            section: s,
                            row: i + 1,
                            error,
                        });
                    }
                }
            }
        }

        if c.errors.is_empty() {
            Ok(CataloguePlan {
                categories,
                equipment,
                exercises,
                complexes,
            })
        } else {
            Err(c.errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(key: &str, fr: &str, en: &str) -> LabelRow {
        LabelRow {
            key: key.into(),
            fr: fr.into(),
            en: en.into(),
        }
    }

    fn exercise(key: &str, fr: &str, en: &str, category: Option<&str>) -> ExerciseRow {
        ExerciseRow {
            category: category.map(Into::into),
            ..ExerciseRow::named(key, fr, en)
        }
    }

    fn file() -> CatalogueFile {
        CatalogueFile {
            categories: vec![label("snatch", "Arraché", "Snatch")],
            equipment: vec![label("barbell", "Barre", "Barbell")],
            exercises: vec![
                exercise("snatch", "Arraché", "Snatch", Some("snatch")),
                exercise("ohs", "Squat arraché", "Overhead squat", Some("snatch")),
            ],
            complexes: vec![ComplexRow {
                fr: String::new(),
                en: String::new(),
                category: Some("snatch".into()),
                movements: vec!["snatch".into(), "ohs".into()],
                archived: false,
            }],
        }
    }

    #[test]
    fn a_valid_file_becomes_a_plan_with_resolved_references() {
        let plan = file().plan();
        let plan = plan.as_ref().ok();
        assert_eq!(plan.map(|p| p.exercises[1].category), Some(Some(0)));
        assert_eq!(plan.map(|p| p.complexes[0].movements.clone()), Some(vec![0, 1]));
        assert_eq!(
            plan.map(|p| p.complexes[0].names.en.clone()),
            Some("Snatch + Overhead squat".to_owned())
        );
    }

    #[test]
    fn every_bad_row_is_reported_with_its_position_and_field() {
        let mut bad = file();
        bad.exercises.push(exercise("x", "", "", None));
        bad.exercises.push(exercise("y", "Clean", "Clean", Some("nope")));
        bad.exercises.push(exercise("z", "ARRACHE", "Snatch again", None));
        bad.complexes[0].movements.push("missing".into());
        let errors = bad.plan().err().unwrap_or_default();
        let found: Vec<(Section, usize, &str)> = errors
            .iter()
            .map(|e| (e.section, e.row, e.error.field.as_str()))
            .collect();
        assert_eq!(
            found,
            vec![
                (Section::Exercises, 3, "name_fr"),
                (Section::Exercises, 4, "category"),
                (Section::Exercises, 5, "fr"),
                (Section::Complexes, 1, "movements"),
            ]
        );
        assert_eq!(
            errors[2].error.problem,
            FieldProblem::DuplicateName {
                existing: "Arraché".into()
            }
        );
    }
}
