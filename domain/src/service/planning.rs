//! The planning calendar's use-cases. Coaches (and above) plan and change the club's sessions;
//! an athlete reads their own sessions, with their kilograms, and nothing else: another
//! athlete's session answers "not found" to them, as another club's does to anyone.

use super::error::{ClubError, require, require_found};
use super::workouts::{
    LiftFacts, PreviewAthlete, WorkoutCatalogue, check_lifts, may_plan, read_catalogue, with_maxes,
};
use crate::athlete::{Athlete, Group};
use crate::catalogue::Label;
use crate::catalogue::cache::CatalogueCache;
use crate::catalogue::search::fold;
use crate::error::{FieldError, FieldProblem};
use crate::ids::{AthleteId, ExerciseId, GroupId};
use crate::membership::Member;
use crate::planning::copy::{self, CopyError, Scope};
use crate::planning::feed::{self, FeedEvent, FeedToken};
use crate::planning::groups::{Membership, is_for, members_on, session_athletes};
use crate::planning::{
    Assignees, ElementOverride, Override, Session, SessionDraft, SessionId, TimeOfDay, calendar,
};
use crate::ports::{PlanningStore, Store, Versioned};
use crate::role::Permission;
use crate::settings::TrainingSettings;
use crate::workout::metrics::{AthleteLoads, AthleteMaxes, LiftInfo, WorkoutPlan};
use crate::workout::{Block, Lift, WorkoutCategoryId, WorkoutDraft, WorkoutId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The most days the calendar reads at once (a month view shows at most six weeks; a feed
/// reads a season in steps).
pub const MAX_DAYS: i64 = 190;

/// Who looks at the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Viewer {
    /// A coach (or above): every session of the club.
    Planner,
    /// An athlete: their own sessions, through the profile linked to their membership (`None`:
    /// no profile is linked yet, so no session is theirs).
    Athlete(Option<AthleteId>),
}

/// The sessions of some days, with what the calendar names: the club's athletes and groups
/// (archived ones aside) and the periods athletes spent in groups. For an athlete, only their
/// own sessions, each showing only them and their own override.
#[derive(Debug, Clone)]
pub struct Calendar {
    pub viewer: Viewer,
    pub sessions: Vec<Session>,
    pub athletes: Vec<Athlete>,
    pub groups: Vec<Group>,
    pub memberships: Vec<Membership>,
    /// The club's workout categories (their order gives their colours).
    pub categories: Vec<Label<WorkoutCategoryId>>,
    /// The athlete the calendar is for (an athlete's own, or the one a coach filters by): their
    /// kilograms in each session (`None` where they skip it), with the catalogue naming them.
    pub focus: Option<Focus>,
}

/// One athlete's sessions of a calendar, with their kilograms.
#[derive(Debug, Clone)]
pub struct Focus {
    pub athlete: PreviewAthlete,
    /// Each session's loads for them, in the calendar's order; `None` where they skip it.
    pub loads: Vec<(SessionId, Option<AthleteLoads>)>,
    pub catalogue: WorkoutCatalogue,
}

/// `Invalid` unless `from..until` is a range of plannable days of at most [`MAX_DAYS`].
fn check_days(from: NaiveDate, until: NaiveDate) -> Result<(), ClubError> {
    let days = (until - from).num_days();
    if calendar::plannable(from) && (1..=MAX_DAYS).contains(&days) {
        Ok(())
    } else {
        Err(invalid("date", FieldProblem::InvalidDate))
    }
}

fn invalid(field: &str, problem: FieldProblem) -> ClubError {
    ClubError::Invalid(vec![FieldError::new(field, problem)])
}

/// The profile linked to the caller's membership.
async fn own_athlete<S: Store + ?Sized>(store: &S, actor: &Member) -> Result<Option<AthleteId>, ClubError> {
    Ok(store
        .athlete_of_member(actor.club_id, actor.id)
        .await?
        .filter(|a| !a.archived)
        .map(|a| a.id))
}

/// `session` as `athlete` sees it: for them alone, with their own override only.
fn as_seen_by(mut session: Session, athlete: AthleteId) -> Session {
    session.assignees = Assignees {
        athletes: vec![athlete],
        groups: Vec::new(),
    };
    session.overrides.retain(|o| o.athlete == athlete);
    session
}

/// What `athlete` lifts in `session` on its day (their override in place), `None` when they
/// skip it.
fn loads_in(
    session: &Session,
    athlete: &PreviewAthlete,
    settings: &TrainingSettings<ExerciseId>,
    facts: &HashMap<Lift, LiftFacts>,
) -> Option<AthleteLoads> {
    let content = session.content_for(athlete.id)?;
    let plan = WorkoutPlan::new(&content, |c| {
        let facts = facts.get(&Lift::Complex(c))?;
        LiftInfo::complex(&facts.movements, facts.reference)
    });
    Some(plan.athlete(settings, session.date, AthleteMaxes::from(athlete)))
}

/// The calendar from `from` (included) to `until` (excluded): every session for those who
/// plan, or those of `focus` (one of the club's athletes) with their kilograms; an athlete's
/// own sessions, with their kilograms, for an athlete (whatever `focus` says).
pub async fn calendar<S: Store + ?Sized>(
    store: &S,
    cache: &CatalogueCache,
    actor: &Member,
    (from, until): (NaiveDate, NaiveDate),
    focus: Option<AthleteId>,
) -> Result<Calendar, ClubError> {
    require(actor, Permission::ViewClub)?;
    check_days(from, until)?;
    let club = actor.club_id;
    let sessions = store.sessions(club, from, until).await?;
    let memberships = store.group_memberships(club).await?;
    let planner = may_plan(actor);
    let (viewer, focus) = if planner {
        (Viewer::Planner, focus)
    } else {
        let me = own_athlete(store, actor).await?;
        (Viewer::Athlete(me), me)
    };
    let focused = match focus {
        Some(id) => Some(
            store
                .athlete(club, id)
                .await?
                .filter(|a| planner || !a.archived)
                .ok_or(ClubError::NotFound)?,
        ),
        None => None,
    };
    let sessions: Vec<Session> = match (&focused, planner) {
        (None, true) => sessions,
        (None, false) => Vec::new(),
        (Some(a), true) => sessions
            .into_iter()
            .filter(|s| is_for(s, &memberships, a.id))
            .collect(),
        (Some(a), false) => sessions
            .into_iter()
            .filter(|s| is_for(s, &memberships, a.id))
            .map(|s| as_seen_by(s, a.id))
            .collect(),
    };
    let record = focused.clone();
    let categories = store.workout_categories(club).await?;
    let focus = match focused {
        None => None,
        Some(athlete) => {
            let maxes = store.maxes(club, athlete.id).await?;
            let mut athletes = with_maxes(vec![athlete], maxes);
            let athlete = athletes.pop().ok_or(ClubError::NotFound)?;
            let catalogue = read_catalogue(store, cache, actor).await?;
            let (settings, _) = super::athletes::training_settings(store, cache, actor).await?;
            let facts = catalogue.facts();
            let loads = sessions
                .iter()
                .map(|s| (s.id, loads_in(s, &athlete, &settings, &facts)))
                .collect();
            Some(Focus {
                athlete,
                loads,
                catalogue,
            })
        }
    };
    if !planner {
        return Ok(Calendar {
            viewer,
            sessions,
            athletes: record.into_iter().collect(),
            groups: Vec::new(),
            memberships: Vec::new(),
            categories,
            focus,
        });
    }
    let athletes = store
        .athletes(club)
        .await?
        .into_iter()
        .filter(|a| !a.archived)
        .collect();
    let groups = store
        .groups(club)
        .await?
        .into_iter()
        .filter(|g| !g.archived)
        .collect();
    Ok(Calendar {
        viewer,
        sessions,
        athletes,
        groups,
        memberships,
        categories,
        focus,
    })
}

/// One athlete of a session: who they are (with their maxes) and what they lift, `None` when
/// they skip it.
#[derive(Debug, Clone)]
pub struct SessionAthlete {
    pub athlete: PreviewAthlete,
    pub loads: Option<AthleteLoads>,
}

/// A session's page: the session, what it names, each of its athletes' kilograms, and whether
/// its template changed since it was copied.
#[derive(Debug, Clone)]
pub struct SessionDetail {
    pub viewer: Viewer,
    pub session: Session,
    pub catalogue: WorkoutCatalogue,
    pub athletes: Vec<SessionAthlete>,
    /// The session's groups (names), for a planner.
    pub groups: Vec<Group>,
    /// The template, when the session has one and it still exists.
    pub template: Option<crate::workout::Workout>,
    pub template_changed: bool,
}

/// A session with its athletes' kilograms on its day (each athlete's override in place).
/// Another club's session, or for an athlete one that is not theirs, is not found.
pub async fn session_detail<S: Store + ?Sized>(
    store: &S,
    cache: &CatalogueCache,
    actor: &Member,
    id: SessionId,
) -> Result<SessionDetail, ClubError> {
    let session = require_found(actor, Permission::ViewClub, |club| store.session(club, id)).await?;
    let club = actor.club_id;
    let memberships = store.group_memberships(club).await?;
    let (viewer, session, ids) = if may_plan(actor) {
        let ids = session_athletes(&session, &memberships, |_| false);
        (Viewer::Planner, session, ids)
    } else {
        let me = own_athlete(store, actor).await?;
        match me {
            Some(me) if is_for(&session, &memberships, me) => {
                (Viewer::Athlete(Some(me)), as_seen_by(session, me), vec![me])
            }
            _ => return Err(ClubError::NotFound),
        }
    };
    let everyone = store.athletes(club).await?;
    let chosen: Vec<Athlete> = ids
        .iter()
        .filter_map(|id| everyone.iter().find(|a| a.id == *id && !a.archived).cloned())
        .collect();
    let athletes = with_maxes(chosen, store.club_maxes(club).await?);
    let catalogue = read_catalogue(store, cache, actor).await?;
    let (settings, _) = super::athletes::training_settings(store, cache, actor).await?;
    let facts = catalogue.facts();
    let athletes = athletes
        .into_iter()
        .map(|athlete| SessionAthlete {
            loads: loads_in(&session, &athlete, &settings, &facts),
            athlete,
        })
        .collect();
    let groups = if viewer == Viewer::Planner {
        let all = store.groups(club).await?;
        session
            .assignees
            .groups
            .iter()
            .filter_map(|g| all.iter().find(|x| x.id == *g).cloned())
            .collect()
    } else {
        Vec::new()
    };
    let template = match (viewer, session.template) {
        (Viewer::Planner, Some(t)) => store.workout(club, t.workout).await?,
        _ => None,
    };
    let template_changed = template.as_ref().is_some_and(|t| session.template_changed(t));
    Ok(SessionDetail {
        viewer,
        session,
        catalogue,
        athletes,
        groups,
        template,
        template_changed,
    })
}

/// A new session of a workout, as the calendar asks for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewSession {
    pub workout: WorkoutId,
    pub date: NaiveDate,
    pub time: Option<TimeOfDay>,
    pub assignees: Assignees,
}

/// Writes `drafts`, all or none, once each is checked (`Invalid` with every problem of the
/// first at fault).
async fn create_all<S: PlanningStore + ?Sized>(
    store: &S,
    actor: &Member,
    drafts: &[SessionDraft],
    now: DateTime<Utc>,
) -> Result<Vec<Session>, ClubError> {
    for draft in drafts {
        draft.check().map_err(ClubError::Invalid)?;
    }
    Ok(store.create_sessions(actor.club_id, drafts, now).await?)
}

/// Plans a workout on a day, for athletes and groups (coaches and above): the session copies
/// the workout. Another club's workout, athlete or group is not found.
pub async fn create_session<S: Store + ?Sized>(
    store: &S,
    actor: &Member,
    new: NewSession,
    now: DateTime<Utc>,
) -> Result<Session, ClubError> {
    let workout = require_found(actor, Permission::Coach, |club| store.workout(club, new.workout)).await?;
    let draft = SessionDraft::of_workout(&workout, new.date, new.time, new.assignees);
    let mut created = create_all(store, actor, &[draft], now).await?;
    created.pop().ok_or(ClubError::NotFound)
}

/// Moves a session to another day and time, over the version the coach saw: a stale version
/// is `Conflict` and nothing moves.
pub async fn move_session(
    store: &dyn PlanningStore,
    actor: &Member,
    id: SessionId,
    version: i64,
    to: (NaiveDate, Option<TimeOfDay>),
    now: DateTime<Utc>,
) -> Result<Session, ClubError> {
    require(actor, Permission::Coach)?;
    if !calendar::plannable(to.0) {
        return Err(invalid("date", FieldProblem::InvalidDate));
    }
    let edit = Versioned::new(actor.club_id, id, version).edit(to, now);
    Ok(store.move_session(edit).await?)
}

/// A copy of a session on another day and time (its athletes, groups and overrides too).
pub async fn copy_session(
    store: &dyn PlanningStore,
    actor: &Member,
    id: SessionId,
    to: (NaiveDate, Option<TimeOfDay>),
    now: DateTime<Utc>,
) -> Result<Session, ClubError> {
    let session = require_found(actor, Permission::Coach, |club| store.session(club, id)).await?;
    let draft = copy::copied_to(&session, to.0, to.1);
    let mut created = create_all(store, actor, &[draft], now).await?;
    created.pop().ok_or(ClubError::NotFound)
}

pub async fn delete_session(
    store: &dyn PlanningStore,
    actor: &Member,
    id: SessionId,
    version: i64,
) -> Result<(), ClubError> {
    require(actor, Permission::Coach)?;
    Ok(store
        .delete_session(Versioned::new(actor.club_id, id, version))
        .await?)
}

/// Reads the session `id` for a change over `version` (coaches and above): `Conflict` when it
/// moved on since.
async fn session_at<S: PlanningStore + ?Sized>(
    store: &S,
    actor: &Member,
    id: SessionId,
    version: i64,
) -> Result<Session, ClubError> {
    let session = session_to_edit(store, actor, id).await?;
    if session.version == version {
        Ok(session)
    } else {
        Err(ClubError::Conflict)
    }
}

/// Writes a changed draft of a session over the version the coach saw.
async fn save<S: PlanningStore + ?Sized>(
    store: &S,
    actor: &Member,
    id: SessionId,
    version: i64,
    draft: &SessionDraft,
    now: DateTime<Utc>,
) -> Result<Session, ClubError> {
    draft.check().map_err(ClubError::Invalid)?;
    let edit = Versioned::new(actor.club_id, id, version).edit(draft, now);
    Ok(store.update_session(edit).await?)
}

/// A session as the builder opens it to change its content: planners only; another club's
/// session is not found.
pub async fn session_to_edit<S: PlanningStore + ?Sized>(
    store: &S,
    actor: &Member,
    id: SessionId,
) -> Result<Session, ClubError> {
    require_found(actor, Permission::Coach, |club| store.session(club, id)).await
}

/// Changes one session's content, title and category (the builder, from the calendar): the
/// template and the other sessions keep theirs. Overrides of elements that no longer train
/// the same lift are dropped.
pub async fn edit_session_content<S: Store + ?Sized>(
    store: &S,
    actor: &Member,
    id: SessionId,
    version: i64,
    content: &WorkoutDraft,
    now: DateTime<Utc>,
) -> Result<Session, ClubError> {
    let session = session_at(store, actor, id, version).await?;
    check_lifts(store, actor, content).await?;
    let mut draft = session.draft();
    draft.title = content.title.clone();
    draft.category = content.category;
    draft.content = content.content.clone();
    draft.keep_fitting_overrides();
    save(store, actor, id, version, &draft, now).await
}

/// Changes a session's day, time and assignees.
pub async fn edit_session_details(
    store: &dyn PlanningStore,
    actor: &Member,
    id: SessionId,
    version: i64,
    (date, time, assignees): (NaiveDate, Option<TimeOfDay>, Assignees),
    now: DateTime<Utc>,
) -> Result<Session, ClubError> {
    let session = session_at(store, actor, id, version).await?;
    let draft = SessionDraft {
        date,
        time,
        assignees: assignees.deduplicated(),
        ..session.draft()
    };
    save(store, actor, id, version, &draft, now).await
}

/// Sets one athlete's override of a session (skip it, or other blocks for some elements); an
/// override that changes nothing removes theirs. The athlete must be one the session is for.
pub async fn set_override(
    store: &dyn PlanningStore,
    actor: &Member,
    id: SessionId,
    version: i64,
    with: Override,
    now: DateTime<Utc>,
) -> Result<Session, ClubError> {
    let session = session_at(store, actor, id, version).await?;
    let memberships = store.group_memberships(actor.club_id).await?;
    if !is_for(&session, &memberships, with.athlete) {
        return Err(ClubError::NotFound);
    }
    let mut draft = session.draft();
    draft.set_override(with);
    if !draft.override_reps_fit() {
        return Err(invalid(
            crate::planning::OVERRIDES_FIELD,
            FieldProblem::InvalidFormat,
        ));
    }
    save(store, actor, id, version, &draft, now).await
}

/// One change to an athlete's override of a session, as the session's page makes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OverrideChange {
    /// They skip the session (or no longer do).
    Skip(bool),
    /// Element `element` has these blocks for them; `None`: the session's again.
    Blocks {
        element: u16,
        blocks: Option<Vec<Block>>,
    },
}

/// Changes one part of `athlete`'s override of a session (see [`set_override`]): `NotFound`
/// for an element the session does not have.
pub async fn change_override(
    store: &dyn PlanningStore,
    actor: &Member,
    (id, version): (SessionId, i64),
    athlete: AthleteId,
    change: OverrideChange,
    now: DateTime<Utc>,
) -> Result<Session, ClubError> {
    let session = session_at(store, actor, id, version).await?;
    let mut with = session.override_of(athlete).cloned().unwrap_or(Override {
        athlete,
        skip: false,
        elements: Vec::new(),
    });
    match change {
        OverrideChange::Skip(skip) => with.skip = skip,
        OverrideChange::Blocks { element, blocks } => {
            let lift = session
                .content
                .elements
                .get(usize::from(element))
                .ok_or(ClubError::NotFound)?
                .lift;
            with.elements.retain(|e| e.element != element);
            if let Some(blocks) = blocks {
                with.elements.push(ElementOverride {
                    element,
                    lift,
                    blocks,
                });
                with.elements.sort_by_key(|e| e.element);
            }
        }
    }
    set_override(store, actor, id, version, with, now).await
}

/// Brings a session up to date with its template (its title, category and content now);
/// answers the session and how many element overrides no longer fit and were dropped.
/// `NotFound` when the session has no template or it was deleted.
pub async fn sync_session<S: Store + ?Sized>(
    store: &S,
    actor: &Member,
    id: SessionId,
    version: i64,
    now: DateTime<Utc>,
) -> Result<(Session, usize), ClubError> {
    let session = session_at(store, actor, id, version).await?;
    let template = session.template.ok_or(ClubError::NotFound)?;
    let workout = store
        .workout(actor.club_id, template.workout)
        .await?
        .ok_or(ClubError::NotFound)?;
    let mut draft = session.draft();
    let dropped = draft.sync(&workout);
    Ok((save(store, actor, id, version, &draft, now).await?, dropped))
}

/// A copy's failure as the form shows it.
fn copy_error(e: CopyError) -> ClubError {
    match e {
        CopyError::OutOfCalendar => invalid("date", FieldProblem::InvalidDate),
        CopyError::TooMany => invalid(
            "copies",
            FieldProblem::TooMany {
                max: copy::MAX_COPIES,
            },
        ),
        CopyError::SameWeek => invalid("to", FieldProblem::InvalidChoice),
        CopyError::Weeks => invalid("weeks", FieldProblem::InvalidNumber),
    }
}

/// A week copy as it would be made: the sessions it copies (id and version, so that the copy
/// applies what was shown or nothing) and the sessions it would create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekCopy {
    pub sources: Vec<(SessionId, i64)>,
    pub drafts: Vec<SessionDraft>,
}

/// What copying week `from` to week `to` for `scope` would create (coaches and above). Another
/// club's group or athlete is not found.
pub async fn week_copy<S: Store + ?Sized>(
    store: &S,
    actor: &Member,
    from: calendar::Week,
    to: calendar::Week,
    scope: Scope,
) -> Result<WeekCopy, ClubError> {
    require(actor, Permission::Coach)?;
    let club = actor.club_id;
    match scope {
        Scope::Club => {}
        Scope::Group(id) => check_group(store, actor, id).await?,
        Scope::Athlete(id) => {
            store.athlete(club, id).await?.ok_or(ClubError::NotFound)?;
        }
    }
    let until = from.shifted(1).map_or(calendar::LAST_DAY, calendar::Week::monday);
    let sessions = store.sessions(club, from.monday(), until).await?;
    let memberships = store.group_memberships(club).await?;
    let drafts = copy::copy_week(&sessions, &memberships, from, to, scope).map_err(copy_error)?;
    let sources = sessions
        .iter()
        .filter(|s| match scope {
            Scope::Club => true,
            Scope::Group(g) => s.assignees.groups.contains(&g),
            Scope::Athlete(a) => is_for(s, &memberships, a),
        })
        .map(|s| (s.id, s.version))
        .collect();
    Ok(WeekCopy { sources, drafts })
}

async fn check_group<S: Store + ?Sized>(store: &S, actor: &Member, id: GroupId) -> Result<(), ClubError> {
    let groups = store.groups(actor.club_id).await?;
    groups
        .iter()
        .find(|g| g.id == id)
        .map(|_| ())
        .ok_or(ClubError::NotFound)
}

/// Copies week `from` to week `to` for `scope`, all or nothing, provided its sessions are
/// still those the coach was shown (`expected`, from [`week_copy`]): otherwise `Conflict`.
pub async fn apply_week_copy<S: Store + ?Sized>(
    store: &S,
    actor: &Member,
    (from, to, scope): (calendar::Week, calendar::Week, Scope),
    expected: &[(SessionId, i64)],
    now: DateTime<Utc>,
) -> Result<Vec<Session>, ClubError> {
    let plan = week_copy(store, actor, from, to, scope).await?;
    if plan.sources != expected {
        return Err(ClubError::Conflict);
    }
    create_all(store, actor, &plan.drafts, now).await
}

/// Repeats a session (as it was at `version`) every week for `weeks` weeks, all or nothing.
pub async fn repeat_session(
    store: &dyn PlanningStore,
    actor: &Member,
    id: SessionId,
    version: i64,
    weeks: u16,
    now: DateTime<Utc>,
) -> Result<Vec<Session>, ClubError> {
    let session = session_at(store, actor, id, version).await?;
    let drafts = copy::repeat(&session, weeks).map_err(copy_error)?;
    create_all(store, actor, &drafts, now).await
}

/// A group's week for the gym's wall: each of the group's sessions of the week, in order, with
/// the group's athletes on its day (by name) and what each lifts.
#[derive(Debug, Clone)]
pub struct WeekSheet {
    pub group: Group,
    pub sessions: Vec<(Session, Vec<SessionAthlete>)>,
    pub catalogue: WorkoutCatalogue,
}

/// The week sheet of `group` for `week` (coaches and above): the sessions naming the group,
/// each athlete's kilograms with the maxes in force on the session's day and their override
/// in place. Another club's group is not found.
pub async fn week_sheet<S: Store + ?Sized>(
    store: &S,
    cache: &CatalogueCache,
    actor: &Member,
    group: GroupId,
    week: calendar::Week,
) -> Result<WeekSheet, ClubError> {
    require(actor, Permission::Coach)?;
    let club = actor.club_id;
    let group = store
        .groups(club)
        .await?
        .into_iter()
        .find(|g| g.id == group)
        .ok_or(ClubError::NotFound)?;
    let until = week.shifted(1).map_or(calendar::LAST_DAY, calendar::Week::monday);
    let sessions = store.sessions(club, week.monday(), until).await?;
    let memberships = store.group_memberships(club).await?;
    let sessions: Vec<Session> = sessions
        .into_iter()
        .filter(|s| s.assignees.groups.contains(&group.id))
        .collect();
    // Everyone the group held on one of those days, with their maxes, read and sorted once.
    let mut everyone = store.athletes(club).await?;
    everyone.retain(|a| {
        !a.archived
            && sessions
                .iter()
                .any(|s| members_on(&memberships, group.id, s.date).contains(&a.id))
    });
    everyone.sort_by_cached_key(|a| (fold(&a.last_name), fold(&a.first_name)));
    let athletes = with_maxes(everyone, store.club_maxes(club).await?);
    let catalogue = read_catalogue(store, cache, actor).await?;
    let (settings, _) = super::athletes::training_settings(store, cache, actor).await?;
    let facts = catalogue.facts();
    let sheet = sessions
        .into_iter()
        .map(|s| {
            let members = members_on(&memberships, group.id, s.date);
            let doing = athletes
                .iter()
                .filter(|a| members.contains(&a.id))
                .map(|athlete| SessionAthlete {
                    loads: loads_in(&s, athlete, &settings, &facts),
                    athlete: athlete.clone(),
                })
                .collect();
            (s, doing)
        })
        .collect();
    Ok(WeekSheet {
        group,
        sessions: sheet,
        catalogue,
    })
}

/// Gives the caller a new private calendar link (any member), replacing theirs: its secret is
/// `token`, of which only the hash is kept.
pub async fn create_feed(
    store: &dyn PlanningStore,
    actor: &Member,
    token: &FeedToken,
    now: DateTime<Utc>,
) -> Result<(), ClubError> {
    require(actor, Permission::ViewClub)?;
    Ok(store
        .set_feed(actor.club_id, actor.id, &token.hash(), now)
        .await?)
}

/// Revokes the caller's calendar link: it answers "not found" from now on.
pub async fn revoke_feed(store: &dyn PlanningStore, actor: &Member) -> Result<(), ClubError> {
    require(actor, Permission::ViewClub)?;
    Ok(store.remove_feed(actor.club_id, actor.id).await?)
}

/// Whether the caller has a calendar link.
pub async fn has_feed(store: &dyn PlanningStore, actor: &Member) -> Result<bool, ClubError> {
    require(actor, Permission::ViewClub)?;
    Ok(store.has_feed(actor.club_id, actor.id).await?)
}

/// What a calendar link shows: the sessions of its member around `today` (see
/// [`feed::feed_days`]) — the club's for a coach, their own for an athlete, except those they
/// skip — with the names of their lifts as `name` writes them, never kilograms. An unknown or
/// revoked link is `NotFound`.
pub async fn feed_events<S: Store + ?Sized>(
    store: &S,
    cache: &CatalogueCache,
    token: &FeedToken,
    today: NaiveDate,
    name: impl Fn(&crate::catalogue::Names) -> String,
) -> Result<Vec<FeedEvent>, ClubError> {
    let member = store
        .feed_owner(&token.hash())
        .await?
        .ok_or(ClubError::NotFound)?;
    let club = member.club_id;
    let (from, until) = feed::feed_days(today);
    let mut sessions = store.sessions(club, from, until).await?;
    if !may_plan(&member) {
        let memberships = store.group_memberships(club).await?;
        let me = own_athlete(store, &member).await?;
        sessions.retain(|s| me.is_some_and(|me| is_for(s, &memberships, me) && s.content_for(me).is_some()));
        if let Some(me) = me {
            sessions = sessions.into_iter().map(|s| as_seen_by(s, me)).collect();
        }
    }
    let catalogue = read_catalogue(store, cache, &member).await?;
    let lift_name = |lift: Lift| match lift {
        Lift::Exercise(id) => catalogue.exercises().find(|e| e.id == id).map(|e| name(&e.names)),
        Lift::Complex(id) => catalogue
            .complexes
            .iter()
            .find(|c| c.id == id)
            .map(|c| name(&c.names)),
    };
    Ok(sessions
        .into_iter()
        .map(|s| FeedEvent {
            session: s.id,
            date: s.date,
            time: s.time,
            lifts: s
                .content
                .elements
                .iter()
                .filter_map(|e| lift_name(e.lift))
                .collect(),
            title: s.title,
        })
        .collect())
}
