//! Planning: sessions saved whole with a version and scoped to their club, in the calendar's
//! order; all-or-nothing creation; what they name stays; group memberships kept as periods.

use super::workouts::snatch_day;
use super::{exercise_named, new_athlete, t0, two_clubs};
use chrono::NaiveDate;
use domain::StoreError;
use domain::athlete::GroupChange;
use domain::load::Percent;
use domain::planning::{Assignees, ElementOverride, Override, SessionDraft, SessionId, TimeOfDay};
use domain::ports::{Store, Versioned};
use domain::workout::{Block, Intensity};
use std::sync::Arc;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a day")
}

pub(super) async fn sessions_are_saved_whole_with_a_version_and_scoped(store: Arc<dyn Store>) {
    let (club, other) = two_clubs(&*store).await;
    let lea = new_athlete(&*store, club, "Léa", "Petit", "women").await;
    let tom = new_athlete(&*store, club, "Tom", "Arnaud", "men").await;
    let juniors = store.create_group(club, "Juniors", t0()).await.expect("group");
    let workout = store
        .create_workout(club, &snatch_day(&*store, club).await, t0())
        .await
        .expect("a workout");
    let category = store.workout_categories(club).await.expect("categories")[1].id;
    let press = exercise_named(&*store, club, "Développé militaire").await.id;

    let mut draft = SessionDraft::of_workout(
        &workout,
        day(2026, 12, 31),
        TimeOfDay::new(18, 30),
        Assignees {
            athletes: vec![tom.id, lea.id],
            groups: vec![juniors.id],
        },
    );
    draft.category = Some(category);
    draft.overrides = vec![Override {
        athlete: lea.id,
        skip: false,
        elements: vec![ElementOverride {
            element: 0,
            lift: draft.content.elements[0].lift,
            blocks: vec![Block {
                sets: 3,
                reps: vec![3],
                // A reference lift only the override names.
                intensity: Intensity::Percent {
                    percent: Percent::whole(60),
                    of: Some(press),
                },
                rest: None,
            }],
        }],
    }];
    let early = SessionDraft {
        time: TimeOfDay::new(7, 0),
        ..draft.clone()
    };
    let untimed = SessionDraft {
        time: None,
        assignees: Assignees::default(),
        overrides: Vec::new(),
        ..draft.clone()
    };
    let next_year = SessionDraft {
        date: day(2027, 1, 1),
        ..untimed.clone()
    };
    let made = store
        .create_sessions(club, &[draft.clone(), early, untimed, next_year], t0())
        .await
        .expect("created");
    assert_eq!(made.len(), 4);
    let session = made[0].clone();
    assert_eq!(session.draft(), draft, "what was written is answered");
    assert_eq!(session.version, 1);
    assert_eq!(
        store.session(club, session.id).await.expect("read"),
        Some(session.clone())
    );

    // The calendar's order: by day, then time (none first), then id; `until` is excluded.
    let december = store
        .sessions(club, day(2026, 12, 1), day(2027, 1, 1))
        .await
        .expect("read");
    let order: Vec<SessionId> = december.iter().map(|s| s.id).collect();
    assert_eq!(order, vec![made[2].id, made[1].id, made[0].id]);
    assert_eq!(december[2], session, "assignees in the order given");
    assert_eq!(
        store
            .sessions(club, day(2027, 1, 1), day(2027, 1, 2))
            .await
            .expect("read")
            .len(),
        1
    );

    // Moved with the version seen; a second move over the same version is a conflict.
    let edit = Versioned::new(club, session.id, 1);
    let moved = store
        .move_session(edit.edit((day(2027, 2, 3), None), t0()))
        .await
        .expect("moved");
    assert_eq!(
        (moved.date, moved.time, moved.version),
        (day(2027, 2, 3), None, 2)
    );
    assert_eq!(moved.overrides, session.overrides);
    assert_eq!(
        store.move_session(edit.edit((day(2027, 2, 4), None), t0())).await,
        Err(StoreError::Conflict)
    );

    // Updated whole.
    let mut changed = moved.draft();
    changed.assignees = Assignees {
        athletes: vec![lea.id],
        groups: Vec::new(),
    };
    changed.overrides.clear();
    changed.title = "Arraché <script>".into();
    let updated = store
        .update_session(Versioned::new(club, session.id, 2).edit(&changed, t0()))
        .await
        .expect("updated");
    assert_eq!(updated.draft(), changed);
    assert_eq!(updated.version, 3);
    assert_eq!(
        store
            .update_session(Versioned::new(club, session.id, 2).edit(&changed, t0()))
            .await,
        Err(StoreError::Conflict)
    );

    // Another club sees nothing and changes nothing.
    assert_eq!(store.session(other, session.id).await.expect("read"), None);
    assert!(
        store
            .sessions(other, day(2000, 1, 1), day(2100, 1, 1))
            .await
            .expect("read")
            .is_empty()
    );
    let theirs = Versioned::new(other, session.id, 3);
    assert_eq!(
        store
            .move_session(theirs.edit((day(2027, 2, 4), None), t0()))
            .await,
        Err(StoreError::NotFound)
    );
    assert_eq!(
        store.update_session(theirs.edit(&changed, t0())).await,
        Err(StoreError::NotFound)
    );
    assert_eq!(store.delete_session(theirs).await, Err(StoreError::NotFound));

    // Deleted with its version.
    assert_eq!(
        store.delete_session(Versioned::new(club, session.id, 2)).await,
        Err(StoreError::Conflict)
    );
    store
        .delete_session(Versioned::new(club, session.id, 3))
        .await
        .expect("deleted");
    assert_eq!(store.session(club, session.id).await.expect("read"), None);
}

pub(super) async fn sessions_are_created_all_or_nothing_of_the_clubs_records(store: Arc<dyn Store>) {
    let (club, other) = two_clubs(&*store).await;
    let lea = new_athlete(&*store, club, "Léa", "Petit", "women").await;
    let stranger = new_athlete(&*store, other, "Tom", "Arnaud", "men").await;
    let their_group = store.create_group(other, "Juniors", t0()).await.expect("group");
    let workout = store
        .create_workout(club, &snatch_day(&*store, club).await, t0())
        .await
        .expect("a workout");
    let their_workout = store
        .create_workout(other, &snatch_day(&*store, other).await, t0())
        .await
        .expect("a workout");
    let good = SessionDraft::of_workout(
        &workout,
        day(2027, 3, 1),
        None,
        Assignees {
            athletes: vec![lea.id],
            groups: Vec::new(),
        },
    );
    let foreign_content = SessionDraft {
        content: their_workout.content.clone(),
        ..good.clone()
    };
    let mut foreign_template = good.clone();
    foreign_template.template =
        SessionDraft::of_workout(&their_workout, good.date, None, Assignees::default()).template;
    let mut foreign_athlete = good.clone();
    foreign_athlete.assignees.athletes.push(stranger.id);
    let mut foreign_group = good.clone();
    foreign_group.assignees.groups.push(their_group.id);
    let mut foreign_category = good.clone();
    foreign_category.category = Some(store.workout_categories(other).await.expect("k")[0].id);
    for bad in [
        foreign_content,
        foreign_template,
        foreign_athlete,
        foreign_group,
        foreign_category,
    ] {
        assert_eq!(
            store
                .create_sessions(club, &[good.clone(), bad.clone()], t0())
                .await,
            Err(StoreError::NotFound)
        );
        let made = store
            .create_sessions(club, std::slice::from_ref(&good), t0())
            .await
            .expect("made");
        assert_eq!(
            store
                .update_session(Versioned::new(club, made[0].id, 1).edit(&bad, t0()))
                .await,
            Err(StoreError::NotFound)
        );
        store
            .delete_session(Versioned::new(club, made[0].id, 1))
            .await
            .expect("deleted");
    }
    assert!(
        store
            .sessions(club, day(2027, 1, 1), day(2028, 1, 1))
            .await
            .expect("read")
            .is_empty(),
        "nothing of the refused writes was kept"
    );
}

pub(super) async fn what_a_session_names_is_archived_never_deleted(store: Arc<dyn Store>) {
    let (club, _) = two_clubs(&*store).await;
    let workout = store
        .create_workout(club, &snatch_day(&*store, club).await, t0())
        .await
        .expect("a workout");
    let press = exercise_named(&*store, club, "Développé militaire").await;
    let complex = store.complexes(club).await.expect("complexes")[0].clone();
    let made = store
        .create_sessions(
            club,
            &[SessionDraft::of_workout(
                &workout,
                day(2027, 3, 1),
                None,
                Assignees::default(),
            )],
            t0(),
        )
        .await
        .expect("made");
    // The workout no longer names them: the session still does.
    let snatch_only = {
        let mut d = snatch_day(&*store, club).await;
        d.content.elements.truncate(1);
        d
    };
    let workout = store
        .update_workout(Versioned::new(club, workout.id, 1).edit(&snatch_only, t0()))
        .await
        .expect("saved");
    assert_eq!(
        store
            .delete_workout(Versioned::new(club, workout.id, workout.version))
            .await,
        Err(StoreError::InUse)
    );
    assert_eq!(
        store
            .delete_exercise(Versioned::new(club, press.id, press.version))
            .await,
        Err(StoreError::InUse)
    );
    assert_eq!(
        store
            .delete_complex(Versioned::new(club, complex.id, complex.version))
            .await,
        Err(StoreError::InUse)
    );
    store
        .delete_session(Versioned::new(club, made[0].id, 1))
        .await
        .expect("deleted");
    store
        .delete_complex(Versioned::new(club, complex.id, complex.version))
        .await
        .expect("the complex can go");
    store
        .delete_workout(Versioned::new(club, workout.id, workout.version))
        .await
        .expect("the workout can go");
}

pub(super) async fn group_memberships_are_kept_as_periods(store: Arc<dyn Store>) {
    let (club, other) = two_clubs(&*store).await;
    let lea = new_athlete(&*store, club, "Léa", "Petit", "women").await;
    let tom = new_athlete(&*store, club, "Tom", "Arnaud", "men").await;
    let juniors = store.create_group(club, "Juniors", t0()).await.expect("group");
    let change = |athlete, member| GroupChange {
        group: juniors.id,
        athlete,
        member,
    };
    store.set_in_group(club, change(lea.id, true)).await.expect("in");
    store.set_in_group(club, change(tom.id, true)).await.expect("in");
    store
        .set_in_group(club, change(tom.id, false))
        .await
        .expect("out");
    let today = chrono::Utc::now().date_naive();
    let periods = store.group_memberships(club).await.expect("read");
    let of = |athlete| {
        periods
            .iter()
            .filter(|p| p.athlete == athlete)
            .map(|p| (p.group, p.since, p.until))
            .collect::<Vec<_>>()
    };
    // The database's today and the test's may differ across midnight: compare loosely.
    let lea_periods = of(lea.id);
    assert_eq!(lea_periods.len(), 1);
    assert_eq!(lea_periods[0].0, juniors.id);
    assert!((lea_periods[0].1 - today).num_days().abs() <= 1);
    assert_eq!(lea_periods[0].2, None);
    let tom_periods = of(tom.id);
    assert_eq!(tom_periods.len(), 1);
    let (_, since, until) = tom_periods[0];
    assert_eq!(until, Some(since), "in and out the same day: never in the group");
    assert!(store.group_memberships(other).await.expect("read").is_empty());
}

pub(super) async fn calendar_links_are_one_per_member_and_revocable(store: Arc<dyn Store>) {
    let (owner, club) = super::club_with_owner(&*store, "owner@club.fr", "A").await;
    let (stranger, other) = super::club_with_owner(&*store, "other@club.fr", "B").await;
    let member = super::member_of(&*store, club, owner).await;
    let foreign = super::member_of(&*store, other, stranger).await;
    assert!(!store.has_feed(club, member.id).await.expect("read"));
    store
        .set_feed(club, member.id, "hash-1", t0())
        .await
        .expect("a link");
    assert!(store.has_feed(club, member.id).await.expect("read"));
    assert_eq!(
        store.feed_owner("hash-1").await.expect("read").map(|m| m.id),
        Some(member.id)
    );

    // A new link replaces the old one.
    store
        .set_feed(club, member.id, "hash-2", t0())
        .await
        .expect("a new link");
    assert_eq!(store.feed_owner("hash-1").await.expect("read"), None);
    assert_eq!(
        store.feed_owner("hash-2").await.expect("read").map(|m| m.club_id),
        Some(club)
    );

    // Another club's member is not found, and its links are out of reach.
    assert_eq!(
        store.set_feed(club, foreign.id, "hash-3", t0()).await,
        Err(StoreError::NotFound)
    );
    store
        .set_feed(other, foreign.id, "hash-4", t0())
        .await
        .expect("their link");
    store
        .remove_feed(club, foreign.id)
        .await
        .expect("nothing to remove");
    assert!(store.feed_owner("hash-4").await.expect("read").is_some());
    assert!(!store.has_feed(club, foreign.id).await.expect("read"));

    store.remove_feed(club, member.id).await.expect("revoked");
    assert_eq!(store.feed_owner("hash-2").await.expect("read"), None);
    assert!(!store.has_feed(club, member.id).await.expect("read"));
}
