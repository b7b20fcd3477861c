//! Workouts: the club's reusable training templates.
//!
//! A workout has a title, a category of the club's list, a description and ordered
//! **elements**. An element trains one exercise or one complex of the catalogue with ordered
//! **blocks** (sets × reps at an intensity), a tempo and the coach's comment. An intensity is a
//! percentage of a reference exercise's max, absolute kilograms, or an RPE.
//!
//! The content of a workout ([`WorkoutContent`]) is one value: the builder edits it, the store
//! keeps it whole, and the planning calendar will copy it into each session. The shorthand a
//! coach types for an element's blocks is read and written by [`shorthand`]; the loads and
//! metrics of a workout by [`metrics`].

pub mod library;
pub mod metrics;
pub mod shorthand;

use crate::account::Validator;
use crate::error::{FieldError, FieldProblem};
use crate::ids::{ComplexId, ExerciseId};
use crate::load::Percent;
use crate::weight::Kg;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::RangeInclusive;

pub use crate::ids::{WorkoutCategoryId, WorkoutId};

/// What an element trains: one exercise, or one complex (its movements in one set, one load).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lift {
    Exercise(ExerciseId),
    Complex(ComplexId),
}

/// A rating of perceived exertion, 6 to 10 by halves, kept in half points (8.5 is 17).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Rpe(u8);

impl Rpe {
    /// The half points an RPE may take: 6 (12) to 10 (20).
    pub const HALVES: RangeInclusive<u8> = 12..=20;

    /// The RPE of `halves` half points, when it is within 6 to 10.
    pub fn from_halves(halves: u8) -> Option<Self> {
        Self::HALVES.contains(&halves).then_some(Rpe(halves))
    }

    /// A whole RPE: `Rpe::whole(8)`.
    pub fn whole(rpe: u8) -> Option<Self> {
        Self::from_halves(rpe.saturating_mul(2))
    }

    pub fn halves(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Rpe {
    type Error = String;

    fn try_from(halves: u8) -> Result<Self, Self::Error> {
        Rpe::from_halves(halves).ok_or_else(|| format!("RPE out of range: {halves} half points"))
    }
}

impl From<Rpe> for u8 {
    fn from(rpe: Rpe) -> u8 {
        rpe.0
    }
}

impl fmt::Display for Rpe {
    /// "8" or "8.5".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_multiple_of(2) {
            write!(f, "{}", self.0 / 2)
        } else {
            write!(f, "{}.5", self.0 / 2)
        }
    }
}

/// How heavy a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Intensity {
    /// A percentage of the max of `of`; `None` is the element's own reference lift (the
    /// exercise, or a complex's main lift).
    Percent {
        percent: Percent,
        of: Option<ExerciseId>,
    },
    /// A load in kilograms, the same for everyone.
    Kg(Kg),
    /// A rating of perceived exertion: the athlete picks the load.
    Rpe(Rpe),
}

/// Sets × reps at one intensity, with an optional rest between sets.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Block {
    pub sets: u16,
    /// The reps of each set: one number for an exercise, one per movement for a complex
    /// ("3 × (1+1+2)" is `[1, 1, 2]`).
    pub reps: Vec<u16>,
    pub intensity: Intensity,
    /// Seconds of rest between sets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rest: Option<u16>,
}

impl Block {
    /// The sets a block may have.
    pub const SETS: RangeInclusive<u16> = 1..=20;
    /// The reps of one movement in one set.
    pub const REPS: RangeInclusive<u16> = 1..=30;
    /// The percentages a block may ask for (pulls and partial lifts go above 100 %).
    pub const PERCENT: RangeInclusive<Percent> = Percent::whole(1)..=Percent::whole(150);
    /// The kilograms a block may ask for.
    pub const KG: RangeInclusive<Kg> = Kg::from_grams(500)..=Kg::whole(500);
    /// The rest between sets, in seconds (up to 15 minutes).
    pub const REST: RangeInclusive<u16> = 0..=900;

    /// The reps of one set, every movement together (what tonnage counts).
    pub fn reps_per_set(&self) -> u32 {
        self.reps.iter().map(|&r| u32::from(r)).sum()
    }

    /// The problem of a block read outside of any catalogue: counts and values within bounds.
    /// Whether its reps match a complex's movements needs the complex (see
    /// [`WorkoutContent::check_lifts`]).
    pub fn check(&self) -> Option<BlockProblem> {
        if !Self::SETS.contains(&self.sets) {
            return Some(BlockProblem::Sets);
        }
        if self.reps.is_empty()
            || self.reps.len() > MAX_MOVEMENTS
            || !self.reps.iter().all(|r| Self::REPS.contains(r))
        {
            return Some(BlockProblem::Reps);
        }
        if self.rest.is_some_and(|rest| !Self::REST.contains(&rest)) {
            return Some(BlockProblem::Rest);
        }
        match self.intensity {
            Intensity::Percent { percent, .. } if !Self::PERCENT.contains(&percent) => {
                Some(BlockProblem::Percent)
            }
            Intensity::Kg(kg) if !Self::KG.contains(&kg) => Some(BlockProblem::Kg),
            _ => None,
        }
    }
}

/// The most movements a complex has (as [`crate::catalogue::ComplexDraft::MAX_MOVEMENTS`]).
pub const MAX_MOVEMENTS: usize = crate::catalogue::ComplexDraft::MAX_MOVEMENTS;

/// What is wrong with a block, for the message next to its element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockProblem {
    Sets,
    Reps,
    Percent,
    Kg,
    Rest,
    /// The reps name more or fewer movements than the complex has.
    Movements {
        expected: usize,
    },
}

/// A tempo: four characters, each a digit or `X` (explosive): eccentric, pause at the bottom,
/// concentric, pause at the top ("30X1").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Tempo(String);

impl Tempo {
    /// Reads a typed tempo ("30x1" becomes "30X1"), refusing anything else under `field`.
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let text = raw.trim().to_ascii_uppercase();
        let valid = text.chars().count() == 4 && text.chars().all(|c| c.is_ascii_digit() || c == 'X');
        if valid {
            Ok(Tempo(text))
        } else {
            Err(FieldError::new(field, FieldProblem::InvalidFormat))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Tempo {
    type Error = String;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Tempo::parse("tempo", &raw).map_err(|_| format!("not a tempo: {raw:?}"))
    }
}

impl From<Tempo> for String {
    fn from(tempo: Tempo) -> String {
        tempo.0
    }
}

/// One exercise or complex of a workout, with its blocks.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Element {
    pub lift: Lift,
    pub blocks: Vec<Block>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tempo: Option<Tempo>,
    /// The coach's comment ("elbows high"), at most [`Element::COMMENT_MAX`] characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl Element {
    /// The most blocks one element may have.
    pub const MAX_BLOCKS: usize = 20;
    /// The longest comment.
    pub const COMMENT_MAX: usize = 500;

    /// An element of `lift` with these blocks, no tempo and no comment.
    pub fn new(lift: Lift, blocks: Vec<Block>) -> Self {
        Self {
            lift,
            blocks,
            tempo: None,
            comment: None,
        }
    }
}

/// The ordered elements of a workout: what a session will copy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct WorkoutContent {
    pub elements: Vec<Element>,
}

impl WorkoutContent {
    /// The most elements one workout may have.
    pub const MAX_ELEMENTS: usize = 40;

    /// Every problem of the content, each under its field: `elements` (too many),
    /// `element-{i}` (no block, too many, a block out of bounds), `element-{i}-comment`.
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let mut v = Validator::default();
        if self.elements.len() > Self::MAX_ELEMENTS {
            v.check::<()>(Err(FieldError::new(
                "elements",
                FieldProblem::TooMany {
                    max: Self::MAX_ELEMENTS,
                },
            )));
        }
        for (i, element) in self.elements.iter().enumerate() {
            let field = format!("element-{i}");
            if element.blocks.is_empty() {
                v.check::<()>(Err(FieldError::new(&field, FieldProblem::TooFew { min: 1 })));
            } else if element.blocks.len() > Element::MAX_BLOCKS {
                v.check::<()>(Err(FieldError::new(
                    &field,
                    FieldProblem::TooMany {
                        max: Element::MAX_BLOCKS,
                    },
                )));
            } else if element.blocks.iter().any(|b| b.check().is_some()) {
                v.check::<()>(Err(FieldError::new(&field, FieldProblem::InvalidFormat)));
            }
            if let Some(comment) = &element.comment {
                let field = format!("element-{i}-comment");
                v.check(crate::text::bounded(&field, comment, Element::COMMENT_MAX));
                v.check(crate::text::check_characters(&field, comment, true));
            }
        }
        v.finish()
    }

    /// The exercises the content names (elements and reference lifts), each once, in order.
    pub fn exercises(&self) -> Vec<ExerciseId> {
        let mut ids = Vec::new();
        let mut add = |id: ExerciseId| {
            if !ids.contains(&id) {
                ids.push(id);
            }
        };
        for element in &self.elements {
            if let Lift::Exercise(id) = element.lift {
                add(id);
            }
            for block in &element.blocks {
                if let Intensity::Percent { of: Some(id), .. } = block.intensity {
                    add(id);
                }
            }
        }
        ids
    }

    /// The complexes the content names, each once, in order.
    pub fn complexes(&self) -> Vec<ComplexId> {
        let mut ids = Vec::new();
        for element in &self.elements {
            if let Lift::Complex(id) = element.lift
                && !ids.contains(&id)
            {
                ids.push(id);
            }
        }
        ids
    }

    /// Checks the content against the catalogue: `movements(complex)` is the number of
    /// movements of each complex named (`None`: not the club's). Every block of a complex has
    /// one number of reps per movement. Answers the index of the first element at fault with
    /// its problem.
    pub fn check_lifts(
        &self,
        movements: impl Fn(ComplexId) -> Option<usize>,
    ) -> Result<(), (usize, BlockProblem)> {
        for (i, element) in self.elements.iter().enumerate() {
            let expected = match element.lift {
                Lift::Exercise(_) => 1,
                Lift::Complex(id) => movements(id).unwrap_or(0),
            };
            if element.blocks.iter().any(|b| b.reps.len() != expected) {
                return Err((i, BlockProblem::Movements { expected }));
            }
        }
        Ok(())
    }
}

/// A workout as a coach saves it, validated: a title of one line (at most
/// [`WorkoutDraft::TITLE_MAX`] characters), an optional description and checked content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkoutDraft {
    pub title: String,
    pub category: Option<WorkoutCategoryId>,
    pub description: Option<String>,
    pub content: WorkoutContent,
}

/// A workout as the builder sends it (JSON): read into a [`WorkoutDraft`] by
/// [`WorkoutInput::parse`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WorkoutInput {
    pub title: String,
    pub category: Option<WorkoutCategoryId>,
    pub description: String,
    pub content: WorkoutContent,
}

impl WorkoutDraft {
    pub const TITLE_MAX: usize = 120;
    pub const DESCRIPTION_MAX: usize = 4000;
}

impl WorkoutInput {
    /// Every problem at once, each under its field (`title`, `description`, and those of
    /// [`WorkoutContent::check`]).
    pub fn parse(self) -> Result<WorkoutDraft, Vec<FieldError>> {
        let mut v = Validator::default();
        let title = v.check(crate::text::line("title", &self.title, WorkoutDraft::TITLE_MAX));
        let description = self.description.trim();
        v.check(crate::text::bounded(
            "description",
            description,
            WorkoutDraft::DESCRIPTION_MAX,
        ));
        v.check(crate::text::check_characters("description", description, true));
        let content = self.content.check();
        let mut errors = v.finish().err().unwrap_or_default();
        errors.extend(content.err().unwrap_or_default());
        match title {
            Some(title) if errors.is_empty() => Ok(WorkoutDraft {
                title,
                category: self.category,
                description: (!description.is_empty()).then(|| description.to_owned()),
                content: self.content,
            }),
            _ => Err(errors),
        }
    }
}

/// A workout as the library and the builder show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workout {
    pub id: WorkoutId,
    pub title: String,
    pub category: Option<WorkoutCategoryId>,
    pub description: Option<String>,
    pub content: WorkoutContent,
    pub archived: bool,
    pub version: i64,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// The main lift of a complex, which its %-blocks refer to by default: the most important of
/// the club's `classic` lifts (in order, see [`CLASSIC_LIFTS`]) among its movements, else its
/// first movement.
pub fn main_lift(movements: &[ExerciseId], classic: &[ExerciseId]) -> Option<ExerciseId> {
    classic
        .iter()
        .copied()
        .find(|id| movements.contains(id))
        .or_else(|| movements.first().copied())
}

/// The workout categories every club starts with (French, English); the club edits them.
pub const DEFAULT_CATEGORIES: [(&str, &str); 5] = [
    ("Saison", "Season"),
    ("Décharge", "Deload"),
    ("Fond", "Base"),
    ("Technique", "Technique"),
    ("Compétition", "Competition"),
];

/// A workout may be deleted only when no planned session uses it (`sessions`: how many do);
/// otherwise it is archived. The planning calendar's sessions count here.
pub fn may_delete(sessions: usize) -> bool {
    sessions == 0
}

/// The catalogue keys of the classic lifts a complex's main lift is chosen among, most
/// important first.
pub const CLASSIC_LIFTS: [&str; 6] = [
    "snatch",
    "clean_and_jerk",
    "clean",
    "split_jerk",
    "power_snatch",
    "power_clean",
];
