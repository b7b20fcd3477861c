//! The club's training settings: plates, rounding, fallback ratios and how lifts are counted.
//!
//! Admins edit them; every planned load of the club follows them. [`TrainingSettings::validate`]
//! reports every problem at once as data ([`SettingsError`]), for the UI to translate next to
//! the field.

use crate::competition::Sex;
pub use crate::error::{SettingsError, SettingsProblem};
use crate::load::{Percent, PlannedLoad, PlateInventory, RoundingMode, plan_load};
use crate::ratios::RatioTable;
use crate::weight::Kg;
use serde::{Deserialize, Serialize};
use std::ops::RangeInclusive;

/// How the lifts of a complex are counted in a set's number of lifts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplexCounting {
    /// Every movement counts: "1 clean + 2 jerks" is 3 lifts. The default.
    #[default]
    EveryMovement,
    /// Only the complex's main lift counts: "1 clean + 2 jerks" is 1 lift.
    MainLiftOnly,
}

/// The club's rules for turning percentages into loads and counting lifts. `E` identifies
/// exercises in the ratio table (the club's exercise ids; catalogue keys in the defaults).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingSettings<E> {
    /// Bars, collars and plates.
    pub inventory: PlateInventory,
    /// The rounding step set by the club; `None` lets the plates decide (see
    /// [`TrainingSettings::step`]).
    pub step: Option<Kg>,
    /// How loads between two steps are rounded.
    pub rounding: RoundingMode,
    /// The maxes worked out from other lifts when an athlete has none.
    pub ratios: RatioTable<E>,
    /// A set counts in the number of lifts when its load is at least this percentage of the
    /// max (whole percent, 1 to 100; default 50).
    pub lift_count_threshold: u8,
    /// How a complex's movements count as lifts.
    pub complex_counting: ComplexCounting,
    /// Whether athletes may record their own training maxes (coaches always may; default no).
    #[serde(default)]
    pub athletes_record_maxes: bool,
}

/// The number-of-lifts threshold a new club starts with: 50 %.
pub const DEFAULT_LIFT_COUNT_THRESHOLD: u8 = 50;
/// The thresholds an admin may set: 1 % to 100 %.
pub const LIFT_COUNT_THRESHOLD_RANGE: RangeInclusive<u8> = 1..=100;
/// The step used when the club sets none and owns no pair of plates: 1 kg.
pub const FALLBACK_STEP: Kg = Kg::from_grams(1_000);

impl Default for TrainingSettings<String> {
    /// A new club: the IWF competition set ([`PlateInventory::default`]), the step the plates
    /// give (1 kg), nearest rounding with ties up, the default ratios keyed by catalogue keys,
    /// a 50 % threshold and every movement of a complex counted.
    fn default() -> Self {
        Self {
            inventory: PlateInventory::default(),
            step: None,
            rounding: RoundingMode::default(),
            ratios: RatioTable::defaults(),
            lift_count_threshold: DEFAULT_LIFT_COUNT_THRESHOLD,
            complex_counting: ComplexCounting::default(),
            athletes_record_maxes: false,
        }
    }
}

/// How sets count as lifts: all the metrics need when no athlete is chosen (no loads, so no
/// plates, rounding nor ratios).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counting {
    /// [`TrainingSettings::lift_count_threshold`].
    pub threshold: u8,
    /// [`TrainingSettings::complex_counting`].
    pub complex: ComplexCounting,
}

impl<E> TrainingSettings<E> {
    /// How the club counts lifts.
    pub fn counting(&self) -> Counting {
        Counting {
            threshold: self.lift_count_threshold,
            complex: self.complex_counting,
        }
    }

    /// The step loads are rounded to: the club's own, or else twice the lightest plate of
    /// which it has a pair, or else [`FALLBACK_STEP`].
    pub fn step(&self) -> Kg {
        self.step
            .or_else(|| self.inventory.natural_step())
            .unwrap_or(FALLBACK_STEP)
    }

    /// The load for `percent` of `max` for an athlete of `sex`, rounded and checked against the
    /// plates (see [`plan_load`]).
    pub fn plan_load(&self, max: Kg, percent: Percent, sex: Sex) -> PlannedLoad {
        plan_load(max, percent, sex, &self.inventory, self.step(), self.rounding)
    }

    /// True when a set at `load` counts in the number of lifts: at or above the threshold
    /// percentage of `max` (compared exactly, before any rounding). Nothing counts without a
    /// max above zero.
    pub fn counts_as_lift(&self, load: Kg, max: Kg) -> bool {
        max.is_positive()
            && i128::from(load.grams()) * 100
                >= i128::from(max.grams()) * i128::from(self.lift_count_threshold)
    }

    /// The same settings with other exercise identifiers (see [`RatioTable::map_exercises`]).
    pub fn map_exercises<F, M>(&self, map: M) -> TrainingSettings<F>
    where
        M: FnMut(&E) -> Option<F>,
    {
        TrainingSettings {
            inventory: self.inventory.clone(),
            step: self.step,
            rounding: self.rounding,
            ratios: self.ratios.map_exercises(map),
            lift_count_threshold: self.lift_count_threshold,
            complex_counting: self.complex_counting,
            athletes_record_maxes: self.athletes_record_maxes,
        }
    }
}

impl<E: PartialEq + Clone> TrainingSettings<E> {
    /// Checks settings edited by an admin and reports every problem at once: the inventory
    /// ([`PlateInventory::validate`]), a club step above zero (`step`), the threshold within
    /// 1..=100 (`lift_count_threshold`) and the ratios ([`RatioTable::validate`]).
    pub fn validate(&self) -> Result<(), Vec<SettingsError>> {
        let mut errors = self.inventory.validate().err().unwrap_or_default();
        if self.step.is_some_and(|step| !step.is_positive()) {
            errors.push(SettingsError::new("step", SettingsProblem::NotPositive));
        }
        if !LIFT_COUNT_THRESHOLD_RANGE.contains(&self.lift_count_threshold) {
            errors.push(SettingsError::new(
                "lift_count_threshold",
                SettingsProblem::OutOfRange {
                    min: i64::from(*LIFT_COUNT_THRESHOLD_RANGE.start()),
                    max: i64::from(*LIFT_COUNT_THRESHOLD_RANGE.end()),
                },
            ));
        }
        errors.extend(self.ratios.validate().err().unwrap_or_default());
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{LoadFlag, PlateStock};

    #[test]
    fn a_new_club_has_valid_settings_with_a_one_kilo_step() {
        let settings = TrainingSettings::default();
        assert_eq!(settings.validate(), Ok(()));
        assert_eq!(settings.step(), Kg::whole(1));
        assert_eq!(settings.rounding, RoundingMode::Nearest);
        assert_eq!(settings.lift_count_threshold, 50);
        assert_eq!(settings.complex_counting, ComplexCounting::EveryMovement);
        assert!(
            !settings.athletes_record_maxes,
            "athletes do not record maxes by default"
        );
        assert_eq!(settings.ratios.ratios.len(), 10);
    }

    #[test]
    fn a_club_step_overrides_the_plates() {
        let settings = TrainingSettings {
            step: Some(Kg::from_grams(2_500)),
            ..TrainingSettings::default()
        };
        assert_eq!(settings.step(), Kg::from_grams(2_500));
        // 75 % of 103 = 77.25 → 77.5 with a 2.5 kg step.
        let planned = settings.plan_load(Kg::whole(103), Percent::whole(75), Sex::Men);
        assert_eq!(planned.load, Kg::from_grams(77_500));
        // 77.5 = 25 + 2 × 26.25: the default set has no 0.25 plates.
        assert_eq!(planned.flags, vec![LoadFlag::Unbuildable]);
    }

    #[test]
    fn without_plates_or_a_club_step_loads_round_to_a_kilo() {
        let settings = TrainingSettings {
            inventory: PlateInventory {
                plates: vec![PlateStock::new(Kg::whole(25), 0)],
                ..PlateInventory::default()
            },
            ..TrainingSettings::default()
        };
        assert_eq!(settings.step(), FALLBACK_STEP);
    }

    #[test]
    fn settings_plan_loads_with_their_own_rounding() {
        let settings = TrainingSettings {
            rounding: RoundingMode::Down,
            ..TrainingSettings::default()
        };
        let planned = settings.plan_load(Kg::whole(103), Percent::whole(75), Sex::Women);
        assert_eq!(planned.load, Kg::whole(77));
        assert!(planned.is_buildable());
    }

    #[test]
    fn a_set_counts_as_a_lift_from_the_threshold_on() {
        let settings = TrainingSettings::default();
        assert!(settings.counts_as_lift(Kg::whole(50), Kg::whole(100)));
        assert!(!settings.counts_as_lift(Kg::from_grams(49_999), Kg::whole(100)));
        assert!(settings.counts_as_lift(Kg::from_grams(50_500), Kg::whole(101)));
        assert!(!settings.counts_as_lift(Kg::whole(50), Kg::ZERO));
        let strict = TrainingSettings {
            lift_count_threshold: 70,
            ..TrainingSettings::default()
        };
        assert!(!strict.counts_as_lift(Kg::whole(69), Kg::whole(100)));
        assert!(strict.counts_as_lift(Kg::whole(70), Kg::whole(100)));
    }

    #[test]
    fn every_bad_setting_is_reported_against_its_field() {
        let mut settings = TrainingSettings {
            step: Some(Kg::ZERO),
            lift_count_threshold: 0,
            ..TrainingSettings::default()
        };
        settings.inventory.collar = Kg::ZERO;
        settings.ratios.ratios[0].factor = crate::ratios::Factor::from_ten_thousandths(40_000);
        assert_eq!(
            settings.validate(),
            Err(vec![
                SettingsError::new("collar", SettingsProblem::NotPositive),
                SettingsError::new("step", SettingsProblem::NotPositive),
                SettingsError::new(
                    "lift_count_threshold",
                    SettingsProblem::OutOfRange { min: 1, max: 100 }
                ),
                SettingsError::new("ratios[0].factor", SettingsProblem::FactorOutOfRange),
            ])
        );
        settings.lift_count_threshold = 101;
        assert!(
            settings
                .validate()
                .is_err_and(|e| e.iter().any(|e| e.field == "lift_count_threshold"))
        );
        settings.lift_count_threshold = 100;
        assert!(
            settings
                .validate()
                .is_err_and(|e| e.iter().all(|e| e.field != "lift_count_threshold"))
        );
    }

    #[test]
    fn settings_travel_as_json_and_map_to_the_clubs_ids() {
        let settings = TrainingSettings::default();
        let json = serde_json::to_string(&settings).unwrap();
        assert!(json.contains("\"bar_men\":20.0"), "{json}");
        assert!(json.contains("\"rounding\":\"nearest\""), "{json}");
        let back: TrainingSettings<String> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, settings);
        let mapped =
            settings.map_exercises(|key| (key == "snatch" || key == "clean_and_jerk").then_some(key.len()));
        assert_eq!(mapped.ratios.ratios.len(), 1);
        assert_eq!(mapped.lift_count_threshold, 50);
    }
}
