//! Benchmark of the workout builder's live metrics: a 40-element workout (3 to 5 blocks each)
//! for a group of 40 athletes, computed again and again as on every keystroke.
//!
//!   cargo run --release -p domain --example workout_metrics            # 2000 runs
//!   cargo run --release -p domain --example workout_metrics -- 500     # 500 runs
//!
//! One run reads the content ([`WorkoutPlan::new`]) and computes every athlete's loads and
//! metrics ([`WorkoutPlan::group`]); the preview without an athlete and one athlete alone are
//! timed too. Prints the median, the 95th percentile and the slowest run of each, on one
//! thread, and the machine's load average: other processes sharing the cores show in the
//! slowest runs. A benchmark is run by a person; it is never part of the test suite
//! (`bench/workout-metrics.sh`).
#![allow(clippy::print_stdout)]

use chrono::{Days, NaiveDate};
use domain::competition::Sex;
use domain::ids::{ComplexId, ExerciseId};
use domain::load::Percent;
use domain::maxes::{Max, MaxKind};
use domain::settings::TrainingSettings;
use domain::weight::Kg;
use domain::workout::metrics::{AthleteMaxes, LiftInfo, WorkoutPlan};
use domain::workout::{Block, Element, Intensity, Lift, Rpe, WorkoutContent};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// The benchmark club's exercises: (id, catalogue key, a typical men's max in kg).
const EXERCISES: [(i64, &str, i64); 14] = [
    (1, "snatch", 110),
    (2, "clean_and_jerk", 140),
    (3, "clean", 145),
    (4, "split_jerk", 145),
    (5, "power_snatch", 95),
    (6, "power_clean", 120),
    (7, "overhead_squat", 115),
    (8, "front_squat", 165),
    (9, "back_squat", 190),
    (10, "snatch_pull", 125),
    (11, "clean_pull", 160),
    (12, "hang_snatch", 100),
    (13, "push_press", 105),
    (14, "snatch_balance", 105),
];

const SNATCH: ExerciseId = ExerciseId(1);
const CLEAN: ExerciseId = ExerciseId(3);
const JERK: ExerciseId = ExerciseId(4);
const POWER_SNATCH: ExerciseId = ExerciseId(5);
const OVERHEAD_SQUAT: ExerciseId = ExerciseId(7);
const FRONT_SQUAT: ExerciseId = ExerciseId(8);
const SNATCH_PULL: ExerciseId = ExerciseId(10);

/// The complexes: (id, movements; the main lift is the first classic one).
const COMPLEXES: [(i64, &[ExerciseId]); 4] = [
    (1, &[CLEAN, JERK]),
    (2, &[SNATCH_PULL, SNATCH]),
    (3, &[POWER_SNATCH, OVERHEAD_SQUAT]),
    (4, &[CLEAN, FRONT_SQUAT, JERK]),
];

/// A small deterministic generator (xorshift), so every run plans the same workout.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// The classic lifts, most important first: a complex's main lift is the first of them among
/// its movements, else its first movement (as `domain::workout::main_lift` chooses).
const CLASSIC: [i64; 6] = [1, 2, 3, 4, 5, 6];

fn complex_info(id: ComplexId) -> Option<LiftInfo> {
    let (_, movements) = COMPLEXES.iter().find(|(c, _)| *c == id.0)?;
    let main = CLASSIC
        .iter()
        .map(|&c| ExerciseId(c))
        .find(|c| movements.contains(c))
        .or_else(|| movements.first().copied())?;
    LiftInfo::complex(movements, main)
}

fn block(sets: u16, reps: Vec<u16>, intensity: Intensity) -> Block {
    Block {
        sets,
        reps,
        intensity,
        rest: Some(120),
    }
}

/// 40 elements as a coach plans a heavy week's sessions: pyramids of percentages, a few pulls on
/// the snatch's or the clean's max, a few kilogram and RPE blocks, a complex every fourth.
fn workout(random: &mut Random) -> WorkoutContent {
    let elements = (0..40)
        .map(|i| {
            let complex = i % 4 == 3;
            let (lift, movements) = if complex {
                let (id, movements) = COMPLEXES[(i / 4) % COMPLEXES.len()];
                (Lift::Complex(ComplexId(id)), movements.len())
            } else {
                let (id, _, _) = EXERCISES[i % EXERCISES.len()];
                (Lift::Exercise(ExerciseId(id)), 1)
            };
            let blocks = (0..3 + random.below(3))
                .map(|b| {
                    let reps = |n: u64| vec![u16::try_from(n).unwrap_or(1); movements];
                    let sets = u16::try_from(2 + random.below(4)).unwrap_or(1);
                    match (i + b as usize) % 9 {
                        // "4x2 @100kg".
                        7 => block(
                            sets,
                            reps(2),
                            Intensity::Kg(Kg::whole(60 + 5 * random.below(12) as i64)),
                        ),
                        // "3x3 @RPE8".
                        8 if !complex => {
                            let rpe = Rpe::from_halves(14 + random.below(5) as u8);
                            block(
                                sets,
                                reps(3),
                                rpe.map_or(Intensity::Kg(Kg::whole(50)), Intensity::Rpe),
                            )
                        }
                        // A pull at 105 to 115 % of the snatch.
                        6 if !complex => block(
                            sets,
                            reps(3),
                            Intensity::Percent {
                                percent: Percent::whole(105 + 5 * random.below(3) as i64),
                                of: Some(SNATCH),
                            },
                        ),
                        _ => {
                            let percent = 60 + 5 * b as i64 + random.below(6) as i64;
                            let reps = reps(if percent >= 80 {
                                1 + random.below(2)
                            } else {
                                2 + random.below(3)
                            });
                            block(
                                sets,
                                reps,
                                Intensity::Percent {
                                    percent: Percent::from_hundredths(
                                        percent * 100 + 50 * random.below(2) as i64,
                                    ),
                                    of: None,
                                },
                            )
                        }
                    }
                })
                .collect();
            Element::new(lift, blocks)
        })
        .collect();
    WorkoutContent { elements }
}

/// One athlete's history: a few maxes a year in most exercises over two years; a third of the
/// athletes never tested the snatch, the power snatch or the front squat (their maxes come
/// from the ratios), and some lack an exercise altogether (no max).
fn history(random: &mut Random, athlete: usize, sex: Sex, today: NaiveDate) -> Vec<Max<ExerciseId>> {
    let strength = match sex {
        Sex::Men => 70 + random.below(40) as i64,
        Sex::Women => 45 + random.below(30) as i64,
    };
    let mut maxes = Vec::new();
    for &(id, _, typical) in &EXERCISES {
        let derived = athlete.is_multiple_of(3) && matches!(id, 1 | 5 | 8);
        let missing = athlete.is_multiple_of(7) && matches!(id, 12..=14);
        if derived || missing {
            continue;
        }
        for n in 0..3 + random.below(4) {
            let days = 30 + 120 * n + random.below(60);
            let grams = typical * strength * 10 - i64::try_from(n).unwrap_or(0) * 2_000;
            maxes.push(Max {
                exercise: ExerciseId(id),
                date: today.checked_sub_days(Days::new(days)).unwrap_or(today),
                weight: Kg::from_grams(grams / 500 * 500),
                kind: if n % 2 == 0 {
                    MaxKind::Tested
                } else {
                    MaxKind::Training
                },
            });
        }
    }
    maxes
}

/// The median, the 95th percentile and the slowest of `times`, in microseconds.
fn summary(mut times: Vec<Duration>) -> String {
    times.sort();
    let at = |q: f64| {
        let i = ((times.len() as f64 - 1.0) * q).round() as usize;
        times.get(i).map_or(0.0, |t| t.as_secs_f64() * 1e6)
    };
    format!(
        "median {:7.1} µs   p95 {:7.1} µs   max {:8.1} µs",
        at(0.5),
        at(0.95),
        at(1.0)
    )
}

/// Runs `run` `runs` times after a warm-up and prints its wall-clock times.
fn time(label: &str, runs: usize, mut run: impl FnMut()) {
    for _ in 0..runs.div_ceil(10) {
        run();
    }
    let times = (0..runs)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .collect();
    println!("  {label:<38} {}", summary(times));
}

fn main() {
    let runs = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(2_000_usize);
    let today = NaiveDate::from_ymd_opt(2025, 6, 2).unwrap_or_default();
    let settings = TrainingSettings::default().map_exercises(|key| {
        EXERCISES
            .iter()
            .find(|(_, k, _)| k == key)
            .map(|&(id, _, _)| ExerciseId(id))
    });
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    let content = workout(&mut random);
    let histories: Vec<(Sex, Vec<Max<ExerciseId>>)> = (0..40)
        .map(|a| {
            let sex = if a % 2 == 0 { Sex::Men } else { Sex::Women };
            (sex, history(&mut random, a, sex, today))
        })
        .collect();
    let athletes: Vec<AthleteMaxes<'_>> = histories
        .iter()
        .map(|(sex, maxes)| AthleteMaxes { sex: *sex, maxes })
        .collect();

    let plan = WorkoutPlan::new(&content, complex_info);
    let group = plan.group(&settings, today, &athletes);
    let blocks: usize = content.elements.iter().map(|e| e.blocks.len()).sum();
    let maxes: usize = histories.iter().map(|(_, m)| m.len()).sum();
    let derived = group
        .iter()
        .flat_map(|a| &a.maxes)
        .filter(|m| m.max.as_ref().is_ok_and(|m| m.derived))
        .count();
    let missing = group
        .iter()
        .flat_map(|a| &a.maxes)
        .filter(|m| m.max.is_err())
        .count();
    println!(
        "workout: {} elements, {blocks} blocks, {} reference lifts; group: {} athletes, {maxes} maxes",
        content.elements.len(),
        plan.references().len(),
        athletes.len(),
    );
    println!(
        "per computation: {} block loads, {derived} maxes derived through ratios, {missing} without a max",
        blocks * athletes.len(),
    );
    if let Some(first) = group.first() {
        let total = first.metrics.total;
        println!(
            "first athlete: tonnage {} kg, {} lifts, average {} kg, relative intensity {} %",
            total.tonnage.unwrap_or_default(),
            total.lifts,
            total.average_weight.unwrap_or_default(),
            total.relative_intensity.unwrap_or_default(),
        );
    }
    println!("{runs} runs each, one thread:");

    time("group of 40 (read + loads + metrics)", runs, || {
        let plan = WorkoutPlan::new(black_box(&content), complex_info);
        black_box(plan.group(&settings, today, black_box(&athletes)));
    });
    time("one athlete", runs, || {
        let plan = WorkoutPlan::new(black_box(&content), complex_info);
        black_box(plan.group(&settings, today, black_box(&athletes[..1])));
    });
    time("preview without an athlete", runs, || {
        let plan = WorkoutPlan::new(black_box(&content), complex_info);
        black_box(plan.preview(settings.counting()));
    });
    // Other processes on the machine show in the slowest runs: say how busy it was.
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        let load: Vec<&str> = load.split_whitespace().take(3).collect();
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        println!("load average {} on {cores} cores", load.join(" "));
    }
}
