//! Exact decimals as whole numbers of small units: what [`crate::weight::Kg`] (grams),
//! [`crate::load::Percent`] (hundredths of a percent) and [`crate::ratios::Factor`]
//! (ten-thousandths) are read from and written as.

use std::fmt;

/// Why a typed decimal could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DecimalError {
    Empty,
    NotANumber,
    /// More decimals than the unit holds ("102.5001" kilograms).
    TooPrecise,
    TooLarge,
}

/// Reads a non-negative decimal typed with a dot or a comma ("102.5", "102,5", ".5") as a
/// whole number of units of 10^-`places`. Trailing zeros beyond `places` are accepted.
pub(crate) fn parse(text: &str, places: u32) -> Result<i64, DecimalError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(DecimalError::Empty);
    }
    let (whole, fraction) = match text.find(['.', ',']) {
        Some(at) => (&text[..at], &text[at + 1..]),
        None => (text, ""),
    };
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !digits(whole) || !digits(fraction) {
        return Err(DecimalError::NotANumber);
    }
    let kept = usize::try_from(places).unwrap_or(usize::MAX);
    let (significant, rest) = fraction.split_at(fraction.len().min(kept));
    if rest.chars().any(|c| c != '0') {
        return Err(DecimalError::TooPrecise);
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| DecimalError::TooLarge)?
    };
    // "5" with three places is 500 units: pad the decimals typed to `places` digits.
    let mut parts: i64 = 0;
    for position in 0..places {
        let digit = significant
            .chars()
            .nth(usize::try_from(position).unwrap_or(usize::MAX))
            .and_then(|c| c.to_digit(10))
            .unwrap_or(0);
        parts = parts * 10 + i64::from(digit);
    }
    10_i64
        .checked_pow(places)
        .and_then(|unit| whole.checked_mul(unit))
        .and_then(|w| w.checked_add(parts))
        .ok_or(DecimalError::TooLarge)
}

/// The whole number of units of 10^-`places` nearest to `value`; `None` for NaN, infinities
/// and values too large to hold.
pub(crate) fn from_f64(value: f64, places: u32) -> Option<i64> {
    let units = (value * 10_i64.checked_pow(places)? as f64).round();
    // i64::MAX as f64 rounds up to 2^63, which is out of range: compare strictly.
    if units.is_finite() && units.abs() < i64::MAX as f64 {
        Some(units as i64)
    } else {
        None
    }
}

/// Writes `units` of 10^-`places` with as few decimals as needed: "100", "102.5", "-2.5".
pub(crate) fn write(f: &mut fmt::Formatter<'_>, units: i64, places: u32) -> fmt::Result {
    let sign = if units < 0 { "-" } else { "" };
    let abs = units.unsigned_abs();
    let unit = 10_u64.pow(places);
    let (whole, rest) = (abs / unit, abs % unit);
    if rest == 0 {
        write!(f, "{sign}{whole}")
    } else {
        let width = usize::try_from(places).unwrap_or(0);
        let fraction = format!("{rest:0width$}");
        write!(f, "{sign}{whole}.{}", fraction.trim_end_matches('0'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Shown(i64, u32);

    impl fmt::Display for Shown {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write(f, self.0, self.1)
        }
    }

    #[test]
    fn decimals_are_read_exactly_with_a_dot_or_a_comma() {
        assert_eq!(parse("102.5", 3), Ok(102_500));
        assert_eq!(parse(" 102,25 ", 3), Ok(102_250));
        assert_eq!(parse(".5", 2), Ok(50));
        assert_eq!(parse("0.8500", 4), Ok(8_500));
        assert_eq!(parse("1.100000", 4), Ok(11_000));
        assert_eq!(parse("7", 0), Ok(7));
    }

    #[test]
    fn what_is_not_a_decimal_is_refused_with_its_reason() {
        assert_eq!(parse("  ", 3), Err(DecimalError::Empty));
        for bad in [".", "1.2.3", "-5", "+5", "1e3", "abc", "1 000"] {
            assert_eq!(parse(bad, 3), Err(DecimalError::NotANumber), "{bad}");
        }
        assert_eq!(parse("0.0001", 3), Err(DecimalError::TooPrecise));
        assert_eq!(parse("99999999999999999999", 3), Err(DecimalError::TooLarge));
        assert_eq!(parse("9223372036854776", 3), Err(DecimalError::TooLarge));
    }

    #[test]
    fn decimals_are_written_with_as_few_digits_as_needed() {
        assert_eq!(Shown(100_000, 3).to_string(), "100");
        assert_eq!(Shown(102_500, 3).to_string(), "102.5");
        assert_eq!(Shown(250, 3).to_string(), "0.25");
        assert_eq!(Shown(-2_500, 3).to_string(), "-2.5");
        assert_eq!(Shown(8_500, 4).to_string(), "0.85");
        assert_eq!(Shown(8_250, 2).to_string(), "82.5");
    }
}
