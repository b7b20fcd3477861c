//! Errors shared by several modules: field validation, training settings and storage.

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

/// For tests: checks that `read` refuses each typed value with its problem, reported against
/// the `field` it was given.
#[cfg(test)]
#[track_caller]
pub(crate) fn assert_refused<T: std::fmt::Debug + PartialEq>(
    read: impl Fn(&str, &str) -> Result<T, FieldError>,
    field: &str,
    cases: &[(&str, FieldProblem)],
) {
    for (raw, problem) in cases {
        assert_eq!(
            read(field, raw),
            Err(FieldError::new(field, problem.clone())),
            "{raw:?}"
        );
    }
}

/// The reasons an input can be refused, as data (never as an English sentence). On the wire
/// as [`WireProblem`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "WireProblem", into = "WireProblem")]
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
    /// Control characters, bidirectional overrides or invisible (zero-width) characters.
    InvalidCharacters,
    /// A password among the first an attacker tries.
    CommonPassword,
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

/// A [`FieldProblem`] as it travels: the same variants, each bound one bare value
/// (`{"TooLong": 100}`). Every island decodes field problems, and each struct variant would
/// cost the browser a decoder of its own; a newtype variant reuses its value's.
#[derive(Serialize, Deserialize)]
enum WireProblem {
    Required,
    TooShort(usize),
    TooLong(usize),
    InvalidEmail,
    InvalidChoice,
    InvalidCharacters,
    CommonPassword,
    TooFew(usize),
    TooMany(usize),
    UnsupportedFile,
    FileTooLarge(usize),
    InvalidFormat,
    InvalidUrl,
    InvalidNumber,
    InvalidDate,
    FutureDate,
    DuplicateName(String),
}

impl From<WireProblem> for FieldProblem {
    fn from(wire: WireProblem) -> Self {
        match wire {
            WireProblem::Required => Self::Required,
            WireProblem::TooShort(min) => Self::TooShort { min },
            WireProblem::TooLong(max) => Self::TooLong { max },
            WireProblem::InvalidEmail => Self::InvalidEmail,
            WireProblem::InvalidChoice => Self::InvalidChoice,
            WireProblem::InvalidCharacters => Self::InvalidCharacters,
            WireProblem::CommonPassword => Self::CommonPassword,
            WireProblem::TooFew(min) => Self::TooFew { min },
            WireProblem::TooMany(max) => Self::TooMany { max },
            WireProblem::UnsupportedFile => Self::UnsupportedFile,
            WireProblem::FileTooLarge(max_mb) => Self::FileTooLarge { max_mb },
            WireProblem::InvalidFormat => Self::InvalidFormat,
            WireProblem::InvalidUrl => Self::InvalidUrl,
            WireProblem::InvalidNumber => Self::InvalidNumber,
            WireProblem::InvalidDate => Self::InvalidDate,
            WireProblem::FutureDate => Self::FutureDate,
            WireProblem::DuplicateName(existing) => Self::DuplicateName { existing },
        }
    }
}

impl From<FieldProblem> for WireProblem {
    fn from(problem: FieldProblem) -> Self {
        match problem {
            FieldProblem::Required => Self::Required,
            FieldProblem::TooShort { min } => Self::TooShort(min),
            FieldProblem::TooLong { max } => Self::TooLong(max),
            FieldProblem::InvalidEmail => Self::InvalidEmail,
            FieldProblem::InvalidChoice => Self::InvalidChoice,
            FieldProblem::InvalidCharacters => Self::InvalidCharacters,
            FieldProblem::CommonPassword => Self::CommonPassword,
            FieldProblem::TooFew { min } => Self::TooFew(min),
            FieldProblem::TooMany { max } => Self::TooMany(max),
            FieldProblem::UnsupportedFile => Self::UnsupportedFile,
            FieldProblem::FileTooLarge { max_mb } => Self::FileTooLarge(max_mb),
            FieldProblem::InvalidFormat => Self::InvalidFormat,
            FieldProblem::InvalidUrl => Self::InvalidUrl,
            FieldProblem::InvalidNumber => Self::InvalidNumber,
            FieldProblem::InvalidDate => Self::InvalidDate,
            FieldProblem::FutureDate => Self::FutureDate,
            FieldProblem::DuplicateName { existing } => Self::DuplicateName(existing),
        }
    }
}

/// The problems of a refused file, as reported: the first [`Report::SHOWN`] of them and how
/// many there are in all. A file of a thousand bad rows gets a readable answer of bounded size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report<P> {
    pub problems: Vec<P>,
    pub total: usize,
}

impl<P> Report<P> {
    /// How many problems a report lists at most.
    pub const SHOWN: usize = 100;

    pub fn of(mut problems: Vec<P>) -> Self {
        let total = problems.len();
        problems.truncate(Self::SHOWN);
        Self { problems, total }
    }

    /// Whether some problems are counted but not listed.
    pub fn is_partial(&self) -> bool {
        self.total > self.problems.len()
    }
}

/// What is wrong with one field of the training settings. `field` names it as the form does:
/// `bar_men`, `plates[2].count`, `ratios[0].factor`, `step`, `lift_count_threshold`.
///
/// Checked by [`crate::settings`], [`crate::load`] (the plates) and [`crate::ratios`], so it
/// lives here, below all three.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsError {
    pub field: String,
    pub problem: SettingsProblem,
}

impl SettingsError {
    pub fn new(field: &str, problem: SettingsProblem) -> Self {
        Self {
            field: field.to_owned(),
            problem,
        }
    }
}

/// The reasons a training setting can be refused, as data (never as an English sentence).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SettingsProblem {
    /// A weight (bar, collar, plate, step) of zero or less.
    NotPositive,
    /// An odd number of plates: plates are counted singly and loaded in pairs.
    OddCount,
    /// A plate weight, or an exercise's ratio, listed twice.
    Duplicate,
    /// A whole number outside `min..=max`.
    OutOfRange { min: i64, max: i64 },
    /// A ratio factor not above 0 or above 3.
    FactorOutOfRange,
    /// A ratio of an exercise to itself.
    SelfRatio,
    /// Ratios that lead round in a circle.
    RatioCycle,
    /// Ratios chained deeper than `max`.
    ChainTooLong { max: usize },
    /// More plate weights than an inventory may list.
    TooManyPlates { max: usize },
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_problem_travels_and_comes_back_as_it_was() {
        let problems = [
            FieldProblem::Required,
            FieldProblem::TooShort { min: 8 },
            FieldProblem::TooLong { max: 120 },
            FieldProblem::InvalidEmail,
            FieldProblem::InvalidChoice,
            FieldProblem::InvalidCharacters,
            FieldProblem::CommonPassword,
            FieldProblem::TooFew { min: 2 },
            FieldProblem::TooMany { max: 40 },
            FieldProblem::UnsupportedFile,
            FieldProblem::FileTooLarge { max_mb: 5 },
            FieldProblem::InvalidFormat,
            FieldProblem::InvalidUrl,
            FieldProblem::InvalidNumber,
            FieldProblem::InvalidDate,
            FieldProblem::FutureDate,
            FieldProblem::DuplicateName {
                existing: "Arraché \"lourd\"".to_owned(),
            },
        ];
        for problem in problems {
            let text = serde_json::to_string(&problem).expect("written");
            let back: FieldProblem = serde_json::from_str(&text).expect("read");
            assert_eq!(back, problem, "{text}");
        }
        assert_eq!(
            serde_json::to_string(&FieldProblem::TooLong { max: 120 }).expect("written"),
            r#"{"TooLong":120}"#
        );
    }

    #[test]
    fn a_report_lists_the_first_problems_and_counts_them_all() {
        let report = Report::of((1..=1_000).collect::<Vec<u32>>());
        assert_eq!(report.total, 1_000);
        assert_eq!(report.problems.len(), Report::<u32>::SHOWN);
        assert_eq!(report.problems.first(), Some(&1));
        assert!(report.is_partial());
        let small = Report::of(vec![7]);
        assert_eq!(
            (small.total, small.is_partial(), small.problems),
            (1, false, vec![7])
        );
    }
}
