//! Competition data: sex categories, weight classes, the Sinclair coefficient and competitor
//! levels.
//!
//! Weight classes and Sinclair coefficients are reference data that the IWF changes from time
//! to time; both are versioned by date, so a result of 2024 is judged by the rules of 2024.
//! The seeded tables are [`weight_class_tables`] (IWF classes in force from 2025-06-01) and
//! [`sinclair_cycles`] (the 2025–2028 cycle, 2025-01-01 to 2028-12-31).

use crate::weight::Kg;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The sex category an athlete competes in; it picks the bar, the weight classes and the
/// Sinclair coefficients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sex {
    Women,
    Men,
}

impl Sex {
    pub const ALL: [Sex; 2] = [Sex::Women, Sex::Men];

    /// The category's name in forms, addresses and storage (its serde name).
    pub const fn as_str(self) -> &'static str {
        match self {
            Sex::Women => "women",
            Sex::Men => "men",
        }
    }

    /// Reads a name written by [`Sex::as_str`].
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw.trim())
    }
}

/// A date known to be valid, for the seeded tables (checked when the crate compiles).
const fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("invalid date in seeded reference data"),
    }
}

/// The day the IWF weight classes of 2025 came into force.
pub const IWF_CLASSES_2025_FROM: NaiveDate = day(2025, 6, 1);
/// The first day of the 2025–2028 Sinclair cycle.
pub const SINCLAIR_2025_FROM: NaiveDate = day(2025, 1, 1);
/// The last day of the 2025–2028 Sinclair cycle.
pub const SINCLAIR_2025_TO: NaiveDate = day(2028, 12, 31);

/// A weight class: up to `limit` kilograms of bodyweight, or over the top limit ("+110").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct WeightClass {
    pub sex: Sex,
    /// The class limit: the heaviest bodyweight in the class, or for the open class the limit
    /// it starts above.
    pub limit: Kg,
    /// True for the open class above the top limit ("+110").
    pub over: bool,
}

impl fmt::Display for WeightClass {
    /// The class as written on a start list: "88", "+110".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.over {
            write!(f, "+{}", self.limit)
        } else {
            write!(f, "{}", self.limit)
        }
    }
}

/// The weight classes in force from a date on, until the next table's date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeightClassTable {
    /// The first day this table applies.
    pub effective_from: NaiveDate,
    /// The men's class limits (the top one also opens the "+" class).
    pub men: Vec<Kg>,
    /// The women's class limits (the top one also opens the "+" class).
    pub women: Vec<Kg>,
}

impl WeightClassTable {
    /// The IWF classes in force from 2025-06-01: men 60, 65, 71, 79, 88, 94, 110, +110;
    /// women 48, 53, 58, 63, 69, 77, 86, +86.
    pub fn iwf_2025() -> Self {
        let limits = |l: &[i64]| l.iter().map(|&kg| Kg::whole(kg)).collect();
        Self {
            effective_from: IWF_CLASSES_2025_FROM,
            men: limits(&[60, 65, 71, 79, 88, 94, 110]),
            women: limits(&[48, 53, 58, 63, 69, 77, 86]),
        }
    }

    /// The class limits of one sex.
    pub fn limits(&self, sex: Sex) -> &[Kg] {
        match sex {
            Sex::Men => &self.men,
            Sex::Women => &self.women,
        }
    }

    /// The class of a bodyweight: the lightest class whose limit it does not exceed (a
    /// bodyweight exactly at a limit belongs to that class), or the "+" class above the top
    /// limit. `None` when the table has no class for this sex.
    pub fn class_for(&self, sex: Sex, bodyweight: Kg) -> Option<WeightClass> {
        let limits = self.limits(sex);
        match limits.iter().filter(|&&limit| bodyweight <= limit).min() {
            Some(&limit) => Some(WeightClass {
                sex,
                limit,
                over: false,
            }),
            None => limits.iter().max().map(|&limit| WeightClass {
                sex,
                limit,
                over: true,
            }),
        }
    }
}

/// The seeded weight-class tables: the IWF classes of 2025.
pub fn weight_class_tables() -> Vec<WeightClassTable> {
    vec![WeightClassTable::iwf_2025()]
}

/// The table in force on a date: the one with the latest `effective_from` on or before it.
pub fn weight_class_table_on(tables: &[WeightClassTable], on: NaiveDate) -> Option<&WeightClassTable> {
    tables
        .iter()
        .filter(|t| t.effective_from <= on)
        .max_by_key(|t| t.effective_from)
}

/// A competitor level an athlete reaches on a date; it lasts until the next one starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LevelChange {
    pub level: CompetitorLevel,
    pub start: NaiveDate,
}

/// A weighing of an athlete: the scale on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weighing {
    pub date: NaiveDate,
    pub weight: Kg,
}

/// The athlete's bodyweight on a date: the latest weighing on or before it (of two on the
/// same day, the one later in the list).
pub fn bodyweight_on(weighings: &[Weighing], on: NaiveDate) -> Option<&Weighing> {
    weighings.iter().filter(|w| w.date <= on).max_by_key(|w| w.date)
}

/// An athlete's weight class on a date: from their sex and latest weighing on or before that
/// date, in the table in force on that date. `None` without a weighing by then or before the
/// first table.
pub fn weight_class_on(
    tables: &[WeightClassTable],
    sex: Sex,
    weighings: &[Weighing],
    on: NaiveDate,
) -> Option<WeightClass> {
    let table = weight_class_table_on(tables, on)?;
    let bodyweight = bodyweight_on(weighings, on)?;
    table.class_for(sex, bodyweight.weight)
}

/// The two Sinclair constants of one sex: `a` (the curve) and `b` (the bodyweight in
/// kilograms from which the coefficient is 1).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SinclairParams {
    pub a: f64,
    pub b: f64,
}

impl SinclairParams {
    /// The coefficient that makes totals of different bodyweights comparable:
    /// `10^(a · (log10(bodyweight / b))²)` below `b`, exactly 1 from `b` on. `None` for a
    /// bodyweight of zero or less.
    pub fn coefficient(&self, bodyweight: Kg) -> Option<f64> {
        if !bodyweight.is_positive() {
            return None;
        }
        let bw = bodyweight.as_f64();
        if bw >= self.b {
            return Some(1.0);
        }
        let x = (bw / self.b).log10();
        Some(10_f64.powf(self.a * x * x))
    }
}

/// The Sinclair constants of an Olympic cycle, valid from `from` to `to` (both included).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SinclairCycle {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub men: SinclairParams,
    pub women: SinclairParams,
}

impl SinclairCycle {
    /// The 2025–2028 cycle, 2025-01-01 to 2028-12-31: men a = 0.700767819, b = 201.159;
    /// women a = 0.674107991, b = 163.918.
    pub fn cycle_2025_2028() -> Self {
        Self {
            from: SINCLAIR_2025_FROM,
            to: SINCLAIR_2025_TO,
            men: SinclairParams {
                a: 0.700_767_819,
                b: 201.159,
            },
            women: SinclairParams {
                a: 0.674_107_991,
                b: 163.918,
            },
        }
    }

    /// The constants of one sex.
    pub fn params(&self, sex: Sex) -> SinclairParams {
        match sex {
            Sex::Men => self.men,
            Sex::Women => self.women,
        }
    }

    /// True when `on` falls within the cycle.
    pub fn covers(&self, on: NaiveDate) -> bool {
        self.from <= on && on <= self.to
    }
}

/// The seeded Sinclair cycles: 2025–2028.
pub fn sinclair_cycles() -> Vec<SinclairCycle> {
    vec![SinclairCycle::cycle_2025_2028()]
}

/// The Sinclair coefficient of an athlete of `sex` weighing `bodyweight` on `on`, with the
/// constants of the cycle covering that date. `None` outside every cycle or for a bodyweight
/// of zero or less.
pub fn sinclair_coefficient(
    cycles: &[SinclairCycle],
    sex: Sex,
    bodyweight: Kg,
    on: NaiveDate,
) -> Option<f64> {
    cycles
        .iter()
        .find(|c| c.covers(on))?
        .params(sex)
        .coefficient(bodyweight)
}

/// The Sinclair total: the total (best snatch + best clean and jerk) times the coefficient.
/// Unrounded; start lists show three decimals.
pub fn sinclair_total(total: Kg, coefficient: f64) -> f64 {
    total.as_f64() * coefficient
}

/// How far an athlete competes, from a first meet to the world stage; levels are ordered
/// (`Rookie < … < Elite`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompetitorLevel {
    Rookie,
    Regional,
    National,
    International,
    Elite,
}

impl CompetitorLevel {
    /// Every level, lowest first.
    pub const ALL: [CompetitorLevel; 5] = [
        CompetitorLevel::Rookie,
        CompetitorLevel::Regional,
        CompetitorLevel::National,
        CompetitorLevel::International,
        CompetitorLevel::Elite,
    ];

    /// The level's name in forms, addresses and storage (its serde name).
    pub const fn as_str(self) -> &'static str {
        match self {
            CompetitorLevel::Rookie => "rookie",
            CompetitorLevel::Regional => "regional",
            CompetitorLevel::National => "national",
            CompetitorLevel::International => "international",
            CompetitorLevel::Elite => "elite",
        }
    }

    /// Reads a name written by [`CompetitorLevel::as_str`].
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == raw.trim())
    }
}

/// One period of an athlete's level: from `start` (included) to `end` (excluded), or still
/// current when `end` is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelStatus {
    pub level: CompetitorLevel,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
}

/// Why a level cannot be recorded, or a stored history is not a history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LevelHistoryError {
    /// A new status must start after the current one started (`current_start`).
    #[error("a new level must start after {current_start}")]
    NotAfterCurrent { current_start: NaiveDate },
    /// Statuses out of order, overlapping, with gaps, or a closed last one.
    #[error("the statuses do not follow one another")]
    Broken,
}

/// An athlete's levels over time, oldest first: each status ends the day the next one starts,
/// and only the last one is open.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<LevelStatus>", into = "Vec<LevelStatus>")]
pub struct LevelHistory {
    statuses: Vec<LevelStatus>,
}

impl LevelHistory {
    /// A history without any status yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The statuses, oldest first.
    pub fn statuses(&self) -> &[LevelStatus] {
        &self.statuses
    }

    /// The status in force now (the open one), if any.
    pub fn current(&self) -> Option<&LevelStatus> {
        self.statuses.last()
    }

    /// Records a new level from `start` on: the current status gets `start` as its end date.
    /// The new status must start strictly after the current one started.
    pub fn record(&mut self, level: CompetitorLevel, start: NaiveDate) -> Result<(), LevelHistoryError> {
        if let Some(current) = self.statuses.last_mut() {
            if start <= current.start {
                return Err(LevelHistoryError::NotAfterCurrent {
                    current_start: current.start,
                });
            }
            current.end = Some(start);
        }
        self.statuses.push(LevelStatus {
            level,
            start,
            end: None,
        });
        Ok(())
    }

    /// The level on a date: the status with `start <= on < end`. On the day a new status
    /// starts, the new one applies. `None` before the first status.
    pub fn level_on(&self, on: NaiveDate) -> Option<CompetitorLevel> {
        self.statuses
            .iter()
            .find(|s| s.start <= on && s.end.is_none_or(|end| on < end))
            .map(|s| s.level)
    }
}

impl TryFrom<Vec<LevelStatus>> for LevelHistory {
    type Error = LevelHistoryError;

    /// Accepts a stored history only when each status ends on the next one's start, after its
    /// own start, and the last one is open.
    fn try_from(statuses: Vec<LevelStatus>) -> Result<Self, Self::Error> {
        for pair in statuses.windows(2) {
            if pair[0].end != Some(pair[1].start) || pair[1].start <= pair[0].start {
                return Err(LevelHistoryError::Broken);
            }
        }
        if statuses.last().is_some_and(|s| s.end.is_some()) {
            return Err(LevelHistoryError::Broken);
        }
        Ok(Self { statuses })
    }
}

impl From<LevelHistory> for Vec<LevelStatus> {
    fn from(history: LevelHistory) -> Self {
        history.statuses
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_serde_names_and_read_back() {
        for sex in Sex::ALL {
            assert_eq!(
                serde_json::to_string(&sex).unwrap(),
                format!("\"{}\"", sex.as_str())
            );
            assert_eq!(Sex::parse(sex.as_str()), Some(sex));
        }
        for level in CompetitorLevel::ALL {
            assert_eq!(
                serde_json::to_string(&level).unwrap(),
                format!("\"{}\"", level.as_str())
            );
            assert_eq!(
                CompetitorLevel::parse(&format!(" {} ", level.as_str())),
                Some(level)
            );
        }
        assert_eq!(Sex::parse("female"), None);
        assert_eq!(CompetitorLevel::parse("Elite"), None);
    }

    fn d(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    fn kg(grams: i64) -> Kg {
        Kg::from_grams(grams)
    }

    fn weighed(date: NaiveDate, grams: i64) -> Weighing {
        Weighing {
            date,
            weight: kg(grams),
        }
    }

    #[test]
    fn a_bodyweight_belongs_to_the_class_of_the_first_limit_it_does_not_exceed() {
        let on = d(2025, 9, 1);
        let cases = [
            // Exactly at a limit belongs to that class.
            (Sex::Men, 88_000, "88"),
            (Sex::Men, 88_001, "94"),
            (Sex::Men, 87_900, "88"),
            (Sex::Women, 48_000, "48"),
            (Sex::Women, 48_100, "53"),
            (Sex::Men, 40_000, "60"),
            // Above the top limit is the plus class.
            (Sex::Men, 110_000, "110"),
            (Sex::Men, 110_100, "+110"),
            (Sex::Women, 86_000, "86"),
            (Sex::Women, 120_000, "+86"),
        ];
        for (sex, grams, class) in cases {
            let weighings = [weighed(d(2025, 8, 30), grams)];
            let found = weight_class_on(&weight_class_tables(), sex, &weighings, on).map(|c| c.to_string());
            assert_eq!(found.as_deref(), Some(class), "{sex:?} {grams} g");
        }
    }

    #[test]
    fn above_the_top_limit_is_the_plus_class() {
        let plus = WeightClassTable::iwf_2025().class_for(Sex::Women, kg(90_000));
        assert_eq!(
            plus,
            Some(WeightClass {
                sex: Sex::Women,
                limit: Kg::whole(86),
                over: true
            })
        );
    }

    #[test]
    fn the_seeded_classes_are_the_iwf_ones_of_2025() {
        let table = WeightClassTable::iwf_2025();
        let men: Vec<String> = table.men.iter().map(Kg::to_string).collect();
        let women: Vec<String> = table.women.iter().map(Kg::to_string).collect();
        assert_eq!(men, ["60", "65", "71", "79", "88", "94", "110"]);
        assert_eq!(women, ["48", "53", "58", "63", "69", "77", "86"]);
        assert_eq!(table.effective_from, d(2025, 6, 1));
    }

    #[test]
    fn there_is_no_class_before_the_first_table() {
        let weighings = [weighed(d(2025, 1, 10), 70_000)];
        let tables = weight_class_tables();
        assert_eq!(
            weight_class_on(&tables, Sex::Men, &weighings, d(2025, 5, 31)),
            None
        );
        assert_eq!(
            weight_class_on(&tables, Sex::Men, &weighings, d(2025, 6, 1)).map(|c| c.limit),
            Some(Kg::whole(71))
        );
    }

    #[test]
    fn the_class_uses_the_latest_weighing_on_or_before_the_date() {
        let weighings = [
            weighed(d(2025, 7, 1), 72_000),
            weighed(d(2025, 9, 1), 80_000),
            weighed(d(2025, 8, 1), 70_500),
        ];
        let tables = weight_class_tables();
        let on = |date| weight_class_on(&tables, Sex::Men, &weighings, date).map(|c| c.to_string());
        assert_eq!(on(d(2025, 6, 30)), None);
        assert_eq!(on(d(2025, 7, 1)).as_deref(), Some("79"));
        assert_eq!(on(d(2025, 8, 15)).as_deref(), Some("71"));
        assert_eq!(on(d(2025, 9, 1)).as_deref(), Some("88"));
    }

    #[test]
    fn a_newer_table_takes_over_from_its_date() {
        let older = WeightClassTable {
            effective_from: d(2018, 11, 1),
            men: vec![Kg::whole(61), Kg::whole(67), Kg::whole(73)],
            women: vec![Kg::whole(45)],
        };
        let tables = vec![WeightClassTable::iwf_2025(), older];
        let weighings = [weighed(d(2020, 1, 1), 66_000)];
        let class = |date| weight_class_on(&tables, Sex::Men, &weighings, date).map(|c| c.to_string());
        assert_eq!(class(d(2025, 5, 31)).as_deref(), Some("67"));
        assert_eq!(class(d(2025, 6, 1)).as_deref(), Some("71"));
    }

    /// The Sinclair formula written out step by step with the 2025–2028 cycle's constants,
    /// independently of the code under test.
    fn by_hand(sex: Sex, bodyweight: f64) -> f64 {
        let (a, b) = match sex {
            Sex::Men => (0.700_767_819, 201.159),
            Sex::Women => (0.674_107_991, 163.918),
        };
        if bodyweight >= b {
            return 1.0;
        }
        let ratio = bodyweight / b;
        let log = ratio.ln() / 10_f64.ln();
        let exponent = a * log * log;
        (exponent * 10_f64.ln()).exp()
    }

    fn coefficient(sex: Sex, grams: i64) -> f64 {
        sinclair_coefficient(&sinclair_cycles(), sex, kg(grams), d(2026, 3, 14)).unwrap()
    }

    #[test]
    fn the_coefficients_are_the_published_ones() {
        // Men at 89 kg: 1.2243, a 300 kg total worth 367.293; women at 64 kg: 1.2956, a 200 kg
        // total worth 259.114.
        for (sex, kilos, published, total, sinclair) in [
            (Sex::Men, 89, 1.2243, 300, 367.293),
            (Sex::Women, 64, 1.2956, 200, 259.114),
        ] {
            let c = coefficient(sex, kilos * 1000);
            assert!((c - published).abs() < 0.000_05, "{sex:?}: {c}");
            assert!((c - by_hand(sex, kilos as f64)).abs() < 1e-12);
            let total = sinclair_total(Kg::whole(total), c);
            assert!((total - sinclair).abs() < 0.001, "{sex:?}: {total}");
        }
    }

    #[test]
    fn lighter_athletes_get_bigger_coefficients() {
        assert!((coefficient(Sex::Men, 60_000) - 1.5611).abs() < 0.000_05);
        assert!((coefficient(Sex::Women, 48_000) - 1.5552).abs() < 0.000_05);
        for grams in (40_000..200_000).step_by(7_300) {
            for sex in [Sex::Men, Sex::Women] {
                let c = coefficient(sex, grams);
                assert!(
                    (c - by_hand(sex, grams as f64 / 1000.0)).abs() < 1e-12,
                    "{sex:?} {grams}"
                );
            }
        }
    }

    #[test]
    fn at_or_above_b_the_coefficient_is_one() {
        assert_eq!(coefficient(Sex::Men, 201_159), 1.0);
        assert_eq!(coefficient(Sex::Men, 230_000), 1.0);
        assert_eq!(coefficient(Sex::Women, 163_918), 1.0);
        assert_eq!(coefficient(Sex::Women, 170_000), 1.0);
        assert!(coefficient(Sex::Women, 163_000) > 1.0);
        assert_eq!(
            sinclair_total(Kg::whole(250), coefficient(Sex::Women, 170_000)),
            250.0
        );
    }

    #[test]
    fn there_is_no_coefficient_outside_the_cycle_or_without_a_bodyweight() {
        let cycles = sinclair_cycles();
        assert_eq!(
            sinclair_coefficient(&cycles, Sex::Men, kg(89_000), d(2024, 12, 31)),
            None
        );
        assert_eq!(
            sinclair_coefficient(&cycles, Sex::Men, kg(89_000), d(2029, 1, 1)),
            None
        );
        assert!(sinclair_coefficient(&cycles, Sex::Men, kg(89_000), d(2025, 1, 1)).is_some());
        assert!(sinclair_coefficient(&cycles, Sex::Men, kg(89_000), d(2028, 12, 31)).is_some());
        assert_eq!(
            sinclair_coefficient(&cycles, Sex::Men, Kg::ZERO, d(2026, 1, 1)),
            None
        );
    }

    #[test]
    fn a_new_level_closes_the_previous_one() {
        let mut history = LevelHistory::new();
        assert_eq!(history.record(CompetitorLevel::Rookie, d(2023, 9, 1)), Ok(()));
        assert_eq!(history.record(CompetitorLevel::Regional, d(2024, 6, 15)), Ok(()));
        assert_eq!(
            history.statuses(),
            [
                LevelStatus {
                    level: CompetitorLevel::Rookie,
                    start: d(2023, 9, 1),
                    end: Some(d(2024, 6, 15)),
                },
                LevelStatus {
                    level: CompetitorLevel::Regional,
                    start: d(2024, 6, 15),
                    end: None,
                },
            ]
        );
        assert_eq!(
            history.current().map(|s| s.level),
            Some(CompetitorLevel::Regional)
        );
    }

    #[test]
    fn the_level_on_a_date_is_the_status_covering_it() {
        let mut history = LevelHistory::new();
        history.record(CompetitorLevel::Rookie, d(2023, 9, 1)).unwrap();
        history.record(CompetitorLevel::National, d(2024, 6, 15)).unwrap();
        assert_eq!(history.level_on(d(2023, 8, 31)), None);
        assert_eq!(history.level_on(d(2023, 9, 1)), Some(CompetitorLevel::Rookie));
        assert_eq!(history.level_on(d(2024, 6, 14)), Some(CompetitorLevel::Rookie));
        assert_eq!(history.level_on(d(2024, 6, 15)), Some(CompetitorLevel::National));
        assert_eq!(history.level_on(d(2030, 1, 1)), Some(CompetitorLevel::National));
    }

    #[test]
    fn a_level_cannot_start_before_the_current_one() {
        let mut history = LevelHistory::new();
        history.record(CompetitorLevel::Regional, d(2024, 6, 15)).unwrap();
        assert_eq!(
            history.record(CompetitorLevel::National, d(2024, 6, 15)),
            Err(LevelHistoryError::NotAfterCurrent {
                current_start: d(2024, 6, 15)
            })
        );
        assert_eq!(history.statuses().len(), 1);
        assert_eq!(history.current().and_then(|s| s.end), None);
    }

    #[test]
    fn levels_are_ordered_from_rookie_to_elite() {
        use CompetitorLevel::*;
        let mut levels = vec![Elite, Rookie, International, Regional, National];
        levels.sort();
        assert_eq!(levels, vec![Rookie, Regional, National, International, Elite]);
    }

    #[test]
    fn a_stored_history_must_chain_its_statuses() {
        let mut history = LevelHistory::new();
        history.record(CompetitorLevel::Rookie, d(2023, 9, 1)).unwrap();
        history.record(CompetitorLevel::Elite, d(2024, 1, 1)).unwrap();
        let json = serde_json::to_string(&history).unwrap();
        assert_eq!(serde_json::from_str::<LevelHistory>(&json).unwrap(), history);

        let gap = vec![
            LevelStatus {
                level: CompetitorLevel::Rookie,
                start: d(2023, 9, 1),
                end: Some(d(2023, 12, 1)),
            },
            LevelStatus {
                level: CompetitorLevel::Elite,
                start: d(2024, 1, 1),
                end: None,
            },
        ];
        assert_eq!(LevelHistory::try_from(gap), Err(LevelHistoryError::Broken));
    }
}
