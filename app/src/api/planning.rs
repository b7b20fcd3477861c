//! The planning calendar's server functions. Reading the calendar and a session: any member
//! (an athlete reads their own sessions only, which the use-cases decide); every change:
//! coaches and above. Days and times arrive as the forms' text and are read here, each
//! problem under its field.

use crate::error::AppError;
use crate::model::{BuilderData, CalendarView, SessionChoices, SessionPage, WeekCopyView, WeekSheetView};
use domain::planning::SessionId;
use domain::workout::{WorkoutId, WorkoutInput};
use domain::{AthleteId, GroupId};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{active_group_choices, athlete_choices, name_in},
    crate::components::lifts::LiftNames,
    crate::components::loads::load_text,
    crate::model::{
        BuilderTarget, Choice, CopyLine, FocusLoads, SessionAthleteView, SessionCard, SheetAthlete,
        SheetSession, WorkoutItem,
    },
    crate::ssr,
    chrono::{NaiveDate, Utc},
    domain::planning::{Assignees, TimeOfDay},
    domain::service::planning as service,
    domain::service::workouts as workouts_service,
    domain::{FieldError, FieldProblem},
};

/// A day typed in a form (`YYYY-MM-DD`), or `InvalidDate` under `field`.
#[cfg(feature = "ssr")]
fn read_day(field: &str, text: &str) -> Result<NaiveDate, FieldError> {
    domain::day::parse(text.trim()).ok_or_else(|| FieldError::new(field, FieldProblem::InvalidDate))
}

/// A time typed in a form (`18:30`; empty: none), or `InvalidFormat` under `time`.
#[cfg(feature = "ssr")]
fn read_time(text: &str) -> Result<Option<TimeOfDay>, FieldError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    TimeOfDay::parse(text)
        .map(Some)
        .ok_or_else(|| FieldError::new("time", FieldProblem::InvalidFormat))
}

/// A day and a time typed in a form, every problem at once.
#[cfg(feature = "ssr")]
fn read_when(date: &str, time: &str) -> Result<(NaiveDate, Option<TimeOfDay>), AppError> {
    match (read_day("date", date), read_time(time)) {
        (Ok(date), Ok(time)) => Ok((date, time)),
        (date, time) => Err(AppError::Invalid(
            [date.err(), time.err()].into_iter().flatten().collect(),
        )),
    }
}

/// The calendar's palette: a category's colour is its place among the club's categories.
#[cfg(feature = "ssr")]
const PALETTE: usize = 8;

/// The days a calendar address shows: a week (`2026-W50`) when one is given, else a month
/// (`2026-12`), else today's month. An address that does not read shows today's.
#[cfg(feature = "ssr")]
fn shown_days(
    month: Option<&str>,
    week: Option<&str>,
    today: NaiveDate,
) -> (bool, NaiveDate, NaiveDate, NaiveDate) {
    use domain::planning::calendar::{Month, Week};
    if let Some(week) = week.and_then(Week::parse) {
        let monday = week.monday();
        return (true, monday, monday, monday + chrono::Days::new(7));
    }
    let month = month.and_then(Month::parse).unwrap_or_else(|| Month::of(today));
    let (from, until) = month.shown();
    (false, month.first(), from, until)
}

/// The calendar of a month or a week (see [`shown_days`]) as it shows it: for one group's or
/// one athlete's sessions when asked (a planner's filters), with the athlete's kilograms.
#[server(endpoint = "planning_calendar")]
pub async fn planning_calendar(
    #[server(default)] month: Option<String>,
    #[server(default)] week: Option<String>,
    #[server(default)] group: Option<GroupId>,
    #[server(default)] athlete: Option<AthleteId>,
) -> Result<CalendarView, AppError> {
    let (state, actor) = ssr::member().await?;
    let today = Utc::now().date_naive();
    let (is_week, anchor, from, until) = shown_days(month.as_deref(), week.as_deref(), today);
    let locale = crate::lang::detect();
    let store = &*state.store;
    let calendar = service::calendar(store, &state.catalogues, &actor, (from, until), athlete).await?;
    let planner = calendar.viewer == service::Viewer::Planner;
    let categories = &calendar.categories;
    let athlete_name = |id: AthleteId| {
        calendar
            .athletes
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.full_name())
    };
    let group_name = |id: GroupId| {
        calendar
            .groups
            .iter()
            .find(|g| g.id == id)
            .map(|g| g.name.clone())
    };
    let names = calendar
        .focus
        .as_ref()
        .map(|f| super::workouts::lift_choices(&f.catalogue));
    let sessions = calendar
        .sessions
        .iter()
        .filter(|s| group.is_none_or(|g| s.assignees.groups.contains(&g)))
        .map(|s| {
            let category = s.category.and_then(|c| {
                let at = categories.iter().position(|k| k.id == c)?;
                let name = name_in(locale, &categories[at].names);
                Some((name, u8::try_from(at % PALETTE).unwrap_or(0)))
            });
            let assignees = if planner {
                s.assignees
                    .groups
                    .iter()
                    .filter_map(|&g| group_name(g))
                    .chain(s.assignees.athletes.iter().filter_map(|&a| athlete_name(a)))
                    .collect()
            } else {
                Vec::new()
            };
            let focus = calendar.focus.as_ref().zip(names.as_ref()).map(|(f, lifts)| {
                let loads = f
                    .loads
                    .iter()
                    .find(|(id, _)| *id == s.id)
                    .and_then(|(_, l)| l.as_ref());
                let content = s.content_for(f.athlete.id);
                match (loads, content) {
                    (Some(loads), Some(content)) => {
                        let names = LiftNames::new(locale, lifts);
                        let lines = content
                            .elements
                            .iter()
                            .enumerate()
                            .map(|(i, e)| {
                                let kg: Vec<String> = loads
                                    .blocks
                                    .get(i)
                                    .map(|b| b.iter().map(|l| load_text(locale, l, true)).collect())
                                    .unwrap_or_default();
                                format!(
                                    "{} {} — {}",
                                    names.name(e.lift).unwrap_or_default(),
                                    names.shorthand(&e.blocks),
                                    kg.join(", ")
                                )
                            })
                            .collect();
                        let adapted = s
                            .override_of(f.athlete.id)
                            .is_some_and(|o| !o.elements.is_empty());
                        FocusLoads::Lifts { adapted, lines }
                    }
                    _ => FocusLoads::Skips,
                }
            });
            SessionCard {
                id: s.id,
                version: s.version,
                date: s.date,
                time: s.time,
                title: s.title.clone(),
                category,
                assignees,
                focus,
            }
        })
        .collect();
    let athletes = athlete_choices(&calendar.athletes);
    Ok(CalendarView {
        planner,
        today,
        week: is_week,
        anchor,
        from,
        until,
        group: group.filter(|_| planner),
        athlete: athlete.filter(|_| planner),
        sessions,
        groups: if planner {
            active_group_choices(calendar.groups)
        } else {
            Vec::new()
        },
        athletes: if planner { athletes } else { Vec::new() },
        focus: calendar.focus.as_ref().map(|f| f.athlete.full_name()),
        unlinked: calendar.viewer == service::Viewer::Athlete(None),
    })
}

/// A session's page: its content, whom it is for and what each of them lifts.
#[server(endpoint = "planning_session")]
pub async fn planning_session(id: SessionId) -> Result<SessionPage, AppError> {
    let (state, actor) = ssr::member().await?;
    let locale = crate::lang::detect();
    let store = &*state.store;
    let detail = service::session_detail(store, &state.catalogues, &actor, id).await?;
    let planner = detail.viewer == service::Viewer::Planner;
    let lifts = super::workouts::lift_choices(&detail.catalogue);
    let names = LiftNames::new(locale, &lifts);
    let session = &detail.session;
    let category = session
        .category
        .and_then(|c| detail.catalogue.categories.iter().find(|k| k.id == c))
        .map(|c| name_in(locale, &c.names));
    let athletes = detail
        .athletes
        .iter()
        .map(|a| {
            let own = session.override_of(a.athlete.id);
            let adapted = (0..session.content.elements.len())
                .map(|i| {
                    own.and_then(|o| o.elements.iter().find(|e| usize::from(e.element) == i))
                        .map(|e| names.shorthand(&e.blocks))
                })
                .collect();
            SessionAthleteView {
                id: a.athlete.id,
                name: a.athlete.full_name(),
                skips: a.loads.is_none(),
                adapted,
                loads: a.loads.as_ref().map(|l| l.blocks.clone()).unwrap_or_default(),
            }
        })
        .collect();
    let (all_groups, all_athletes, named) = if planner {
        let (athletes, groups) = workouts_service::preview_choices(store, &actor).await?;
        let named = session
            .assignees
            .athletes
            .iter()
            .filter_map(|id| athletes.iter().find(|a| a.id == *id))
            .map(|a| Choice {
                id: a.id.0,
                name: a.full_name(),
            })
            .collect();
        let athletes = athlete_choices(&athletes);
        (active_group_choices(groups), athletes, named)
    } else {
        (Vec::new(), Vec::new(), Vec::new())
    };
    Ok(SessionPage {
        planner,
        id: session.id,
        version: session.version,
        date: session.date,
        time: session.time,
        title: session.title.clone(),
        category,
        content: session.content.clone(),
        groups: detail
            .groups
            .iter()
            .map(|g| Choice {
                id: g.id.0,
                name: g.name.clone(),
            })
            .collect(),
        named,
        athletes,
        template: detail
            .template
            .as_ref()
            .map(|t| (t.id, t.title.clone(), detail.template_changed)),
        all_groups,
        all_athletes,
        lifts,
    })
}

/// What the new-session page offers: the club's active workouts, groups and athletes.
#[server(endpoint = "planning_choices")]
pub async fn planning_choices() -> Result<SessionChoices, AppError> {
    let (state, actor) = ssr::member().await?;
    let store = &*state.store;
    let workouts = workouts_service::workouts(store, &actor).await?;
    let (athletes, groups) = workouts_service::preview_choices(store, &actor).await?;
    Ok(SessionChoices {
        workouts: workouts
            .into_iter()
            .filter(|w| !w.archived)
            .map(|w| WorkoutItem {
                id: w.id,
                version: w.version,
                title: w.title,
                category: None,
                lifts: Vec::new(),
                archived: false,
            })
            .collect(),
        groups: active_group_choices(groups),
        athletes: athlete_choices(&athletes),
    })
}

/// Whom a form's checkboxes chose, each once.
#[cfg(feature = "ssr")]
fn assignees(athletes: Vec<AthleteId>, groups: Vec<GroupId>) -> Assignees {
    Assignees { athletes, groups }.deduplicated()
}

/// Plans a workout on a day (the new-session page posts to it as a plain form) and opens the
/// calendar's week of it.
#[server(endpoint = "plan_session")]
pub async fn plan_session(
    workout: WorkoutId,
    date: String,
    #[server(default)] time: String,
    #[server(default)] athletes: Vec<AthleteId>,
    #[server(default)] groups: Vec<GroupId>,
) -> Result<SessionId, AppError> {
    let (state, actor) = ssr::member().await?;
    let (date, time) = read_when(&date, &time)?;
    let new = service::NewSession {
        workout,
        date,
        time,
        assignees: assignees(athletes, groups),
    };
    let session = service::create_session(&*state.store, &actor, new, Utc::now()).await?;
    leptos_axum::redirect(&crate::pages::planning::week_href(session.date));
    Ok(session.id)
}

/// A session's new version, after a change.
pub type Version = i64;

/// Moves a session to another day and time over the version the coach saw; answers its new
/// version. The calendar's drags call it; "Move to…" posts to it as a plain form.
#[server(endpoint = "move_session")]
pub async fn move_session(
    id: SessionId,
    version: i64,
    date: String,
    #[server(default)] time: String,
) -> Result<Version, AppError> {
    let (state, actor) = ssr::member().await?;
    let to = read_when(&date, &time)?;
    let moved = service::move_session(&*state.store, &actor, id, version, to, Utc::now()).await?;
    Ok(moved.version)
}

/// Copies a session to another day and time; answers the copy's id and version.
#[server(endpoint = "copy_session")]
pub async fn copy_session(
    id: SessionId,
    date: String,
    #[server(default)] time: String,
) -> Result<(SessionId, Version), AppError> {
    let (state, actor) = ssr::member().await?;
    let to = read_when(&date, &time)?;
    let copy = service::copy_session(&*state.store, &actor, id, to, Utc::now()).await?;
    Ok((copy.id, copy.version))
}

/// Deletes a session (its page's button, and the calendar's "Undo" of a copy).
#[server(endpoint = "delete_session")]
pub async fn delete_session(id: SessionId, version: i64) -> Result<(), AppError> {
    let (state, actor) = ssr::member().await?;
    service::delete_session(&*state.store, &actor, id, version).await?;
    Ok(())
}

/// Changes a session's day, time and whom it is for.
#[server(endpoint = "edit_session")]
pub async fn edit_session(
    id: SessionId,
    version: i64,
    date: String,
    #[server(default)] time: String,
    #[server(default)] athletes: Vec<AthleteId>,
    #[server(default)] groups: Vec<GroupId>,
) -> Result<Version, AppError> {
    let (state, actor) = ssr::member().await?;
    let (date, time) = read_when(&date, &time)?;
    let change = (date, time, assignees(athletes, groups));
    let saved = service::edit_session_details(&*state.store, &actor, id, version, change, Utc::now()).await?;
    Ok(saved.version)
}

/// What the builder opens to change one session's content (its "Edit its content"): the
/// session's title, category and content, its kilograms previewed on its day.
#[server(endpoint = "session_editor")]
pub async fn session_editor(id: SessionId) -> Result<BuilderData, AppError> {
    let (state, actor) = ssr::member().await?;
    let session = service::session_to_edit(&*state.store, &actor, id).await?;
    let target = BuilderTarget::Session(session.id, session.version);
    let opened = (
        target,
        session.title,
        session.category,
        String::new(),
        session.content,
    );
    let mut data = crate::api::workouts::builder_data(&state, &actor, Some(opened)).await?;
    data.today = session.date;
    Ok(data)
}

/// Changes one session's title, category and content over the version the builder opened;
/// its workout and the other sessions keep theirs. Answers the new version.
#[server(endpoint = "edit_session_content", input = leptos::server_fn::codec::Json)]
pub async fn edit_session_content(
    id: SessionId,
    version: i64,
    workout: WorkoutInput,
) -> Result<Version, AppError> {
    let (state, actor) = ssr::member().await?;
    let draft = workout.parse()?;
    let saved = service::edit_session_content(&*state.store, &actor, id, version, &draft, Utc::now()).await?;
    Ok(saved.version)
}

/// Brings a session up to date with its template.
#[server(endpoint = "sync_session")]
pub async fn sync_session(id: SessionId, version: i64) -> Result<Version, AppError> {
    let (state, actor) = ssr::member().await?;
    let (saved, _) = service::sync_session(&*state.store, &actor, id, version, Utc::now()).await?;
    Ok(saved.version)
}

/// One athlete skips a session, or no longer does.
#[server(endpoint = "skip_session")]
pub async fn skip_session(
    id: SessionId,
    version: i64,
    athlete: AthleteId,
    skip: bool,
) -> Result<Version, AppError> {
    let (state, actor) = ssr::member().await?;
    let change = service::OverrideChange::Skip(skip);
    let saved =
        service::change_override(&*state.store, &actor, (id, version), athlete, change, Utc::now()).await?;
    Ok(saved.version)
}

/// One element of a session has other blocks for one athlete (typed in the coach's shorthand;
/// empty: the session's blocks again).
#[server(endpoint = "adapt_session")]
pub async fn adapt_session(
    id: SessionId,
    version: i64,
    athlete: AthleteId,
    element: u16,
    #[server(default)] blocks: String,
) -> Result<Version, AppError> {
    let (state, actor) = ssr::member().await?;
    let blocks = if blocks.trim().is_empty() {
        None
    } else {
        let catalogue = workouts_service::workout_catalogue(&*state.store, &state.catalogues, &actor).await?;
        let lexicon = domain::workout::shorthand::Lexicon::from_exercises(catalogue.exercises());
        let read = domain::workout::shorthand::parse(&blocks, &lexicon)
            .map_err(|_| FieldError::new("blocks", FieldProblem::InvalidFormat))?;
        Some(read)
    };
    let change = service::OverrideChange::Blocks { element, blocks };
    let saved =
        service::change_override(&*state.store, &actor, (id, version), athlete, change, Utc::now()).await?;
    Ok(saved.version)
}

/// Repeats a session every week for `weeks` weeks, all or nothing.
#[server(endpoint = "repeat_session")]
pub async fn repeat_session(id: SessionId, version: i64, weeks: u16) -> Result<usize, AppError> {
    let (state, actor) = ssr::member().await?;
    let made = service::repeat_session(&*state.store, &actor, id, version, weeks, Utc::now()).await?;
    Ok(made.len())
}

/// A week, a target week and whose sessions, as the week-copy form sends them.
#[cfg(feature = "ssr")]
fn read_copy(
    from: &str,
    to: &str,
    scope: &str,
) -> Result<
    (
        domain::planning::calendar::Week,
        domain::planning::calendar::Week,
        domain::planning::copy::Scope,
    ),
    AppError,
> {
    use domain::planning::calendar::Week;
    let week = |field: &str, text: &str| {
        Week::parse(text.trim()).ok_or_else(|| FieldError::new(field, FieldProblem::InvalidDate))
    };
    let scope = domain::planning::copy::read_scope(scope)
        .ok_or_else(|| FieldError::new("for", FieldProblem::InvalidChoice));
    match (week("from", from), week("to", to), scope) {
        (Ok(from), Ok(to), Ok(scope)) => Ok((from, to, scope)),
        (from, to, scope) => Err(AppError::Invalid(
            [from.err(), to.err(), scope.err()]
                .into_iter()
                .flatten()
                .collect(),
        )),
    }
}

/// What copying week `from` to week `to` for `scope` (`club`, `g<id>`, `a<id>`) would create;
/// this week onto the next when no week is given.
#[server(endpoint = "week_copy_preview")]
pub async fn week_copy_preview(
    from: String,
    to: String,
    #[server(default)] scope: String,
) -> Result<WeekCopyView, AppError> {
    use domain::planning::calendar::Week;
    let (state, actor) = ssr::member().await?;
    // Without weeks (the page opened on its own): this week onto the next.
    let this_week = Week::of(Utc::now().date_naive());
    let from = if from.trim().is_empty() {
        this_week.to_string()
    } else {
        from
    };
    let to = match (to.trim(), Week::parse(from.trim())) {
        ("", Some(week)) => week.shifted(1).map_or_else(String::new, |w| w.to_string()),
        _ => to,
    };
    let (from_week, to_week, chosen) = read_copy(&from, &to, &scope)?;
    let store = &*state.store;
    let plan = service::week_copy(store, &actor, from_week, to_week, chosen).await?;
    let (athletes, groups) = workouts_service::preview_choices(store, &actor).await?;
    let name_of_group = |id: GroupId| groups.iter().find(|g| g.id == id).map(|g| g.name.clone());
    let name_of_athlete = |id: AthleteId| athletes.iter().find(|a| a.id == id).map(|a| a.full_name());
    let copies = plan
        .drafts
        .iter()
        .map(|d| CopyLine {
            date: d.date,
            time: d.time,
            title: d.title.clone(),
            assignees: d
                .assignees
                .groups
                .iter()
                .filter_map(|&g| name_of_group(g))
                .chain(d.assignees.athletes.iter().filter_map(|&a| name_of_athlete(a)))
                .collect(),
        })
        .collect();
    Ok(WeekCopyView {
        from: from_week.to_string(),
        to: to_week.to_string(),
        from_monday: from_week.monday(),
        to_monday: to_week.monday(),
        scope: domain::planning::copy::write_scope(chosen),
        athletes: athlete_choices(&athletes),
        groups: active_group_choices(groups),
        copies,
        sources: plan.sources.iter().map(|(id, v)| format!("{id}:{v}")).collect(),
    })
}

/// Copies week `from` to week `to` for `scope`, all or nothing, if its sessions are still those
/// shown (`sources`, `id:version`); answers how many were created and opens the target week.
#[server(endpoint = "copy_week")]
pub async fn copy_week(
    from: String,
    to: String,
    #[server(default)] scope: String,
    #[server(default)] sources: Vec<String>,
) -> Result<usize, AppError> {
    let (state, actor) = ssr::member().await?;
    let copy = read_copy(&from, &to, &scope)?;
    let expected: Vec<(SessionId, i64)> = sources
        .iter()
        .take(domain::planning::copy::MAX_COPIES + 1)
        .map(|s| {
            let (id, version) = s.split_once(':')?;
            Some((SessionId(id.parse().ok()?), version.parse().ok()?))
        })
        .collect::<Option<_>>()
        .ok_or(AppError::Conflict)?;
    let made = service::apply_week_copy(&*state.store, &actor, copy, &expected, Utc::now()).await?;
    leptos_axum::redirect(&crate::pages::planning::week_href(copy.1.monday()));
    Ok(made.len())
}

/// A group's week sheet for the gym's wall: the week given (`2026-W50`; else this week) and,
/// once a group is chosen, its sessions with each athlete's kilograms.
#[server(endpoint = "planning_sheet")]
pub async fn planning_sheet(
    #[server(default)] group: Option<GroupId>,
    #[server(default)] week: String,
) -> Result<WeekSheetView, AppError> {
    use domain::planning::calendar::Week;
    let (state, actor) = ssr::member().await?;
    let store = &*state.store;
    let week = match week.trim() {
        "" => Week::of(Utc::now().date_naive()),
        text => Week::parse(text).ok_or_else(|| FieldError::new("week", FieldProblem::InvalidDate))?,
    };
    let (_, groups) = workouts_service::preview_choices(store, &actor).await?;
    let (chosen, lifts, sessions) = match group {
        None => (None, Vec::new(), Vec::new()),
        Some(id) => {
            let sheet = service::week_sheet(store, &state.catalogues, &actor, id, week).await?;
            let sessions = sheet
                .sessions
                .into_iter()
                .map(|(s, athletes)| {
                    let (doing, skipping): (Vec<_>, Vec<_>) =
                        athletes.into_iter().partition(|a| a.loads.is_some());
                    SheetSession {
                        date: s.date,
                        time: s.time,
                        title: s.title,
                        content: s.content,
                        athletes: doing
                            .into_iter()
                            .map(|a| SheetAthlete {
                                name: a.athlete.full_name(),
                                blocks: a.loads.map(|l| l.blocks).unwrap_or_default(),
                            })
                            .collect(),
                        skipping: skipping.into_iter().map(|a| a.athlete.full_name()).collect(),
                    }
                })
                .collect();
            let chosen = Choice {
                id: sheet.group.id.0,
                name: sheet.group.name,
            };
            (
                Some(chosen),
                super::workouts::lift_choices(&sheet.catalogue),
                sessions,
            )
        }
    };
    Ok(WeekSheetView {
        groups: active_group_choices(groups),
        group: chosen,
        week: week.to_string(),
        monday: week.monday(),
        lifts,
        sessions,
    })
}

/// Whether the caller has a private calendar link (the account page's).
#[server(endpoint = "feed_link")]
pub async fn feed_link() -> Result<bool, AppError> {
    let (state, actor) = ssr::member().await?;
    Ok(service::has_feed(&*state.store, &actor).await?)
}

/// Makes the caller a new private calendar link (replacing theirs) and answers it: the only
/// time it is shown, DropIt keeps only its hash.
#[server(endpoint = "create_feed_link")]
pub async fn create_feed_link() -> Result<String, AppError> {
    let (state, actor) = ssr::member().await?;
    let token = ssr::new_feed_token();
    service::create_feed(&*state.store, &actor, &token, Utc::now()).await?;
    Ok(format!("{}/calendar/{}.ics", state.public_url, token.as_str()))
}

/// Revokes the caller's calendar link.
#[server(endpoint = "revoke_feed_link")]
pub async fn revoke_feed_link() -> Result<(), AppError> {
    let (state, actor) = ssr::member().await?;
    service::revoke_feed(&*state.store, &actor).await?;
    Ok(())
}
