//! Which athletes a session is for on its day: those it names, and those of its groups *on
//! that day*. Group memberships are kept as periods ([`Membership`]): an athlete who joins the
//! juniors in March gets their sessions from March on, and one who leaves keeps the past ones.

use super::Session;
use crate::ids::{AthleteId, GroupId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A period an athlete was (or is) in a group: from `since` (included) to `until` (excluded;
/// `None` while they still are). A period that ends the day it starts never held them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Membership {
    pub group: GroupId,
    pub athlete: AthleteId,
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
}

impl Membership {
    /// Whether the period holds `day`.
    pub fn holds(&self, day: NaiveDate) -> bool {
        self.since <= day && self.until.is_none_or(|until| day < until)
    }
}

/// The athletes of `group` on `day`, each once, in the order of `periods`.
pub fn members_on(periods: &[Membership], group: GroupId, day: NaiveDate) -> Vec<AthleteId> {
    let mut athletes = Vec::new();
    for p in periods.iter().filter(|p| p.group == group && p.holds(day)) {
        if !athletes.contains(&p.athlete) {
            athletes.push(p.athlete);
        }
    }
    athletes
}

/// Whom `session` is for on its day: the athletes it names, then those of its groups on that
/// day, each once, skipping those `excluded` (archived athletes, who leave the planning).
/// Those who skip it by an override are still listed: the calendar shows them as skipping.
pub fn session_athletes(
    session: &Session,
    periods: &[Membership],
    excluded: impl Fn(AthleteId) -> bool,
) -> Vec<AthleteId> {
    let mut athletes: Vec<AthleteId> = Vec::new();
    let named = session.assignees.athletes.iter().copied();
    let grouped = session
        .assignees
        .groups
        .iter()
        .flat_map(|&g| members_on(periods, g, session.date));
    for athlete in named.chain(grouped) {
        if !excluded(athlete) && !athletes.contains(&athlete) {
            athletes.push(athlete);
        }
    }
    athletes
}

/// Whether `session` is for `athlete` (named, or in one of its groups on its day).
pub fn is_for(session: &Session, periods: &[Membership], athlete: AthleteId) -> bool {
    session.assignees.athletes.contains(&athlete)
        || session.assignees.groups.iter().any(|&g| {
            periods
                .iter()
                .any(|p| p.group == g && p.athlete == athlete && p.holds(session.date))
        })
}
