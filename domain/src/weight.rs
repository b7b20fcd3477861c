//! Kilograms, exactly: a mass held as a whole number of grams.
//!
//! Plates go down to 0.25 kg and loads move in 0.5 kg or 1 kg steps; a floating-point number
//! would turn 102.5 into 102.49999… somewhere along the way. [`Kg`] counts grams in an `i64`, so
//! every plate, step and load a coach meets is exact, sums are exact, and comparing two loads
//! never needs a tolerance. It is written and read as kilograms ("102.5"), and travels in JSON
//! as a number of kilograms (`102.5`).

use crate::decimal::DecimalError;
use crate::error::{FieldError, FieldProblem};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Mul, Neg, Sub, SubAssign};
use std::str::FromStr;

/// Grams in one kilogram.
const GRAMS_PER_KG: i64 = 1000;

/// A mass in kilograms, exact to the gram: a bar, a plate, a load, a max, a bodyweight.
///
/// It may be negative only as the difference of two masses; validation refuses negative
/// weights where a weight is expected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Kg(i64);

impl Kg {
    /// Nothing on the scale.
    pub const ZERO: Kg = Kg(0);

    /// A mass of exactly `grams` grams (0.25 kg is `Kg::from_grams(250)`).
    pub const fn from_grams(grams: i64) -> Self {
        Kg(grams)
    }

    /// A whole number of kilograms (`Kg::whole(20)` is a men's bar).
    pub const fn whole(kg: i64) -> Self {
        Kg(kg.saturating_mul(GRAMS_PER_KG))
    }

    /// The mass in grams.
    pub const fn grams(self) -> i64 {
        self.0
    }

    /// The mass in kilograms as a floating-point number, for formulas (Sinclair) and charts.
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / GRAMS_PER_KG as f64
    }

    /// The mass nearest to `kg` kilograms, to the gram; `None` for NaN, infinities and values
    /// too large to hold.
    pub fn from_f64(kg: f64) -> Option<Self> {
        crate::decimal::from_f64(kg, 3).map(Kg)
    }

    /// True for a mass above zero.
    pub const fn is_positive(self) -> bool {
        self.0 > 0
    }

    /// Reads what a coach typed as kilograms, reporting a bad value against `field`
    /// ([`FieldProblem::Required`] when empty, [`FieldProblem::InvalidNumber`] otherwise).
    /// See [`Kg::from_str`] for what is accepted.
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        raw.parse::<Kg>().map_err(|e| match e {
            ParseKgError::Empty => FieldError::new(field, FieldProblem::Required),
            _ => FieldError::new(field, FieldProblem::InvalidNumber),
        })
    }
}

/// Why a typed mass could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ParseKgError {
    /// Nothing was typed.
    #[error("empty")]
    Empty,
    /// Not a number of kilograms such as "102.5".
    #[error("not a number of kilograms")]
    NotANumber,
    /// More precise than a gram ("0.0001").
    #[error("more precise than a gram")]
    TooPrecise,
    /// A number too large to be a mass.
    #[error("too large")]
    TooLarge,
}

impl FromStr for Kg {
    type Err = ParseKgError;

    /// Reads a non-negative number of kilograms: digits with an optional decimal part after a
    /// dot or a comma (French keyboards), at most to the gram, surrounding spaces and a trailing
    /// "kg" allowed: "102.5", "102,5", " 60 kg", "0.25". Signs are refused: a typed weight is
    /// never negative.
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        let mut text = raw.trim();
        if let Some(rest) = text
            .strip_suffix("kg")
            .or_else(|| text.strip_suffix("KG"))
            .or_else(|| text.strip_suffix("Kg"))
        {
            text = rest.trim_end();
        }
        if text.is_empty() {
            return Err(ParseKgError::Empty);
        }
        crate::decimal::parse(text, 3).map(Kg).map_err(|e| match e {
            DecimalError::Empty => ParseKgError::Empty,
            DecimalError::NotANumber => ParseKgError::NotANumber,
            DecimalError::TooPrecise => ParseKgError::TooPrecise,
            DecimalError::TooLarge => ParseKgError::TooLarge,
        })
    }
}

impl fmt::Display for Kg {
    /// Kilograms with as few decimals as needed: "100", "102.5", "0.25", "-2.5".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::decimal::write(f, self.0, 3)
    }
}

impl Serialize for Kg {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.as_f64())
    }
}

impl<'de> Deserialize<'de> for Kg {
    /// A number of kilograms, rounded to the gram.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let kg = f64::deserialize(deserializer)?;
        Kg::from_f64(kg).ok_or_else(|| serde::de::Error::custom("not a mass in kilograms"))
    }
}

impl Add for Kg {
    type Output = Kg;
    fn add(self, rhs: Kg) -> Kg {
        Kg(self.0 + rhs.0)
    }
}

impl AddAssign for Kg {
    fn add_assign(&mut self, rhs: Kg) {
        self.0 += rhs.0;
    }
}

impl Sub for Kg {
    type Output = Kg;
    fn sub(self, rhs: Kg) -> Kg {
        Kg(self.0 - rhs.0)
    }
}

impl SubAssign for Kg {
    fn sub_assign(&mut self, rhs: Kg) {
        self.0 -= rhs.0;
    }
}

impl Neg for Kg {
    type Output = Kg;
    fn neg(self) -> Kg {
        Kg(-self.0)
    }
}

/// `n` times a mass: two collars, eight 25 kg plates.
impl Mul<i64> for Kg {
    type Output = Kg;
    fn mul(self, n: i64) -> Kg {
        Kg(self.0 * n)
    }
}

impl Sum for Kg {
    fn sum<I: Iterator<Item = Kg>>(iter: I) -> Kg {
        iter.fold(Kg::ZERO, Add::add)
    }
}

impl<'a> Sum<&'a Kg> for Kg {
    fn sum<I: Iterator<Item = &'a Kg>>(iter: I) -> Kg {
        iter.copied().sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::assert_refused;

    #[test]
    fn typed_kilograms_are_read_exactly() {
        assert_eq!("102.5".parse(), Ok(Kg::from_grams(102_500)));
        assert_eq!("102,5".parse(), Ok(Kg::from_grams(102_500)));
        assert_eq!(" 60 kg ".parse(), Ok(Kg::whole(60)));
        assert_eq!("0.25".parse(), Ok(Kg::from_grams(250)));
        assert_eq!(".5".parse(), Ok(Kg::from_grams(500)));
        assert_eq!("7.".parse(), Ok(Kg::whole(7)));
        assert_eq!("1.2500".parse(), Ok(Kg::from_grams(1_250)));
    }

    #[test]
    fn nonsense_and_negative_weights_are_refused() {
        assert_eq!("".parse::<Kg>(), Err(ParseKgError::Empty));
        assert_eq!("kg".parse::<Kg>(), Err(ParseKgError::Empty));
        assert_eq!("abc".parse::<Kg>(), Err(ParseKgError::NotANumber));
        assert_eq!("-5".parse::<Kg>(), Err(ParseKgError::NotANumber));
        assert_eq!("1.2.3".parse::<Kg>(), Err(ParseKgError::NotANumber));
        assert_eq!(".".parse::<Kg>(), Err(ParseKgError::NotANumber));
        assert_eq!("0.0001".parse::<Kg>(), Err(ParseKgError::TooPrecise));
        assert_eq!("99999999999999999999".parse::<Kg>(), Err(ParseKgError::TooLarge));
    }

    #[test]
    fn a_bad_typed_weight_is_reported_against_its_field() {
        assert_refused(
            Kg::parse,
            "max",
            &[
                ("lots", FieldProblem::InvalidNumber),
                ("  ", FieldProblem::Required),
            ],
        );
        assert_eq!(Kg::parse("max", "95"), Ok(Kg::whole(95)));
    }

    #[test]
    fn kilograms_are_written_with_as_few_decimals_as_needed() {
        assert_eq!(Kg::whole(100).to_string(), "100");
        assert_eq!(Kg::from_grams(102_500).to_string(), "102.5");
        assert_eq!(Kg::from_grams(250).to_string(), "0.25");
        assert_eq!(Kg::from_grams(1_005).to_string(), "1.005");
        assert_eq!(Kg::from_grams(-2_500).to_string(), "-2.5");
        assert_eq!(Kg::ZERO.to_string(), "0");
    }

    #[test]
    fn kilograms_travel_in_json_as_numbers() {
        assert_eq!(
            serde_json::to_string(&Kg::from_grams(102_500)).ok(),
            Some("102.5".to_owned())
        );
        assert_eq!(serde_json::from_str::<Kg>("0.25").ok(), Some(Kg::from_grams(250)));
        assert_eq!(serde_json::from_str::<Kg>("60").ok(), Some(Kg::whole(60)));
        assert!(serde_json::from_str::<Kg>("\"60\"").is_err());
    }

    #[test]
    fn sums_of_small_plates_stay_exact() {
        let quarter = Kg::from_grams(250);
        let total: Kg = std::iter::repeat_n(quarter, 400).sum();
        assert_eq!(total, Kg::whole(100));
        assert_eq!(Kg::whole(20) + Kg::from_grams(2_500) * 2, Kg::whole(25));
        assert_eq!(Kg::whole(20) - Kg::whole(25), Kg::from_grams(-5_000));
    }

    #[test]
    fn floats_are_rounded_to_the_gram_and_nonsense_is_refused() {
        assert_eq!(Kg::from_f64(102.4996), Some(Kg::from_grams(102_500)));
        assert_eq!(Kg::from_f64(f64::NAN), None);
        assert_eq!(Kg::from_f64(f64::INFINITY), None);
        assert_eq!(Kg::from_f64(1e300), None);
    }
}
