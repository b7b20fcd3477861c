//! Copies of sessions: one to another day, a whole week to another week (for the club, a group
//! or one athlete), a session repeated every week. Each answers the drafts it would create, so
//! the calendar can show them before anything is written, all or nothing.

use super::groups::{Membership, is_for, members_on};
use super::{Assignees, Session, SessionDraft, TimeOfDay, calendar};
use crate::ids::{AthleteId, GroupId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::ops::RangeInclusive;

/// Whose sessions a week copy takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Every session of the week, as they are.
    Club,
    /// The sessions of a group, copied for that group alone.
    Group(GroupId),
    /// The sessions one athlete does (named, or through a group on the day), copied for that
    /// athlete alone, with what they do (their override in place).
    Athlete(AthleteId),
}

/// A copy of `session` on `date` (at `time`), for the same athletes and groups, with the same
/// overrides and template.
pub fn copied_to(session: &Session, date: NaiveDate, time: Option<TimeOfDay>) -> SessionDraft {
    SessionDraft {
        date,
        time,
        ..session.draft()
    }
}

/// The most sessions one copy creates.
pub const MAX_COPIES: usize = 500;

/// Why a copy cannot be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum CopyError {
    /// A copy would fall outside the plannable days.
    #[error("a copy would fall outside the calendar")]
    OutOfCalendar,
    /// The copy would create more than [`MAX_COPIES`] sessions.
    #[error("too many sessions at once")]
    TooMany,
    /// A week copied onto itself.
    #[error("the same week")]
    SameWeek,
    /// A number of weeks outside [`REPEAT_WEEKS`].
    #[error("a number of weeks out of bounds")]
    Weeks,
}

/// The sessions of week `from` (among `sessions`) copied to week `to`, each on the same weekday
/// and time, in day and time order; `periods` tells which athletes the groups held on the
/// source days. Nothing to copy is an empty list.
pub fn copy_week(
    sessions: &[Session],
    periods: &[Membership],
    from: calendar::Week,
    to: calendar::Week,
    scope: Scope,
) -> Result<Vec<SessionDraft>, CopyError> {
    if from == to {
        return Err(CopyError::SameWeek);
    }
    let offset = from.days_to(to);
    let mut week: Vec<&Session> = sessions.iter().filter(|s| from.contains(s.date)).collect();
    week.sort_by_key(|s| (s.date, s.time, s.id));
    let mut drafts = Vec::new();
    for session in week {
        let Some(draft) = scoped(session, periods, scope) else {
            continue;
        };
        let date = calendar::shift(session.date, offset).ok_or(CopyError::OutOfCalendar)?;
        drafts.push(SessionDraft { date, ..draft });
        if drafts.len() > MAX_COPIES {
            return Err(CopyError::TooMany);
        }
    }
    Ok(drafts)
}

/// `session` as a copy for `scope` takes it (its day unchanged), or `None` when the scope does
/// not take it.
fn scoped(session: &Session, periods: &[Membership], scope: Scope) -> Option<SessionDraft> {
    match scope {
        Scope::Club => Some(session.draft()),
        Scope::Group(group) => {
            if !session.assignees.groups.contains(&group) {
                return None;
            }
            let members = members_on(periods, group, session.date);
            let mut draft = session.draft();
            draft.assignees = Assignees {
                athletes: Vec::new(),
                groups: vec![group],
            };
            draft.overrides.retain(|o| members.contains(&o.athlete));
            Some(draft)
        }
        Scope::Athlete(athlete) => {
            if !is_for(session, periods, athlete) {
                return None;
            }
            let content = session.content_for(athlete)?.into_owned();
            Some(SessionDraft {
                content,
                assignees: Assignees {
                    athletes: vec![athlete],
                    groups: Vec::new(),
                },
                overrides: Vec::new(),
                ..session.draft()
            })
        }
    }
}

/// How many weeks a session may be repeated over.
pub const REPEAT_WEEKS: RangeInclusive<u16> = 1..=52;

/// The days `weeks` weekly repeats of a session on `date` fall on: the same weekday, each of
/// the `weeks` weeks after.
pub fn repeat_days(date: NaiveDate, weeks: u16) -> Result<Vec<NaiveDate>, CopyError> {
    if !REPEAT_WEEKS.contains(&weeks) {
        return Err(CopyError::Weeks);
    }
    (1..=i64::from(weeks))
        .map(|n| calendar::shift(date, n * 7).ok_or(CopyError::OutOfCalendar))
        .collect()
}

/// `session` repeated on the same weekday and time for each of the `weeks` weeks after its own.
pub fn repeat(session: &Session, weeks: u16) -> Result<Vec<SessionDraft>, CopyError> {
    Ok(repeat_days(session.date, weeks)?
        .into_iter()
        .map(|date| copied_to(session, date, session.time))
        .collect())
}

/// Whose sessions a form asks to copy: `club`, `g<id>` (a group), `a<id>` (an athlete).
pub fn read_scope(text: &str) -> Option<Scope> {
    let id = |rest: &str| rest.parse::<i64>().ok();
    match text.trim() {
        "club" | "" => Some(Scope::Club),
        t => match t.split_at_checked(1)? {
            ("g", rest) => id(rest).map(|g| Scope::Group(GroupId(g))),
            ("a", rest) => id(rest).map(|a| Scope::Athlete(AthleteId(a))),
            _ => None,
        },
    }
}

/// A scope as [`read_scope`] reads it.
pub fn write_scope(scope: Scope) -> String {
    match scope {
        Scope::Club => "club".to_owned(),
        Scope::Group(g) => format!("g{g}"),
        Scope::Athlete(a) => format!("a{a}"),
    }
}
