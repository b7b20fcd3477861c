//! Typed text as forms send it, checked: one-line names and free texts, bounded.

use crate::error::{FieldError, FieldProblem};

/// A required one-line text: spaces collapsed, 1 to `max` characters.
pub(crate) fn line(field: &str, raw: &str, max: usize) -> Result<String, FieldError> {
    let value = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let len = value.chars().count();
    if len == 0 {
        Err(FieldError::new(field, FieldProblem::Required))
    } else if len > max {
        Err(FieldError::new(field, FieldProblem::TooLong { max }))
    } else {
        Ok(value)
    }
}

/// An optional one-line text: empty is `None`, otherwise as [`line`].
pub(crate) fn optional_line(field: &str, raw: &str, max: usize) -> Result<Option<String>, FieldError> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        line(field, raw, max).map(Some)
    }
}

/// An optional free text: kept as typed (line breaks matter), trimmed, at most `max`
/// characters; empty is `None`.
pub(crate) fn optional_text(field: &str, raw: &str, max: usize) -> Result<Option<String>, FieldError> {
    let value = raw.trim();
    if value.is_empty() {
        Ok(None)
    } else if value.chars().count() > max {
        Err(FieldError::new(field, FieldProblem::TooLong { max }))
    } else {
        Ok(Some(value.to_owned()))
    }
}
