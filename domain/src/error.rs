//! Errors shared by several modules: field validation and storage.

use serde::{Deserialize, Serialize};

/// What is wrong with one input field. The UI translates `problem` and shows it next to `field`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub problem: FieldProblem,
}

impl FieldError {
    pub fn new(field: &str, problem: FieldProblem) -> Self {
        Self {
            field: field.to_owned(),
            problem,
        }
    }
}

/// The reasons an input can be refused, as data (never as an English sentence).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldProblem {
    Required,
    TooShort {
        min: usize,
    },
    TooLong {
        max: usize,
    },
    InvalidEmail,
    InvalidChoice,
    /// A list with fewer items than it needs.
    TooFew {
        min: usize,
    },
    /// A list with more items than it may have.
    TooMany {
        max: usize,
    },
    /// An uploaded file of a type this place does not take (read from its content).
    UnsupportedFile,
    /// An uploaded file over the size limit.
    FileTooLarge {
        max_mb: usize,
    },
    /// A file that cannot be read in the expected format.
    InvalidFormat,
    /// Not a web address (http or https).
    InvalidUrl,
    /// Not a number (kilograms, reps, a percentage).
    InvalidNumber,
    /// Not a date (year-month-day).
    InvalidDate,
    /// A date that cannot be in the future (a birth date, a weighing).
    FutureDate,
    /// Another record of the club already has this name; `existing` is that record's name.
    DuplicateName {
        existing: String,
    },
}

/// Failures of a storage adapter, as the domain sees them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// No such record in this club (a foreign club's record is "not found" too).
    #[error("not found")]
    NotFound,
    /// The record changed since the version the caller read.
    #[error("the record was changed by someone else")]
    Conflict,
    /// A unique constraint refused the write.
    #[error("already exists")]
    Duplicate,
    /// The record is referred to by others and cannot be deleted.
    #[error("in use")]
    InUse,
    /// The database could not be reached or failed.
    #[error("storage failure: {0}")]
    Backend(String),
}
