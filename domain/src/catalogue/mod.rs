//! The club's catalogue: exercises, complexes, and the categories and equipment that sort them.
//!
//! Names are bilingual (French and English); a short name is what coaches write on a board
//! ("TLA"). The rules: names are required and bounded, no two exercises of a club share a name
//! (compared without case or accents), a complex's name defaults to its movements joined by
//! " + ", and an exercise that is used is archived, never deleted.

pub mod browse;
pub mod cache;
pub mod default;
pub mod exchange;
pub mod file;
pub mod search;

use crate::account::Validator;
use crate::error::{FieldError, FieldProblem};
use crate::ids::{CategoryId, ComplexId, EquipmentId, ExerciseId};
use crate::text::{line, optional_line, optional_text};
use serde::{Deserialize, Serialize};

/// The name of an exercise, a complex, a category or a piece of equipment, in one language:
/// spaces collapsed, 1 to 80 characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Name(String);

impl Name {
    pub const MAX: usize = 80;

    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        line(field, raw, Self::MAX).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form two names are compared in: "Épaulé-jeté" and "epaule jete" are the same name.
    pub fn key(&self) -> String {
        search::fold(&self.0)
    }
}

/// A name in French and in English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Names {
    pub fr: String,
    pub en: String,
}

/// What a coach fills in to create or edit an exercise, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExerciseDraft {
    pub name_fr: Name,
    pub name_en: Name,
    pub short_name: Option<String>,
    pub category: Option<CategoryId>,
    pub equipment: Option<EquipmentId>,
    pub description: Option<String>,
    pub video_url: Option<String>,
}

/// An exercise form as typed (ids already parsed by the caller).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseInput {
    pub name_fr: String,
    pub name_en: String,
    pub short_name: String,
    pub category: Option<CategoryId>,
    pub equipment: Option<EquipmentId>,
    pub description: String,
    pub video_url: String,
}

/// The exercise form's fields, as posted: the category and the equipment are the ids of the
/// chosen entries, empty for none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExerciseForm {
    pub name_fr: String,
    pub name_en: String,
    pub short_name: String,
    pub category: String,
    pub equipment: String,
    pub description: String,
    pub video_url: String,
}

impl ExerciseForm {
    /// Checks every field and reports every problem at once (see [`ExerciseDraft::parse`]).
    /// Whether the chosen entries are the club's is the use-case's to check.
    pub fn parse(self) -> Result<ExerciseDraft, Vec<FieldError>> {
        let mut errors = Vec::new();
        let category = list_choice("category", &self.category, &mut errors).map(CategoryId);
        let equipment = list_choice("equipment", &self.equipment, &mut errors).map(EquipmentId);
        let input = ExerciseInput {
            name_fr: self.name_fr,
            name_en: self.name_en,
            short_name: self.short_name,
            category,
            equipment,
            description: self.description,
            video_url: self.video_url,
        };
        match ExerciseDraft::parse(&input) {
            Ok(draft) if errors.is_empty() => Ok(draft),
            Ok(_) => Err(errors),
            Err(mut problems) => {
                problems.append(&mut errors);
                Err(problems)
            }
        }
    }
}

/// An entry chosen in one of the lists: empty is none; anything else must be an id.
fn list_choice(field: &str, raw: &str, errors: &mut Vec<FieldError>) -> Option<i64> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let parsed = raw.parse().ok();
    if parsed.is_none() {
        errors.push(FieldError::new(field, FieldProblem::InvalidChoice));
    }
    parsed
}

impl ExerciseDraft {
    pub const SHORT_MAX: usize = 12;
    pub const DESCRIPTION_MAX: usize = 4000;
    pub const URL_MAX: usize = 500;

    /// Checks every field and reports every problem at once. The English name defaults to the
    /// French one (and the other way round) when only one is given.
    pub fn parse(input: &ExerciseInput) -> Result<Self, Vec<FieldError>> {
        let mut v = Validator::default();
        let (fr_raw, en_raw) = match (input.name_fr.trim(), input.name_en.trim()) {
            ("", en) => (en, en),
            (fr, "") => (fr, fr),
            (fr, en) => (fr, en),
        };
        let name_fr = v.check(Name::parse("name_fr", fr_raw));
        let name_en = if fr_raw.is_empty() {
            // One "required" message is enough, on the French name.
            None
        } else {
            v.check(Name::parse("name_en", en_raw))
        };
        let short_name = v.check(optional_line("short_name", &input.short_name, Self::SHORT_MAX));
        let description = v.check(optional_text(
            "description",
            &input.description,
            Self::DESCRIPTION_MAX,
        ));
        let video_url = v.check(video_url("video_url", &input.video_url, Self::URL_MAX));
        match (name_fr, name_en, short_name, description, video_url) {
            (Some(name_fr), Some(name_en), Some(short_name), Some(description), Some(video_url)) => {
                Ok(Self {
                    name_fr,
                    name_en,
                    short_name,
                    category: input.category,
                    equipment: input.equipment,
                    description,
                    video_url,
                })
            }
            _ => Err(v.finish().err().unwrap_or_default()),
        }
    }
}

/// A link to a video: an http(s) address.
fn video_url(field: &str, raw: &str, max: usize) -> Result<Option<String>, FieldError> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    if value.chars().count() > max {
        return Err(FieldError::new(field, FieldProblem::TooLong { max }));
    }
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"));
    match rest {
        Some(rest)
            if !rest.is_empty() && !rest.starts_with('/') && !value.chars().any(char::is_whitespace) =>
        {
            Ok(Some(value.to_owned()))
        }
        _ => Err(FieldError::new(field, FieldProblem::InvalidUrl)),
    }
}

/// An exercise as the catalogue shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exercise {
    pub id: ExerciseId,
    pub names: Names,
    pub short_name: Option<String>,
    pub category: Option<CategoryId>,
    pub equipment: Option<EquipmentId>,
    pub description: Option<String>,
    pub video_url: Option<String>,
    /// The uploaded image and video, as keys of the media store.
    pub image: Option<String>,
    pub video: Option<String>,
    pub archived: bool,
    pub version: i64,
}

impl Exercise {
    /// A new exercise with only its names: no details or media, not archived, at its first
    /// version.
    pub fn named(id: ExerciseId, names: Names) -> Self {
        Self {
            id,
            names,
            short_name: None,
            category: None,
            equipment: None,
            description: None,
            video_url: None,
            image: None,
            video: None,
            archived: false,
            version: 1,
        }
    }

    pub fn search_names(&self) -> search::SearchNames {
        search::SearchNames::new(
            [self.names.fr.as_str(), self.names.en.as_str()],
            self.short_name.as_deref(),
        )
    }
}

/// The club's editable lists: the catalogue's categories and equipment, and the categories of
/// its workouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LabelKind {
    Category,
    Equipment,
    /// The categories of the club's workouts (season, deload…).
    Workout,
}

impl LabelKind {
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "category" => Some(LabelKind::Category),
            "equipment" => Some(LabelKind::Equipment),
            "workout" => Some(LabelKind::Workout),
            _ => None,
        }
    }
}

/// A category or a piece of equipment as typed, validated: the English name defaults to the
/// French one.
pub fn label_names(name_fr: &str, name_en: &str) -> Result<Names, Vec<FieldError>> {
    let mut v = Validator::default();
    let fr = v.check(Name::parse("name_fr", name_fr));
    let en = if name_en.trim().is_empty() {
        fr.clone()
    } else {
        v.check(Name::parse("name_en", name_en))
    };
    match (fr, en) {
        (Some(fr), Some(en)) => Ok(Names { fr: fr.0, en: en.0 }),
        _ => Err(v.finish().err().unwrap_or_default()),
    }
}

/// A category or a piece of equipment: a bilingual label of the club's own list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label<Id> {
    pub id: Id,
    pub names: Names,
}

/// A complex: exercises done one after the other in one set, with one load.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Complex {
    pub id: ComplexId,
    pub names: Names,
    pub category: Option<CategoryId>,
    /// The movements in order (an exercise may appear twice).
    pub movements: Vec<ExerciseId>,
    pub archived: bool,
    pub version: i64,
}

/// The name a complex gets when the coach gives none: its movements joined by " + ".
pub fn complex_name<'a>(movements: impl IntoIterator<Item = &'a str>) -> String {
    movements.into_iter().collect::<Vec<_>>().join(" + ")
}

/// A complex as built by a coach, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplexDraft {
    pub names: Names,
    pub category: Option<CategoryId>,
    pub movements: Vec<ExerciseId>,
}

impl ComplexDraft {
    pub const MAX_MOVEMENTS: usize = 8;

    /// `movement_names` are the French and English names of `movements`, in order; they name
    /// the complex when the coach leaves a name empty.
    pub fn parse(
        name_fr: &str,
        name_en: &str,
        category: Option<CategoryId>,
        movements: Vec<ExerciseId>,
        movement_names: &[Names],
    ) -> Result<Self, Vec<FieldError>> {
        let mut v = Validator::default();
        if movements.len() < 2 {
            v.check::<()>(Err(FieldError::new("movements", FieldProblem::TooFew { min: 2 })));
        } else if movements.len() > Self::MAX_MOVEMENTS {
            v.check::<()>(Err(FieldError::new(
                "movements",
                FieldProblem::TooMany {
                    max: Self::MAX_MOVEMENTS,
                },
            )));
        }
        let default_fr = complex_name(movement_names.iter().map(|n| n.fr.as_str()));
        let default_en = complex_name(movement_names.iter().map(|n| n.en.as_str()));
        let pick = |typed: &str, default: String| {
            if typed.trim().is_empty() {
                default
            } else {
                typed.to_owned()
            }
        };
        // A default name longer than a name may be is cut, never refused; without movements there
        // is no default name, and the movements' message is the one to show.
        let fr = pick(name_fr, truncate(&default_fr, Name::MAX));
        let en = pick(name_en, truncate(&default_en, Name::MAX));
        if fr.trim().is_empty() && en.trim().is_empty() && movements.is_empty() {
            return Err(v.finish().err().unwrap_or_default());
        }
        let fr = v.check(Name::parse("name_fr", &fr));
        let en = v.check(Name::parse("name_en", &en));
        match (fr, en, v.finish()) {
            (Some(fr), Some(en), Ok(())) => Ok(Self {
                names: Names { fr: fr.0, en: en.0 },
                category,
                movements,
            }),
            (_, _, Err(errors)) => Err(errors),
            _ => Err(Vec::new()),
        }
    }
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(max - 1).collect();
        cut.push('…');
        cut
    }
}

/// The names of a complex's movements, checking each: an exercise of the club, and not archived
/// unless the complex already had it (an archived exercise stays where it was used, but is not
/// added anywhere new).
pub fn movement_names(
    movements: &[ExerciseId],
    exercises: &[Exercise],
    already_in: &[ExerciseId],
) -> Result<Vec<Names>, FieldError> {
    movements
        .iter()
        .map(|id| match exercises.iter().find(|e| e.id == *id) {
            Some(e) if !e.archived || already_in.contains(id) => Ok(e.names.clone()),
            _ => Err(FieldError::new("movements", FieldProblem::InvalidChoice)),
        })
        .collect()
}

/// Whether an exercise may be deleted for good: only when nothing uses it.
pub fn may_delete(uses: usize) -> bool {
    uses == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exercise_form_reads_the_chosen_entries_and_says_every_problem_at_once() {
        let form = ExerciseForm {
            name_fr: "Arraché".into(),
            category: " 3 ".into(),
            ..ExerciseForm::default()
        };
        let draft = form.parse().expect("valid");
        assert_eq!(
            (draft.category, draft.equipment, draft.name_en.as_str()),
            (Some(CategoryId(3)), None, "Arraché")
        );
        let form = ExerciseForm {
            category: "weights".into(),
            equipment: "1e3".into(),
            ..ExerciseForm::default()
        };
        assert_eq!(
            form.parse(),
            Err(vec![
                FieldError::new("name_fr", FieldProblem::Required),
                FieldError::new("category", FieldProblem::InvalidChoice),
                FieldError::new("equipment", FieldProblem::InvalidChoice),
            ])
        );
    }

    fn input(fr: &str, en: &str) -> ExerciseInput {
        ExerciseInput {
            name_fr: fr.into(),
            name_en: en.into(),
            ..ExerciseInput::default()
        }
    }

    fn problems(result: Result<ExerciseDraft, Vec<FieldError>>) -> Vec<(String, FieldProblem)> {
        result
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect()
    }

    #[test]
    fn a_name_is_required_and_bounded() {
        assert_eq!(
            problems(ExerciseDraft::parse(&input("  ", ""))),
            vec![("name_fr".to_owned(), FieldProblem::Required)]
        );
        let long = "x".repeat(81);
        assert_eq!(
            problems(ExerciseDraft::parse(&input(&long, "Snatch"))),
            vec![("name_fr".to_owned(), FieldProblem::TooLong { max: 80 })]
        );
        assert!(ExerciseDraft::parse(&input(&"x".repeat(80), "Snatch")).is_ok());
    }

    #[test]
    fn spaces_are_collapsed_and_a_missing_language_is_filled() {
        let draft = ExerciseDraft::parse(&input("  Arraché   debout ", "")).ok();
        let names = draft.map(|d| (d.name_fr.0, d.name_en.0));
        assert_eq!(
            names,
            Some(("Arraché debout".to_owned(), "Arraché debout".to_owned()))
        );
        let draft = ExerciseDraft::parse(&input("", "Power snatch")).ok();
        assert_eq!(draft.map(|d| d.name_fr.0), Some("Power snatch".to_owned()));
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let typed = ExerciseInput {
            name_fr: String::new(),
            name_en: String::new(),
            short_name: "BEAUCOUP TROP LONG".into(),
            video_url: "youtube".into(),
            description: "d".repeat(4001),
            ..ExerciseInput::default()
        };
        let fields: Vec<String> = problems(ExerciseDraft::parse(&typed))
            .into_iter()
            .map(|p| p.0)
            .collect();
        assert_eq!(fields, ["name_fr", "short_name", "description", "video_url"]);
    }

    #[test]
    fn a_video_link_is_a_web_address() {
        let with_url = |url: &str| {
            ExerciseDraft::parse(&ExerciseInput {
                video_url: url.into(),
                ..input("Arraché", "Snatch")
            })
        };
        assert!(with_url("https://www.youtube.com/watch?v=abc").is_ok());
        assert!(with_url("").is_ok_and(|d| d.video_url.is_none()));
        assert_eq!(
            problems(with_url("javascript:alert(1)")),
            vec![("video_url".to_owned(), FieldProblem::InvalidUrl)]
        );
        assert!(with_url("https:///nohost").is_err());
        assert!(with_url("https://a b").is_err());
    }

    #[test]
    fn names_compare_without_case_or_accents() {
        let a = Name::parse("n", "Épaulé-jeté").ok().map(|n| n.key());
        let b = Name::parse("n", "epaule  JETE").ok().map(|n| n.key());
        assert_eq!(a, b);
    }

    #[test]
    fn a_complex_is_named_after_its_movements() {
        assert_eq!(
            complex_name(["Tirage lourd d'arraché", "Arraché", "Squat arraché"]),
            "Tirage lourd d'arraché + Arraché + Squat arraché"
        );
        let names = [
            Names {
                fr: "Épaulé".into(),
                en: "Clean".into(),
            },
            Names {
                fr: "Jeté".into(),
                en: "Jerk".into(),
            },
        ];
        let draft = ComplexDraft::parse("", " ", None, vec![ExerciseId(1), ExerciseId(2)], &names);
        assert_eq!(
            draft.map(|d| d.names),
            Ok(Names {
                fr: "Épaulé + Jeté".into(),
                en: "Clean + Jerk".into()
            })
        );
        let named = ComplexDraft::parse(
            "Mon complexe",
            "",
            None,
            vec![ExerciseId(1), ExerciseId(2)],
            &names,
        );
        assert_eq!(named.map(|d| d.names.fr), Ok("Mon complexe".to_owned()));
    }

    #[test]
    fn an_empty_complex_is_told_to_add_movements_only() {
        let empty = ComplexDraft::parse("", "", None, vec![], &[]);
        let fields: Vec<String> = empty
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["movements"]);
    }

    #[test]
    fn a_complex_has_two_to_eight_movements_and_a_bounded_default_name() {
        let one = Names {
            fr: "Un mouvement au nom vraiment très long".into(),
            en: "A movement with a really long name".into(),
        };
        let single = ComplexDraft::parse("", "", None, vec![ExerciseId(1)], std::slice::from_ref(&one));
        assert_eq!(
            single.err().map(|e| e[0].problem.clone()),
            Some(FieldProblem::TooFew { min: 2 })
        );
        let nine = ComplexDraft::parse("", "", None, vec![ExerciseId(1); 9], &vec![one.clone(); 9]);
        assert_eq!(
            nine.err().map(|e| e[0].problem.clone()),
            Some(FieldProblem::TooMany { max: 8 })
        );
        let four = ComplexDraft::parse("", "", None, vec![ExerciseId(1); 4], &vec![one; 4]);
        let name = four.map(|d| d.names.fr).unwrap_or_default();
        assert_eq!(name.chars().count(), Name::MAX);
        assert!(name.ends_with('…'));
    }

    fn stored(id: i64, fr: &str, archived: bool) -> Exercise {
        let names = Names {
            fr: fr.into(),
            en: fr.into(),
        };
        Exercise {
            archived,
            ..Exercise::named(ExerciseId(id), names)
        }
    }

    #[test]
    fn movements_are_the_clubs_exercises_and_archived_ones_only_stay() {
        let club = [stored(1, "Arraché", false), stored(2, "Chute", true)];
        let names = movement_names(&[ExerciseId(1), ExerciseId(1)], &club, &[]);
        assert_eq!(names.map(|n| n.len()), Ok(2));
        // Unknown (another club's) exercise.
        assert!(movement_names(&[ExerciseId(1), ExerciseId(9)], &club, &[]).is_err());
        // An archived exercise is not added to a new complex…
        assert!(movement_names(&[ExerciseId(2), ExerciseId(1)], &club, &[]).is_err());
        // …but stays in a complex that had it.
        let kept = movement_names(&[ExerciseId(1), ExerciseId(2)], &club, &[ExerciseId(2)]);
        assert_eq!(kept.map(|n| n[1].fr.clone()), Ok("Chute".to_owned()));
    }

    #[test]
    fn a_label_needs_a_french_name_and_borrows_it_in_english() {
        assert_eq!(
            label_names(" Pliométrie ", ""),
            Ok(Names {
                fr: "Pliométrie".into(),
                en: "Pliométrie".into()
            })
        );
        let missing = label_names("", "Plyometrics").err().unwrap_or_default();
        assert_eq!(missing[0].field, "name_fr");
        assert_eq!(LabelKind::parse("equipment"), Some(LabelKind::Equipment));
        assert_eq!(LabelKind::parse("colour"), None);
    }

    #[test]
    fn only_an_unused_exercise_may_be_deleted() {
        assert!(may_delete(0));
        assert!(!may_delete(1));
    }
}
