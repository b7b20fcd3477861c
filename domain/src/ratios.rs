//! Fallback ratios: a max worked out from another lift's max when the athlete has none.
//!
//! A coach plans "snatch at 80 %" for an athlete who never tested the snatch; the club's ratio
//! "snatch = 0.80 × clean and jerk" gives a working max from their clean and jerk. Ratios
//! chain (power snatch = 0.85 × snatch = 0.85 × 0.80 × clean and jerk), a direct max always
//! wins over a ratio, and a result is marked `derived` with the chain used, so the session can
//! show "≈ 0.85 × 0.80 × C&J". The table is generic over the exercise identifier: the defaults
//! use the default catalogue's keys, a club's copy uses its [`crate::ids::ExerciseId`]s.

use crate::error::{SettingsError, SettingsProblem};
use crate::maxes::{Max, max_in_force};
use crate::weight::Kg;
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// Ten-thousandths in one.
const ONE: i64 = 10_000;

/// A multiplying factor, exact to the ten-thousandth (0.85 is 8 500 ten-thousandths).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Factor(i64);

impl Factor {
    /// The largest factor a club may set: 3.
    pub const MAX: Factor = Factor(3 * ONE);

    /// A factor in ten-thousandths: `Factor::from_ten_thousandths(8_500)` is 0.85.
    pub const fn from_ten_thousandths(n: i64) -> Self {
        Factor(n)
    }

    /// The factor in ten-thousandths.
    pub const fn ten_thousandths(self) -> i64 {
        self.0
    }

    /// The factor as a number (0.85), for display.
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / ONE as f64
    }

    /// True for a factor a club may set: above 0, at most 3.
    pub fn is_allowed(self) -> bool {
        self.0 > 0 && self <= Self::MAX
    }
}

impl FromStr for Factor {
    type Err = ();

    /// A non-negative decimal with at most four decimals, after a dot or a comma: "0.85", "1,1".
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        crate::decimal::parse(raw, 4).map(Factor).map_err(|_| ())
    }
}

impl fmt::Display for Factor {
    /// "0.85", "1.1", "1".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::decimal::write(f, self.0, 4)
    }
}

impl Serialize for Factor {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.as_f64())
    }
}

impl<'de> Deserialize<'de> for Factor {
    /// A number, rounded to the ten-thousandth.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = f64::deserialize(deserializer)?;
        crate::decimal::from_f64(value, 4)
            .map(Factor)
            .ok_or_else(|| serde::de::Error::custom("not a factor"))
    }
}

/// One fallback: the max of `exercise` is `factor ×` the max of `base`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ratio<E> {
    pub exercise: E,
    pub base: E,
    pub factor: Factor,
}

/// The club's fallback ratios; at most one per exercise.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RatioTable<E> {
    pub ratios: Vec<Ratio<E>>,
}

/// The most ratios one resolution may chain (power snatch → snatch → clean and jerk is 2).
pub const MAX_CHAIN: usize = 4;

/// Why no max could be found for an exercise, even through ratios.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum Unresolved {
    /// No max for the exercise nor for any lift its ratios lead to (by that date).
    #[error("no max")]
    NoMax,
    /// The ratios lead back to an exercise already visited.
    #[error("the ratios go round in a circle")]
    Cycle,
    /// More than [`MAX_CHAIN`] ratios would be needed.
    #[error("the chain of ratios is too long")]
    ChainTooLong,
}

/// The max to plan with, and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolvedMax<E> {
    /// The working max for the exercise asked about: the source's weight times every factor
    /// of the chain, rounded to the nearest gram (half a gram up).
    pub weight: Kg,
    /// True when the weight comes through ratios rather than a max of the exercise itself.
    pub derived: bool,
    /// The ratios used, from the exercise asked about to the source's exercise; empty when
    /// not derived. For a power snatch from a clean and jerk: `[power_snatch = 0.85 × snatch,
    /// snatch = 0.80 × clean_and_jerk]`.
    pub chain: Vec<Ratio<E>>,
    /// The real max the weight comes from (its date and kind are those of the result).
    pub source: Max<E>,
}

impl<E> ResolvedMax<E> {
    /// The product of the chain's factors (0.68 for 0.85 × 0.80; 1 when not derived).
    pub fn combined_factor(&self) -> f64 {
        self.chain.iter().map(|r| r.factor.as_f64()).product()
    }
}

/// The default ratios of a new club, keyed by the default catalogue's exercise keys.
const DEFAULT_RATIOS: [(&str, &str, i64); 10] = [
    ("snatch", "clean_and_jerk", 8_000),
    ("clean", "clean_and_jerk", 10_200),
    ("split_jerk", "clean_and_jerk", 10_500),
    ("power_snatch", "snatch", 8_500),
    ("power_clean", "clean", 8_500),
    ("overhead_squat", "snatch", 10_000),
    ("front_squat", "clean_and_jerk", 11_500),
    ("back_squat", "clean_and_jerk", 13_300),
    ("snatch_pull", "snatch", 11_000),
    ("clean_pull", "clean", 11_000),
];

impl RatioTable<String> {
    /// The default ratios, keyed by the default catalogue's exercise keys: snatch 0.80 × clean
    /// and jerk; clean 1.02 × C&J; split jerk 1.05 × C&J; power snatch 0.85 × snatch; power
    /// clean 0.85 × clean; overhead squat 1.00 × snatch; front squat 1.15 × C&J; back squat
    /// 1.33 × C&J; snatch pull 1.10 × snatch; clean pull 1.10 × clean.
    pub fn defaults() -> Self {
        Self {
            ratios: DEFAULT_RATIOS
                .iter()
                .map(|&(exercise, base, factor)| Ratio {
                    exercise: exercise.to_owned(),
                    base: base.to_owned(),
                    factor: Factor(factor),
                })
                .collect(),
        }
    }
}

impl<E> RatioTable<E> {
    /// The same table with other identifiers (catalogue keys → the club's exercise ids). A
    /// ratio with an exercise `map` does not know (`None`) is left out.
    pub fn map_exercises<F, M>(&self, mut map: M) -> RatioTable<F>
    where
        M: FnMut(&E) -> Option<F>,
    {
        RatioTable {
            ratios: self
                .ratios
                .iter()
                .filter_map(|r| {
                    Some(Ratio {
                        exercise: map(&r.exercise)?,
                        base: map(&r.base)?,
                        factor: r.factor,
                    })
                })
                .collect(),
        }
    }
}

impl<E: PartialEq + Clone> RatioTable<E> {
    /// The ratio giving `exercise`'s max, if the club has one (the first, should there be two).
    pub fn ratio_for(&self, exercise: &E) -> Option<&Ratio<E>> {
        self.ratios.iter().find(|r| r.exercise == *exercise)
    }

    /// Checks a table edited by an admin, reporting every problem: a factor must be above 0
    /// and at most 3 (`ratios[i].factor`), an exercise cannot be based on itself
    /// (`ratios[i].base`, [`SettingsProblem::SelfRatio`]), has at most one ratio
    /// (`ratios[i].exercise`, the second one reported as [`SettingsProblem::Duplicate`]), and
    /// ratios may neither go round in a circle ([`SettingsProblem::RatioCycle`]) nor chain more
    /// than [`MAX_CHAIN`] deep ([`SettingsProblem::ChainTooLong`]), both on `ratios[i].base`.
    pub fn validate(&self) -> Result<(), Vec<SettingsError>> {
        let mut errors = Vec::new();
        for (i, ratio) in self.ratios.iter().enumerate() {
            if !ratio.factor.is_allowed() {
                errors.push(SettingsError::new(
                    &format!("ratios[{i}].factor"),
                    SettingsProblem::FactorOutOfRange,
                ));
            }
            if ratio.base == ratio.exercise {
                errors.push(SettingsError::new(
                    &format!("ratios[{i}].base"),
                    SettingsProblem::SelfRatio,
                ));
                continue;
            }
            if self.ratios[..i].iter().any(|r| r.exercise == ratio.exercise) {
                errors.push(SettingsError::new(
                    &format!("ratios[{i}].exercise"),
                    SettingsProblem::Duplicate,
                ));
                continue;
            }
            if let Some(problem) = self.walk_problem(ratio) {
                errors.push(SettingsError::new(&format!("ratios[{i}].base"), problem));
            }
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }

    /// Follows the ratios from `start` as resolution would, looking for a circle or a chain
    /// longer than [`MAX_CHAIN`].
    fn walk_problem(&self, start: &Ratio<E>) -> Option<SettingsProblem> {
        let mut visited = vec![&start.exercise];
        let mut current = start;
        let mut depth = 1;
        loop {
            if visited.contains(&&current.base) {
                return Some(SettingsProblem::RatioCycle);
            }
            visited.push(&current.base);
            let next = self.ratio_for(&current.base)?;
            depth += 1;
            if depth > MAX_CHAIN {
                return Some(SettingsProblem::ChainTooLong { max: MAX_CHAIN });
            }
            current = next;
        }
    }

    /// The max to plan `exercise` with on `on`, from one athlete's `history`.
    ///
    /// The athlete's own max in force that day wins (see [`max_in_force`]). Without one, the
    /// exercise's ratio leads to its base lift, whose max in force is used, and so on down the
    /// chain (at most [`MAX_CHAIN`] ratios): the first lift of the chain with a max gives the
    /// result, multiplied by every factor on the way.
    pub fn resolve(
        &self,
        exercise: &E,
        on: NaiveDate,
        history: &[Max<E>],
    ) -> Result<ResolvedMax<E>, Unresolved> {
        let mut chain: Vec<Ratio<E>> = Vec::new();
        let mut current = exercise.clone();
        loop {
            if let Some(source) = max_in_force(history, &current, on) {
                return Ok(ResolvedMax {
                    weight: apply(source.weight, &chain),
                    derived: !chain.is_empty(),
                    chain,
                    source: source.clone(),
                });
            }
            let ratio = self.ratio_for(&current).ok_or(Unresolved::NoMax)?;
            if chain.len() == MAX_CHAIN {
                return Err(Unresolved::ChainTooLong);
            }
            if ratio.base == *exercise || chain.iter().any(|r| r.exercise == ratio.base) {
                return Err(Unresolved::Cycle);
            }
            current = ratio.base.clone();
            chain.push(ratio.clone());
        }
    }
}

/// `weight` times every factor of `chain`, computed exactly and rounded once to the nearest
/// gram (half a gram up).
fn apply<E>(weight: Kg, chain: &[Ratio<E>]) -> Kg {
    let mut numerator = i128::from(weight.grams());
    let mut denominator: i128 = 1;
    for ratio in chain {
        numerator = numerator.saturating_mul(i128::from(ratio.factor.0));
        denominator = denominator.saturating_mul(i128::from(ONE));
    }
    let grams =
        (numerator.saturating_mul(2).saturating_add(denominator)).div_euclid(denominator.saturating_mul(2));
    Kg::from_grams(i64::try_from(grams).unwrap_or(if grams < 0 { i64::MIN } else { i64::MAX }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::maxes::MaxKind;

    fn d(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    fn max(exercise: &str, date: NaiveDate, grams: i64) -> Max<String> {
        Max {
            exercise: exercise.to_owned(),
            date,
            weight: Kg::from_grams(grams),
            kind: MaxKind::Tested,
        }
    }

    /// A table of these ratios: (exercise, base, factor in ten-thousandths).
    fn table(ratios: &[(&str, &str, i64)]) -> RatioTable<String> {
        let ratios = ratios
            .iter()
            .map(|&(exercise, base, factor)| Ratio {
                exercise: exercise.to_owned(),
                base: base.to_owned(),
                factor: Factor(factor),
            })
            .collect();
        RatioTable { ratios }
    }

    /// A chain of five ratios of 1, one longer than allowed: a → b → c → d → e → f.
    fn five_links() -> RatioTable<String> {
        let links = ["a", "b", "c", "d", "e", "f"];
        let ratios: Vec<_> = links.windows(2).map(|w| (w[0], w[1], 10_000)).collect();
        table(&ratios)
    }

    fn resolve(
        table: &RatioTable<String>,
        exercise: &str,
        history: &[Max<String>],
    ) -> Result<ResolvedMax<String>, Unresolved> {
        table.resolve(&exercise.to_owned(), d(2025, 6, 1), history)
    }

    fn chain_of(resolved: &ResolvedMax<String>) -> Vec<(String, String)> {
        resolved
            .chain
            .iter()
            .map(|r| (r.exercise.clone(), r.factor.to_string()))
            .collect()
    }

    #[test]
    fn the_default_ratios_are_the_glossarys() {
        let table = RatioTable::defaults();
        let get = |e: &str| {
            table
                .ratio_for(&e.to_owned())
                .map(|r| (r.base.clone(), r.factor.to_string()))
        };
        for (exercise, base, factor) in [
            ("snatch", "clean_and_jerk", "0.8"),
            ("clean", "clean_and_jerk", "1.02"),
            ("split_jerk", "clean_and_jerk", "1.05"),
            ("power_snatch", "snatch", "0.85"),
            ("power_clean", "clean", "0.85"),
            ("overhead_squat", "snatch", "1"),
            ("front_squat", "clean_and_jerk", "1.15"),
            ("back_squat", "clean_and_jerk", "1.33"),
            ("snatch_pull", "snatch", "1.1"),
            ("clean_pull", "clean", "1.1"),
        ] {
            assert_eq!(
                get(exercise),
                Some((base.to_owned(), factor.to_owned())),
                "{exercise}"
            );
        }
        assert_eq!(get("clean_and_jerk"), None);
        assert_eq!(table.ratios.len(), 10);
        assert_eq!(table.validate(), Ok(()));
    }

    #[test]
    fn the_default_keys_exist_in_the_default_catalogue() {
        let catalogue = include_str!("../data/default-catalogue.json");
        for (exercise, base, _) in DEFAULT_RATIOS {
            for key in [exercise, base] {
                assert!(catalogue.contains(&format!("\"key\": \"{key}\"")), "{key}");
            }
        }
    }

    #[test]
    fn a_direct_max_wins_over_a_ratio() {
        let history = [
            max("clean_and_jerk", d(2025, 1, 1), 120_000),
            max("snatch", d(2025, 2, 1), 100_000),
        ];
        let resolved = resolve(&RatioTable::defaults(), "snatch", &history).unwrap();
        assert_eq!(resolved.weight, Kg::whole(100));
        assert!(!resolved.derived);
        assert!(resolved.chain.is_empty());
        assert_eq!(resolved.combined_factor(), 1.0);
    }

    #[test]
    fn a_missing_max_is_derived_from_the_base_lift() {
        let history = [max("clean_and_jerk", d(2025, 1, 1), 120_000)];
        let resolved = resolve(&RatioTable::defaults(), "snatch", &history).unwrap();
        assert_eq!(resolved.weight, Kg::whole(96));
        assert!(resolved.derived);
        assert_eq!(chain_of(&resolved), vec![("snatch".to_owned(), "0.8".to_owned())]);
        assert_eq!(resolved.source.exercise, "clean_and_jerk");
    }

    #[test]
    fn two_ratios_chain_and_multiply() {
        // Power snatch = 0.85 × 0.80 × 123 = 83.64 kg.
        let history = [max("clean_and_jerk", d(2025, 1, 1), 123_000)];
        let resolved = resolve(&RatioTable::defaults(), "power_snatch", &history).unwrap();
        assert_eq!(resolved.weight, Kg::from_grams(83_640));
        assert_eq!(
            chain_of(&resolved),
            vec![
                ("power_snatch".to_owned(), "0.85".to_owned()),
                ("snatch".to_owned(), "0.8".to_owned()),
            ]
        );
        assert!((resolved.combined_factor() - 0.68).abs() < 1e-12);
        // With a snatch max the chain stops there: 0.85 × 90 = 76.5.
        let history = [
            max("clean_and_jerk", d(2025, 1, 1), 123_000),
            max("snatch", d(2025, 1, 1), 90_000),
        ];
        let resolved = resolve(&RatioTable::defaults(), "power_snatch", &history).unwrap();
        assert_eq!(resolved.weight, Kg::from_grams(76_500));
        assert_eq!(resolved.chain.len(), 1);
    }

    #[test]
    fn a_derived_max_rounds_once_to_the_nearest_gram() {
        // 0.85 × 0.80 × 100.001 = 68.00068 → 68.001.
        let history = [max("clean_and_jerk", d(2025, 1, 1), 100_001)];
        let resolved = resolve(&RatioTable::defaults(), "power_snatch", &history).unwrap();
        assert_eq!(resolved.weight, Kg::from_grams(68_001));
    }

    #[test]
    fn only_maxes_in_force_on_the_date_count() {
        let history = [max("clean_and_jerk", d(2025, 7, 1), 120_000)];
        assert_eq!(
            resolve(&RatioTable::defaults(), "snatch", &history),
            Err(Unresolved::NoMax)
        );
    }

    #[test]
    fn without_a_base_max_there_is_no_max() {
        let history = [max("back_squat", d(2025, 1, 1), 180_000)];
        assert_eq!(
            resolve(&RatioTable::defaults(), "power_snatch", &history),
            Err(Unresolved::NoMax)
        );
        assert_eq!(
            resolve(&RatioTable::defaults(), "hang_snatch", &history),
            Err(Unresolved::NoMax)
        );
    }

    #[test]
    fn a_circle_of_ratios_is_caught() {
        let table = table(&[("a", "b", 9_000), ("b", "c", 9_000), ("c", "b", 9_000)]);
        assert_eq!(resolve(&table, "a", &[]), Err(Unresolved::Cycle));
        assert_eq!(resolve(&table, "b", &[]), Err(Unresolved::Cycle));
        // A max along the way is found before the circle matters.
        let history = [max("c", d(2025, 1, 1), 100_000)];
        assert_eq!(
            resolve(&table, "a", &history).map(|r| r.weight),
            Ok(Kg::whole(81))
        );
    }

    #[test]
    fn an_overlong_chain_is_refused() {
        let table = five_links();
        let history = [max("f", d(2025, 1, 1), 100_000), max("e", d(2025, 1, 1), 90_000)];
        assert_eq!(
            resolve(&table, "a", &history).map(|r| r.weight),
            Ok(Kg::whole(90))
        );
        assert_eq!(resolve(&table, "a", &history[..1]), Err(Unresolved::ChainTooLong));
        assert_eq!(resolve(&table, "b", &history[..1]).map(|r| r.chain.len()), Ok(4));
    }

    #[test]
    fn an_admins_ratios_are_checked() {
        let table = table(&[
            ("snatch", "clean_and_jerk", 0),
            ("clean", "clean", 10_000),
            ("jerk", "clean_and_jerk", 30_001),
            ("snatch", "clean", 8_000),
            ("x", "y", 30_000),
            ("y", "x", 1),
        ]);
        assert_eq!(
            table.validate(),
            Err(vec![
                SettingsError::new("ratios[0].factor", SettingsProblem::FactorOutOfRange),
                SettingsError::new("ratios[1].base", SettingsProblem::SelfRatio),
                SettingsError::new("ratios[2].factor", SettingsProblem::FactorOutOfRange),
                SettingsError::new("ratios[3].exercise", SettingsProblem::Duplicate),
                SettingsError::new("ratios[4].base", SettingsProblem::RatioCycle),
                SettingsError::new("ratios[5].base", SettingsProblem::RatioCycle),
            ])
        );
    }

    #[test]
    fn chains_deeper_than_allowed_are_reported() {
        let table = five_links();
        assert_eq!(
            table.validate(),
            Err(vec![SettingsError::new(
                "ratios[0].base",
                SettingsProblem::ChainTooLong { max: MAX_CHAIN }
            )])
        );
    }

    #[test]
    fn a_table_maps_to_the_clubs_ids_leaving_out_unknown_exercises() {
        use crate::ids::ExerciseId;
        let ids = |key: &String| match key.as_str() {
            "snatch" => Some(ExerciseId(1)),
            "clean_and_jerk" => Some(ExerciseId(2)),
            "power_snatch" => Some(ExerciseId(3)),
            _ => None,
        };
        let table = RatioTable::defaults().map_exercises(ids);
        assert_eq!(table.ratios.len(), 2);
        let history = [Max {
            exercise: ExerciseId(2),
            date: d(2025, 1, 1),
            weight: Kg::whole(100),
            kind: MaxKind::Competition,
        }];
        let resolved = table.resolve(&ExerciseId(3), d(2025, 6, 1), &history).unwrap();
        assert_eq!(resolved.weight, Kg::whole(68));
        assert_eq!(resolved.source.kind, MaxKind::Competition);
    }

    #[test]
    fn factors_are_read_written_and_sent_exactly() {
        assert_eq!("0.85".parse(), Ok(Factor(8_500)));
        assert_eq!("1,1".parse(), Ok(Factor(11_000)));
        assert_eq!("1.33".parse(), Ok(Factor(13_300)));
        assert_eq!("0.12345".parse::<Factor>(), Err(()));
        assert_eq!("-1".parse::<Factor>(), Err(()));
        assert_eq!(Factor(8_500).to_string(), "0.85");
        assert_eq!(Factor(10_000).to_string(), "1");
        assert_eq!(serde_json::to_string(&Factor(10_500)).unwrap(), "1.05");
        assert_eq!(serde_json::from_str::<Factor>("1.15").unwrap(), Factor(11_500));
        assert!(Factor::MAX.is_allowed());
        assert!(!Factor(0).is_allowed());
    }
}
