//! Calendar days as DropIt writes them: ISO 8601, `2026-12-31`.
//!
//! The browser reads days with [`parse`] rather than chrono's `FromStr`, whose format
//! interpreter (every RFC it knows) would weigh about 15 KB on each page that reads a date.
//! Days the browser reads (a max's date, the builder's "preview on") go through [`iso`].

use chrono::NaiveDate;

/// A day written `YYYY-MM-DD` (years 0 to 9999), or `None` when the text is anything else or
/// not a day of the calendar (`2026-02-30`).
pub fn parse(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
        return None;
    }
    let number = |from: usize, to: usize| {
        bytes.get(from..to)?.iter().try_fold(0_u32, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    let year = i32::try_from(number(0, 4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(5, 7)?, number(8, 10)?)
}

/// Serde for a day as `"YYYY-MM-DD"` (`#[serde(with = "crate::day::iso")]`): written as chrono
/// writes it; read by [`parse`] in the browser and by chrono on the server, which also reads
/// the years chrono writes with a sign.
pub mod iso {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(day: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        day.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        #[cfg(target_arch = "wasm32")]
        {
            let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
            super::parse(&text).ok_or_else(|| serde::de::Error::custom("not a day"))
        }
        #[cfg(not(target_arch = "wasm32"))]
        NaiveDate::deserialize(deserializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn days_read_as_chrono_reads_them() {
        assert_eq!(parse("2026-12-31"), NaiveDate::from_ymd_opt(2026, 12, 31));
        assert_eq!(parse("2024-02-29"), NaiveDate::from_ymd_opt(2024, 2, 29));
        for bad in [
            "2026-02-30",
            "2025-02-29",
            "2026-13-01",
            "2026-00-10",
            "31/12/2026",
            "2026-1-01",
            " 2026-12-31",
            "2026-12-3a",
            "",
            "２０２６-12-31",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    proptest! {
        #[test]
        fn every_day_written_reads_back(days in 0_i64..3_652_059) {
            let day = NaiveDate::from_ymd_opt(1, 1, 1).unwrap() + chrono::Days::new(days as u64);
            prop_assert_eq!(parse(&day.to_string()), Some(day));
        }

        #[test]
        fn a_text_shaped_like_a_day_reads_as_chrono_reads_it(text in "[0-9]{4}-[0-9]{2}-[0-9]{2}") {
            prop_assert_eq!(parse(&text), text.parse::<NaiveDate>().ok());
        }

        #[test]
        fn no_text_reads_as_another_day_than_chrono_reads(text in "[0-9+ -]{8,12}") {
            if let Some(day) = parse(&text) {
                prop_assert_eq!(text.parse::<NaiveDate>().ok(), Some(day));
            }
        }
    }
}
