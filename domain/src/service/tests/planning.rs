//! Planning: coaches plan, move, copy and change sessions; an athlete reads their own, with
//! their kilograms; versions, clubs and uses.
//!
//! The in-memory store dates group memberships on the real today (as the databases'
//! triggers do), so the sessions of groups here are planned in 2030, when every membership
//! made by a test holds.

use super::athletes::Team;
use super::t0;
use crate::ids::{AthleteId, ExerciseId, GroupId};
use crate::load::Percent;
use crate::maxes::{Max, MaxKind};
use crate::membership::Member;
use crate::planning::calendar::Week;
use crate::planning::copy::Scope;
use crate::planning::{Assignees, ElementOverride, Override, Session, TimeOfDay};
use crate::ports::{MaxStore, PlanningStore};
use crate::service::planning::{self as service, NewSession, Viewer};
use crate::service::workouts as workouts_service;
use crate::service::{ClubError, athletes as athletes_service};
use crate::weight::Kg;
use crate::workout::metrics::BlockLoad;
use crate::workout::{Block, Element, Intensity, Lift, Workout, WorkoutContent, WorkoutDraft, WorkoutInput};
use crate::{FieldError, FieldProblem};
use chrono::NaiveDate;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a day")
}

fn block(sets: u16, percent: i64) -> Block {
    Block {
        sets,
        reps: vec![2],
        intensity: Intensity::Percent {
            percent: Percent::whole(percent),
            of: None,
        },
        rest: None,
    }
}

fn athletes(ids: &[AthleteId]) -> Assignees {
    Assignees {
        athletes: ids.to_vec(),
        groups: Vec::new(),
    }
}

fn group(id: GroupId) -> Assignees {
    Assignees {
        athletes: Vec::new(),
        groups: vec![id],
    }
}

impl Team {
    async fn snatch_id(&self) -> ExerciseId {
        self.club.exercise("Arraché").await.id
    }

    /// A workout of 5 × 2 snatches at 80 %.
    async fn workout(&self) -> Workout {
        let snatch = Lift::Exercise(self.snatch_id().await);
        let draft = WorkoutInput {
            title: "Arraché lourd".into(),
            content: WorkoutContent {
                elements: vec![Element::new(snatch, vec![block(5, 80)])],
            },
            ..WorkoutInput::default()
        }
        .parse()
        .expect("a valid workout");
        workouts_service::create_workout(&self.club.store, &self.club.coach, &draft, t0())
            .await
            .expect("a workout")
    }

    async fn plan(&self, workout: &Workout, date: NaiveDate, assignees: Assignees) -> Session {
        let new = NewSession {
            workout: workout.id,
            date,
            time: None,
            assignees,
        };
        service::create_session(&self.club.store, &self.club.coach, new, t0())
            .await
            .expect("planned")
    }

    /// A group holding both athletes.
    async fn both(&self) -> GroupId {
        let store = &self.club.store;
        let coach = &self.club.coach;
        let made = athletes_service::create_group(store, coach, "Juniors", t0())
            .await
            .expect("a group");
        for athlete in [self.mine.id, self.teammate.id] {
            athletes_service::set_in_group(store, coach, made.id, athlete, true)
                .await
                .expect("in the group");
        }
        made.id
    }

    async fn snatch_max(&self, athlete: AthleteId, kg: i64) {
        let max = Max {
            exercise: self.snatch_id().await,
            weight: Kg::whole(kg),
            date: day(2026, 10, 1),
            kind: MaxKind::Tested,
        };
        self.club
            .store
            .create_max(self.club.id, athlete, &max, t0())
            .await
            .expect("a max");
    }

    async fn month(&self, by: &Member, from: NaiveDate) -> Result<service::Calendar, ClubError> {
        service::calendar(
            &self.club.store,
            &self.cache,
            by,
            (from, from + chrono::Days::new(35)),
            None,
        )
        .await
    }
}

fn planned_load(loads: &BlockLoad) -> Option<Kg> {
    match loads {
        BlockLoad::Planned { load, .. } => Some(*load),
        _ => None,
    }
}

#[tokio::test]
async fn coaches_plan_and_athletes_read_only_their_own_sessions() {
    let team = Team::new().await;
    let workout = team.workout().await;
    let juniors = team.both().await;
    let for_group = team.plan(&workout, day(2030, 3, 4), group(juniors)).await;
    let for_teammate = team
        .plan(&workout, day(2030, 3, 5), athletes(&[team.teammate.id]))
        .await;
    assert_eq!(for_group.title, "Arraché lourd");
    assert_eq!(for_group.content, workout.content);
    assert_eq!(
        for_group.template.map(|t| (t.workout, t.version)),
        Some((workout.id, 1))
    );

    let seen = team
        .month(&team.club.coach, day(2030, 3, 1))
        .await
        .expect("the calendar");
    assert_eq!(seen.viewer, Viewer::Planner);
    assert_eq!(seen.sessions.len(), 2);

    let mine = team
        .month(&team.club.athlete, day(2030, 3, 1))
        .await
        .expect("their calendar");
    assert_eq!(mine.viewer, Viewer::Athlete(Some(team.mine.id)));
    assert_eq!(
        mine.sessions.iter().map(|s| s.id).collect::<Vec<_>>(),
        vec![for_group.id]
    );
    assert_eq!(
        mine.sessions[0].assignees,
        athletes(&[team.mine.id]),
        "nobody else named"
    );
    assert!(mine.groups.is_empty() && mine.memberships.is_empty());

    let store = &team.club.store;
    let cache = &team.cache;
    let detail = service::session_detail(store, cache, &team.club.athlete, for_group.id)
        .await
        .expect("their session");
    assert_eq!(detail.athletes.len(), 1, "only them");
    assert_eq!(
        service::session_detail(store, cache, &team.club.athlete, for_teammate.id)
            .await
            .err(),
        Some(ClubError::NotFound),
        "another athlete's session"
    );

    // An athlete changes nothing.
    let athlete = &team.club.athlete;
    let new = NewSession {
        workout: workout.id,
        date: day(2030, 3, 6),
        time: None,
        assignees: Assignees::default(),
    };
    assert_eq!(
        service::create_session(store, athlete, new, t0()).await.err(),
        Some(ClubError::Forbidden)
    );
    let to = (day(2030, 3, 7), None);
    assert_eq!(
        service::move_session(store, athlete, for_group.id, 1, to, t0())
            .await
            .err(),
        Some(ClubError::Forbidden)
    );
    assert_eq!(
        service::copy_session(store, athlete, for_group.id, to, t0())
            .await
            .err(),
        Some(ClubError::Forbidden)
    );
    assert_eq!(
        service::delete_session(store, athlete, for_group.id, 1)
            .await
            .err(),
        Some(ClubError::Forbidden)
    );
    assert_eq!(
        service::repeat_session(store, athlete, for_group.id, 1, 2, t0())
            .await
            .err(),
        Some(ClubError::Forbidden)
    );
    let week = Week::of(day(2030, 3, 4));
    let next = week.shifted(1).expect("a week");
    assert_eq!(
        service::week_copy(store, athlete, week, next, Scope::Club)
            .await
            .err(),
        Some(ClubError::Forbidden)
    );
    assert_eq!(
        store
            .session(team.club.id, for_group.id)
            .await
            .expect("read")
            .map(|s| s.date),
        Some(day(2030, 3, 4))
    );
}

#[tokio::test]
async fn another_clubs_sessions_workouts_athletes_and_groups_are_not_found() {
    let team = Team::new().await;
    let workout = team.workout().await;
    let session = team
        .plan(&workout, day(2030, 3, 4), athletes(&[team.mine.id]))
        .await;
    let store = &team.club.store;
    let stranger = &team.club.stranger;
    let to = (day(2030, 3, 7), None);
    assert_eq!(
        service::session_detail(store, &team.cache, stranger, session.id)
            .await
            .err(),
        Some(ClubError::NotFound)
    );
    assert_eq!(
        service::move_session(store, stranger, session.id, 1, to, t0())
            .await
            .err(),
        Some(ClubError::NotFound)
    );
    assert_eq!(
        service::copy_session(store, stranger, session.id, to, t0())
            .await
            .err(),
        Some(ClubError::NotFound)
    );
    assert_eq!(
        service::delete_session(store, stranger, session.id, 1)
            .await
            .err(),
        Some(ClubError::NotFound)
    );
    assert_eq!(
        service::session_to_edit(store, stranger, session.id).await.err(),
        Some(ClubError::NotFound)
    );
    let calendar = service::calendar(
        store,
        &team.cache,
        stranger,
        (day(2030, 3, 1), day(2030, 4, 1)),
        None,
    )
    .await
    .expect("their own calendar");
    assert!(calendar.sessions.is_empty());

    // Planning another club's workout, or for its athletes.
    let theirs = NewSession {
        workout: workout.id,
        date: day(2030, 3, 6),
        time: None,
        assignees: Assignees::default(),
    };
    assert_eq!(
        service::create_session(store, stranger, theirs, t0()).await.err(),
        Some(ClubError::NotFound)
    );
    let foreign = NewSession {
        workout: workout.id,
        date: day(2030, 3, 6),
        time: None,
        assignees: group(GroupId(9_999)),
    };
    assert_eq!(
        service::create_session(store, &team.club.coach, foreign, t0())
            .await
            .err(),
        Some(ClubError::NotFound)
    );
    let week = Week::of(day(2030, 3, 4));
    let scope = Scope::Athlete(team.mine.id);
    assert_eq!(
        service::week_copy(store, stranger, week, week.shifted(1).expect("a week"), scope)
            .await
            .err(),
        Some(ClubError::NotFound)
    );
}

#[tokio::test]
async fn a_move_carries_the_version_seen_and_a_stale_one_moves_nothing() {
    let team = Team::new().await;
    let workout = team.workout().await;
    let session = team
        .plan(&workout, day(2030, 3, 4), athletes(&[team.mine.id]))
        .await;
    let store = &team.club.store;
    let coach = &team.club.coach;
    let evening = TimeOfDay::new(18, 30);
    let moved = service::move_session(store, coach, session.id, 1, (day(2030, 4, 2), evening), t0())
        .await
        .expect("moved");
    assert_eq!(
        (moved.date, moved.time, moved.version),
        (day(2030, 4, 2), evening, 2)
    );
    assert_eq!(moved.content, session.content, "nothing else changed");

    // A second tab still holds version 1.
    assert_eq!(
        service::move_session(store, coach, session.id, 1, (day(2030, 3, 9), None), t0())
            .await
            .err(),
        Some(ClubError::Conflict)
    );
    let kept = store
        .session(team.club.id, session.id)
        .await
        .expect("read")
        .expect("kept");
    assert_eq!(kept.date, day(2030, 4, 2));

    assert_eq!(
        service::move_session(store, coach, session.id, 2, (day(1999, 12, 31), None), t0())
            .await
            .err(),
        Some(ClubError::Invalid(vec![FieldError::new(
            "date",
            FieldProblem::InvalidDate
        )]))
    );

    let copy = service::copy_session(store, coach, session.id, (day(2030, 4, 3), None), t0())
        .await
        .expect("copied");
    assert_ne!(copy.id, session.id);
    assert_eq!((copy.date, copy.version), (day(2030, 4, 3), 1));
    assert_eq!(copy.assignees, session.assignees);

    service::delete_session(store, coach, copy.id, 1)
        .await
        .expect("deleted");
    assert_eq!(store.session(team.club.id, copy.id).await.expect("read"), None);
}

#[tokio::test]
async fn an_override_changes_one_athletes_kilograms_and_not_the_others() {
    let team = Team::new().await;
    team.snatch_max(team.mine.id, 100).await;
    team.snatch_max(team.teammate.id, 80).await;
    let workout = team.workout().await;
    let juniors = team.both().await;
    let session = team.plan(&workout, day(2030, 3, 4), group(juniors)).await;
    let store = &team.club.store;
    let coach = &team.club.coach;
    let snatch = Lift::Exercise(team.snatch_id().await);

    let loads = |detail: &service::SessionDetail| -> Vec<(AthleteId, Option<(u16, Kg)>)> {
        detail
            .athletes
            .iter()
            .map(|a| {
                let first = a.loads.as_ref().and_then(|l| {
                    let kg = planned_load(l.block(0, 0)?)?;
                    Some((l.blocks[0].len() as u16, kg))
                });
                (a.athlete.id, first)
            })
            .collect()
    };
    let before = service::session_detail(store, &team.cache, coach, session.id)
        .await
        .expect("the session");
    let mut seen = loads(&before);
    seen.sort_by_key(|(id, _)| *id);
    let mut expected = vec![
        (team.mine.id, Some((1, Kg::whole(80)))),
        (team.teammate.id, Some((1, Kg::whole(64)))),
    ];
    expected.sort_by_key(|(id, _)| *id);
    assert_eq!(seen, expected);

    // The teammate does 3 sets at 70 % instead.
    let lighter = Override {
        athlete: team.teammate.id,
        skip: false,
        elements: vec![ElementOverride {
            element: 0,
            lift: snatch,
            blocks: vec![block(3, 70)],
        }],
    };
    let changed = service::set_override(store, coach, session.id, 1, lighter.clone(), t0())
        .await
        .expect("overridden");
    assert_eq!(changed.overrides, vec![lighter.clone()]);
    let after = service::session_detail(store, &team.cache, coach, session.id)
        .await
        .expect("the session");
    let teammate = after
        .athletes
        .iter()
        .find(|a| a.athlete.id == team.teammate.id)
        .and_then(|a| a.loads.as_ref())
        .expect("the teammate's loads");
    assert_eq!(teammate.block(0, 0).and_then(planned_load), Some(Kg::whole(56)));
    let mine = after
        .athletes
        .iter()
        .find(|a| a.athlete.id == team.mine.id)
        .and_then(|a| a.loads.as_ref())
        .expect("my loads");
    assert_eq!(
        mine.block(0, 0).and_then(planned_load),
        Some(Kg::whole(80)),
        "unchanged"
    );

    // The coach's calendar filtered by the teammate shows their kilograms, override in place.
    let range = (day(2030, 3, 1), day(2030, 4, 1));
    let focused = service::calendar(store, &team.cache, coach, range, Some(team.teammate.id))
        .await
        .expect("the teammate's calendar");
    let focus = focused.focus.expect("a focus");
    assert_eq!(focus.athlete.id, team.teammate.id);
    let (id, loads) = &focus.loads[0];
    assert_eq!(*id, session.id);
    let first = loads.as_ref().and_then(|l| l.block(0, 0)).and_then(planned_load);
    assert_eq!(first, Some(Kg::whole(56)));
    assert_eq!(
        service::calendar(store, &team.cache, coach, range, Some(AthleteId(9_999)))
            .await
            .err(),
        Some(ClubError::NotFound)
    );

    // The athlete sees their own kilograms only, without the teammate's override.
    let theirs = service::session_detail(store, &team.cache, &team.club.athlete, session.id)
        .await
        .expect("their session");
    assert!(theirs.session.overrides.is_empty());
    assert_eq!(theirs.athletes.len(), 1);

    // An override for someone the session is not for, or with a stale version, is refused.
    let stranger = Override {
        athlete: AthleteId(9_999),
        ..lighter.clone()
    };
    assert_eq!(
        service::set_override(store, coach, session.id, 2, stranger, t0())
            .await
            .err(),
        Some(ClubError::NotFound)
    );
    assert_eq!(
        service::set_override(store, coach, session.id, 1, lighter, t0())
            .await
            .err(),
        Some(ClubError::Conflict)
    );

    // Skipping: no kilograms, still listed.
    let skip = Override {
        athlete: team.mine.id,
        skip: true,
        elements: Vec::new(),
    };
    service::set_override(store, coach, session.id, 2, skip, t0())
        .await
        .expect("skipped");
    let skipped = service::session_detail(store, &team.cache, coach, session.id)
        .await
        .expect("the session");
    let me = skipped
        .athletes
        .iter()
        .find(|a| a.athlete.id == team.mine.id)
        .expect("listed");
    assert!(me.loads.is_none());
}

#[tokio::test]
async fn a_session_keeps_its_copy_until_the_coach_updates_it_from_the_template() {
    let team = Team::new().await;
    let workout = team.workout().await;
    let session = team
        .plan(&workout, day(2030, 3, 4), athletes(&[team.mine.id]))
        .await;
    let store = &team.club.store;
    let coach = &team.club.coach;

    let heavier = WorkoutDraft {
        title: workout.title.clone(),
        category: None,
        description: None,
        content: WorkoutContent {
            elements: vec![Element::new(workout.content.elements[0].lift, vec![block(6, 85)])],
        },
    };
    workouts_service::update_workout(store, coach, workout.id, 1, &heavier, t0())
        .await
        .expect("the template changed");
    let detail = service::session_detail(store, &team.cache, coach, session.id)
        .await
        .expect("the session");
    assert_eq!(
        detail.session.content, workout.content,
        "the session kept its copy"
    );
    assert!(detail.template_changed);

    let (synced, dropped) = service::sync_session(store, coach, session.id, 1, t0())
        .await
        .expect("updated");
    assert_eq!(synced.content, heavier.content);
    assert_eq!(dropped, 0);
    let detail = service::session_detail(store, &team.cache, coach, session.id)
        .await
        .expect("the session");
    assert!(!detail.template_changed);

    // Editing the session's content changes that session only; the builder opens it for
    // planners, not for the athlete it is for.
    let opened = service::session_to_edit(store, coach, session.id)
        .await
        .expect("opened");
    assert_eq!((opened.version, &opened.content), (2, &heavier.content));
    assert_eq!(
        service::session_to_edit(store, &team.club.athlete, session.id)
            .await
            .err(),
        Some(ClubError::Forbidden)
    );
    let own = WorkoutDraft {
        title: "Arraché technique".into(),
        content: WorkoutContent {
            elements: vec![Element::new(workout.content.elements[0].lift, vec![block(8, 60)])],
        },
        ..heavier.clone()
    };
    let edited = service::edit_session_content(store, coach, session.id, 2, &own, t0())
        .await
        .expect("edited");
    assert_eq!(edited.title, "Arraché technique");
    let template = workouts_service::workout(store, coach, workout.id)
        .await
        .expect("the template");
    assert_eq!(template.content, heavier.content);

    // A workout a session uses is archived, never deleted.
    assert_eq!(
        workouts_service::delete_workout(store, coach, workout.id, template.version).await,
        Err(ClubError::InUse)
    );
}

#[tokio::test]
async fn a_week_copy_applies_what_was_shown_all_or_nothing() {
    let team = Team::new().await;
    let workout = team.workout().await;
    let store = &team.club.store;
    let coach = &team.club.coach;
    let monday = team
        .plan(&workout, day(2030, 12, 30), athletes(&[team.mine.id]))
        .await;
    let sunday = team
        .plan(&workout, day(2031, 1, 5), athletes(&[team.teammate.id]))
        .await;
    let from = Week::of(monday.date);
    let to = from.shifted(1).expect("a week");

    let plan = service::week_copy(store, coach, from, to, Scope::Club)
        .await
        .expect("a plan");
    assert_eq!(plan.sources, vec![(monday.id, 1), (sunday.id, 1)]);
    let days: Vec<_> = plan.drafts.iter().map(|d| d.date).collect();
    assert_eq!(days, vec![day(2031, 1, 6), day(2031, 1, 12)]);
    assert!(
        store
            .sessions(team.club.id, to.monday(), day(2031, 1, 13))
            .await
            .expect("read")
            .is_empty(),
        "a preview writes nothing"
    );

    // The week changed since the preview: nothing is copied.
    service::move_session(store, coach, sunday.id, 1, (day(2031, 1, 4), None), t0())
        .await
        .expect("moved");
    let scope = (from, to, Scope::Club);
    assert_eq!(
        service::apply_week_copy(store, coach, scope, &plan.sources, t0())
            .await
            .err(),
        Some(ClubError::Conflict)
    );
    let fresh = service::week_copy(store, coach, from, to, Scope::Club)
        .await
        .expect("a plan");
    let copied = service::apply_week_copy(store, coach, scope, &fresh.sources, t0())
        .await
        .expect("copied");
    let days: Vec<_> = copied.iter().map(|s| s.date).collect();
    assert_eq!(days, vec![day(2031, 1, 6), day(2031, 1, 11)]);

    // For one athlete only.
    let mine = service::week_copy(
        store,
        coach,
        from,
        to.shifted(1).expect("a week"),
        Scope::Athlete(team.mine.id),
    )
    .await
    .expect("a plan");
    assert_eq!(mine.sources, vec![(monday.id, 1)]);
    assert_eq!(mine.drafts[0].assignees, athletes(&[team.mine.id]));

    // Repeat: the days first, then all of them.
    let days = crate::planning::copy::repeat_days(monday.date, 3).expect("the days");
    assert_eq!(days, vec![day(2031, 1, 6), day(2031, 1, 13), day(2031, 1, 20)]);
    let repeated = service::repeat_session(store, coach, monday.id, 1, 3, t0())
        .await
        .expect("repeated");
    assert_eq!(repeated.iter().map(|s| s.date).collect::<Vec<_>>(), days);
    assert_eq!(
        service::repeat_session(store, coach, monday.id, 1, 60, t0())
            .await
            .err(),
        Some(ClubError::Invalid(vec![FieldError::new(
            "weeks",
            FieldProblem::InvalidNumber
        )]))
    );
    assert_eq!(
        service::week_copy(store, coach, from, from, Scope::Club)
            .await
            .err(),
        Some(ClubError::Invalid(vec![FieldError::new(
            "to",
            FieldProblem::InvalidChoice
        )]))
    );
}

#[tokio::test]
async fn the_calendar_reads_a_bounded_range_of_plannable_days() {
    let team = Team::new().await;
    let store = &team.club.store;
    let coach = &team.club.coach;
    let invalid = Some(ClubError::Invalid(vec![FieldError::new(
        "date",
        FieldProblem::InvalidDate,
    )]));
    let from = day(2030, 1, 1);
    assert_eq!(
        service::calendar(store, &team.cache, coach, (from, from), None)
            .await
            .err(),
        invalid
    );
    assert_eq!(
        service::calendar(
            store,
            &team.cache,
            coach,
            (from, from + chrono::Days::new(191)),
            None
        )
        .await
        .err(),
        invalid
    );
    assert_eq!(
        service::calendar(store, &team.cache, coach, (day(1999, 1, 1), from), None)
            .await
            .err(),
        invalid
    );
    assert!(
        service::calendar(
            store,
            &team.cache,
            coach,
            (from, from + chrono::Days::new(42)),
            None
        )
        .await
        .is_ok()
    );
}

#[tokio::test]
async fn the_week_sheet_lists_the_groups_sessions_with_each_athletes_kilograms() {
    let team = Team::new().await;
    team.snatch_max(team.mine.id, 100).await;
    team.snatch_max(team.teammate.id, 80).await;
    let workout = team.workout().await;
    let juniors = team.both().await;
    let monday = team.plan(&workout, day(2030, 3, 4), group(juniors)).await;
    let _alone = team
        .plan(&workout, day(2030, 3, 5), athletes(&[team.mine.id]))
        .await;
    let _next_week = team.plan(&workout, day(2030, 3, 11), group(juniors)).await;
    let store = &team.club.store;
    let coach = &team.club.coach;
    let snatch = Lift::Exercise(team.snatch_id().await);
    let lighter = Override {
        athlete: team.teammate.id,
        skip: false,
        elements: vec![ElementOverride {
            element: 0,
            lift: snatch,
            blocks: vec![block(3, 70)],
        }],
    };
    service::set_override(store, coach, monday.id, 1, lighter, t0())
        .await
        .expect("overridden");

    let week = Week::of(day(2030, 3, 6));
    let sheet = service::week_sheet(store, &team.cache, coach, juniors, week)
        .await
        .expect("the sheet");
    assert_eq!(sheet.sessions.len(), 1, "the group's sessions of that week only");
    let (session, athletes) = &sheet.sessions[0];
    assert_eq!(session.id, monday.id);
    let kg = |id: AthleteId| {
        athletes
            .iter()
            .find(|a| a.athlete.id == id)
            .and_then(|a| a.loads.as_ref())
            .and_then(|l| l.block(0, 0))
            .and_then(planned_load)
    };
    assert_eq!(kg(team.mine.id), Some(Kg::whole(80)));
    assert_eq!(kg(team.teammate.id), Some(Kg::whole(56)), "the override in place");

    assert_eq!(
        service::week_sheet(store, &team.cache, &team.club.athlete, juniors, week)
            .await
            .err(),
        Some(ClubError::Forbidden)
    );
    assert_eq!(
        service::week_sheet(store, &team.cache, &team.club.stranger, juniors, week)
            .await
            .err(),
        Some(ClubError::NotFound)
    );
}

#[tokio::test]
async fn a_calendar_link_shows_its_members_sessions_until_revoked() {
    use crate::planning::feed::FeedToken;
    let team = Team::new().await;
    let workout = team.workout().await;
    let today = day(2030, 3, 1);
    let mine = team
        .plan(&workout, day(2030, 3, 4), athletes(&[team.mine.id]))
        .await;
    let _theirs = team
        .plan(&workout, day(2030, 3, 5), athletes(&[team.teammate.id]))
        .await;
    let store = &team.club.store;
    let french = |n: &crate::catalogue::Names| n.fr.clone();

    let athlete_link = FeedToken::from_random_bytes([1; 32]);
    service::create_feed(store, &team.club.athlete, &athlete_link, t0())
        .await
        .expect("a link");
    assert!(service::has_feed(store, &team.club.athlete).await.expect("read"));
    let events = service::feed_events(store, &team.cache, &athlete_link, today, french)
        .await
        .expect("the feed");
    assert_eq!(
        events.iter().map(|e| e.session).collect::<Vec<_>>(),
        vec![mine.id],
        "their own only"
    );
    assert_eq!(events[0].lifts, vec!["Arraché".to_owned()]);

    let coach_link = FeedToken::from_random_bytes([2; 32]);
    service::create_feed(store, &team.club.coach, &coach_link, t0())
        .await
        .expect("a link");
    let all = service::feed_events(store, &team.cache, &coach_link, today, french)
        .await
        .expect("the feed");
    assert_eq!(all.len(), 2, "the club's for a coach");

    // A new link replaces the old one; a revoked one is not found.
    let newer = FeedToken::from_random_bytes([3; 32]);
    service::create_feed(store, &team.club.athlete, &newer, t0())
        .await
        .expect("a new link");
    assert_eq!(
        service::feed_events(store, &team.cache, &athlete_link, today, french)
            .await
            .err(),
        Some(ClubError::NotFound)
    );
    service::revoke_feed(store, &team.club.athlete)
        .await
        .expect("revoked");
    assert_eq!(
        service::feed_events(store, &team.cache, &newer, today, french)
            .await
            .err(),
        Some(ClubError::NotFound)
    );
    assert!(!service::has_feed(store, &team.club.athlete).await.expect("read"));
}
