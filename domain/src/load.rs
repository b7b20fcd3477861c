//! Loads on the bar: percentages of a max, rounding to the club's step, and the plates that make
//! a load.
//!
//! A planned load is `percent × max` rounded to the club's step (by default twice the smallest
//! change plate, so 1 kg with 0.5 kg plates). The rounded load is then checked against the
//! club's plates: a load lighter than the bar with its collars, or one the plates cannot make
//! (plates go on in pairs, and the club has only so many), is **flagged, never changed**: the
//! coach sees the load they asked for with a warning. When the load can be made, the plate
//! breakdown says which plates go on each side, heaviest first, and always adds up exactly.

use crate::competition::Sex;
use crate::error::{FieldError, FieldProblem, SettingsError, SettingsProblem};
use crate::weight::Kg;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::{BTreeSet, HashSet};
use std::fmt;
use std::str::FromStr;

/// Hundredths of a percent in one percent.
const HUNDREDTHS: i64 = 100;
/// Hundredths of a percent in a whole (100 %).
const WHOLE: i64 = 100 * HUNDREDTHS;

/// A percentage of a max, exact to a hundredth of a percent ("82.5 %" is 8 250 hundredths).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Percent(i64);

impl Percent {
    /// A whole percentage: `Percent::whole(75)` is 75 %.
    pub const fn whole(percent: i64) -> Self {
        Percent(percent.saturating_mul(HUNDREDTHS))
    }

    /// A percentage in hundredths of a percent: `Percent::from_hundredths(8_250)` is 82.5 %.
    pub const fn from_hundredths(hundredths: i64) -> Self {
        Percent(hundredths)
    }

    /// The percentage in hundredths of a percent.
    pub const fn hundredths(self) -> i64 {
        self.0
    }

    /// The percentage as a number of percent (82.5), for display and charts.
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / HUNDREDTHS as f64
    }

    /// Reads what a coach typed ("82.5", "82,5", "75 %"), reporting a bad value against
    /// `field` as [`FieldProblem::Required`] or [`FieldProblem::InvalidNumber`].
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let text = raw.trim();
        if text.is_empty() || text == "%" {
            return Err(FieldError::new(field, FieldProblem::Required));
        }
        text.parse()
            .map_err(|()| FieldError::new(field, FieldProblem::InvalidNumber))
    }
}

impl FromStr for Percent {
    type Err = ();

    /// A non-negative number of percent with at most two decimals, after a dot or a comma,
    /// with an optional trailing "%".
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        let text = raw.trim();
        let text = text.strip_suffix('%').unwrap_or(text).trim_end();
        crate::decimal::parse(text, 2).map(Percent).map_err(|_| ())
    }
}

impl fmt::Display for Percent {
    /// The number of percent without the sign: "75", "82.5", "82.25".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::decimal::write(f, self.0, 2)
    }
}

impl Serialize for Percent {
    /// A number of percent: `82.5`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.as_f64())
    }
}

impl<'de> Deserialize<'de> for Percent {
    /// A number of percent, rounded to the hundredth.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let percent = f64::deserialize(deserializer)?;
        crate::decimal::from_f64(percent, 2)
            .map(Percent)
            .ok_or_else(|| serde::de::Error::custom("not a percentage"))
    }
}

/// How a load between two steps is rounded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundingMode {
    /// To the nearest step; exactly half-way goes up (77.5 with a 1 kg step… is already a
    /// step; 77.5 with a 5 kg step gives 80). The default.
    #[default]
    Nearest,
    /// Always down to the step below (never heavier than the percentage says).
    Down,
    /// Always up to the step above.
    Up,
}

/// Rounds the exact mass `numerator / denominator` grams to a multiple of `step` grams.
/// `denominator` must be positive; a `step` of zero or less means "to the gram".
fn round_exact(numerator: i128, denominator: i128, step: i64, mode: RoundingMode) -> Kg {
    let step = i128::from(step.max(1));
    let unit = denominator.saturating_mul(step);
    let steps = match mode {
        RoundingMode::Nearest => {
            (numerator.saturating_mul(2).saturating_add(unit)).div_euclid(unit.saturating_mul(2))
        }
        RoundingMode::Down => numerator.div_euclid(unit),
        RoundingMode::Up => -(numerator.saturating_neg().div_euclid(unit)),
    };
    let grams = steps.saturating_mul(step);
    Kg::from_grams(i64::try_from(grams).unwrap_or(if grams < 0 { i64::MIN } else { i64::MAX }))
}

/// `value` rounded to a multiple of `step` (both counted from zero). A step of zero or less
/// leaves the value as it is.
pub fn round_to_step(value: Kg, step: Kg, mode: RoundingMode) -> Kg {
    if !step.is_positive() {
        return value;
    }
    round_exact(i128::from(value.grams()), 1, step.grams(), mode)
}

/// The planned weight: `percent × max`, computed exactly and rounded once to `step`.
/// A step of zero or less rounds to the gram (nearest, ties up).
pub fn planned_weight(max: Kg, percent: Percent, step: Kg, mode: RoundingMode) -> Kg {
    let numerator = i128::from(max.grams()).saturating_mul(i128::from(percent.hundredths()));
    if step.is_positive() {
        round_exact(numerator, i128::from(WHOLE), step.grams(), mode)
    } else {
        round_exact(numerator, i128::from(WHOLE), 1, RoundingMode::Nearest)
    }
}

/// The colour of a plate on the loading diagram, as the IWF paints them: 25 red, 20 blue,
/// 15 yellow, 10 green, 5 white; the change plates repeat the sequence (2.5 red, 2 blue,
/// 1.5 yellow, 1 green, 0.5 white). Any other weight (0.25 kg, a club's odd plate) is
/// [`PlateColour::Unmarked`], drawn as bare metal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlateColour {
    Red,
    Blue,
    Yellow,
    Green,
    White,
    /// Not an IWF weight: no colour of its own.
    Unmarked,
}

impl PlateColour {
    /// The colour of a plate of `weight`.
    pub fn of(weight: Kg) -> Self {
        match weight.grams() {
            25_000 | 2_500 => PlateColour::Red,
            20_000 | 2_000 => PlateColour::Blue,
            15_000 | 1_500 => PlateColour::Yellow,
            10_000 | 1_000 => PlateColour::Green,
            5_000 | 500 => PlateColour::White,
            _ => PlateColour::Unmarked,
        }
    }
}

/// True for a change plate (lighter than 5 kg): the small discs drawn thinner and smaller on
/// the diagram.
pub fn is_change_plate(weight: Kg) -> bool {
    weight < Kg::whole(5)
}

/// One kind of plate the club owns, and how many (single plates, not pairs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PlateStock {
    /// The weight of one plate.
    pub weight: Kg,
    /// How many single plates of this weight one bar can draw on. Plates go on in pairs, so
    /// the count must be even: 8 plates of 25 kg are 4 pairs, 4 per side.
    pub count: u32,
}

impl PlateStock {
    /// `count` plates of `weight`.
    pub const fn new(weight: Kg, count: u32) -> Self {
        Self { weight, count }
    }

    /// The pairs this stock makes (an odd plate left over can never be used).
    pub const fn pairs(&self) -> u32 {
        self.count / 2
    }
}

/// The plate weights an inventory may list: a club's set has about a dozen.
pub const MAX_PLATE_KINDS: usize = 24;

/// The plates of one weight an inventory may count.
pub const MAX_PLATES_PER_KIND: u32 = 200;

/// The most (plate kind, remainder) states the exact plate search explores before it gives up
/// and calls the load "cannot be built". A real club's plates take a few hundred; the cap
/// bounds what an absurd inventory or load can cost.
const MAX_SEARCH_STATES: usize = 100_000;

/// What one platform has to build a load: the two bars, the collars and the plates.
///
/// The default is an IWF competition set: a 20 kg men's bar, a 15 kg women's bar, two 2.5 kg
/// collars, eight 25 kg plates and one pair of each other plate (20, 15, 10, 5, 2.5, 2, 1.5,
/// 1 and 0.5 kg). It builds every whole kilogram from the bar with collars up to 340 kg
/// (men) and 335 kg (women).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlateInventory {
    /// The men's bar (20 kg).
    pub bar_men: Kg,
    /// The women's bar (15 kg).
    pub bar_women: Kg,
    /// One collar; two are always on the bar.
    pub collar: Kg,
    /// The plates, in any order.
    pub plates: Vec<PlateStock>,
}

impl Default for PlateInventory {
    fn default() -> Self {
        let g = Kg::from_grams;
        Self {
            bar_men: Kg::whole(20),
            bar_women: Kg::whole(15),
            collar: g(2_500),
            plates: vec![
                PlateStock::new(g(25_000), 8),
                PlateStock::new(g(20_000), 2),
                PlateStock::new(g(15_000), 2),
                PlateStock::new(g(10_000), 2),
                PlateStock::new(g(5_000), 2),
                PlateStock::new(g(2_500), 2),
                PlateStock::new(g(2_000), 2),
                PlateStock::new(g(1_500), 2),
                PlateStock::new(g(1_000), 2),
                PlateStock::new(g(500), 2),
            ],
        }
    }
}

impl PlateInventory {
    /// The bar an athlete of this sex lifts.
    pub fn bar(&self, sex: Sex) -> Kg {
        match sex {
            Sex::Men => self.bar_men,
            Sex::Women => self.bar_women,
        }
    }

    /// The lightest load that can be lifted: the bar with its two collars.
    pub fn empty_bar(&self, sex: Sex) -> Kg {
        self.bar(sex) + self.collar * 2
    }

    /// The step the plates allow: twice the lightest plate of which the club has at least one
    /// pair (0.5 kg plates → 1 kg, 0.25 kg plates → 0.5 kg). `None` without any pair of plates.
    pub fn natural_step(&self) -> Option<Kg> {
        self.plates
            .iter()
            .filter(|p| p.pairs() > 0 && p.weight.is_positive())
            .map(|p| p.weight)
            .min()
            .map(|w| w * 2)
    }

    /// Checks an inventory edited by an admin and reports every problem at once: bars and
    /// collar must weigh more than zero (`bar_men`, `bar_women`, `collar`); every plate must
    /// weigh more than zero (`plates[i].weight`), no weight may be listed twice (the second
    /// one is reported), and counts are single plates, so they must be even
    /// (`plates[i].count`; zero is allowed: a weight the club has none of).
    pub fn validate(&self) -> Result<(), Vec<SettingsError>> {
        let mut errors = Vec::new();
        for (field, weight) in [
            ("bar_men", self.bar_men),
            ("bar_women", self.bar_women),
            ("collar", self.collar),
        ] {
            if !weight.is_positive() {
                errors.push(SettingsError::new(field, SettingsProblem::NotPositive));
            }
        }
        if self.plates.len() > MAX_PLATE_KINDS {
            errors.push(SettingsError::new(
                "plates",
                SettingsProblem::TooManyPlates { max: MAX_PLATE_KINDS },
            ));
            return Err(errors);
        }
        let mut seen = BTreeSet::new();
        for (i, plate) in self.plates.iter().enumerate() {
            if !plate.weight.is_positive() {
                errors.push(SettingsError::new(
                    &format!("plates[{i}].weight"),
                    SettingsProblem::NotPositive,
                ));
            } else if !seen.insert(plate.weight) {
                errors.push(SettingsError::new(
                    &format!("plates[{i}].weight"),
                    SettingsProblem::Duplicate,
                ));
            }
            if plate.count > MAX_PLATES_PER_KIND {
                errors.push(SettingsError::new(
                    &format!("plates[{i}].count"),
                    SettingsProblem::OutOfRange {
                        min: 0,
                        max: i64::from(MAX_PLATES_PER_KIND),
                    },
                ));
            } else if plate.count % 2 != 0 {
                errors.push(SettingsError::new(
                    &format!("plates[{i}].count"),
                    SettingsProblem::OddCount,
                ));
            }
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }

    /// The plate kinds with at least one pair, heaviest first, each as (grams, pairs). Plates
    /// listed twice are merged; weights of zero or less are ignored.
    fn usable_pairs(&self) -> Vec<(i64, u32)> {
        let mut kinds: Vec<(i64, u32)> = Vec::new();
        for plate in &self.plates {
            if !plate.weight.is_positive() || plate.pairs() == 0 {
                continue;
            }
            match kinds.iter_mut().find(|(w, _)| *w == plate.weight.grams()) {
                Some((_, pairs)) => *pairs = pairs.saturating_add(plate.pairs()),
                None => kinds.push((plate.weight.grams(), plate.pairs())),
            }
        }
        kinds.sort_by_key(|kind| std::cmp::Reverse(kind.0));
        kinds
    }
}

/// A warning on a load: the load is kept as planned, the coach decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoadFlag {
    /// Lighter than the bar with its two collars.
    BelowBar,
    /// At least the bar with collars, but the club's plates cannot make it (not enough
    /// plates, or a remainder no pair of plates covers).
    Unbuildable,
}

/// How a load is built: the bar, two collars, and the same plates on each side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlateBreakdown {
    /// The bar used.
    pub bar: Kg,
    /// One collar (two are on the bar).
    pub collar: Kg,
    /// The plates on one side, heaviest (innermost) first, one entry per plate.
    pub per_side: Vec<Kg>,
}

impl PlateBreakdown {
    /// What the loaded bar weighs: bar + two collars + both sides.
    pub fn total(&self) -> Kg {
        self.bar + self.collar * 2 + self.per_side.iter().sum::<Kg>() * 2
    }

    /// The plates of one side grouped by weight, heaviest first: `[(25, 1), (10, 1)]`.
    pub fn grouped(&self) -> Vec<(Kg, usize)> {
        let mut groups: Vec<(Kg, usize)> = Vec::new();
        for &plate in &self.per_side {
            match groups.last_mut() {
                Some((weight, n)) if *weight == plate => *n += 1,
                _ => groups.push((plate, 1)),
            }
        }
        groups
    }
}

/// A load as the session shows it: the weight, its warnings, and how to build it when it can
/// be built.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedLoad {
    /// The load on the bar, as planned (never adjusted to what the plates allow).
    pub load: Kg,
    /// Empty for a load the club can build. [`LoadFlag::BelowBar`] and
    /// [`LoadFlag::Unbuildable`] never come together: "below the bar" already says why.
    pub flags: Vec<LoadFlag>,
    /// The plates, whenever `flags` is empty.
    pub breakdown: Option<PlateBreakdown>,
}

impl PlannedLoad {
    /// True when the club's plates make this load exactly.
    pub fn is_buildable(&self) -> bool {
        self.breakdown.is_some()
    }
}

/// Checks `load` against the club's plates for an athlete of `sex` (whose bar is used).
///
/// The search is exact: it tries plate kinds heaviest first and backtracks, so when any
/// combination of pairs within the counts makes the load, one is found, and it is the one
/// with the most heavy plates (what a loader would put on).
pub fn check_load(load: Kg, sex: Sex, inventory: &PlateInventory) -> PlannedLoad {
    let bar = inventory.bar(sex);
    let collar = inventory.collar;
    let plates_total = load - bar - collar * 2;
    if plates_total < Kg::ZERO {
        return PlannedLoad {
            load,
            flags: vec![LoadFlag::BelowBar],
            breakdown: None,
        };
    }
    let found = if plates_total.grams() % 2 == 0 {
        plates_for_side(plates_total.grams() / 2, &inventory.usable_pairs())
    } else {
        None
    };
    match found {
        Some(per_side) => PlannedLoad {
            load,
            flags: Vec::new(),
            breakdown: Some(PlateBreakdown {
                bar,
                collar,
                per_side,
            }),
        },
        None => PlannedLoad {
            load,
            flags: vec![LoadFlag::Unbuildable],
            breakdown: None,
        },
    }
}

/// The planned load for a set: `percent × max` rounded to `step` by `mode` (see
/// [`planned_weight`]), then checked against the plates (see [`check_load`]).
pub fn plan_load(
    max: Kg,
    percent: Percent,
    sex: Sex,
    inventory: &PlateInventory,
    step: Kg,
    mode: RoundingMode,
) -> PlannedLoad {
    check_load(planned_weight(max, percent, step, mode), sex, inventory)
}

/// One side's plates adding up to `target` grams, heaviest first, from `kinds` (grams, pairs
/// available), sorted heaviest first.
fn plates_for_side(target: i64, kinds: &[(i64, u32)]) -> Option<Vec<Kg>> {
    // What the kinds from i on can add up to at most, to give up early.
    let mut reach = vec![0_i64; kinds.len() + 1];
    for i in (0..kinds.len()).rev() {
        reach[i] = reach[i + 1].saturating_add(kinds[i].0.saturating_mul(i64::from(kinds[i].1)));
    }
    let mut used = vec![0_i64; kinds.len()];
    let mut dead_ends = HashSet::new();
    if !fill(0, target, kinds, &reach, &mut used, &mut dead_ends).unwrap_or(false) {
        return None;
    }
    let mut side = Vec::new();
    for (&(grams, _), &n) in kinds.iter().zip(&used) {
        side.extend(std::iter::repeat_n(Kg::from_grams(grams), n as usize));
    }
    Some(side)
}

/// Puts plates of kind `i` and lighter on one side to cover `remaining` grams, trying the
/// most plates of each kind first. `dead_ends` remembers (kind, remainder) pairs already
/// proven impossible, so no state is explored twice. `None` once [`MAX_SEARCH_STATES`] states
/// were explored in vain.
fn fill(
    i: usize,
    remaining: i64,
    kinds: &[(i64, u32)],
    reach: &[i64],
    used: &mut [i64],
    dead_ends: &mut HashSet<(usize, i64)>,
) -> Option<bool> {
    if remaining == 0 {
        return Some(true);
    }
    let Some(&(grams, pairs)) = kinds.get(i) else {
        return Some(false);
    };
    if remaining < 0 || remaining > reach[i] || dead_ends.contains(&(i, remaining)) {
        return Some(false);
    }
    if dead_ends.len() >= MAX_SEARCH_STATES {
        return None;
    }
    let most = i64::from(pairs).min(remaining / grams);
    for n in (0..=most).rev() {
        used[i] = n;
        if fill(i + 1, remaining - n * grams, kinds, reach, used, dead_ends)? {
            return Some(true);
        }
    }
    used[i] = 0;
    dead_ends.insert((i, remaining));
    Some(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::assert_refused;
    use proptest::prelude::*;

    fn kg(grams: i64) -> Kg {
        Kg::from_grams(grams)
    }

    /// The default bars and collar with only these plates: (whole kilograms, count).
    fn only_plates(plates: &[(i64, u32)]) -> PlateInventory {
        PlateInventory {
            plates: plates
                .iter()
                .map(|&(kilos, count)| PlateStock::new(Kg::whole(kilos), count))
                .collect(),
            ..PlateInventory::default()
        }
    }

    /// The flags of a load of whole kilograms.
    fn flags(kilos: i64, sex: Sex, inv: &PlateInventory) -> Vec<LoadFlag> {
        check_load(Kg::whole(kilos), sex, inv).flags
    }

    fn side(load: &PlannedLoad) -> Vec<i64> {
        load.breakdown
            .as_ref()
            .map(|b| b.per_side.iter().map(|p| p.grams()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn percentages_are_read_and_written_as_coaches_type_them() {
        assert_eq!("82.5".parse(), Ok(Percent::from_hundredths(8_250)));
        assert_eq!("82,5 %".parse(), Ok(Percent::from_hundredths(8_250)));
        assert_eq!("75%".parse(), Ok(Percent::whole(75)));
        assert_eq!("82.125".parse::<Percent>(), Err(()));
        assert_eq!("-5".parse::<Percent>(), Err(()));
        assert_eq!(Percent::from_hundredths(8_250).to_string(), "82.5");
        assert_eq!(Percent::from_hundredths(8_225).to_string(), "82.25");
        assert_eq!(Percent::whole(100).to_string(), "100");
        assert_refused(
            Percent::parse,
            "percent",
            &[
                ("", FieldProblem::Required),
                ("lots", FieldProblem::InvalidNumber),
            ],
        );
        assert_eq!(
            serde_json::to_string(&Percent::from_hundredths(8_250)).ok(),
            Some("82.5".to_owned())
        );
    }

    #[test]
    fn nearest_rounding_goes_to_the_closer_step_and_half_way_goes_up() {
        let step = Kg::whole(1);
        let mode = RoundingMode::Nearest;
        assert_eq!(round_to_step(kg(77_400), step, mode), Kg::whole(77));
        assert_eq!(round_to_step(kg(77_500), step, mode), Kg::whole(78));
        assert_eq!(round_to_step(kg(77_600), step, mode), Kg::whole(78));
        assert_eq!(round_to_step(kg(78_000), step, mode), Kg::whole(78));
    }

    #[test]
    fn down_and_up_rounding_never_cross_the_exact_value() {
        let step = Kg::whole(1);
        assert_eq!(round_to_step(kg(77_900), step, RoundingMode::Down), Kg::whole(77));
        assert_eq!(round_to_step(kg(77_100), step, RoundingMode::Up), Kg::whole(78));
        assert_eq!(round_to_step(kg(77_000), step, RoundingMode::Down), Kg::whole(77));
        assert_eq!(round_to_step(kg(77_000), step, RoundingMode::Up), Kg::whole(77));
    }

    #[test]
    fn half_kilo_steps_keep_half_kilos() {
        let step = kg(500);
        assert_eq!(round_to_step(kg(77_240), step, RoundingMode::Nearest), kg(77_000));
        assert_eq!(round_to_step(kg(77_250), step, RoundingMode::Nearest), kg(77_500));
        assert_eq!(round_to_step(kg(77_600), step, RoundingMode::Down), kg(77_500));
        assert_eq!(round_to_step(kg(77_600), step, RoundingMode::Up), kg(78_000));
    }

    #[test]
    fn a_planned_weight_is_the_percentage_of_the_max_rounded_once() {
        let one = Kg::whole(1);
        let cases = [
            // 75 % of 103 = 77.25.
            (103, Percent::whole(75), one, RoundingMode::Nearest, Kg::whole(77)),
            (103, Percent::whole(75), one, RoundingMode::Up, Kg::whole(78)),
            (
                103,
                Percent::whole(75),
                kg(500),
                RoundingMode::Nearest,
                kg(77_500),
            ),
            // 82.5 % of 110 = 90.75 → 91; 85 % of 90 = 76.5 → 77 (a tie goes up).
            (
                110,
                Percent::from_hundredths(8_250),
                one,
                RoundingMode::Nearest,
                Kg::whole(91),
            ),
            (90, Percent::whole(85), one, RoundingMode::Nearest, Kg::whole(77)),
            (90, Percent::whole(85), one, RoundingMode::Down, Kg::whole(76)),
        ];
        for (max, percent, step, mode, expected) in cases {
            assert_eq!(
                planned_weight(Kg::whole(max), percent, step, mode),
                expected,
                "{percent} % of {max} by {step} ({mode:?})"
            );
        }
    }

    #[test]
    fn a_step_of_zero_rounds_to_the_gram() {
        assert_eq!(
            planned_weight(kg(100_001), Percent::whole(50), Kg::ZERO, RoundingMode::Down),
            kg(50_001)
        );
        assert_eq!(round_to_step(kg(77_123), Kg::ZERO, RoundingMode::Up), kg(77_123));
    }

    #[test]
    fn iwf_colours_are_given_per_plate() {
        assert_eq!(PlateColour::of(Kg::whole(25)), PlateColour::Red);
        assert_eq!(PlateColour::of(Kg::whole(20)), PlateColour::Blue);
        assert_eq!(PlateColour::of(Kg::whole(15)), PlateColour::Yellow);
        assert_eq!(PlateColour::of(Kg::whole(10)), PlateColour::Green);
        assert_eq!(PlateColour::of(Kg::whole(5)), PlateColour::White);
        assert_eq!(PlateColour::of(kg(2_500)), PlateColour::Red);
        assert_eq!(PlateColour::of(kg(2_000)), PlateColour::Blue);
        assert_eq!(PlateColour::of(kg(1_500)), PlateColour::Yellow);
        assert_eq!(PlateColour::of(kg(1_000)), PlateColour::Green);
        assert_eq!(PlateColour::of(kg(500)), PlateColour::White);
        assert_eq!(PlateColour::of(kg(250)), PlateColour::Unmarked);
        assert!(is_change_plate(kg(2_500)));
        assert!(!is_change_plate(Kg::whole(5)));
    }

    #[test]
    fn the_default_inventory_is_a_competition_set_with_a_one_kilo_step() {
        let inv = PlateInventory::default();
        assert_eq!(inv.bar(Sex::Men), Kg::whole(20));
        assert_eq!(inv.bar(Sex::Women), Kg::whole(15));
        assert_eq!(inv.empty_bar(Sex::Men), Kg::whole(25));
        assert_eq!(inv.empty_bar(Sex::Women), Kg::whole(20));
        assert_eq!(inv.natural_step(), Some(Kg::whole(1)));
        assert_eq!(inv.validate(), Ok(()));
    }

    #[test]
    fn quarter_kilo_plates_make_a_half_kilo_step() {
        let mut inv = PlateInventory::default();
        inv.plates.push(PlateStock::new(kg(250), 2));
        assert_eq!(inv.natural_step(), Some(kg(500)));
        // A single 0.25 kg plate is no pair: it does not change the step.
        inv.plates.last_mut().iter_mut().for_each(|p| p.count = 1);
        assert_eq!(inv.natural_step(), Some(Kg::whole(1)));
        inv.plates.clear();
        assert_eq!(inv.natural_step(), None);
    }

    #[test]
    fn a_102_kilo_bar_is_25_10_2_5_and_1_per_side() {
        let load = check_load(Kg::whole(102), Sex::Men, &PlateInventory::default());
        assert_eq!(load.flags, vec![]);
        assert_eq!(side(&load), vec![25_000, 10_000, 2_500, 1_000]);
        let breakdown = load.breakdown.unwrap();
        assert_eq!(breakdown.total(), Kg::whole(102));
        assert_eq!(breakdown.bar, Kg::whole(20));
    }

    #[test]
    fn heavy_loads_use_the_25s_first_and_group_them() {
        let load = check_load(Kg::whole(180), Sex::Men, &PlateInventory::default());
        // (180 - 25) / 2 = 77.5 = 3 × 25 + 2.5.
        assert_eq!(side(&load), vec![25_000, 25_000, 25_000, 2_500]);
        let grouped = load.breakdown.map(|b| b.grouped()).unwrap_or_default();
        assert_eq!(grouped, vec![(Kg::whole(25), 3), (kg(2_500), 1)]);
    }

    #[test]
    fn a_womens_load_is_built_on_the_15_kilo_bar() {
        let load = check_load(Kg::whole(63), Sex::Women, &PlateInventory::default());
        // (63 - 15 - 5) / 2 = 21.5 = 20 + 1.5.
        assert_eq!(side(&load), vec![20_000, 1_500]);
    }

    #[test]
    fn the_empty_bar_with_collars_is_buildable_and_anything_lighter_is_flagged() {
        let inv = PlateInventory::default();
        let empty = check_load(Kg::whole(25), Sex::Men, &inv);
        assert_eq!(empty.flags, vec![]);
        assert_eq!(side(&empty), Vec::<i64>::new());
        let light = check_load(Kg::whole(24), Sex::Men, &inv);
        assert_eq!(light.load, Kg::whole(24));
        assert_eq!(light.flags, vec![LoadFlag::BelowBar]);
        assert_eq!(light.breakdown, None);
        // 20 kg is fine for a woman (15 + 2 × 2.5), not for a man.
        assert_eq!(flags(20, Sex::Women, &inv), vec![]);
        assert_eq!(flags(20, Sex::Men, &inv), vec![LoadFlag::BelowBar]);
    }

    #[test]
    fn a_load_needing_an_odd_half_kilo_is_flagged_not_changed() {
        // 102.5 kg needs 38.75 kg a side: no pair of the default plates makes 0.25.
        let load = check_load(kg(102_500), Sex::Men, &PlateInventory::default());
        assert_eq!(load.load, kg(102_500));
        assert_eq!(load.flags, vec![LoadFlag::Unbuildable]);
        assert_eq!(load.breakdown, None);
    }

    #[test]
    fn an_inventory_lists_a_bounded_number_of_plates() {
        let inv = PlateInventory {
            plates: (1..=1_500).map(|i| PlateStock::new(kg(i * 10), 2)).collect(),
            ..PlateInventory::default()
        };
        assert_eq!(
            inv.validate(),
            Err(vec![SettingsError::new(
                "plates",
                SettingsProblem::TooManyPlates { max: MAX_PLATE_KINDS }
            )])
        );
        let mut inv = PlateInventory::default();
        inv.plates[0].count = 202;
        assert_eq!(
            inv.validate(),
            Err(vec![SettingsError::new(
                "plates[0].count",
                SettingsProblem::OutOfRange { min: 0, max: 200 }
            )])
        );
    }

    #[test]
    fn the_plate_search_is_bounded_even_for_absurd_inventories() {
        // 1,500 plate kinds of odd gram weights (what validation now refuses): the search gives
        // up after its budget instead of running for seconds.
        let inv = PlateInventory {
            plates: (1..=1_500).map(|i| PlateStock::new(kg(i * 7 + 3), 2)).collect(),
            ..PlateInventory::default()
        };
        let kinds = inv.usable_pairs();
        let mut reach = vec![0_i64; kinds.len() + 1];
        for i in (0..kinds.len()).rev() {
            reach[i] = reach[i + 1] + kinds[i].0 * i64::from(kinds[i].1);
        }
        let mut dead_ends = HashSet::new();
        let mut used = vec![0_i64; kinds.len()];
        let outcome = fill(0, 489_979, &kinds, &reach, &mut used, &mut dead_ends);
        assert!(dead_ends.len() <= MAX_SEARCH_STATES, "{}", dead_ends.len());
        assert!(outcome.is_some() || dead_ends.len() == MAX_SEARCH_STATES);
        // And a load checked against it answers (unbuildable past the budget, never a hang).
        assert_eq!(check_load(kg(1_000_001), Sex::Men, &inv).load, kg(1_000_001));
    }

    #[test]
    fn a_load_heavier_than_all_the_plates_is_flagged() {
        let inv = PlateInventory::default();
        assert_eq!(flags(340, Sex::Men, &inv), vec![]);
        assert_eq!(flags(341, Sex::Men, &inv), vec![LoadFlag::Unbuildable]);
    }

    #[test]
    fn counts_that_run_out_make_a_load_unbuildable() {
        let inv = only_plates(&[(25, 2), (10, 2)]);
        // 95 = 25 + 2 × (25 + 10): fine; 115 would need two pairs of 25.
        assert_eq!(
            side(&check_load(Kg::whole(95), Sex::Men, &inv)),
            vec![25_000, 10_000]
        );
        assert_eq!(flags(115, Sex::Men, &inv), vec![LoadFlag::Unbuildable]);
        // An odd plate is no pair: three 10 kg plates still give one 10 a side.
        let odd = only_plates(&[(10, 3)]);
        assert_eq!(flags(65, Sex::Men, &odd), vec![LoadFlag::Unbuildable]);
    }

    #[test]
    fn the_search_backtracks_where_heaviest_first_alone_fails() {
        // 30 a side from 25, 15, 15: greedy takes 25 and is stuck at 5; two 15s make it.
        let inv = only_plates(&[(25, 2), (15, 4)]);
        let load = check_load(Kg::whole(85), Sex::Men, &inv);
        assert_eq!(load.flags, vec![]);
        assert_eq!(side(&load), vec![15_000, 15_000]);
    }

    #[test]
    fn every_whole_kilo_of_a_session_can_be_built_from_the_default_set() {
        let inv = PlateInventory::default();
        for load in 25..=340 {
            let planned = check_load(Kg::whole(load), Sex::Men, &inv);
            assert!(planned.is_buildable(), "{load} kg");
        }
        for load in 20..=335 {
            let planned = check_load(Kg::whole(load), Sex::Women, &inv);
            assert!(planned.is_buildable(), "{load} kg");
        }
    }

    #[test]
    fn a_planned_load_rounds_then_checks() {
        // A man's load, to the nearest kilo, from the default plates.
        let plan = |max, percent| {
            let inv = PlateInventory::default();
            let step = Kg::whole(1);
            plan_load(
                Kg::whole(max),
                Percent::whole(percent),
                Sex::Men,
                &inv,
                step,
                RoundingMode::Nearest,
            )
        };
        let planned = plan(120, 85);
        assert_eq!(planned.load, Kg::whole(102));
        assert_eq!(side(&planned), vec![25_000, 10_000, 2_500, 1_000]);
        let light = plan(40, 50);
        assert_eq!(light.load, Kg::whole(20));
        assert_eq!(light.flags, vec![LoadFlag::BelowBar]);
    }

    #[test]
    fn an_admins_inventory_is_checked_field_by_field() {
        let inv = PlateInventory {
            bar_men: Kg::ZERO,
            bar_women: Kg::whole(15),
            collar: kg(-1),
            plates: vec![
                PlateStock::new(Kg::whole(25), 8),
                PlateStock::new(Kg::whole(25), 2),
                PlateStock::new(Kg::ZERO, 2),
                PlateStock::new(Kg::whole(10), 3),
                PlateStock::new(Kg::whole(5), 0),
            ],
        };
        assert_eq!(
            inv.validate(),
            Err(vec![
                SettingsError::new("bar_men", SettingsProblem::NotPositive),
                SettingsError::new("collar", SettingsProblem::NotPositive),
                SettingsError::new("plates[1].weight", SettingsProblem::Duplicate),
                SettingsError::new("plates[2].weight", SettingsProblem::NotPositive),
                SettingsError::new("plates[3].count", SettingsProblem::OddCount),
            ])
        );
    }

    /// Every way of choosing pairs, for small inventories: the reference the search is checked
    /// against.
    fn brute_force_buildable(target_side: i64, kinds: &[(i64, u32)]) -> bool {
        fn go(i: usize, remaining: i64, kinds: &[(i64, u32)]) -> bool {
            if remaining == 0 {
                return true;
            }
            let Some(&(w, pairs)) = kinds.get(i) else {
                return false;
            };
            (0..=i64::from(pairs)).any(|n| go(i + 1, remaining - n * w, kinds))
        }
        go(0, target_side, kinds)
    }

    fn inventory_strategy() -> impl Strategy<Value = PlateInventory> {
        prop::collection::vec((1_i64..=100, 0_u32..=8), 0..6).prop_map(|plates| {
            PlateInventory {
                plates: plates
                    .into_iter()
                    // Multiples of 0.25 kg, up to 25 kg.
                    .map(|(quarters, count)| PlateStock::new(Kg::from_grams(quarters * 250), count))
                    .collect(),
                ..PlateInventory::default()
            }
        })
    }

    proptest! {
        #[test]
        fn a_breakdown_always_adds_up_and_stays_within_the_inventory(
            inv in inventory_strategy(),
            load_grams in 0_i64..=400_000,
            women in any::<bool>(),
        ) {
            let sex = if women { Sex::Women } else { Sex::Men };
            let load = Kg::from_grams(load_grams);
            let planned = check_load(load, sex, &inv);
            prop_assert_eq!(planned.load, load);
            if let Some(b) = &planned.breakdown {
                prop_assert!(planned.flags.is_empty());
                prop_assert_eq!(b.total(), load);
                prop_assert_eq!(b.bar, inv.bar(sex));
                prop_assert!(b.per_side.windows(2).all(|w| w[0] >= w[1]));
                for weight in b.per_side.iter().collect::<BTreeSet<_>>() {
                    let per_side = b.per_side.iter().filter(|p| *p == weight).count() as u32;
                    let owned: u32 = inv.plates.iter()
                        .filter(|p| p.weight == *weight)
                        .map(|p| p.count)
                        .sum();
                    prop_assert!(2 * per_side <= owned, "{} × 2 of {} > {}", per_side, weight, owned);
                }
            } else {
                prop_assert_eq!(planned.flags.len(), 1);
            }
        }

        #[test]
        fn a_load_made_from_the_inventory_is_always_found(
            (inv, picks) in inventory_strategy().prop_flat_map(|inv| {
                let picks: Vec<_> = inv.plates.iter().map(|p| 0..=p.pairs()).collect();
                (Just(inv), picks)
            }),
        ) {
            let per_side: Kg = inv.plates.iter().zip(&picks)
                .map(|(p, &n)| p.weight * i64::from(n))
                .sum();
            let load = inv.empty_bar(Sex::Men) + per_side * 2;
            let planned = check_load(load, Sex::Men, &inv);
            prop_assert!(planned.is_buildable(), "{} kg from {:?}", load, inv.plates);
            prop_assert_eq!(planned.breakdown.map(|b| b.total()), Some(load));
        }

        #[test]
        fn the_search_finds_a_breakdown_whenever_one_exists(
            inv in inventory_strategy(),
            load_grams in 25_000_i64..=150_000,
        ) {
            let load = Kg::from_grams(load_grams);
            let planned = check_load(load, Sex::Men, &inv);
            let plates = load_grams - 25_000;
            let exists = plates % 2 == 0 && brute_force_buildable(plates / 2, &inv.usable_pairs());
            prop_assert_eq!(planned.is_buildable(), exists);
        }

        #[test]
        fn nearest_rounding_lands_on_a_step_within_half_a_step(
            value in -1_000_000_i64..=1_000_000,
            step in 1_i64..=10_000,
        ) {
            let rounded = round_to_step(Kg::from_grams(value), Kg::from_grams(step), RoundingMode::Nearest);
            prop_assert_eq!(rounded.grams() % step, 0);
            let distance = rounded.grams() - value;
            prop_assert!(2 * distance <= step && -2 * distance < step,
                "{} → {} with step {}", value, rounded.grams(), step);
        }

        #[test]
        fn a_planned_weight_lands_on_a_step_within_half_a_step_of_the_exact_percentage(
            max in 0_i64..=400_000,
            hundredths in 0_i64..=12_000,
            step in prop::sample::select(vec![250_i64, 500, 1_000, 2_000, 2_500, 5_000]),
        ) {
            let planned = planned_weight(
                Kg::from_grams(max), Percent::from_hundredths(hundredths), Kg::from_grams(step),
                RoundingMode::Nearest,
            );
            prop_assert_eq!(planned.grams() % step, 0);
            // Compare in hundred-thousandths of a gram so the exact value stays whole.
            let exact = i128::from(max) * i128::from(hundredths);
            let distance = i128::from(planned.grams()) * 10_000 - exact;
            let half = i128::from(step) * 10_000;
            prop_assert!(2 * distance <= half && -2 * distance < half);
        }

        #[test]
        fn down_and_up_bracket_the_value_within_one_step(
            value in -1_000_000_i64..=1_000_000,
            step in 1_i64..=10_000,
        ) {
            let down = round_to_step(Kg::from_grams(value), Kg::from_grams(step), RoundingMode::Down).grams();
            let up = round_to_step(Kg::from_grams(value), Kg::from_grams(step), RoundingMode::Up).grams();
            prop_assert_eq!(down % step, 0);
            prop_assert_eq!(up % step, 0);
            prop_assert!(down <= value && value < down + step);
            prop_assert!(up >= value && value > up - step);
        }
    }
}
