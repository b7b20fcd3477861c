//! The planning calendar's sessions: a workout copied onto a day (at an optional time), for
//! athletes and groups, with per-athlete overrides.
//!
//! A session keeps its own copy of the workout's content: editing the workout (its template)
//! later does not rewrite the sessions planned from it. The session remembers which template
//! and which of its versions it copied ([`Template`]), so the calendar can say when the template
//! changed since ([`Session::template_changed`]) and offer to bring the change in
//! ([`SessionDraft::sync`]).
//!
//! An **override** changes a session for one athlete without forking it for the others: the
//! athlete skips it, or some of its elements have other blocks for them (3 sets instead of 5,
//! another percentage). [`Session::content_for`] resolves what an athlete does.

pub mod calendar;
pub mod copy;
pub mod feed;
pub mod groups;
#[cfg(test)]
mod tests;

use crate::error::{FieldError, FieldProblem};
use crate::ids::{AthleteId, ExerciseId, GroupId};
use crate::workout::{
    Block, Element, Intensity, Lift, Workout, WorkoutCategoryId, WorkoutContent, WorkoutDraft, WorkoutId,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

pub use crate::ids::SessionId;

/// A time of day, in minutes after midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u16", into = "u16")]
pub struct TimeOfDay(u16);

impl TimeOfDay {
    /// `hours:minutes`, `None` past 23:59.
    pub fn new(hours: u16, minutes: u16) -> Option<Self> {
        (hours < 24 && minutes < 60).then_some(Self(hours * 60 + minutes))
    }

    /// Minutes after midnight, `None` from 1440 on.
    pub fn from_minutes(minutes: u16) -> Option<Self> {
        (minutes < 24 * 60).then_some(Self(minutes))
    }

    pub fn minutes(self) -> u16 {
        self.0
    }

    pub fn hours(self) -> u16 {
        self.0 / 60
    }

    /// Reads `7:30` or `07:30` (what a time field sends), `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        let (hours, minutes) = text.trim().split_once(':')?;
        if !(1..=2).contains(&hours.len()) || minutes.len() != 2 {
            return None;
        }
        let digits = |s: &str| {
            s.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| s.parse().ok())
                .flatten()
        };
        Self::new(digits(hours)?, digits(minutes)?)
    }
}

impl TryFrom<u16> for TimeOfDay {
    type Error = &'static str;

    fn try_from(minutes: u16) -> Result<Self, Self::Error> {
        Self::from_minutes(minutes).ok_or("not a time of day")
    }
}

impl From<TimeOfDay> for u16 {
    fn from(time: TimeOfDay) -> u16 {
        time.0
    }
}

impl fmt::Display for TimeOfDay {
    /// `07:30`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// The workout a session was copied from, at the version it copied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Template {
    pub workout: WorkoutId,
    pub version: i64,
}

/// Other blocks for one element of a session, for one athlete. `lift` is the element's lift
/// when the override was made: an override whose element no longer trains that lift (the
/// session's content changed) no longer applies.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ElementOverride {
    /// The element's place in the session's content, from 0.
    pub element: u16,
    pub lift: Lift,
    pub blocks: Vec<Block>,
}

/// How a session differs for one athlete: skipped, or some elements with other blocks.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Override {
    pub athlete: AthleteId,
    #[serde(default)]
    pub skip: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub elements: Vec<ElementOverride>,
}

impl Override {
    /// Whether the override changes nothing (it can then be dropped).
    pub fn is_empty(&self) -> bool {
        !self.skip && self.elements.is_empty()
    }
}

/// Whom a session is for: athletes by name, and groups (their athletes on the session's day,
/// see [`groups`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Assignees {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub athletes: Vec<AthleteId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<GroupId>,
}

impl Assignees {
    /// The most athletes a session names one by one.
    pub const MAX_ATHLETES: usize = 100;
    /// The most groups a session names.
    pub const MAX_GROUPS: usize = 20;

    pub fn is_empty(&self) -> bool {
        self.athletes.is_empty() && self.groups.is_empty()
    }

    /// The same athletes and groups, each once, in the order first given.
    pub fn deduplicated(mut self) -> Self {
        dedup(&mut self.athletes);
        dedup(&mut self.groups);
        self
    }
}

fn dedup<T: PartialEq + Copy>(items: &mut Vec<T>) {
    let mut seen = Vec::with_capacity(items.len());
    items.retain(|item| {
        let first = !seen.contains(item);
        seen.push(*item);
        first
    });
}

/// A session as it is written: everything but its id and version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionDraft {
    pub date: NaiveDate,
    pub time: Option<TimeOfDay>,
    pub title: String,
    pub category: Option<WorkoutCategoryId>,
    pub content: WorkoutContent,
    pub template: Option<Template>,
    pub assignees: Assignees,
    pub overrides: Vec<Override>,
}

/// A planned session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub id: SessionId,
    pub date: NaiveDate,
    pub time: Option<TimeOfDay>,
    pub title: String,
    pub category: Option<WorkoutCategoryId>,
    pub content: WorkoutContent,
    pub template: Option<Template>,
    pub assignees: Assignees,
    pub overrides: Vec<Override>,
    pub version: i64,
    pub updated_at: DateTime<Utc>,
}

/// What went wrong with a session's overrides.
pub const OVERRIDES_FIELD: &str = "overrides";

impl SessionDraft {
    /// The most overrides a session has (one per athlete).
    pub const MAX_OVERRIDES: usize = 200;

    /// A session of `workout` on `date`, for `assignees`: the workout's title, category and
    /// content copied, the workout and its version remembered.
    pub fn of_workout(
        workout: &Workout,
        date: NaiveDate,
        time: Option<TimeOfDay>,
        assignees: Assignees,
    ) -> Self {
        Self {
            date,
            time,
            title: workout.title.clone(),
            category: workout.category,
            content: workout.content.clone(),
            template: Some(Template {
                workout: workout.id,
                version: workout.version,
            }),
            assignees: assignees.deduplicated(),
            overrides: Vec::new(),
        }
    }

    /// Every problem of the draft, each under its field: `date` (outside the plannable days),
    /// `title`, the content's (see [`WorkoutContent::check`]), `athletes`, `groups` (too many)
    /// and `overrides` (too many, an athlete twice, an element that is not the session's, a
    /// block out of bounds).
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        if !calendar::plannable(self.date) {
            errors.push(FieldError::new("date", FieldProblem::InvalidDate));
        }
        if let Err(e) = crate::text::line("title", &self.title, WorkoutDraft::TITLE_MAX) {
            errors.push(e);
        }
        if let Err(e) = self.content.check() {
            errors.extend(e);
        }
        let bounds = [
            ("athletes", self.assignees.athletes.len(), Assignees::MAX_ATHLETES),
            ("groups", self.assignees.groups.len(), Assignees::MAX_GROUPS),
            (OVERRIDES_FIELD, self.overrides.len(), Self::MAX_OVERRIDES),
        ];
        for (field, len, max) in bounds {
            if len > max {
                errors.push(FieldError::new(field, FieldProblem::TooMany { max }));
            }
        }
        if !self.overrides_fit() {
            errors.push(FieldError::new(OVERRIDES_FIELD, FieldProblem::InvalidFormat));
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }

    /// Whether every override names each athlete once and only the session's elements, with
    /// their lift and blocks within bounds.
    fn overrides_fit(&self) -> bool {
        let mut athletes = Vec::with_capacity(self.overrides.len());
        self.overrides.iter().all(|o| {
            let first = !athletes.contains(&o.athlete);
            athletes.push(o.athlete);
            first
                && o.elements.len() <= WorkoutContent::MAX_ELEMENTS
                && o.elements.iter().all(|e| {
                    let element = self.content.elements.get(usize::from(e.element));
                    element.is_some_and(|element| element.lift == e.lift)
                        && !e.blocks.is_empty()
                        && e.blocks.len() <= Element::MAX_BLOCKS
                        && e.blocks.iter().all(|b| b.check().is_none())
                })
        })
    }

    /// The overrides' blocks as the content's own: the same number of reps per set as the
    /// element's blocks (one per movement of a complex). Checked by the use-case with the
    /// catalogue, as [`WorkoutContent::check_lifts`] does for the content.
    pub fn override_reps_fit(&self) -> bool {
        self.overrides.iter().flat_map(|o| &o.elements).all(|e| {
            let movements = self
                .content
                .elements
                .get(usize::from(e.element))
                .and_then(|element| element.blocks.first())
                .map(|b| b.reps.len());
            e.blocks.iter().all(|b| Some(b.reps.len()) == movements)
        })
    }

    /// The session brought up to date with its template: the template's title, category and
    /// content, at its version. The overrides whose element no longer trains the same lift are
    /// dropped; answers how many were.
    pub fn sync(&mut self, template: &Workout) -> usize {
        self.title = template.title.clone();
        self.category = template.category;
        self.content = template.content.clone();
        self.template = Some(Template {
            workout: template.id,
            version: template.version,
        });
        self.keep_fitting_overrides()
    }

    /// Drops the element overrides that no longer match the content (their element gone or
    /// training another lift), then the overrides left empty; answers how many element
    /// overrides were dropped.
    pub fn keep_fitting_overrides(&mut self) -> usize {
        let elements = &self.content.elements;
        let mut dropped = 0;
        for o in &mut self.overrides {
            let before = o.elements.len();
            o.elements.retain(|e| {
                elements
                    .get(usize::from(e.element))
                    .is_some_and(|el| el.lift == e.lift)
            });
            dropped += before - o.elements.len();
        }
        self.overrides.retain(|o| !o.is_empty());
        dropped
    }

    /// Sets (or, when it changes nothing, removes) the override of `with.athlete`.
    pub fn set_override(&mut self, with: Override) {
        self.overrides.retain(|o| o.athlete != with.athlete);
        if !with.is_empty() {
            self.overrides.push(with);
        }
    }
}

/// The exercises a session names: its content's (see [`WorkoutContent::exercises`]), then the
/// reference lifts its overrides add, each once.
fn named_exercises(content: &WorkoutContent, overrides: &[Override]) -> Vec<ExerciseId> {
    let mut ids = content.exercises();
    let referred = overrides
        .iter()
        .flat_map(|o| &o.elements)
        .flat_map(|e| &e.blocks)
        .filter_map(|b| match b.intensity {
            Intensity::Percent { of: Some(id), .. } => Some(id),
            _ => None,
        });
    for id in referred {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

impl SessionDraft {
    /// The exercises the session names (content and overrides), each once.
    pub fn exercises(&self) -> Vec<ExerciseId> {
        named_exercises(&self.content, &self.overrides)
    }
}

impl Session {
    /// The session `id` as `draft` writes it, at `version`, changed at `updated_at` (what a
    /// store answers for a draft it wrote).
    pub fn written(id: SessionId, draft: SessionDraft, version: i64, updated_at: DateTime<Utc>) -> Self {
        let SessionDraft {
            date,
            time,
            title,
            category,
            content,
            template,
            assignees,
            overrides,
        } = draft;
        Session {
            id,
            date,
            time,
            title,
            category,
            content,
            template,
            assignees,
            overrides,
            version,
            updated_at,
        }
    }

    /// The exercises the session names (content and overrides), each once.
    pub fn exercises(&self) -> Vec<ExerciseId> {
        named_exercises(&self.content, &self.overrides)
    }

    /// The session as a draft, to change and write back.
    pub fn draft(&self) -> SessionDraft {
        SessionDraft {
            date: self.date,
            time: self.time,
            title: self.title.clone(),
            category: self.category,
            content: self.content.clone(),
            template: self.template,
            assignees: self.assignees.clone(),
            overrides: self.overrides.clone(),
        }
    }

    /// The override of `athlete`, if any.
    pub fn override_of(&self, athlete: AthleteId) -> Option<&Override> {
        self.overrides.iter().find(|o| o.athlete == athlete)
    }

    /// What `athlete` does in this session: `None` when they skip it, else the content with
    /// their element overrides in place of the elements' blocks (an override whose element no
    /// longer trains its lift is ignored).
    pub fn content_for(&self, athlete: AthleteId) -> Option<Cow<'_, WorkoutContent>> {
        let Some(o) = self.override_of(athlete) else {
            return Some(Cow::Borrowed(&self.content));
        };
        if o.skip {
            return None;
        }
        let mut content = self.content.clone();
        for e in &o.elements {
            if let Some(element) = content.elements.get_mut(usize::from(e.element))
                && element.lift == e.lift
            {
                element.blocks = e.blocks.clone();
            }
        }
        Some(Cow::Owned(content))
    }

    /// Whether the template changed since the session copied it, in a way that "update from
    /// template" would bring in: its version moved on and its title, category or content now
    /// differ from the session's. `template` is the session's template as it is now.
    pub fn template_changed(&self, template: &Workout) -> bool {
        self.template.is_some_and(|t| {
            t.workout == template.id
                && template.version > t.version
                && (template.title != self.title
                    || template.category != self.category
                    || template.content != self.content)
        })
    }
}
