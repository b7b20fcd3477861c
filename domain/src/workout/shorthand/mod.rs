//! The shorthand a coach types for an element's blocks (`5x3 @75%`), read and written back.
//!
//! One text field per element holds its blocks. [`parse`] reads it, live in the browser and
//! again on the server, against a [`Lexicon`] of the club's exercises (built once per page);
//! [`print`] writes blocks back in the canonical shorthand, and [`describe`] in full words, in
//! French or English, so the coach can check what was understood.
//!
//! # What is read
//!
//! Blocks are separated by `,` or `;`. A comma directly between two digits is a decimal comma
//! (`82,5%`), except right after a whole number of sets or reps (`75%x2,80%x2` is two blocks).
//! A block is one of:
//!
//! - **sets × reps at an intensity**: `5x3 @75%`, `4x2 @100kg`, `3x5 @RPE8`. The times sign is
//!   `x`, `X` or `×`; the `@` may be left out (`5x3 75%`). Reps per movement of a complex are
//!   joined by `+`, in parentheses or not: `3x(1+1) @80%`, `3x1+1 @80%`.
//! - **a pyramid step**: `75%x2` (one set of 2 at 75 %), `85%x1x3` (3 sets of 1), `100kgx3`.
//!
//! An intensity is a percentage (`75%`, `82,5 %`), kilograms (`100kg`, `102.5 kg`) or an RPE
//! (`RPE8`, `rpe 8,5`, `8.5 RPE`); its unit is required. A percentage may be followed by the
//! exercise it is a percentage of (else it is of the element's own reference lift): its French
//! or English name or its short name, in any case and with or without accents, after an
//! optional `of`, `de`, `du`, `d'`, `de l'`… (`@80% snatch`, `@80% de l'arraché`, `@80 % TLA`).
//! A block may end with the rest between its sets: `120s`, `90"`, `2min`, `2 min`, `2'`,
//! `1'30`, `1 min 30 s`, `1,5 min`.
//!
//! Numbers are written with a dot or a comma; spaces are optional between the parts. A name
//! is matched as the catalogue search compares names: punctuation separates words and is
//! otherwise ignored, so a name can hold any character but `,` and `;` (which end the block).
//! The longest exact name wins; a name typed in part or with a typo is taken when only one
//! exercise fits best (else [`ShorthandProblem::AmbiguousExercise`] lists them).
//!
//! # Errors
//!
//! [`parse`] answers the first problem with its span, in **characters** (not bytes) of the text
//! as typed, so the builder can underline it. An empty span (`start == end`) marks where
//! something is missing (at the end of the text, or right after the reps for a missing
//! intensity): the builder shows a mark at that position. The text itself is never changed.

mod lexicon;
mod parser;
mod words;

pub use lexicon::Lexicon;
pub use parser::{move_block, parse};
pub use words::{describe, print};

use crate::ids::ExerciseId;
use serde::{Deserialize, Serialize};

/// The longest text [`parse`] reads, in characters: enough for
/// [`Element::MAX_BLOCKS`](super::Element::MAX_BLOCKS) blocks of the longest kind (eight
/// movements, a reference of [`crate::catalogue::Name::MAX`] characters, a rest), so that
/// whatever [`print`] writes for valid blocks can be read back.
pub const MAX_CHARS: usize = 2_500;

/// The most candidates an [`ShorthandProblem::AmbiguousExercise`] lists.
pub const MAX_CANDIDATES: usize = 5;

/// The UI's language for [`describe`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// French.
    #[default]
    Fr,
    /// English.
    En,
}

/// What a value out of bounds is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quantity {
    /// Sets: a whole number within [`Block::SETS`](super::Block::SETS).
    Sets,
    /// Reps of one movement: a whole number within [`Block::REPS`](super::Block::REPS).
    Reps,
    /// Movements of a complex: at most [`MAX_MOVEMENTS`](super::MAX_MOVEMENTS) numbers of reps.
    Movements,
    /// A percentage within [`Block::PERCENT`](super::Block::PERCENT), to the hundredth.
    Percent,
    /// Kilograms within [`Block::KG`](super::Block::KG), to the gram.
    Kg,
    /// An RPE of 6 to 10 by halves.
    Rpe,
    /// A rest within [`Block::REST`](super::Block::REST) seconds, in whole seconds.
    Rest,
}

/// What is wrong with a shorthand, for the message under the field (the UI translates it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShorthandProblem {
    /// Nothing but spaces.
    Empty,
    /// Longer than `max` characters (the span is the excess).
    TooLong { max: usize },
    /// A number (sets, reps, a value) was expected here.
    ExpectedNumber,
    /// A times sign (`x`, `X` or `×`) was expected here.
    ExpectedTimes,
    /// An intensity (`75%`, `100kg`, `RPE8`) was expected here.
    ExpectedIntensity,
    /// The block has sets and reps but no intensity (`3x10`): the span is empty, right after
    /// the reps.
    MissingIntensity,
    /// A number without its unit (`@75`, a rest of `120`): `%`, `kg`, `RPE`, `s` or `min`.
    MissingUnit,
    /// A `(` without its `)` (the span is the `(`).
    UnclosedParenthesis,
    /// No exercise of the club has this name.
    UnknownExercise,
    /// Several exercises could be meant: the best `candidates` (at most [`MAX_CANDIDATES`]).
    AmbiguousExercise { candidates: Vec<ExerciseId> },
    /// A value out of its bounds, or more precise than it may be.
    OutOfRange { what: Quantity },
    /// More than `max` blocks (the span runs from the first block too many to the end).
    TooManyBlocks { max: usize },
    /// Text that has no place here (after kilograms or an RPE, after a name…).
    UnexpectedText,
}

/// A shorthand that could not be read: the problem and where it is.
///
/// `start` and `end` are offsets in **characters** (Unicode scalar values: not bytes, and not
/// the UTF-16 units of a JavaScript string) of the text as typed; `start <= end`, and `end` is
/// at most the text's length in characters. An empty span marks where something is missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{problem:?} at characters {start}..{end}")]
pub struct ShorthandError {
    pub start: usize,
    pub end: usize,
    pub problem: ShorthandProblem,
}

impl ShorthandError {
    /// The `problem` at characters `start..end`.
    pub fn new(start: usize, end: usize, problem: ShorthandProblem) -> Self {
        Self { start, end, problem }
    }
}

#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod tests;
