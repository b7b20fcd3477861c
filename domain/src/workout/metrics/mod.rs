//! Loads and metrics of a workout: per athlete kilograms, tonnage, lifts, Prilepin.
//!
//! The builder shows them live while a coach edits (in the browser, on every keystroke) and
//! the print page shows each athlete's kilograms per block. The flow:
//!
//! 1. [`WorkoutPlan::new`] reads the content once, with what the catalogue tells about each
//!    complex ([`LiftInfo`]: its main lift and where it stands among the movements). Every
//!    block gets its **reference exercise**: a %-block's `of`, else the element's reference
//!    (an exercise is its own; a complex's is its main lift).
//! 2. [`WorkoutPlan::athlete`] (one athlete) or [`WorkoutPlan::group`] (each athlete of a
//!    group) resolves each reference's max once per athlete
//!    ([`crate::ratios::RatioTable::resolve`], so a max derived through ratios keeps its chain
//!    for the "≈"), then gives every block its load ([`BlockLoad`]) and the metrics
//!    ([`WorkoutMetrics`]).
//! 3. [`WorkoutPlan::preview`] ("Preview for: none") gives the metrics without any athlete,
//!    from the percentages alone.
//!
//! # Definitions
//!
//! For a block of `sets` sets, the **reps** of a set are those of every movement together
//! (`3 × (1+1+2)` has 4 reps a set); its **lifts** a set are the reps as the club counts them
//! ([`ComplexCounting`]): every movement's, or only the main lift's.
//!
//! - **Tonnage** = Σ load × reps × sets over the sets that have a load (every movement counts,
//!   whatever the club's counting). Sets without a load (RPE, no max) are left out and
//!   reported in [`Metrics::reps_without_load`]. There is no tonnage without an athlete.
//! - **Number of lifts** (NL, [`Metrics::lifts`]) = Σ lifts × sets of the sets at or above the
//!   club's threshold percentage of the max. A %-set is compared by its percentage, with or
//!   without an athlete and whether or not the athlete has a max (the exact load `percent ×
//!   max` is at the threshold exactly when the percentage is; rounding to the step never moves
//!   a set across it). A kg set is compared by `load ÷ max`
//!   ([`TrainingSettings::counts_as_lift`]), which needs the athlete's max of the reference.
//! - **Not counted** ([`Metrics::not_counted`]): the lifts of sets that cannot be compared with
//!   the threshold at all: RPE sets, and kg sets without a max (every kg set in the preview).
//!   They are in neither NL nor [`Metrics::below_threshold`], so the UI can say "n lifts not
//!   counted (no max)".
//! - **Average weight** = the lift-weighted mean load of the counted sets that have a load:
//!   Σ load × lifts × sets ÷ Σ lifts × sets. When every movement counts this is exactly the
//!   glossary's "tonnage of the counted sets ÷ their lifts"; when only a complex's main lift
//!   counts it stays a weight on the bar (1 clean + 2 jerks at 100 kg averages 100 kg, not the
//!   300 kg of tonnage ÷ 1 lift). Rounded to the gram.
//! - **Relative intensity** = the lift-weighted mean of each counted set's load ÷ the max of
//!   its reference, over the counted sets that have a load. For an element or a workout whose
//!   sets share one reference it is exactly average weight ÷ max; with several references
//!   each set is measured against its own max. In the preview it is the lift-weighted mean of
//!   the counted %-sets' percentages. Rounded to the hundredth of a percent.
//! - **Prilepin** ([`ExercisePrilepin`]): per reference exercise, the lifts in each zone of
//!   Prilepin's table, against its optimal total and range. See [`Zone`] for the boundaries.
//!
//! # Cost
//!
//! Everything is exact integer arithmetic. The maxes are resolved once per (athlete,
//! reference), and whether a load can be built is looked up in a table shared by every block
//! and athlete of one computation, so the exact plate search runs once per distinct load. The
//! plates themselves are only worked out when the UI asks ([`BlockLoad::plates`]).

mod plates;
mod prilepin;
#[cfg(test)]
mod tests;

pub use prilepin::{ExercisePrilepin, PrilepinRow, Span, Verdict, Zone, ZoneTally};

use super::{Intensity, Lift, WorkoutContent};
use crate::competition::Sex;
use crate::ids::{ComplexId, ExerciseId};
use crate::load::{
    LoadFlag, Percent, PlateBreakdown, PlateInventory, RoundingMode, check_load, planned_weight,
};
use crate::maxes::Max;
use crate::ratios::{ResolvedMax, Unresolved};
use crate::settings::{ComplexCounting, Counting, TrainingSettings};
use crate::weight::Kg;
use chrono::NaiveDate;
use plates::PlateChecks;
use prilepin::ZoneCounts;
use serde::{Deserialize, Serialize};

/// What the catalogue tells about a lift for the metrics: the exercise its %-blocks refer to
/// by default, and which movement is that main lift.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LiftInfo {
    /// The reference exercise: an exercise is its own; a complex's is its main lift (see
    /// [`super::main_lift`]).
    pub reference: ExerciseId,
    /// The index of the main lift among the complex's movements (0 for an exercise). When the
    /// club counts only the main lift ([`ComplexCounting::MainLiftOnly`]), only this
    /// movement's reps are lifts.
    pub main_movement: usize,
}

impl LiftInfo {
    /// An exercise: its own reference and only movement.
    pub const fn exercise(id: ExerciseId) -> Self {
        Self {
            reference: id,
            main_movement: 0,
        }
    }

    /// A complex of these movements, in order, whose main lift is `main` (as the caller chose
    /// it with [`super::main_lift`]). `None` when `main` is not one of the movements.
    pub fn complex(movements: &[ExerciseId], main: ExerciseId) -> Option<Self> {
        let main_movement = movements.iter().position(|&m| m == main)?;
        Some(Self {
            reference: main,
            main_movement,
        })
    }
}

/// A workout read for its metrics: each block's reference, reps and lifts a set. Built once per
/// change of the content; every athlete's computation reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkoutPlan {
    /// The reference exercises the blocks need a max of, each once, in order of appearance.
    references: Vec<ExerciseId>,
    elements: Vec<PlanElement>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct PlanElement {
    /// The element's reference; `None` for a complex the catalogue does not know.
    reference: Option<ExerciseId>,
    blocks: Vec<PlanBlock>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PlanBlock {
    sets: u64,
    /// The reps of one set, every movement together.
    reps: u64,
    /// The reps of the main movement in one set.
    main_reps: u64,
    intensity: Intensity,
    /// The zone of Prilepin's table of a %-block's percentage.
    zone: Option<Zone>,
    /// The block's reference, as an index into [`WorkoutPlan::references`]; `None` for an RPE
    /// block (it needs no max) and for a block without any reference (an unknown complex).
    reference: Option<usize>,
}

impl WorkoutPlan {
    /// Reads `content`, with `complexes` telling each complex's [`LiftInfo`] (`None`: not in
    /// the catalogue; its %-blocks without an explicit reference then have no load). An
    /// exercise is its own reference. Works on content of any shape: a block with no reps or no
    /// sets simply weighs nothing.
    pub fn new(content: &WorkoutContent, complexes: impl Fn(ComplexId) -> Option<LiftInfo>) -> Self {
        let mut references: Vec<ExerciseId> = Vec::new();
        let mut index_of = |id: ExerciseId| match references.iter().position(|&r| r == id) {
            Some(i) => i,
            None => {
                references.push(id);
                references.len() - 1
            }
        };
        let elements = content
            .elements
            .iter()
            .map(|element| {
                let info = match element.lift {
                    Lift::Exercise(id) => Some(LiftInfo::exercise(id)),
                    Lift::Complex(id) => complexes(id),
                };
                let reference = info.map(|i| i.reference);
                let main = info.map_or(0, |i| i.main_movement);
                let blocks = element
                    .blocks
                    .iter()
                    .map(|block| {
                        let (block_reference, zone) = match block.intensity {
                            Intensity::Percent { percent, of } => {
                                (of.or(reference), Zone::of(Share::percent(percent)))
                            }
                            Intensity::Kg(_) => (reference, None),
                            Intensity::Rpe(_) => (None, None),
                        };
                        PlanBlock {
                            sets: u64::from(block.sets),
                            reps: block.reps.iter().map(|&r| u64::from(r)).sum(),
                            main_reps: block.reps.get(main).map_or(0, |&r| u64::from(r)),
                            intensity: block.intensity,
                            zone,
                            reference: block_reference.map(&mut index_of),
                        }
                    })
                    .collect();
                PlanElement { reference, blocks }
            })
            .collect();
        Self { references, elements }
    }

    /// The reference exercises whose maxes the loads need, each once, in order of appearance
    /// (the order of [`AthleteLoads::maxes`]).
    pub fn references(&self) -> &[ExerciseId] {
        &self.references
    }

    /// The reference exercise of element `element`: the exercise, or the complex's main lift.
    pub fn element_reference(&self, element: usize) -> Option<ExerciseId> {
        self.elements.get(element).and_then(|e| e.reference)
    }

    /// The exercise whose max block `block` of element `element` is planned against (`None`
    /// for an RPE block, or without any reference).
    pub fn block_reference(&self, element: usize, block: usize) -> Option<ExerciseId> {
        let index = self.elements.get(element)?.blocks.get(block)?.reference?;
        self.references.get(index).copied()
    }

    /// The metrics without an athlete ("Preview for: none"): lifts and percentages only.
    /// %-sets are compared with the threshold by their percentage; kg and RPE sets cannot be
    /// and count in [`Metrics::not_counted`]. No tonnage nor average weight.
    pub fn preview(&self, counting: Counting) -> WorkoutMetrics {
        self.tally(counting, false, |_, block| match block.intensity {
            Intensity::Percent { percent, .. } => {
                let share = Share::percent(percent);
                SetFacts {
                    compared: Some(share),
                    zone: block.zone,
                    load: None,
                    intensity: Some(share),
                }
            }
            Intensity::Kg(_) | Intensity::Rpe(_) => SetFacts::default(),
        })
    }

    /// One athlete's loads and metrics on `on`, under the club's `settings`.
    pub fn athlete(
        &self,
        settings: &TrainingSettings<ExerciseId>,
        on: NaiveDate,
        athlete: AthleteMaxes<'_>,
    ) -> AthleteLoads {
        Calculator::new(settings).athlete(self, on, athlete)
    }

    /// The loads and metrics of each athlete of a group on `on`, in the order of `athletes`
    /// (the print page's table). Shares its work between the athletes: each distinct load is
    /// checked against the plates once.
    pub fn group(
        &self,
        settings: &TrainingSettings<ExerciseId>,
        on: NaiveDate,
        athletes: &[AthleteMaxes<'_>],
    ) -> Vec<AthleteLoads> {
        let mut calculator = Calculator::new(settings);
        athletes
            .iter()
            .map(|&athlete| calculator.athlete(self, on, athlete))
            .collect()
    }

    /// The metrics of every element and of the whole workout, from `facts` about each block
    /// (called once per block, in order, with the element's index). `with_loads`: whether
    /// the sets have loads at all (an athlete), for tonnage and average weight.
    fn tally(
        &self,
        counting: Counting,
        with_loads: bool,
        mut facts: impl FnMut(usize, &PlanBlock) -> SetFacts,
    ) -> WorkoutMetrics {
        let threshold = i128::from(counting.threshold) * HUNDREDTHS;
        let every_movement = counting.complex == ComplexCounting::EveryMovement;
        let mut zones = vec![ZoneCounts::default(); self.references.len()];
        let mut total = Tally::default();
        let mut elements = Vec::with_capacity(self.elements.len());
        for (i, element) in self.elements.iter().enumerate() {
            let mut tally = Tally::default();
            for block in &element.blocks {
                let set = facts(i, block);
                let lifts = if every_movement {
                    block.reps
                } else {
                    block.main_reps
                };
                tally.add(block, lifts, &set, threshold);
                if let (Some(zone), Some(counts)) = (set.zone, block.reference.and_then(|r| zones.get_mut(r)))
                {
                    counts.add(zone, block.sets, lifts);
                }
            }
            total.merge(&tally);
            elements.push(tally.metrics(with_loads));
        }
        let prilepin = self
            .references
            .iter()
            .zip(&zones)
            .filter(|(_, counts)| counts.any())
            .map(|(&exercise, counts)| counts.report(exercise))
            .collect();
        WorkoutMetrics {
            elements,
            total: total.metrics(with_loads),
            prilepin,
        }
    }
}

/// One athlete as the loads need them: the sex (which bar) and the history of maxes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AthleteMaxes<'a> {
    pub sex: Sex,
    /// Every max of the athlete, in any order (see [`crate::maxes::max_in_force`]).
    pub maxes: &'a [Max<ExerciseId>],
}

/// The max of one reference exercise for one athlete: their own, derived through the club's
/// ratios (with the chain, for the "≈"), or why there is none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceMax {
    pub exercise: ExerciseId,
    pub max: Result<ResolvedMax<ExerciseId>, Unresolved>,
}

/// Why a block has no load.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoLoad {
    /// An RPE block: the athlete picks the load.
    Rpe,
    /// A %-block whose reference has no max for the athlete, even through ratios.
    NoMax(Unresolved),
    /// A %-block of a complex the catalogue does not know, without an explicit reference.
    UnknownLift,
}

/// One block's load for one athlete.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BlockLoad {
    /// A %-block: the percentage of `max`, rounded to the club's step (as
    /// [`TrainingSettings::plan_load`]). `derived`: the max comes through ratios (shown "≈";
    /// the chain is in [`AthleteLoads::maxes`]).
    Planned {
        load: Kg,
        /// A warning on the load ([`LoadFlag`]): below the bar, or the plates cannot make it.
        flag: Option<LoadFlag>,
        max: Kg,
        derived: bool,
    },
    /// A kg block: the load as written, checked against the plates; `percent` of the
    /// reference's max (to the hundredth) when the athlete has one.
    Fixed {
        load: Kg,
        flag: Option<LoadFlag>,
        percent: Option<Percent>,
    },
    /// No load, and why.
    Unloaded { reason: NoLoad },
}

impl BlockLoad {
    /// The load on the bar, if any.
    pub fn load(&self) -> Option<Kg> {
        match *self {
            BlockLoad::Planned { load, .. } | BlockLoad::Fixed { load, .. } => Some(load),
            BlockLoad::Unloaded { .. } => None,
        }
    }

    /// The warning on the load, if any.
    pub fn flag(&self) -> Option<LoadFlag> {
        match *self {
            BlockLoad::Planned { flag, .. } | BlockLoad::Fixed { flag, .. } => flag,
            BlockLoad::Unloaded { .. } => None,
        }
    }

    /// The plates that make the load on the bar of an athlete of `sex`, heaviest first (the
    /// loading diagram): worked out on demand, as it is an exact search. `None` without a
    /// load or for a flagged one.
    pub fn plates(&self, sex: Sex, inventory: &PlateInventory) -> Option<PlateBreakdown> {
        match (self.load(), self.flag()) {
            (Some(load), None) => check_load(load, sex, inventory).breakdown,
            _ => None,
        }
    }
}

/// The metrics of an element or of a whole workout. See the module's documentation for the
/// exact definitions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metrics {
    /// Σ reps × sets, every movement of every block.
    pub reps: u32,
    /// The number of lifts (NL): Σ lifts × sets of the sets at or above the club's threshold.
    pub lifts: u32,
    /// The lifts of sets compared with the threshold and found below it.
    pub below_threshold: u32,
    /// The lifts of sets that cannot be compared with the threshold: RPE sets, and kg sets
    /// without a max (all kg sets in the preview). In neither `lifts` nor `below_threshold`.
    pub not_counted: u32,
    /// Σ load × reps × sets over the sets with a load; `None` without an athlete.
    pub tonnage: Option<Kg>,
    /// The reps of sets without a load (RPE sets, %-sets without a max; every set in the
    /// preview, which has no tonnage), which the tonnage leaves out.
    pub reps_without_load: u32,
    /// The lift-weighted mean load of the counted sets with a load, to the gram; `None`
    /// without an athlete or without such a set.
    pub average_weight: Option<Kg>,
    /// The lift-weighted mean of the counted sets' load ÷ max (with an athlete) or percentage
    /// (preview), to the hundredth of a percent; `None` without such a set.
    pub relative_intensity: Option<Percent>,
}

/// The metrics of each element (in order) and of the whole workout, with Prilepin's hints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkoutMetrics {
    pub elements: Vec<Metrics>,
    pub total: Metrics,
    /// Per reference exercise with at least one lift in a zone of the table, in the order of
    /// [`WorkoutPlan::references`].
    pub prilepin: Vec<ExercisePrilepin>,
}

/// One athlete's loads and metrics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AthleteLoads {
    /// The max of each reference of the workout, in the order of [`WorkoutPlan::references`].
    pub maxes: Vec<ReferenceMax>,
    /// Each element's blocks' loads, in the content's order.
    pub blocks: Vec<Vec<BlockLoad>>,
    pub metrics: WorkoutMetrics,
}

impl AthleteLoads {
    /// The load of block `block` of element `element`.
    pub fn block(&self, element: usize, block: usize) -> Option<&BlockLoad> {
        self.blocks.get(element)?.get(block)
    }

    /// The athlete's max of `exercise`, when it is one of the workout's references.
    pub fn max_of(&self, exercise: ExerciseId) -> Option<&Result<ResolvedMax<ExerciseId>, Unresolved>> {
        self.maxes.iter().find(|m| m.exercise == exercise).map(|m| &m.max)
    }
}

/// Hundredths of a percent in one percent.
const HUNDREDTHS: i128 = 100;
/// Hundredths of a percent in a whole (100 %).
const WHOLE: i128 = 100 * HUNDREDTHS;
/// The unit relative intensities are summed in: a millionth of a whole (a ten-thousandth of a
/// percent), so the rounding of each set stays far below the hundredth shown.
const MILLIONTHS: i128 = 1_000_000;

/// `numerator ÷ denominator` rounded to the nearest integer, half-way up; 0 for a
/// denominator that is not above zero (the callers never pass one).
fn div_round(numerator: i128, denominator: i128) -> i128 {
    if denominator <= 0 {
        return 0;
    }
    // The usual sizes fit in 64 bits, where a division is several times cheaper.
    const SMALL: u64 = 1 << 61;
    if let (Ok(n), Ok(d)) = (i64::try_from(numerator), i64::try_from(denominator))
        && n.unsigned_abs() < SMALL
        && d.unsigned_abs() < SMALL
    {
        return i128::from((2 * n + d).div_euclid(2 * d));
    }
    numerator
        .saturating_mul(2)
        .saturating_add(denominator)
        .div_euclid(denominator.saturating_mul(2))
}

fn saturate_u32(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn saturate_i64(n: i128) -> i64 {
    i64::try_from(n).unwrap_or(if n < 0 { i64::MIN } else { i64::MAX })
}

/// An exact fraction of a max: `part ÷ whole`, `whole` > 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Share {
    part: i128,
    whole: i128,
}

impl Share {
    fn percent(percent: Percent) -> Self {
        Share {
            part: i128::from(percent.hundredths()),
            whole: WHOLE,
        }
    }

    /// `load ÷ max`, for a max above zero.
    fn of(load: Kg, max: Kg) -> Option<Self> {
        max.is_positive().then(|| Share {
            part: i128::from(load.grams()),
            whole: i128::from(max.grams()),
        })
    }

    /// True at or above `hundredths` hundredths of a percent.
    fn at_least(self, hundredths: i128) -> bool {
        self.part.saturating_mul(WHOLE) >= hundredths.saturating_mul(self.whole)
    }

    fn millionths(self) -> i128 {
        div_round(self.part.saturating_mul(MILLIONTHS), self.whole)
    }

    /// As a percentage, to the nearest hundredth.
    fn as_percent(self) -> Percent {
        Percent::from_hundredths(saturate_i64(div_round(
            self.part.saturating_mul(WHOLE),
            self.whole,
        )))
    }
}

/// What one block's sets are, for the tallies.
#[derive(Debug, Clone, Copy, Default)]
struct SetFacts {
    /// The fraction of the max compared with the threshold and placed in Prilepin's zones;
    /// `None` when the set cannot be compared (not counted).
    compared: Option<Share>,
    /// The zone of Prilepin's table of `compared`.
    zone: Option<Zone>,
    /// The load on the bar, when known.
    load: Option<Kg>,
    /// The fraction of the max the relative intensity takes (load ÷ max, or the percentage
    /// in the preview).
    intensity: Option<Share>,
}

/// Running sums behind [`Metrics`], exact.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    reps: u64,
    lifts: u64,
    below: u64,
    not_counted: u64,
    /// Grams × reps.
    tonnage: i128,
    reps_without_load: u64,
    /// The counted lifts with a load, and Σ load (grams) × those lifts.
    loaded_lifts: u64,
    loaded_weight: i128,
    /// The counted lifts with an intensity, and Σ intensity (millionths) × those lifts.
    intensity_lifts: u64,
    intensity: i128,
}

impl Tally {
    /// Adds `block`'s sets of `lifts` lifts each.
    fn add(&mut self, block: &PlanBlock, lifts: u64, set: &SetFacts, threshold: i128) {
        let reps = block.sets.saturating_mul(block.reps);
        let lifts = block.sets.saturating_mul(lifts);
        self.reps = self.reps.saturating_add(reps);
        match set.load {
            Some(load) => {
                let weight = i128::from(load.grams()).saturating_mul(i128::from(reps));
                self.tonnage = self.tonnage.saturating_add(weight);
            }
            None => self.reps_without_load = self.reps_without_load.saturating_add(reps),
        }
        match set.compared {
            None => self.not_counted = self.not_counted.saturating_add(lifts),
            Some(share) if !share.at_least(threshold) => self.below = self.below.saturating_add(lifts),
            Some(_) => {
                self.lifts = self.lifts.saturating_add(lifts);
                if let Some(load) = set.load {
                    self.loaded_lifts = self.loaded_lifts.saturating_add(lifts);
                    let weight = i128::from(load.grams()).saturating_mul(i128::from(lifts));
                    self.loaded_weight = self.loaded_weight.saturating_add(weight);
                }
                if let Some(intensity) = set.intensity {
                    self.intensity_lifts = self.intensity_lifts.saturating_add(lifts);
                    let sum = intensity.millionths().saturating_mul(i128::from(lifts));
                    self.intensity = self.intensity.saturating_add(sum);
                }
            }
        }
    }

    fn merge(&mut self, other: &Tally) {
        self.reps = self.reps.saturating_add(other.reps);
        self.lifts = self.lifts.saturating_add(other.lifts);
        self.below = self.below.saturating_add(other.below);
        self.not_counted = self.not_counted.saturating_add(other.not_counted);
        self.tonnage = self.tonnage.saturating_add(other.tonnage);
        self.reps_without_load = self.reps_without_load.saturating_add(other.reps_without_load);
        self.loaded_lifts = self.loaded_lifts.saturating_add(other.loaded_lifts);
        self.loaded_weight = self.loaded_weight.saturating_add(other.loaded_weight);
        self.intensity_lifts = self.intensity_lifts.saturating_add(other.intensity_lifts);
        self.intensity = self.intensity.saturating_add(other.intensity);
    }

    fn metrics(&self, with_loads: bool) -> Metrics {
        let average_weight = (with_loads && self.loaded_lifts > 0).then(|| {
            Kg::from_grams(saturate_i64(div_round(
                self.loaded_weight,
                i128::from(self.loaded_lifts),
            )))
        });
        let relative_intensity = (self.intensity_lifts > 0).then(|| {
            let per_lift = i128::from(self.intensity_lifts).saturating_mul(MILLIONTHS / WHOLE);
            Percent::from_hundredths(saturate_i64(div_round(self.intensity, per_lift)))
        });
        Metrics {
            reps: saturate_u32(self.reps),
            lifts: saturate_u32(self.lifts),
            below_threshold: saturate_u32(self.below),
            not_counted: saturate_u32(self.not_counted),
            tonnage: with_loads.then(|| Kg::from_grams(saturate_i64(self.tonnage))),
            reps_without_load: saturate_u32(self.reps_without_load),
            average_weight,
            relative_intensity,
        }
    }
}

/// The club's settings read once, and the plate checks already made, for one computation.
struct Calculator<'s> {
    settings: &'s TrainingSettings<ExerciseId>,
    step: Kg,
    rounding: RoundingMode,
    plates: PlateChecks<'s>,
}

impl<'s> Calculator<'s> {
    fn new(settings: &'s TrainingSettings<ExerciseId>) -> Self {
        let step = settings.step();
        Self {
            settings,
            step,
            rounding: settings.rounding,
            plates: PlateChecks::new(&settings.inventory, step),
        }
    }

    fn athlete(&mut self, plan: &WorkoutPlan, on: NaiveDate, athlete: AthleteMaxes<'_>) -> AthleteLoads {
        let maxes: Vec<ReferenceMax> = plan
            .references
            .iter()
            .map(|&exercise| ReferenceMax {
                exercise,
                max: self.settings.ratios.resolve(&exercise, on, athlete.maxes),
            })
            .collect();
        let mut blocks: Vec<Vec<BlockLoad>> = plan
            .elements
            .iter()
            .map(|e| Vec::with_capacity(e.blocks.len()))
            .collect();
        let settings = self.settings;
        let metrics = plan.tally(settings.counting(), true, |element, block| {
            let max = block.reference.and_then(|r| maxes.get(r)).map(|m| &m.max);
            let (load, facts) = self.block(block, max, athlete.sex);
            if let Some(loads) = blocks.get_mut(element) {
                loads.push(load);
            }
            facts
        });
        AthleteLoads {
            maxes,
            blocks,
            metrics,
        }
    }

    /// One block's load for an athlete of `sex` whose max of the block's reference is `max`
    /// (`None`: the block has no reference), and its facts for the tallies.
    fn block(
        &mut self,
        block: &PlanBlock,
        max: Option<&Result<ResolvedMax<ExerciseId>, Unresolved>>,
        sex: Sex,
    ) -> (BlockLoad, SetFacts) {
        match block.intensity {
            Intensity::Percent { percent, .. } => {
                let compared = Some(Share::percent(percent));
                let resolved = match max {
                    Some(Ok(resolved)) => resolved,
                    Some(Err(unresolved)) => {
                        return unloaded(NoLoad::NoMax(*unresolved), compared, block.zone);
                    }
                    None => return unloaded(NoLoad::UnknownLift, compared, block.zone),
                };
                let load = planned_weight(resolved.weight, percent, self.step, self.rounding);
                let planned = BlockLoad::Planned {
                    load,
                    flag: self.plates.flag(load, sex),
                    max: resolved.weight,
                    derived: resolved.derived,
                };
                let facts = SetFacts {
                    compared,
                    zone: block.zone,
                    load: Some(load),
                    intensity: Share::of(load, resolved.weight),
                };
                (planned, facts)
            }
            Intensity::Kg(load) => {
                let share = match max {
                    Some(Ok(resolved)) => Share::of(load, resolved.weight),
                    _ => None,
                };
                let fixed = BlockLoad::Fixed {
                    load,
                    flag: self.plates.flag(load, sex),
                    percent: share.map(Share::as_percent),
                };
                let facts = SetFacts {
                    compared: share,
                    zone: share.and_then(Zone::of),
                    load: Some(load),
                    intensity: share,
                };
                (fixed, facts)
            }
            Intensity::Rpe(_) => unloaded(NoLoad::Rpe, None, None),
        }
    }
}

/// A block without a load, for `reason`, compared with the threshold as `compared` (in
/// Prilepin's `zone`).
fn unloaded(reason: NoLoad, compared: Option<Share>, zone: Option<Zone>) -> (BlockLoad, SetFacts) {
    let facts = SetFacts {
        compared,
        zone,
        load: None,
        intensity: None,
    };
    (BlockLoad::Unloaded { reason }, facts)
}
