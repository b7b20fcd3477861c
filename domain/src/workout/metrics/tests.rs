//! The workout metrics: loads per athlete, tonnage, lifts, averages, Prilepin.

use super::*;
use crate::load::plan_load;
use crate::maxes::MaxKind;
use crate::ratios::{Factor, Ratio, RatioTable};
use crate::workout::{Block, Element, Rpe};
use proptest::prelude::*;

const SNATCH: ExerciseId = ExerciseId(1);
const CLEAN_AND_JERK: ExerciseId = ExerciseId(2);
const CLEAN: ExerciseId = ExerciseId(3);
const JERK: ExerciseId = ExerciseId(4);
const POWER_SNATCH: ExerciseId = ExerciseId(5);
const BACK_SQUAT: ExerciseId = ExerciseId(6);
const SNATCH_PULL: ExerciseId = ExerciseId(7);
/// Clean + jerk: the clean (first movement) is the main lift.
const CLEAN_JERK: ComplexId = ComplexId(1);
/// Snatch pull + snatch: the snatch (second movement) is the main lift.
const PULL_SNATCH: ComplexId = ComplexId(2);

/// The default settings with this test's exercise ids.
fn settings() -> TrainingSettings<ExerciseId> {
    TrainingSettings::default().map_exercises(|key| match key.as_str() {
        "snatch" => Some(SNATCH),
        "clean_and_jerk" => Some(CLEAN_AND_JERK),
        "clean" => Some(CLEAN),
        "split_jerk" => Some(JERK),
        "power_snatch" => Some(POWER_SNATCH),
        "back_squat" => Some(BACK_SQUAT),
        "snatch_pull" => Some(SNATCH_PULL),
        _ => None,
    })
}

fn threshold(percent: u8) -> TrainingSettings<ExerciseId> {
    TrainingSettings {
        lift_count_threshold: percent,
        ..settings()
    }
}

fn main_lift_only() -> TrainingSettings<ExerciseId> {
    TrainingSettings {
        complex_counting: ComplexCounting::MainLiftOnly,
        ..settings()
    }
}

fn complexes(id: ComplexId) -> Option<LiftInfo> {
    match id {
        CLEAN_JERK => LiftInfo::complex(&[CLEAN, JERK], CLEAN),
        PULL_SNATCH => LiftInfo::complex(&[SNATCH_PULL, SNATCH], SNATCH),
        _ => None,
    }
}

fn block(sets: u16, reps: &[u16], intensity: Intensity) -> Block {
    Block {
        sets,
        reps: reps.to_vec(),
        intensity,
        rest: None,
    }
}

fn pct(sets: u16, reps: &[u16], percent: i64) -> Block {
    block(
        sets,
        reps,
        Intensity::Percent {
            percent: Percent::whole(percent),
            of: None,
        },
    )
}

fn pct_of(sets: u16, reps: &[u16], percent: i64, of: ExerciseId) -> Block {
    block(
        sets,
        reps,
        Intensity::Percent {
            percent: Percent::whole(percent),
            of: Some(of),
        },
    )
}

fn kg(sets: u16, reps: &[u16], grams: i64) -> Block {
    block(sets, reps, Intensity::Kg(Kg::from_grams(grams)))
}

fn rpe(sets: u16, reps: &[u16], rpe: u8) -> Block {
    block(sets, reps, Intensity::Rpe(Rpe::whole(rpe).unwrap()))
}

fn exercise(id: ExerciseId, blocks: Vec<Block>) -> Element {
    Element::new(Lift::Exercise(id), blocks)
}

fn complex(id: ComplexId, blocks: Vec<Block>) -> Element {
    Element::new(Lift::Complex(id), blocks)
}

fn plan(elements: Vec<Element>) -> WorkoutPlan {
    WorkoutPlan::new(&WorkoutContent { elements }, complexes)
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
}

fn max(exercise: ExerciseId, grams: i64) -> Max<ExerciseId> {
    Max {
        exercise,
        date: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        weight: Kg::from_grams(grams),
        kind: MaxKind::Tested,
    }
}

fn men(maxes: &[Max<ExerciseId>]) -> AthleteMaxes<'_> {
    AthleteMaxes { sex: Sex::Men, maxes }
}

fn women(maxes: &[Max<ExerciseId>]) -> AthleteMaxes<'_> {
    AthleteMaxes {
        sex: Sex::Women,
        maxes,
    }
}

fn tonnage(metrics: &Metrics) -> Option<i64> {
    metrics.tonnage.map(Kg::grams)
}

fn planned(load: i64, max: i64, derived: bool) -> BlockLoad {
    BlockLoad::Planned {
        load: Kg::from_grams(load),
        flag: None,
        max: Kg::from_grams(max),
        derived,
    }
}

#[test]
fn tonnage_is_load_times_reps_times_sets_with_every_movement_of_a_complex() {
    let plan = plan(vec![
        exercise(SNATCH, vec![pct(5, &[3], 80)]),
        complex(CLEAN_JERK, vec![pct(3, &[1, 2], 70)]),
        exercise(SNATCH, vec![kg(2, &[2], 60_000)]),
    ]);
    let maxes = [max(SNATCH, 100_000), max(CLEAN, 120_000)];
    let loads = plan.athlete(&settings(), day(), men(&maxes));
    // 80 × 3 × 5; 84 × (1 + 2) × 3; 60 × 2 × 2.
    let per_element: Vec<_> = loads.metrics.elements.iter().map(tonnage).collect();
    assert_eq!(per_element, vec![Some(1_200_000), Some(756_000), Some(240_000)]);
    assert_eq!(tonnage(&loads.metrics.total), Some(2_196_000));
    assert_eq!(loads.metrics.total.reps, 15 + 9 + 4);
    assert_eq!(loads.metrics.total.reps_without_load, 0);
    // Counting only the main lift changes the lifts, never the tonnage.
    let main_only = plan.athlete(&main_lift_only(), day(), men(&maxes));
    assert_eq!(tonnage(&main_only.metrics.total), Some(2_196_000));
}

#[test]
fn the_number_of_lifts_counts_sets_from_the_threshold_on() {
    let plan = plan(vec![exercise(
        SNATCH,
        vec![
            pct(2, &[5], 40),
            pct(3, &[5], 60),
            pct(3, &[3], 70),
            pct(2, &[2], 80),
            kg(1, &[1], 49_000),
            kg(1, &[1], 50_000),
        ],
    )]);
    let maxes = [max(SNATCH, 100_000)];
    let at_50 = plan.athlete(&threshold(50), day(), men(&maxes)).metrics.total;
    assert_eq!((at_50.lifts, at_50.below_threshold), (15 + 9 + 4 + 1, 10 + 1));
    assert_eq!(at_50.not_counted, 0);
    let at_70 = plan.athlete(&threshold(70), day(), men(&maxes)).metrics.total;
    assert_eq!((at_70.lifts, at_70.below_threshold), (9 + 4, 10 + 15 + 2));
    // The kg sets agree with the settings' own rule.
    let settings = threshold(50);
    assert!(!settings.counts_as_lift(Kg::whole(49), Kg::whole(100)));
    assert!(settings.counts_as_lift(Kg::whole(50), Kg::whole(100)));
    // Without an athlete the %-sets count alike; the kg sets cannot be compared.
    let preview = plan.preview(threshold(70).counting()).total;
    assert_eq!((preview.lifts, preview.below_threshold), (9 + 4, 10 + 15));
    assert_eq!(preview.not_counted, 2);
}

#[test]
fn a_set_at_the_threshold_counts_whatever_the_rounding() {
    // 50 % of 101 kg is 50.5 kg, rounded down to 50 kg (49.5 % of the max): the set was planned
    // at the threshold and counts.
    let settings = TrainingSettings {
        rounding: RoundingMode::Down,
        ..threshold(50)
    };
    let plan = plan(vec![exercise(SNATCH, vec![pct(1, &[2], 50)])]);
    let maxes = [max(SNATCH, 101_000)];
    let loads = plan.athlete(&settings, day(), men(&maxes));
    assert_eq!(loads.block(0, 0).and_then(BlockLoad::load), Some(Kg::whole(50)));
    assert_eq!(loads.metrics.total.lifts, 2);
}

#[test]
fn a_complex_counts_every_movement_or_only_its_main_lift() {
    let plan = plan(vec![
        complex(CLEAN_JERK, vec![pct(3, &[1, 2], 80)]),
        complex(PULL_SNATCH, vec![pct(4, &[2, 1], 90)]),
    ]);
    let maxes = [max(CLEAN, 120_000), max(SNATCH, 100_000)];
    let every = plan.athlete(&settings(), day(), men(&maxes)).metrics;
    assert_eq!(every.elements[0].lifts, 9);
    assert_eq!(every.elements[1].lifts, 12);
    let main = plan.athlete(&main_lift_only(), day(), men(&maxes)).metrics;
    // The clean's 1 rep a set; the snatch's 1 rep (its second movement) a set.
    assert_eq!(main.elements[0].lifts, 3);
    assert_eq!(main.elements[1].lifts, 4);
    assert_eq!(main.total.lifts, 7);
    assert_eq!(main.total.reps, 9 + 12);
    // Prilepin counts lifts the same way: 4 sets of 1 snatch at 90 %.
    let snatch = main.prilepin.iter().find(|p| p.exercise == SNATCH).unwrap();
    let maximal = snatch.zone(Zone::Maximal).unwrap();
    assert_eq!((maximal.lifts, maximal.reps_outside), (4, false));
    let snatch = every.prilepin.iter().find(|p| p.exercise == SNATCH).unwrap();
    let maximal = snatch.zone(Zone::Maximal).unwrap();
    assert_eq!((maximal.lifts, maximal.reps_outside), (12, true));
}

#[test]
fn the_average_weight_is_the_lift_weighted_mean_of_the_counted_loads() {
    let plan = plan(vec![exercise(
        SNATCH,
        vec![pct(3, &[3], 80), pct(2, &[2], 90), pct(2, &[5], 40)],
    )]);
    let maxes = [max(SNATCH, 100_000)];
    let total = plan.athlete(&settings(), day(), men(&maxes)).metrics.total;
    // (80 × 9 + 90 × 4) / 13 = 83.0769…; the warm-up at 40 % is in the tonnage only.
    assert_eq!(total.average_weight, Some(Kg::from_grams(83_077)));
    assert_eq!(tonnage(&total), Some(720_000 + 360_000 + 400_000));
    // Counting only a complex's main lift, the average stays a weight on the bar.
    let plan = self::plan(vec![complex(CLEAN_JERK, vec![kg(2, &[1, 2], 100_000)])]);
    let maxes = [max(CLEAN, 120_000)];
    let total = plan.athlete(&main_lift_only(), day(), men(&maxes)).metrics.total;
    assert_eq!((total.lifts, tonnage(&total)), (2, Some(600_000)));
    assert_eq!(total.average_weight, Some(Kg::whole(100)));
    // Nothing counted, no average.
    let plan = self::plan(vec![exercise(SNATCH, vec![pct(2, &[5], 40)])]);
    let total = plan.athlete(&settings(), day(), men(&maxes)).metrics.total;
    assert_eq!(total.average_weight, None);
    assert_eq!(total.relative_intensity, None);
}

#[test]
fn relative_intensity_is_average_weight_over_max_and_lift_weighted_across_references() {
    let plan = plan(vec![
        exercise(SNATCH, vec![pct(3, &[3], 80), pct(2, &[2], 90)]),
        exercise(BACK_SQUAT, vec![pct(5, &[5], 75)]),
    ]);
    let maxes = [max(SNATCH, 100_000), max(BACK_SQUAT, 200_000)];
    let metrics = plan.athlete(&settings(), day(), men(&maxes)).metrics;
    // 83.077 kg ÷ 100 kg.
    assert_eq!(
        metrics.elements[0].relative_intensity,
        Some(Percent::from_hundredths(8_308))
    );
    assert_eq!(metrics.elements[1].average_weight, Some(Kg::whole(150)));
    assert_eq!(metrics.elements[1].relative_intensity, Some(Percent::whole(75)));
    // Each set against its own max: (80 × 9 + 90 × 4 + 75 × 25) / 38 = 77.763… %.
    assert_eq!(
        metrics.total.relative_intensity,
        Some(Percent::from_hundredths(7_776))
    );
    // The preview's is the mean percentage: the same here, the loads falling on whole kilos.
    assert_eq!(
        plan.preview(settings().counting()).total.relative_intensity,
        Some(Percent::from_hundredths(7_776))
    );
    // With an athlete it is the load on the bar that counts: 80 % of 101 is 81 kg, 80.2 %.
    let maxes = [max(SNATCH, 101_000)];
    let plan = self::plan(vec![exercise(SNATCH, vec![pct(1, &[1], 80)])]);
    let total = plan.athlete(&settings(), day(), men(&maxes)).metrics.total;
    assert_eq!(total.relative_intensity, Some(Percent::from_hundredths(8_020)));
}

#[test]
fn prilepins_zones_are_contiguous_from_55_percent() {
    let zone = |hundredths| Zone::of(Share::percent(Percent::from_hundredths(hundredths)));
    assert_eq!(zone(5_499), None);
    assert_eq!(zone(5_500), Some(Zone::Light));
    assert_eq!(zone(6_500), Some(Zone::Light));
    assert_eq!(zone(6_999), Some(Zone::Light));
    assert_eq!(zone(7_000), Some(Zone::Moderate));
    assert_eq!(zone(7_999), Some(Zone::Moderate));
    assert_eq!(zone(8_000), Some(Zone::Heavy));
    assert_eq!(zone(8_999), Some(Zone::Heavy));
    assert_eq!(zone(9_000), Some(Zone::Maximal));
    assert_eq!(zone(11_000), Some(Zone::Maximal));
    assert_eq!(zone(-100), None);
    // A kg set against the max, exactly: 69.999 kg of 100 kg is still the light zone.
    assert_eq!(
        Share::of(Kg::from_grams(69_999), Kg::whole(100)).and_then(Zone::of),
        Some(Zone::Light)
    );
    let rows = Zone::ALL.map(|z| {
        let r = z.row();
        (
            r.reps_per_set.min,
            r.reps_per_set.max,
            r.optimal,
            r.range.min,
            r.range.max,
        )
    });
    assert_eq!(
        rows,
        [
            (3, 6, 24, 18, 30),
            (3, 6, 18, 12, 24),
            (2, 4, 15, 10, 20),
            (1, 2, 7, 4, 10)
        ]
    );
    assert_eq!(Zone::Light.row().until, Some(Percent::whole(70)));
    assert_eq!(Zone::Maximal.row().until, None);
}

#[test]
fn prilepin_weighs_each_exercises_lifts_per_zone() {
    let plan = plan(vec![
        exercise(
            SNATCH,
            vec![
                pct(4, &[6], 60),
                pct(3, &[3], 75),
                pct(7, &[3], 85),
                pct(5, &[1], 92),
                pct(3, &[3], 50),
            ],
        ),
        exercise(BACK_SQUAT, vec![pct(3, &[8], 65)]),
        exercise(CLEAN, vec![pct(3, &[3], 50), rpe(3, &[3], 8)]),
        // A pull planned on the snatch's max adds to the snatch.
        exercise(SNATCH_PULL, vec![pct_of(2, &[3], 110, SNATCH)]),
    ]);
    let prilepin = plan.preview(settings().counting()).prilepin;
    // The clean has no lift in any zone: no hint.
    assert_eq!(
        prilepin.iter().map(|p| p.exercise).collect::<Vec<_>>(),
        vec![SNATCH, BACK_SQUAT]
    );
    let snatch = prilepin[0].zones.map(|z| (z.lifts, z.verdict, z.reps_outside));
    assert_eq!(
        snatch,
        [
            (24, Some(Verdict::Within), false),
            (9, Some(Verdict::Below), false),
            (21, Some(Verdict::Above), false),
            // 5 singles and 2 × 3 pulls: 11 lifts, and the pulls' 3 reps are too many.
            (11, Some(Verdict::Above), true),
        ]
    );
    assert_eq!(prilepin[0].zones[1].optimal, 18);
    assert_eq!(prilepin[0].zones[1].range, Span::new(12, 24));
    let squat = prilepin[1].zones.map(|z| (z.lifts, z.verdict, z.reps_outside));
    assert_eq!(
        squat,
        [
            (24, Some(Verdict::Within), true),
            (0, None, false),
            (0, None, false),
            (0, None, false),
        ]
    );
    // The range's ends are within it.
    assert_eq!(Verdict::of(18, Zone::Light.row().range), Verdict::Within);
    assert_eq!(Verdict::of(30, Zone::Light.row().range), Verdict::Within);
    assert_eq!(Verdict::of(17, Zone::Light.row().range), Verdict::Below);
    assert_eq!(Verdict::of(31, Zone::Light.row().range), Verdict::Above);
}

#[test]
fn an_athletes_kg_sets_fall_in_prilepins_zones_by_their_share_of_the_max() {
    let plan = plan(vec![exercise(SNATCH, vec![kg(2, &[2], 90_000)])]);
    let maxes = [max(SNATCH, 100_000)];
    let prilepin = plan.athlete(&settings(), day(), men(&maxes)).metrics.prilepin;
    assert_eq!(prilepin.len(), 1);
    assert_eq!(prilepin[0].zone(Zone::Maximal).map(|z| z.lifts), Some(4));
    assert_eq!(plan.preview(settings().counting()).prilepin, vec![]);
}

#[test]
fn a_direct_max_gives_planned_loads() {
    let plan = plan(vec![exercise(SNATCH, vec![pct(3, &[2], 80), pct(2, &[1], 85)])]);
    let maxes = [max(SNATCH, 101_000), max(CLEAN_AND_JERK, 130_000)];
    let loads = plan.athlete(&settings(), day(), men(&maxes));
    // 80.8 → 81; 85.85 → 86.
    assert_eq!(
        loads.blocks,
        vec![vec![
            planned(81_000, 101_000, false),
            planned(86_000, 101_000, false)
        ]]
    );
    assert_eq!(plan.references(), &[SNATCH]);
    let resolved = loads.max_of(SNATCH).unwrap().as_ref().unwrap();
    assert!(!resolved.derived);
    assert_eq!(resolved.weight, Kg::whole(101));
    // As the settings plan it.
    let expected = settings().plan_load(Kg::whole(101), Percent::whole(85), Sex::Men);
    assert_eq!(loads.block(0, 1).and_then(BlockLoad::load), Some(expected.load));
    let plates = loads
        .block(0, 1)
        .and_then(|b| b.plates(Sex::Men, &settings().inventory));
    assert_eq!(plates, expected.breakdown);
}

#[test]
fn a_missing_max_is_derived_through_the_ratios_and_keeps_its_chain() {
    let plan = plan(vec![exercise(POWER_SNATCH, vec![pct(3, &[2], 80)])]);
    let maxes = [max(CLEAN_AND_JERK, 120_000)];
    let loads = plan.athlete(&settings(), day(), men(&maxes));
    // Power snatch ≈ 0.85 × 0.80 × 120 = 81.6 kg; 80 % is 65.28 → 65 kg.
    assert_eq!(loads.blocks, vec![vec![planned(65_000, 81_600, true)]]);
    let resolved = loads.max_of(POWER_SNATCH).unwrap().as_ref().unwrap();
    let chain: Vec<_> = resolved
        .chain
        .iter()
        .map(|r| (r.exercise, r.base, r.factor))
        .collect();
    assert_eq!(
        chain,
        vec![
            (POWER_SNATCH, SNATCH, Factor::from_ten_thousandths(8_500)),
            (SNATCH, CLEAN_AND_JERK, Factor::from_ten_thousandths(8_000)),
        ]
    );
    assert_eq!(resolved.source.exercise, CLEAN_AND_JERK);
    assert_eq!(tonnage(&loads.metrics.total), Some(65_000 * 6));
}

#[test]
fn without_a_max_a_block_has_no_load_and_says_why() {
    let plan = plan(vec![
        exercise(SNATCH, vec![pct(3, &[2], 80)]),
        // A complex the catalogue does not know: no reference, unless the block names one.
        complex(
            ComplexId(99),
            vec![pct(2, &[1, 1], 70), pct_of(1, &[1, 1], 70, BACK_SQUAT)],
        ),
    ]);
    let maxes = [max(BACK_SQUAT, 200_000)];
    let loads = plan.athlete(&settings(), day(), men(&maxes));
    assert_eq!(
        loads.blocks,
        vec![
            vec![BlockLoad::Unloaded {
                reason: NoLoad::NoMax(Unresolved::NoMax)
            }],
            vec![
                BlockLoad::Unloaded {
                    reason: NoLoad::UnknownLift
                },
                planned(140_000, 200_000, false),
            ],
        ]
    );
    assert_eq!(loads.max_of(SNATCH), Some(&Err(Unresolved::NoMax)));
    assert_eq!(plan.element_reference(1), None);
    assert_eq!(plan.block_reference(1, 1), Some(BACK_SQUAT));
    // The %-sets still count by their percentage; they are left out of the tonnage.
    let snatch = loads.metrics.elements[0];
    assert_eq!((snatch.lifts, snatch.not_counted), (6, 0));
    assert_eq!(tonnage(&snatch), Some(0));
    assert_eq!(snatch.reps_without_load, 6);
    assert_eq!((snatch.average_weight, snatch.relative_intensity), (None, None));
    let total = loads.metrics.total;
    assert_eq!((total.lifts, total.reps_without_load), (6 + 4 + 2, 6 + 4));
    assert_eq!(total.average_weight, Some(Kg::whole(140)));
}

#[test]
fn kg_blocks_are_checked_and_measured_against_the_max() {
    let plan = plan(vec![
        exercise(SNATCH, vec![kg(1, &[1], 102_500), kg(2, &[2], 85_000)]),
        exercise(CLEAN, vec![kg(2, &[2], 60_000)]),
    ]);
    let maxes = [max(SNATCH, 100_000)];
    let loads = plan.athlete(&settings(), day(), men(&maxes));
    assert_eq!(
        loads.blocks,
        vec![
            vec![
                // 38.75 kg a side: no pair of the default plates makes the 0.25.
                BlockLoad::Fixed {
                    load: Kg::from_grams(102_500),
                    flag: Some(LoadFlag::Unbuildable),
                    percent: Some(Percent::from_hundredths(10_250)),
                },
                BlockLoad::Fixed {
                    load: Kg::whole(85),
                    flag: None,
                    percent: Some(Percent::whole(85)),
                },
            ],
            vec![BlockLoad::Fixed {
                load: Kg::whole(60),
                flag: None,
                percent: None,
            }],
        ]
    );
    // The clean's sets have a load but no max: in the tonnage, not counted.
    let clean = loads.metrics.elements[1];
    assert_eq!((clean.lifts, clean.not_counted), (0, 4));
    assert_eq!(tonnage(&clean), Some(240_000));
    let snatch = loads.metrics.elements[0];
    assert_eq!(snatch.lifts, 5);
    assert_eq!(
        snatch.relative_intensity,
        Some(Percent::from_hundredths((10_250 + 4 * 8_500) / 5))
    );
}

#[test]
fn rpe_blocks_have_no_load_and_are_not_counted() {
    let plan = plan(vec![exercise(CLEAN, vec![rpe(3, &[2], 8)])]);
    // An RPE block needs no max.
    assert_eq!(plan.references(), &[] as &[ExerciseId]);
    assert_eq!(plan.block_reference(0, 0), None);
    let loads = plan.athlete(&settings(), day(), men(&[]));
    assert_eq!(
        loads.blocks,
        vec![vec![BlockLoad::Unloaded { reason: NoLoad::Rpe }]]
    );
    let total = loads.metrics.total;
    assert_eq!((total.lifts, total.below_threshold, total.not_counted), (0, 0, 6));
    assert_eq!((tonnage(&total), total.reps_without_load), (Some(0), 6));
    assert_eq!(loads.metrics.prilepin, vec![]);
}

#[test]
fn a_load_below_the_bar_is_flagged_and_has_no_plates() {
    let plan = plan(vec![exercise(SNATCH, vec![pct(1, &[3], 40), pct(1, &[3], 80)])]);
    let maxes = [max(SNATCH, 40_000)];
    let loads = plan.athlete(&settings(), day(), women(&maxes));
    // 16 kg is lighter than the women's bar with collars (20 kg).
    let light = loads.block(0, 0).unwrap();
    assert_eq!(light.flag(), Some(LoadFlag::BelowBar));
    assert_eq!(light.plates(Sex::Women, &settings().inventory), None);
    // 32 kg: 15 + 2 × 2.5 + 2 × (5 + 1).
    let plates = loads
        .block(0, 1)
        .unwrap()
        .plates(Sex::Women, &settings().inventory);
    assert_eq!(plates.map(|p| p.total()), Some(Kg::whole(32)));
    // A man's 32 kg is fine too, his 16 kg below the bar as well.
    let loads = plan.athlete(&settings(), day(), men(&maxes));
    assert_eq!(loads.block(0, 0).unwrap().flag(), Some(LoadFlag::BelowBar));
    assert_eq!(loads.block(0, 1).unwrap().flag(), None);
    // Still in the tonnage as planned.
    assert_eq!(tonnage(&loads.metrics.total), Some(3 * 16_000 + 3 * 32_000));
}

#[test]
fn the_preview_counts_percentages_and_sets_kg_and_rpe_aside() {
    let plan = plan(vec![
        exercise(SNATCH, vec![pct(2, &[5], 40), pct(3, &[3], 70), pct(2, &[2], 85)]),
        complex(CLEAN_JERK, vec![pct(3, &[1, 2], 80), kg(2, &[1, 1], 100_000)]),
        exercise(BACK_SQUAT, vec![rpe(3, &[5], 8)]),
    ]);
    let metrics = plan.preview(settings().counting());
    let total = metrics.total;
    assert_eq!(total.lifts, 9 + 4 + 9);
    assert_eq!(total.below_threshold, 10);
    // "19 lifts not counted (no max)": 2 × 2 at 100 kg and 3 × 5 at RPE 8.
    assert_eq!(total.not_counted, 4 + 15);
    assert_eq!(total.tonnage, None);
    assert_eq!(total.average_weight, None);
    assert_eq!(total.reps, 10 + 9 + 4 + 9 + 4 + 15);
    // (70 × 9 + 85 × 4 + 80 × 9) / 22 = 76.818… %.
    assert_eq!(total.relative_intensity, Some(Percent::from_hundredths(7_682)));
    assert_eq!(metrics.elements[2].relative_intensity, None);
    assert_eq!(metrics.elements.len(), 3);
}

#[test]
fn a_group_gives_each_athlete_their_loads_in_order() {
    let plan = plan(vec![exercise(
        SNATCH,
        vec![pct(3, &[2], 80), kg(1, &[1], 60_000)],
    )]);
    let strong = [max(SNATCH, 100_000)];
    let from_clean_and_jerk = [max(CLEAN_AND_JERK, 90_000)];
    let athletes = [men(&strong), women(&from_clean_and_jerk), men(&[])];
    let group = plan.group(&settings(), day(), &athletes);
    assert_eq!(group.len(), 3);
    let first: Vec<_> = group.iter().map(|a| a.blocks[0][0]).collect();
    assert_eq!(
        first,
        vec![
            planned(80_000, 100_000, false),
            // Snatch ≈ 0.80 × 90 = 72 kg; 80 % is 57.6 → 58 kg.
            planned(58_000, 72_000, true),
            BlockLoad::Unloaded {
                reason: NoLoad::NoMax(Unresolved::NoMax)
            },
        ]
    );
    let percent_of_max: Vec<_> = group
        .iter()
        .map(|a| match a.blocks[0][1] {
            BlockLoad::Fixed { percent, .. } => percent,
            _ => None,
        })
        .collect();
    assert_eq!(
        percent_of_max,
        vec![
            Some(Percent::whole(60)),
            Some(Percent::from_hundredths(8_333)),
            None
        ]
    );
    for (athlete, loads) in athletes.iter().zip(&group) {
        assert_eq!(loads, &plan.athlete(&settings(), day(), *athlete));
    }
    assert_eq!(plan.group(&settings(), day(), &[]), vec![]);
}

#[test]
fn maxes_are_those_in_force_on_the_day() {
    let plan = plan(vec![exercise(SNATCH, vec![pct(1, &[1], 80)])]);
    let later = Max {
        date: NaiveDate::from_ymd_opt(2025, 7, 1).unwrap(),
        ..max(SNATCH, 110_000)
    };
    let maxes = [max(SNATCH, 100_000), later];
    let loads = plan.athlete(&settings(), day(), men(&maxes));
    assert_eq!(loads.blocks[0][0], planned(80_000, 100_000, false));
}

#[test]
fn lift_info_finds_a_complexs_main_lift_and_blocks_their_reference() {
    assert_eq!(
        LiftInfo::complex(&[SNATCH_PULL, SNATCH, JERK], SNATCH),
        Some(LiftInfo {
            reference: SNATCH,
            main_movement: 1
        })
    );
    assert_eq!(
        LiftInfo::complex(&[SNATCH_PULL, BACK_SQUAT], SNATCH_PULL),
        Some(LiftInfo {
            reference: SNATCH_PULL,
            main_movement: 0
        })
    );
    assert_eq!(LiftInfo::complex(&[SNATCH_PULL], SNATCH), None);
    assert_eq!(LiftInfo::complex(&[], SNATCH), None);
    assert_eq!(LiftInfo::exercise(CLEAN).main_movement, 0);
    let plan = plan(vec![
        complex(
            PULL_SNATCH,
            vec![
                pct(1, &[1, 1], 80),
                pct_of(1, &[1, 1], 90, CLEAN),
                kg(1, &[1, 1], 50_000),
            ],
        ),
        exercise(BACK_SQUAT, vec![pct(1, &[5], 70)]),
    ]);
    assert_eq!(plan.element_reference(0), Some(SNATCH));
    assert_eq!(plan.block_reference(0, 0), Some(SNATCH));
    assert_eq!(plan.block_reference(0, 1), Some(CLEAN));
    assert_eq!(plan.block_reference(0, 2), Some(SNATCH));
    assert_eq!(plan.block_reference(0, 3), None);
    assert_eq!(plan.block_reference(5, 0), None);
    assert_eq!(plan.references(), &[SNATCH, CLEAN, BACK_SQUAT]);
}

#[test]
fn loads_and_metrics_travel_as_json() {
    let plan = plan(vec![exercise(
        POWER_SNATCH,
        vec![pct(3, &[2], 80), kg(1, &[1], 70_000), rpe(1, &[1], 9)],
    )]);
    let maxes = [max(CLEAN_AND_JERK, 120_000)];
    let loads = plan.athlete(&settings(), day(), men(&maxes));
    let json = serde_json::to_string(&loads).unwrap();
    assert!(
        json.contains(r#"{"kind":"planned","load":65.0,"flag":null,"max":81.6,"derived":true}"#),
        "{json}"
    );
    assert!(json.contains(r#"{"kind":"unloaded","reason":"rpe"}"#), "{json}");
    let back: AthleteLoads = serde_json::from_str(&json).unwrap();
    assert_eq!(back, loads);
    let preview = plan.preview(settings().counting());
    let json = serde_json::to_string(&preview).unwrap();
    assert!(json.contains(r#""tonnage":null"#), "{json}");
    assert_eq!(serde_json::from_str::<WorkoutMetrics>(&json).unwrap(), preview);
}

#[test]
fn absurd_loads_and_settings_are_flagged_not_panicked_on() {
    let settings = TrainingSettings {
        ratios: RatioTable {
            ratios: vec![Ratio {
                exercise: SNATCH,
                base: CLEAN_AND_JERK,
                factor: Factor::from_ten_thousandths(i64::MAX),
            }],
        },
        ..settings()
    };
    let huge = Block {
        sets: u16::MAX,
        reps: vec![u16::MAX; 100],
        intensity: Intensity::Percent {
            percent: Percent::from_hundredths(i64::MAX),
            of: None,
        },
        rest: None,
    };
    let plan = plan(vec![exercise(
        SNATCH,
        vec![
            huge.clone(),
            kg(1, &[1], i64::MIN),
            kg(1, &[1], i64::MAX),
            kg(1, &[1], -5_000),
            block(0, &[], Intensity::Kg(Kg::whole(100))),
        ],
    )]);
    let maxes = [max(CLEAN_AND_JERK, i64::MAX)];
    let loads = plan.athlete(&settings, day(), men(&maxes));
    assert_eq!(
        loads.block(0, 1).and_then(BlockLoad::flag),
        Some(LoadFlag::BelowBar)
    );
    assert_eq!(
        loads.block(0, 2).and_then(BlockLoad::flag),
        Some(LoadFlag::Unbuildable)
    );
    assert_eq!(
        loads.block(0, 3).and_then(BlockLoad::flag),
        Some(LoadFlag::BelowBar)
    );
    assert_eq!(loads.metrics.elements[0].reps, u32::MAX);
    let _ = plan.preview(settings.counting());
}

/// Blocks of any intensity and shape, including what validation refuses.
fn block_strategy() -> impl Strategy<Value = Block> {
    let intensity = prop_oneof![
        (
            -100_i64..=16_000,
            prop::option::of(prop::sample::select(vec![SNATCH, CLEAN, BACK_SQUAT]))
        )
            .prop_map(|(hundredths, of)| Intensity::Percent {
                percent: Percent::from_hundredths(hundredths),
                of,
            }),
        (-1_000_i64..=300_000).prop_map(|grams| Intensity::Kg(Kg::from_grams(grams))),
        (12_u8..=20).prop_map(|halves| Intensity::Rpe(Rpe::from_halves(halves).unwrap())),
    ];
    (0_u16..=20, prop::collection::vec(0_u16..=30, 0..=4), intensity).prop_map(|(sets, reps, intensity)| {
        Block {
            sets,
            reps,
            intensity,
            rest: None,
        }
    })
}

fn content_strategy() -> impl Strategy<Value = WorkoutContent> {
    let lift = prop::sample::select(vec![
        Lift::Exercise(SNATCH),
        Lift::Exercise(POWER_SNATCH),
        Lift::Exercise(BACK_SQUAT),
        Lift::Complex(CLEAN_JERK),
        Lift::Complex(PULL_SNATCH),
        Lift::Complex(ComplexId(99)),
    ]);
    let element = (lift, prop::collection::vec(block_strategy(), 0..=5))
        .prop_map(|(lift, blocks)| Element::new(lift, blocks));
    prop::collection::vec(element, 0..=6).prop_map(|elements| WorkoutContent { elements })
}

fn maxes_strategy() -> impl Strategy<Value = Vec<Max<ExerciseId>>> {
    let exercise = prop::sample::select(vec![SNATCH, CLEAN_AND_JERK, CLEAN, BACK_SQUAT]);
    prop::collection::vec((exercise, 0_i64..=250_000), 0..=4)
        .prop_map(|maxes| maxes.into_iter().map(|(e, grams)| max(e, grams)).collect())
}

fn settings_strategy() -> impl Strategy<Value = TrainingSettings<ExerciseId>> {
    (1_u8..=100, any::<bool>()).prop_map(|(threshold, main_only)| TrainingSettings {
        lift_count_threshold: threshold,
        complex_counting: if main_only {
            ComplexCounting::MainLiftOnly
        } else {
            ComplexCounting::EveryMovement
        },
        ..settings()
    })
}

/// Σ lifts × sets of a content's blocks, as the club counts them, element by element.
fn expected_lifts(content: &WorkoutContent, settings: &TrainingSettings<ExerciseId>) -> Vec<u32> {
    content
        .elements
        .iter()
        .map(|element| {
            let main = match element.lift {
                Lift::Exercise(_) => 0,
                Lift::Complex(id) => complexes(id).map_or(0, |i| i.main_movement),
            };
            element
                .blocks
                .iter()
                .map(|b| {
                    let per_set = match settings.complex_counting {
                        ComplexCounting::EveryMovement => b.reps_per_set(),
                        ComplexCounting::MainLiftOnly => b.reps.get(main).map_or(0, |&r| u32::from(r)),
                    };
                    per_set * u32::from(b.sets)
                })
                .sum()
        })
        .collect()
}

proptest! {
    #[test]
    fn lifts_add_up_and_never_exceed_the_reps(
        content in content_strategy(),
        maxes in maxes_strategy(),
        settings in settings_strategy(),
        women_athlete in any::<bool>(),
    ) {
        let plan = WorkoutPlan::new(&content, complexes);
        let sex = if women_athlete { Sex::Women } else { Sex::Men };
        let loads = plan.athlete(&settings, day(), AthleteMaxes { sex, maxes: &maxes });
        let preview = plan.preview(settings.counting());
        let expected = expected_lifts(&content, &settings);
        for metrics in [&loads.metrics, &preview] {
            prop_assert_eq!(metrics.elements.len(), content.elements.len());
            for (m, &all) in metrics.elements.iter().zip(&expected) {
                prop_assert_eq!(m.lifts + m.below_threshold + m.not_counted, all);
                prop_assert!(m.lifts <= m.reps);
                prop_assert!(m.reps_without_load <= m.reps);
            }
            prop_assert_eq!(metrics.total.lifts, metrics.elements.iter().map(|m| m.lifts).sum::<u32>());
            prop_assert_eq!(metrics.total.reps, metrics.elements.iter().map(|m| m.reps).sum::<u32>());
        }
        // The %-sets count alike with and without an athlete; an athlete can only compare more.
        prop_assert!(loads.metrics.total.not_counted <= preview.total.not_counted);
        prop_assert!(loads.metrics.total.lifts >= preview.total.lifts);
        // Every block has its load, each as the settings plan it.
        for (element, blocks) in content.elements.iter().zip(&loads.blocks) {
            prop_assert_eq!(element.blocks.len(), blocks.len());
            for load in blocks {
                if let (Some(load), Some(flag)) = (load.load(), load.flag()) {
                    prop_assert_eq!(check_load(load, sex, &settings.inventory).flags, vec![flag]);
                }
            }
        }
    }

    #[test]
    fn a_planned_load_is_the_settings_plan_load(
        max_grams in 1_i64..=300_000,
        hundredths in 1_i64..=15_000,
        women_athlete in any::<bool>(),
        threshold in 1_u8..=100,
    ) {
        let settings = self::threshold(threshold);
        let sex = if women_athlete { Sex::Women } else { Sex::Men };
        let percent = Percent::from_hundredths(hundredths);
        let block = block(1, &[1], Intensity::Percent { percent, of: None });
        let fixed_load = Kg::from_grams(hundredths * 10);
        let plan = plan(vec![exercise(SNATCH, vec![block, kg(1, &[1], fixed_load.grams())])]);
        let maxes = [max(SNATCH, max_grams)];
        let loads = plan.athlete(&settings, day(), AthleteMaxes { sex, maxes: &maxes });
        let expected = plan_load(
            Kg::from_grams(max_grams), percent, sex, &settings.inventory, settings.step(), settings.rounding,
        );
        prop_assert_eq!(loads.blocks[0][0].load(), Some(expected.load));
        prop_assert_eq!(loads.blocks[0][0].flag(), expected.flags.first().copied());
        prop_assert_eq!(
            loads.blocks[0][0].plates(sex, &settings.inventory),
            expected.breakdown
        );
        let checked = check_load(fixed_load, sex, &settings.inventory);
        prop_assert_eq!(loads.blocks[0][1].flag(), checked.flags.first().copied());
        // The kg set counts exactly when the settings say it does.
        let counted = loads.metrics.total.lifts - u32::from(percent >= Percent::whole(i64::from(threshold)));
        prop_assert_eq!(counted == 1, settings.counts_as_lift(fixed_load, Kg::from_grams(max_grams)));
    }

    #[test]
    fn tonnage_and_lifts_grow_with_the_percentage(
        blocks in prop::collection::vec((1_u16..=10, 1_u16..=10, 1_i64..=12_000), 1..=8),
        raise in prop::collection::vec(0_i64..=3_000, 8),
        max_grams in 1_i64..=300_000,
        threshold in 1_u8..=100,
    ) {
        let settings = self::threshold(threshold);
        let content = |extra: &[i64]| {
            let blocks = blocks
                .iter()
                .zip(extra.iter().chain(std::iter::repeat(&0)))
                .map(|(&(sets, reps, hundredths), &more)| {
                    block(sets, &[reps], Intensity::Percent {
                        percent: Percent::from_hundredths(hundredths + more),
                        of: None,
                    })
                })
                .collect();
            self::plan(vec![exercise(SNATCH, blocks)])
        };
        let maxes = [max(SNATCH, max_grams)];
        let before = content(&[]).athlete(&settings, day(), men(&maxes)).metrics.total;
        let after = content(&raise).athlete(&settings, day(), men(&maxes)).metrics.total;
        prop_assert!(after.tonnage >= before.tonnage);
        prop_assert!(after.lifts >= before.lifts);
        prop_assert_eq!(after.reps, before.reps);
    }
}

proptest! {
    #[test]
    fn remembered_plate_checks_answer_as_the_search_does(
        loads in prop::collection::vec((-5_000_i64..=400_000, any::<bool>(), any::<bool>()), 1..=40),
        step in prop::sample::select(vec![0_i64, 250, 500, 1_000, 2_500]),
    ) {
        let inventory = crate::load::PlateInventory::default();
        let mut checks = plates::PlateChecks::new(&inventory, Kg::from_grams(step));
        for &(grams, on_step, women_athlete) in &loads {
            // Half of the loads on the step's grid, as planned loads are.
            let grams = if on_step && step > 0 { grams / step * step } else { grams };
            let sex = if women_athlete { Sex::Women } else { Sex::Men };
            let load = Kg::from_grams(grams);
            let expected = check_load(load, sex, &inventory).flags.first().copied();
            prop_assert_eq!(checks.flag(load, sex), expected, "{} kg", load);
            prop_assert_eq!(checks.flag(load, sex), expected, "{} kg again", load);
        }
    }

    #[test]
    fn rounded_division_is_the_same_in_64_and_128_bits(
        numerator in any::<i64>().prop_map(i128::from),
        denominator in 1_i64..=i64::MAX,
        wide in any::<bool>(),
    ) {
        let (numerator, denominator) = if wide {
            (numerator * 1_000_003, i128::from(denominator) * 7)
        } else {
            (numerator >> 3, i128::from(denominator >> 3).max(1))
        };
        let exact = (numerator * 2 + denominator).div_euclid(denominator * 2);
        prop_assert_eq!(div_round(numerator, denominator), exact);
    }
}
