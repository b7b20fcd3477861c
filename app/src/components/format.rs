//! Numbers, dates and labels as the page's language writes them.

use crate::i18n::*;
use chrono::{Datelike, NaiveDate};
use domain::competition::{CompetitorLevel, Sex};
use domain::maxes::MaxKind;
use domain::weight::Kg;

/// Kilograms as the page's language writes them ("102,5" in French).
pub fn kg(locale: Locale, weight: Kg) -> String {
    decimal(locale, weight.to_string())
}

pub fn kg_or_dash(locale: Locale, weight: Option<Kg>) -> String {
    weight.map_or_else(|| "—".to_owned(), |w| kg(locale, w))
}

/// A Sinclair total with two decimals.
pub fn sinclair(locale: Locale, value: Option<f64>) -> String {
    match value {
        Some(v) => decimal(locale, format!("{v:.2}")),
        None => "—".to_owned(),
    }
}

/// A date as the viewer's language writes it: `31/12/2026` in French, ISO `2026-12-31` in
/// English. Written out by hand: chrono's `format` would bring its format-string interpreter
/// into the browser's code for two fixed patterns.
pub fn date(locale: Locale, day: NaiveDate) -> String {
    match locale {
        Locale::fr => format!("{:02}/{:02}/{:04}", day.day(), day.month(), day.year()),
        Locale::en => day.to_string(),
    }
}

pub fn sex_label(locale: Locale, sex: Sex) -> String {
    match sex {
        Sex::Women => td_string!(locale, athletes.women).to_string(),
        Sex::Men => td_string!(locale, athletes.men).to_string(),
    }
}

pub fn level_label(locale: Locale, level: CompetitorLevel) -> String {
    match level {
        CompetitorLevel::Rookie => td_string!(locale, athletes.level_rookie).to_string(),
        CompetitorLevel::Regional => td_string!(locale, athletes.level_regional).to_string(),
        CompetitorLevel::National => td_string!(locale, athletes.level_national).to_string(),
        CompetitorLevel::International => td_string!(locale, athletes.level_international).to_string(),
        CompetitorLevel::Elite => td_string!(locale, athletes.level_elite).to_string(),
    }
}

pub fn kind_label(locale: Locale, kind: MaxKind) -> String {
    match kind {
        MaxKind::Tested => td_string!(locale, athletes.kind_tested).to_string(),
        MaxKind::Competition => td_string!(locale, athletes.kind_competition).to_string(),
        MaxKind::Training => td_string!(locale, athletes.kind_training).to_string(),
        MaxKind::Estimated => td_string!(locale, athletes.kind_estimated).to_string(),
    }
}

/// A local date as the viewer's language writes it.
pub fn short_date(locale: Locale, at: chrono::DateTime<chrono::Utc>) -> String {
    date(locale, at.date_naive())
}

/// A decimal as the page's language writes it ("0,85" in French).
pub fn decimal(locale: Locale, text: String) -> String {
    match locale {
        Locale::fr => text.replace('.', ","),
        Locale::en => text,
    }
}

/// A measure with one decimal ("116,7" in French), for values shown, never stored.
pub fn one_decimal(locale: Locale, value: f64) -> String {
    decimal(locale, format!("{value:.1}"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // test code: a failed expectation is the test failing
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_each_language_reads_them() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 7).unwrap();
        assert_eq!(date(Locale::fr, day), "07/03/2026");
        assert_eq!(date(Locale::en, day), "2026-03-07");
        let early = NaiveDate::from_ymd_opt(987, 12, 31).unwrap();
        assert_eq!(date(Locale::fr, early), "31/12/0987");
        assert_eq!(date(Locale::en, early), "0987-12-31");
        let evening = day.and_hms_opt(23, 59, 0).unwrap().and_utc();
        assert_eq!(short_date(Locale::fr, evening), "07/03/2026");
    }
}
