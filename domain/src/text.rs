//! Typed text as forms send it, checked: one-line names and free texts, bounded, and free of
//! the characters that make a text lie about itself.

use crate::error::{FieldError, FieldProblem};

/// Characters no name or text may hold: controls (NUL included), the bidirectional embeddings,
/// overrides and isolates that can make a name read backwards ("Trojan source"), and the
/// invisible zero-width characters that make two names look alike. `breaks` allows line breaks
/// and tabs (free texts).
fn is_refused(c: char, breaks: bool) -> bool {
    match c {
        '\n' | '\r' | '\t' => !breaks,
        // Bidirectional marks, embeddings, overrides and isolates.
        '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}' => true,
        // Zero-width space, non-joiner, joiner, word joiner, byte-order mark, soft hyphen.
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => true,
        c => c.is_control(),
    }
}

/// `Err(InvalidCharacters)` when `raw` holds a refused character (see [`is_refused`]).
pub(crate) fn check_characters(field: &str, raw: &str, breaks: bool) -> Result<(), FieldError> {
    if raw.chars().any(|c| is_refused(c, breaks)) {
        Err(FieldError::new(field, FieldProblem::InvalidCharacters))
    } else {
        Ok(())
    }
}

/// `Err(TooLong)` when `raw` is longer than `max` characters, counted without reading past
/// `max + 1`: a megabyte typed into a field costs nothing to refuse.
pub fn bounded(field: &str, raw: &str, max: usize) -> Result<(), FieldError> {
    if raw.chars().nth(max).is_some() {
        Err(FieldError::new(field, FieldProblem::TooLong { max }))
    } else {
        Ok(())
    }
}

/// A required one-line text: spaces collapsed, 1 to `max` characters, no control or invisible
/// characters.
pub(crate) fn line(field: &str, raw: &str, max: usize) -> Result<String, FieldError> {
    // Spaces are collapsed below: what is read first is bounded, generously, so that only a
    // text that could never fit is refused before it is collapsed.
    if raw.trim().chars().nth(max.saturating_mul(4)).is_some() {
        return Err(FieldError::new(field, FieldProblem::TooLong { max }));
    }
    // Line breaks and tabs are whitespace, collapsed below like spaces.
    check_characters(field, raw.trim(), true)?;
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
/// characters, no control characters but line breaks and tabs; empty is `None`.
pub(crate) fn optional_text(field: &str, raw: &str, max: usize) -> Result<Option<String>, FieldError> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    bounded(field, value, max)?;
    check_characters(field, value, true)?;
    Ok(Some(value.to_owned()))
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

/// Pushes `c` in lower case onto `out`. On the server, Unicode's full mapping; in the browser,
/// that of the Latin letters (see [`latin_lowercase`]): Unicode's case tables would make every
/// page that folds a search or reads shorthand about 24 KB heavier, for scripts DropIt's
/// exercise names do not use. What the browser lowers it only compares with what it lowered
/// itself, or shows.
pub(crate) fn push_lowercase(out: &mut String, c: char) {
    #[cfg(not(target_arch = "wasm32"))]
    out.extend(c.to_lowercase());
    #[cfg(target_arch = "wasm32")]
    out.push(latin_lowercase(c));
}

/// Whether `c` is a capital letter (as [`push_lowercase`], Latin letters only in the browser).
pub(crate) fn is_capital(c: char) -> bool {
    #[cfg(not(target_arch = "wasm32"))]
    return c.is_uppercase();
    #[cfg(target_arch = "wasm32")]
    return latin_is_capital(c);
}

/// Whether `c` is a small letter (as [`push_lowercase`], Latin letters only in the browser).
pub(crate) fn is_small(c: char) -> bool {
    #[cfg(not(target_arch = "wasm32"))]
    return c.is_lowercase();
    #[cfg(target_arch = "wasm32")]
    return latin_is_small(c);
}

/// Whether `c` is a capital among the letters [`latin_lowercase`] knows.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn latin_is_capital(c: char) -> bool {
    latin_lowercase(c) != c
}

/// Whether `c` is a small letter among the letters [`latin_lowercase`] knows (to U+017F).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn latin_is_small(c: char) -> bool {
    c < '\u{180}' && c.is_alphabetic() && latin_lowercase(c) == c
}

/// The lower case of the letters of ASCII, Latin-1 and Latin Extended-A (to U+017F), as
/// Unicode's mapping gives them (the first character of it: 'İ' → 'i'); any other character
/// as it is.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn latin_lowercase(c: char) -> char {
    let code = u32::from(c);
    let lowered = match code {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE => code + 0x20,
        0x130 => u32::from('i'),
        // Pairs, the capital first: even capitals, then odd ones, then even ones again.
        0x100..=0x137 | 0x14A..=0x177 if code % 2 == 0 => code + 1,
        0x139..=0x148 | 0x179..=0x17E if code % 2 == 1 => code + 1,
        0x178 => 0xFF,
        _ => code,
    };
    char::from_u32(lowered).unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::assert_refused;

    #[test]
    fn names_refuse_controls_and_invisible_characters() {
        let bad = [
            "Ana\u{0}",
            "Ana\u{7}bel",
            "Ana\u{202E}lebA",
            "Ana\u{2066}x\u{2069}",
            "A\u{200B}na",
            "Ana\u{FEFF}",
            "A\u{200D}na",
            "Ana\u{9F}",
        ];
        assert_refused(
            |field, raw| line(field, raw, 80),
            "name",
            &bad.map(|raw| (raw, FieldProblem::InvalidCharacters)),
        );
        assert_eq!(line("name", "  Ana\tBel  ", 80), Ok("Ana Bel".to_owned()));
        assert_eq!(
            line("name", "Zoé d'Arc-Ñúñez 雪", 80),
            Ok("Zoé d'Arc-Ñúñez 雪".to_owned())
        );
    }

    #[test]
    fn free_texts_keep_line_breaks_but_refuse_other_controls() {
        assert_eq!(
            optional_text("notes", "line one\r\n\tline two", 100),
            Ok(Some("line one\r\n\tline two".to_owned()))
        );
        assert_refused(
            |field, raw| optional_text(field, raw, 100),
            "notes",
            &[
                ("bell\u{7}", FieldProblem::InvalidCharacters),
                ("abc\u{202E}def", FieldProblem::InvalidCharacters),
            ],
        );
    }

    #[test]
    fn long_texts_are_refused_without_reading_them_whole() {
        let huge = "a".repeat(1_000_000);
        assert_eq!(
            bounded("q", &huge, 100),
            Err(FieldError::new("q", FieldProblem::TooLong { max: 100 }))
        );
        assert_eq!(bounded("q", &"é".repeat(100), 100), Ok(()));
        assert_eq!(
            line("name", &huge, 80),
            Err(FieldError::new("name", FieldProblem::TooLong { max: 80 }))
        );
    }

    #[test]
    fn the_browsers_latin_case_agrees_with_unicode() {
        for c in (0..=0x17F_u32).filter_map(char::from_u32) {
            let full = c.to_lowercase().next();
            assert_eq!(Some(latin_lowercase(c)), full, "{c} ({:X})", u32::from(c));
        }
        for c in (0..=0x17F_u32).filter_map(char::from_u32) {
            assert_eq!(latin_is_capital(c), c.is_uppercase(), "{c} ({:X})", u32::from(c));
            assert_eq!(latin_is_small(c), c.is_lowercase(), "{c} ({:X})", u32::from(c));
        }
        // Other scripts are left as they are (the server lowers them).
        assert_eq!(latin_lowercase('Ω'), 'Ω');
        assert_eq!(latin_lowercase('雪'), '雪');
    }

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
