//! Prilepin's table: how many lifts per zone of intensity, as a hint next to each exercise.
//!
//! | Zone | Reps per set | Optimal total | Range |
//! |---|---|---|---|
//! | 55–65 % | 3–6 | 24 | 18–30 |
//! | 70–80 % | 3–6 | 18 | 12–24 |
//! | 80–90 % | 2–4 | 15 | 10–20 |
//! | ≥ 90 % | 1–2 | 7 | 4–10 |
//!
//! The lifts of a set are counted as for the number of lifts (the club's
//! [`crate::settings::ComplexCounting`]), and its percentage is the block's own, or for an
//! athlete's kg block its load ÷ the max. A hint, never a rule: the builder colours it and says
//! it in words.

use super::Share;
use crate::ids::ExerciseId;
use crate::load::Percent;
use serde::{Deserialize, Serialize};

/// A zone of Prilepin's table, by percentage of the max.
///
/// The table reads 55–65 %, 70–80 %, 80–90 % and ≥ 90 %: it leaves 65–70 % out and gives 80 %
/// and 90 % to two rows. DropIt makes the zones contiguous, each from its lower bound
/// (included) to the next one's (excluded): **[55, 70), [70, 80), [80, 90), [90, ∞)**. So a
/// set at 65–70 % counts in the first zone (the nearest in reps and volume), 70 % exactly in
/// the second, 80 % in the third, 90 % and above (pulls at 110 %) in the last; a set below
/// 55 % is in no zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Zone {
    /// 55 % to 70 % (excluded).
    Light,
    /// 70 % to 80 % (excluded).
    Moderate,
    /// 80 % to 90 % (excluded).
    Heavy,
    /// 90 % and above.
    Maximal,
}

/// A range of counts, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    pub min: u32,
    pub max: u32,
}

impl Span {
    pub const fn new(min: u32, max: u32) -> Self {
        Self { min, max }
    }

    pub const fn contains(self, n: u64) -> bool {
        self.min as u64 <= n && n <= self.max as u64
    }
}

/// One row of Prilepin's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PrilepinRow {
    /// The lowest percentage of the zone, included.
    pub from: Percent,
    /// Where the next zone starts, excluded; `None` for the heaviest.
    pub until: Option<Percent>,
    /// The reps per set the table advises.
    pub reps_per_set: Span,
    /// The optimal total of lifts.
    pub optimal: u32,
    /// The advised range of the total.
    pub range: Span,
}

impl Zone {
    /// The zones, lightest first.
    pub const ALL: [Zone; 4] = [Zone::Light, Zone::Moderate, Zone::Heavy, Zone::Maximal];

    /// The zone's row of the table.
    pub const fn row(self) -> PrilepinRow {
        let (from, until, reps, optimal, range) = match self {
            Zone::Light => (55, Some(70), (3, 6), 24, (18, 30)),
            Zone::Moderate => (70, Some(80), (3, 6), 18, (12, 24)),
            Zone::Heavy => (80, Some(90), (2, 4), 15, (10, 20)),
            Zone::Maximal => (90, None, (1, 2), 7, (4, 10)),
        };
        PrilepinRow {
            from: Percent::whole(from),
            until: match until {
                Some(until) => Some(Percent::whole(until)),
                None => None,
            },
            reps_per_set: Span::new(reps.0, reps.1),
            optimal,
            range: Span::new(range.0, range.1),
        }
    }

    /// The zone a fraction of the max falls in, if any.
    pub(super) fn of(share: Share) -> Option<Zone> {
        Zone::ALL
            .into_iter()
            .rev()
            .find(|zone| share.at_least(i128::from(zone.row().from.hundredths())))
    }

    const fn index(self) -> usize {
        self as usize
    }
}

/// How a zone's total of lifts compares with the table's range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Below,
    Within,
    Above,
}

impl Verdict {
    /// Where `lifts` stand against `range`.
    pub fn of(lifts: u64, range: Span) -> Self {
        if lifts < u64::from(range.min) {
            Verdict::Below
        } else if lifts > u64::from(range.max) {
            Verdict::Above
        } else {
            Verdict::Within
        }
    }
}

/// The lifts of one exercise in one zone, against the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZoneTally {
    pub zone: Zone,
    /// Σ lifts × sets of the sets in the zone.
    pub lifts: u32,
    /// The table's optimal total.
    pub optimal: u32,
    /// The table's range of the total.
    pub range: Span,
    /// The total against the range; `None` when no lift is planned in the zone.
    pub verdict: Option<Verdict>,
    /// True when some set of the zone has more or fewer lifts than the table's reps per set.
    pub reps_outside: bool,
}

/// Prilepin's hint for one reference exercise: its lifts in each zone, lightest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExercisePrilepin {
    pub exercise: ExerciseId,
    pub zones: [ZoneTally; 4],
}

impl ExercisePrilepin {
    /// The tally of `zone`.
    pub fn zone(&self, zone: Zone) -> Option<&ZoneTally> {
        self.zones.get(zone.index())
    }
}

/// One exercise's running counts per zone.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct ZoneCounts {
    lifts: [u64; 4],
    reps_outside: [bool; 4],
}

impl ZoneCounts {
    /// Adds `sets` sets of `lifts` lifts each in `zone`.
    pub(super) fn add(&mut self, zone: Zone, sets: u64, lifts: u64) {
        let total = sets.saturating_mul(lifts);
        if total == 0 {
            return;
        }
        let i = zone.index();
        if let Some(sum) = self.lifts.get_mut(i) {
            *sum = sum.saturating_add(total);
        }
        if !zone.row().reps_per_set.contains(lifts)
            && let Some(outside) = self.reps_outside.get_mut(i)
        {
            *outside = true;
        }
    }

    /// True when some lift fell in a zone.
    pub(super) fn any(&self) -> bool {
        self.lifts.iter().any(|&n| n > 0)
    }

    pub(super) fn report(&self, exercise: ExerciseId) -> ExercisePrilepin {
        let zones = Zone::ALL.map(|zone| {
            let row = zone.row();
            let lifts = self.lifts.get(zone.index()).copied().unwrap_or(0);
            ZoneTally {
                zone,
                lifts: u32::try_from(lifts).unwrap_or(u32::MAX),
                optimal: row.optimal,
                range: row.range,
                verdict: (lifts > 0).then(|| Verdict::of(lifts, row.range)),
                reps_outside: self.reps_outside.get(zone.index()).copied().unwrap_or(false),
            }
        });
        ExercisePrilepin { exercise, zones }
    }
}
