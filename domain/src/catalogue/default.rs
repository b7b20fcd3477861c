//! The catalogue every new club starts with: `domain/data/default-catalogue.json`, a reviewed
//! file of the classic lifts, their variants and classic complexes, in French and English.
//! It is copied into the club at creation; from then on the copy is the club's own to edit.

use super::Exercise;
use super::file::{CatalogueFile, CataloguePlan, RowError};
use super::search::fold;
use crate::ids::ExerciseId;
use std::collections::HashMap;
use std::sync::LazyLock;

const DEFAULT: &str = include_str!("../../data/default-catalogue.json");

/// The default catalogue as a file (for example to show it or export it).
pub fn file() -> Result<CatalogueFile, String> {
    serde_json::from_str(DEFAULT).map_err(|e| format!("default catalogue: {e}"))
}

/// The default catalogue, validated once and ready to be copied into a club. (A unit test
/// proves the file valid, so the error cannot happen in a released build.)
pub fn plan() -> Result<&'static CataloguePlan, String> {
    static PLAN: LazyLock<Result<CataloguePlan, String>> = LazyLock::new(|| {
        file()?
            .plan()
            .map_err(|errors: Vec<RowError>| format!("default catalogue: {errors:?}"))
    });
    PLAN.as_ref().map_err(Clone::clone)
}

/// The club's exercises that came from the default catalogue, by their key in it ("snatch",
/// "clean_and_jerk"…), found by French name (accents and case aside). Rules written with
/// catalogue keys (the default ratios, the main lifts) apply to a club through this map; an
/// exercise the club renamed or deleted is simply absent.
pub fn club_keys<'a>(exercises: impl IntoIterator<Item = &'a Exercise>) -> HashMap<&'static str, ExerciseId> {
    static KEYS: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
        file()
            .map(|f| f.exercises.into_iter().map(|e| (fold(&e.fr), e.key)).collect())
            .unwrap_or_default()
    });
    let by_name: HashMap<&str, &'static str> = KEYS
        .iter()
        .map(|(name, key)| (name.as_str(), key.as_str()))
        .collect();
    exercises
        .into_iter()
        .filter_map(|e| by_name.get(fold(&e.names.fr).as_str()).map(|key| (*key, e.id)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::search::{SearchNames, rank};

    #[test]
    fn the_default_catalogue_is_valid_and_large_enough() {
        let plan = plan();
        assert!(plan.is_ok(), "{plan:?}");
        let plan = plan.unwrap_or_else(|_| unreachable!());
        assert!(plan.exercises.len() >= 60, "{} exercises", plan.exercises.len());
        assert!(plan.complexes.len() >= 8, "{} complexes", plan.complexes.len());
        // Every exercise is sorted into a category.
        assert!(plan.exercises.iter().all(|e| e.category.is_some()));
    }

    #[test]
    fn the_classic_lifts_are_there_and_findable() {
        let file = file().unwrap_or_default();
        let find = |query: &str| {
            rank(query, file.exercises.clone(), |e, q| {
                SearchNames::new([e.fr.as_str(), e.en.as_str()], e.short.as_deref()).score(q)
            })
            .first()
            .map(|e| e.fr.clone())
        };
        assert_eq!(find("snatch").as_deref(), Some("Arraché"));
        assert_eq!(find("arache").as_deref(), Some("Arraché"));
        assert_eq!(find("TLA").as_deref(), Some("Tirage lourd d'arraché"));
        assert_eq!(find("clean and jerk").as_deref(), Some("Épaulé-jeté"));
        assert_eq!(find("front squat").as_deref(), Some("Squat clavicules"));
        assert_eq!(find("RDL").as_deref(), Some("Soulevé de terre roumain"));
        assert_eq!(find("snatch balance").as_deref(), Some("Snatch balance"));
    }

    #[test]
    fn classic_complexes_are_named_after_their_movements() {
        let plan = plan().unwrap_or_else(|e| panic!("{e}"));
        let names: Vec<&str> = plan.complexes.iter().map(|c| c.names.fr.as_str()).collect();
        assert!(
            names.contains(&"Tirage lourd d'arraché + Arraché + Squat arraché"),
            "{names:?}"
        );
        assert!(
            names.contains(&"Épaulé + Squat clavicules + Jeté fendu"),
            "{names:?}"
        );
    }

    #[test]
    fn club_exercises_are_found_by_their_default_french_name() {
        let exercise = |id: i64, fr: &str| {
            let names = crate::catalogue::Names {
                fr: fr.into(),
                en: String::new(),
            };
            Exercise::named(ExerciseId(id), names)
        };
        let club = [
            exercise(1, "ARRACHE"),
            exercise(2, "Épaulé-jeté"),
            exercise(3, "Mon exercice"),
        ];
        let keys = club_keys(&club);
        assert_eq!(keys.get("snatch"), Some(&ExerciseId(1)));
        assert_eq!(keys.get("clean_and_jerk"), Some(&ExerciseId(2)));
        assert_eq!(keys.len(), 2, "{keys:?}");
    }
}
