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

/// Percent-encodes a query-string value (UTF-8, unreserved characters kept).
pub(crate) fn query_encode(value: &str) -> String {
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

/// Decodes a query-string value: `+` is a space, `%XX` a byte; a malformed escape is kept as
/// typed and invalid UTF-8 is replaced.
pub(crate) fn query_decode(value: &str) -> String {
    let hex = |b: &u8| char::from(*b).to_digit(16);
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        i += 1;
        match byte {
            b'+' => out.push(b' '),
            b'%' => match (bytes.get(i).and_then(hex), bytes.get(i + 1).and_then(hex)) {
                (Some(high), Some(low)) => {
                    out.extend(u8::try_from(high * 16 + low).ok());
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            other => out.push(other),
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_survive_the_round_trip() {
        for value in ["Épaulé-jeté", "a b&c=d", "100%", "~._-", "", "雪"] {
            assert_eq!(query_decode(&query_encode(value)), value);
        }
        assert_eq!(query_encode("arraché nuque"), "arrach%C3%A9+nuque");
        assert_eq!(
            query_decode("50%2"),
            "50%2",
            "a malformed escape is kept as typed"
        );
    }
}
