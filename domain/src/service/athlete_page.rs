//! What an athlete's page makes of their file: the values in force today, and each exercise's
//! maxes with the personal records marked. Pure: the file is read by
//! [`athlete_file`](super::athletes::athlete_file).

use super::athletes::AthleteFile;
use crate::catalogue::search::fold;
use crate::competition::CompetitorLevel;
use crate::ids::{AthleteId, ExerciseId, MaxId};
use crate::maxes::{Max, MaxKind, max_in_force, personal_records};
use crate::roster::{RosterData, RosterRow, rows};
use crate::weight::Kg;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One max of an athlete's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MaxEntry {
    pub id: MaxId,
    pub version: i64,
    pub date: NaiveDate,
    pub weight: Kg,
    pub kind: MaxKind,
    /// A personal record when it was recorded.
    pub record: bool,
}

/// An exercise's maxes on the athlete's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LiftHistory {
    pub exercise: ExerciseId,
    pub name: String,
    /// The max in force today.
    pub current: Option<Kg>,
    /// Newest first.
    pub entries: Vec<MaxEntry>,
}

impl AthleteFile {
    /// The athlete with the values in force `today`: class, total, Sinclair, level, groups.
    pub fn summary(&self, today: NaiveDate) -> Option<RosterRow> {
        let id = self.athlete.id;
        let weighings: Vec<_> = self.weighings.iter().map(|w| (id, *w)).collect();
        let current_level: Vec<(AthleteId, CompetitorLevel)> = self
            .levels
            .last()
            .filter(|l| l.end.is_none())
            .map(|l| (id, l.level))
            .into_iter()
            .collect();
        let data = RosterData {
            athletes: std::slice::from_ref(&self.athlete),
            weighings: &weighings,
            maxes: &self.maxes,
            levels: &current_level,
            groups: &self.groups,
            lifts: self.lifts,
        };
        rows(&data, today).into_iter().next()
    }

    /// Each exercise's maxes, newest first, with the max in force `today` and the personal
    /// records marked: the snatch and the clean and jerk first, then the others by `name`.
    pub fn lift_histories(&self, today: NaiveDate, name: impl Fn(ExerciseId) -> String) -> Vec<LiftHistory> {
        let history: Vec<Max<ExerciseId>> = self.maxes.iter().map(|m| m.max.clone()).collect();
        let mut lifts: Vec<LiftHistory> = Vec::new();
        for (recorded, record) in self.maxes.iter().zip(personal_records(&history)) {
            let entry = MaxEntry {
                id: recorded.id,
                version: recorded.version,
                date: recorded.max.date,
                weight: recorded.max.weight,
                kind: recorded.max.kind,
                record,
            };
            match lifts.iter_mut().find(|l| l.exercise == recorded.max.exercise) {
                Some(lift) => lift.entries.push(entry),
                None => lifts.push(LiftHistory {
                    exercise: recorded.max.exercise,
                    name: name(recorded.max.exercise),
                    current: None,
                    entries: vec![entry],
                }),
            }
        }
        for lift in &mut lifts {
            lift.current = max_in_force(&history, &lift.exercise, today).map(|m| m.weight);
            lift.entries.sort_by_key(|e| std::cmp::Reverse((e.date, e.id.0)));
        }
        let main = [self.lifts.snatch, self.lifts.clean_and_jerk];
        lifts.sort_by_cached_key(|l| {
            let rank = main
                .iter()
                .position(|m| *m == Some(l.exercise))
                .unwrap_or(main.len());
            (rank, fold(&l.name))
        });
        lifts
    }
}
