//! The store contract: the same scenarios against SQLite and PostgreSQL, a fresh database each.
//!
//! PostgreSQL comes from `DROPIT_TEST_POSTGRES_URL` (default: the local server, user postgres).
//! When it cannot be reached the PostgreSQL cases are skipped with a warning — except when
//! `CI` is set, where they fail: CI always proves both databases.

#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a failed expectation is the test failing

use chrono::{DateTime, Duration, TimeZone, Utc};
use domain::account::{DisplayName, Email, User};
use domain::athlete::{Athlete, GroupChange};
use domain::catalogue::file::{CatalogueFile, CataloguePlan, ComplexRow, ExerciseRow, LabelRow};
use domain::catalogue::{ComplexDraft, Exercise, ExerciseDraft, ExerciseInput, Label, Names};
use domain::invitation::{Invitation, InvitationToken};
use domain::membership::Member;
use domain::ports::{NewClub, NewInvitation, NewUser, Store, StoreResult, Versioned};
use domain::throttle::{Counter, DeviceToken, Key, Limits};
use domain::{AthleteId, CategoryId, ClubId, ComplexId, ExerciseId, Role, StoreError, UserId};
use std::future::Future;
use std::sync::Arc;
use store::{Creation, Database};

struct Fresh {
    db: Database,
    store: Arc<dyn Store>,
    cleanup: Option<(String, String)>,
}

impl Fresh {
    async fn sqlite() -> Fresh {
        let path = std::env::temp_dir().join(format!("dropit-contract-{}.db", uuid::Uuid::new_v4()));
        let db = Database::connect(&format!("sqlite://{}", path.display()), Creation::Allowed)
            .await
            .expect("open sqlite");
        db.migrate().await.expect("migrate sqlite");
        Fresh {
            store: db.store(),
            db,
            cleanup: Some((String::new(), path.display().to_string())),
        }
    }

    async fn postgres() -> Option<Fresh> {
        let admin_url = std::env::var("DROPIT_TEST_POSTGRES_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
        let admin = match Database::connect(&admin_url, Creation::Allowed).await {
            Ok(Database::Postgres(pool)) => pool,
            Ok(_) => panic!("DROPIT_TEST_POSTGRES_URL must be a postgres:// URL"),
            Err(e) if std::env::var_os("CI").is_none() => {
                eprintln!("warning: PostgreSQL unreachable ({e}); skipping the PostgreSQL case");
                return None;
            }
            Err(e) => panic!("PostgreSQL is required in CI: {e}"),
        };
        let name = format!("dropit_contract_{}", uuid::Uuid::new_v4().simple());
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&admin)
            .await
            .expect("create database");
        admin.close().await;
        let (base, _) = admin_url.rsplit_once('/').expect("database in URL");
        let db = Database::connect(&format!("{base}/{name}"), Creation::Allowed)
            .await
            .expect("open postgres");
        db.migrate().await.expect("migrate postgres");
        Some(Fresh {
            store: db.store(),
            db,
            cleanup: Some((admin_url, name)),
        })
    }

    async fn finish(self) {
        self.db.close().await;
        match self.cleanup {
            Some((admin_url, name)) if !admin_url.is_empty() => {
                if let Ok(Database::Postgres(admin)) = Database::connect(&admin_url, Creation::Allowed).await
                {
                    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
                        .execute(&admin)
                        .await;
                }
            }
            Some((_, path)) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{path}{suffix}"));
                }
            }
            None => {}
        }
    }
}

async fn on_sqlite<F, Fut>(scenario: F)
where
    F: FnOnce(Arc<dyn Store>) -> Fut,
    Fut: Future<Output = ()>,
{
    let fresh = Fresh::sqlite().await;
    scenario(fresh.store.clone()).await;
    fresh.finish().await;
}

async fn on_postgres<F, Fut>(scenario: F)
where
    F: FnOnce(Arc<dyn Store>) -> Fut,
    Fut: Future<Output = ()>,
{
    if let Some(fresh) = Fresh::postgres().await {
        scenario(fresh.store.clone()).await;
        fresh.finish().await;
    }
}

/// Declares one test per database for each scenario.
macro_rules! contract {
    ($($scenario:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test] async fn $scenario() { super::on_sqlite(super::$scenario).await })*
        }
        mod postgres {
            $(#[tokio::test] async fn $scenario() { super::on_postgres(super::$scenario).await })*
        }
    };
}

contract!(
    sign_up_creates_owner_and_club,
    emails_are_unique,
    session_generation_bumps,
    members_are_scoped_to_their_club,
    role_change_checks_version,
    last_owner_is_kept_by_the_database,
    invitations_are_single_use,
    expired_and_revoked_invitations_cannot_be_used,
    new_user_joins_through_invitation,
    throttle_counters_are_read_and_replaced_per_key,
    concurrent_updates_each_see_the_one_before,
    known_devices_belong_to_one_account,
    a_new_club_gets_its_starting_catalogue,
    the_default_catalogue_is_copied_whole,
    exercises_are_created_and_edited_with_a_version,
    exercise_names_are_unique_in_a_club,
    a_used_exercise_is_archived_never_deleted,
    the_catalogue_is_scoped_to_its_club,
    complexes_are_built_reordered_and_scoped,
    an_export_imported_into_another_club_reproduces_it,
    a_failing_import_writes_nothing,
    categories_and_equipment_are_the_clubs_lists,
    exercise_media_keys_are_set_replaced_and_scoped,
    every_catalogue_change_moves_the_catalogue_version,
    an_identity_holds_the_user_and_every_membership,
    athletes_are_created_edited_archived_and_scoped,
    weighings_and_levels_keep_their_history,
    maxes_are_recorded_versioned_and_scoped,
    groups_hold_athletes,
    athletes_are_imported_all_or_nothing,
    training_settings_are_saved_whole_with_a_version,
    a_profile_is_linked_to_one_member_of_its_club,
    workouts_are_saved_whole_with_a_version_and_scoped,
    what_a_workout_names_is_archived_never_deleted,
    workout_categories_are_the_clubs_list,
    sessions_are_saved_whole_with_a_version_and_scoped,
    sessions_are_created_all_or_nothing_of_the_clubs_records,
    what_a_session_names_is_archived_never_deleted,
    group_memberships_are_kept_as_periods,
    calendar_links_are_one_per_member_and_revocable,
);

#[path = "contract/workouts.rs"]
mod workouts;
use workouts::*;
#[path = "contract/planning.rs"]
mod planning;
use planning::*;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 10, 0, 0)
        .single()
        .expect("valid date")
}

fn new_user(email: &str) -> NewUser {
    NewUser {
        email: Email::parse("email", email).expect("an email"),
        display_name: DisplayName::parse("display_name", &format!("Name of {email}")).expect("a name"),
        password_hash: "hash".into(),
    }
}

/// A club's starting catalogue in these tests: small, so each scenario stays quick.
fn small_catalogue() -> CataloguePlan {
    let row = |key: &str, fr: &str, en: &str, category: Option<&str>| ExerciseRow {
        category: category.map(Into::into),
        equipment: Some("barbell".into()),
        ..ExerciseRow::named(key, fr, en)
    };
    CatalogueFile {
        categories: vec![LabelRow {
            key: "snatch".into(),
            fr: "Arraché".into(),
            en: "Snatch".into(),
        }],
        equipment: vec![LabelRow {
            key: "barbell".into(),
            fr: "Barre".into(),
            en: "Barbell".into(),
        }],
        exercises: vec![
            row("snatch", "Arraché", "Snatch", Some("snatch")),
            row("ohs", "Squat arraché", "Overhead squat", Some("snatch")),
            row("press", "Développé militaire", "Strict press", None),
        ],
        complexes: vec![ComplexRow {
            fr: String::new(),
            en: String::new(),
            category: Some("snatch".into()),
            movements: vec!["snatch".into(), "ohs".into(), "ohs".into()],
            archived: false,
        }],
    }
    .plan()
    .expect("a valid test catalogue")
}

async fn club_with_owner(store: &dyn Store, email: &str, club: &str) -> (UserId, ClubId) {
    let (user, club) = store
        .create_user_with_club(
            NewClub {
                owner: new_user(email),
                name: club,
                catalogue: &small_catalogue(),
            },
            t0(),
        )
        .await
        .expect("sign up");
    (user.id, club)
}

/// The scenario's club ("A") and another one ("B"), each with its owner.
async fn two_clubs(store: &dyn Store) -> (ClubId, ClubId) {
    let (_, club) = club_with_owner(store, "owner@club.fr", "A").await;
    let (_, other) = club_with_owner(store, "other@club.fr", "B").await;
    (club, other)
}

/// A user's membership of a club, which must exist.
async fn member_of(store: &dyn Store, club: ClubId, user: UserId) -> Member {
    store
        .member_by_user(club, user)
        .await
        .expect("lookup")
        .expect("member")
}

/// Sends an invitation of `by`'s to join `club` as `role`, valid for a week from `t0()`: answers
/// it and its link's token (made of `seed`).
async fn invite(
    store: &dyn Store,
    club: ClubId,
    by: UserId,
    email: &str,
    role: Role,
    seed: u8,
) -> (Invitation, InvitationToken) {
    let token = InvitationToken::from_random_bytes([seed; 32]);
    let new = NewInvitation {
        club_id: club,
        email: email.into(),
        role,
        token_hash: token.hash(),
        invited_by: by,
        created_at: t0(),
        expires_at: t0() + Duration::days(7),
        open_link: false,
    };
    (store.create_invitation(new).await.expect("invite"), token)
}

/// A new account for the invitation's email joins its club through it: answers the user and
/// their membership.
async fn join_as_new_user(store: &dyn Store, invitation: &Invitation) -> (User, Member) {
    let (user, member) = store
        .accept_invitation_as_new_user(invitation.id, new_user(&invitation.email), t0())
        .await
        .expect("join");
    let member = store
        .member(invitation.club_id, member)
        .await
        .expect("m")
        .expect("member");
    (user, member)
}

/// How many of the club's invitations can still be used at `at`.
async fn pending_count(store: &dyn Store, club: ClubId, at: DateTime<Utc>) -> usize {
    store.pending_invitations(club, at).await.expect("pending").len()
}

/// Checks that changing `member`'s role (to `role`) and removing them, with the version read,
/// are both refused with `refusal`.
async fn member_changes_are_refused(
    store: &dyn Store,
    club: ClubId,
    member: &Member,
    role: Role,
    refusal: StoreError,
) {
    assert_eq!(
        store
            .set_member_role(Versioned::new(club, member.id, member.version), role)
            .await
            .err(),
        Some(refusal.clone())
    );
    assert_eq!(
        store
            .remove_member(Versioned::new(club, member.id, member.version))
            .await
            .err(),
        Some(refusal)
    );
}

async fn sign_up_creates_owner_and_club(store: Arc<dyn Store>) {
    let (user, club) = club_with_owner(&*store, "owner@club.fr", "Haltéro Lyon").await;
    assert_eq!(
        store.club_name(club).await.expect("club"),
        Some("Haltéro Lyon".into())
    );
    let memberships = store.memberships(user).await.expect("memberships");
    assert_eq!(memberships.len(), 1);
    assert_eq!(memberships[0].role, Role::Owner);
    assert_eq!(memberships[0].club_name, "Haltéro Lyon");
    let (found, hash) = store
        .user_credentials("owner@club.fr")
        .await
        .expect("lookup")
        .expect("found");
    assert_eq!(found.id, user);
    assert_eq!(hash, "hash");
    assert_eq!(store.owner_count(club).await.expect("count"), 1);
    assert!(
        store
            .user_credentials("nobody@club.fr")
            .await
            .expect("lookup")
            .is_none()
    );
}

async fn emails_are_unique(store: Arc<dyn Store>) {
    club_with_owner(&*store, "owner@club.fr", "A").await;
    let again = store
        .create_user_with_club(
            NewClub {
                owner: new_user("owner@club.fr"),
                name: "B",
                catalogue: &small_catalogue(),
            },
            t0(),
        )
        .await;
    assert_eq!(again.err(), Some(StoreError::Duplicate));
    // Nothing of the refused sign-up remains: no club "B" for anybody.
    let (other, _) = club_with_owner(&*store, "other@club.fr", "C").await;
    let names: Vec<_> = store
        .memberships(other)
        .await
        .expect("m")
        .into_iter()
        .map(|m| m.club_name)
        .collect();
    assert_eq!(names, ["C"]);
}

async fn session_generation_bumps(store: Arc<dyn Store>) {
    let (user, _) = club_with_owner(&*store, "owner@club.fr", "A").await;
    let generation = || async {
        let user = store.user(user).await.expect("user").expect("some");
        user.session_generation
    };
    assert_eq!(generation().await, 0);
    assert_eq!(store.bump_session_generation(user).await.expect("bump"), 1);
    assert_eq!(generation().await, 1);
}

async fn members_are_scoped_to_their_club(store: Arc<dyn Store>) {
    let (owner_a, club_a) = club_with_owner(&*store, "a@club.fr", "A").await;
    let (_, club_b) = club_with_owner(&*store, "b@club.fr", "B").await;
    let member_a = member_of(&*store, club_a, owner_a).await;
    assert!(store.member(club_a, member_a.id).await.expect("m").is_some());
    assert!(
        store.member(club_b, member_a.id).await.expect("m").is_none(),
        "foreign club sees nothing"
    );
    member_changes_are_refused(&*store, club_b, &member_a, Role::Coach, StoreError::NotFound).await;
    assert_eq!(store.members(club_b).await.expect("members").len(), 1);
}

async fn role_change_checks_version(store: Arc<dyn Store>) {
    let (owner, club) = club_with_owner(&*store, "owner@club.fr", "A").await;
    let (invitation, _) = invite(&*store, club, owner, "coach@club.fr", Role::Coach, 1).await;
    let (_, coach) = join_as_new_user(&*store, &invitation).await;
    assert_eq!(coach.role, Role::Coach);
    let promoted = store
        .set_member_role(Versioned::new(club, coach.id, coach.version), Role::Admin)
        .await
        .expect("promote");
    assert_eq!(promoted.role, Role::Admin);
    assert_eq!(promoted.version, coach.version + 1);
    // A second edit based on the version read before the first is refused.
    member_changes_are_refused(&*store, club, &coach, Role::Athlete, StoreError::Conflict).await;
    store
        .remove_member(Versioned::new(club, coach.id, promoted.version))
        .await
        .expect("remove");
    assert!(store.member(club, coach.id).await.expect("m").is_none());
}

async fn last_owner_is_kept_by_the_database(store: Arc<dyn Store>) {
    let (owner, club) = club_with_owner(&*store, "owner@club.fr", "A").await;
    let me = member_of(&*store, club, owner).await;
    member_changes_are_refused(&*store, club, &me, Role::Admin, StoreError::Conflict).await;
    assert_eq!(store.owner_count(club).await.expect("count"), 1);
    // With a second owner, the first may step down.
    let (invitation, _) = invite(&*store, club, owner, "second@club.fr", Role::Owner, 2).await;
    join_as_new_user(&*store, &invitation).await;
    assert_eq!(store.owner_count(club).await.expect("count"), 2);
    let stepped_down = store
        .set_member_role(Versioned::new(club, me.id, me.version), Role::Admin)
        .await
        .expect("step down");
    assert_eq!(stepped_down.role, Role::Admin);
}

async fn invitations_are_single_use(store: Arc<dyn Store>) {
    let (owner, club) = club_with_owner(&*store, "owner@club.fr", "A").await;
    let (other, _) = club_with_owner(&*store, "other@club.fr", "B").await;
    let (third, _) = club_with_owner(&*store, "third@club.fr", "C").await;
    let (created, token) = invite(&*store, club, owner, "other@club.fr", Role::Athlete, 3).await;
    assert_eq!(created.invited_by, "Name of owner@club.fr");
    let (found, club_name) = store
        .invitation_by_token(&token.hash())
        .await
        .expect("by token")
        .expect("found");
    assert_eq!((found.id, club_name.as_str()), (created.id, "A"));
    assert_eq!(pending_count(&*store, club, t0()).await, 1);

    store
        .accept_invitation(created.id, other, t0() + Duration::hours(1))
        .await
        .expect("accept");
    assert_eq!(
        store
            .accept_invitation(created.id, third, t0() + Duration::hours(2))
            .await
            .err(),
        Some(StoreError::Conflict),
        "a used link cannot be used again"
    );
    assert_eq!(pending_count(&*store, club, t0()).await, 0);
    let members = store.members(club).await.expect("members");
    assert_eq!(members.len(), 2);
    assert!(members.iter().any(|m| m.role == Role::Athlete));
    // Joining a club one already belongs to is refused and leaves the invitation unused.
    let (again, _) = invite(&*store, club, owner, "other@club.fr", Role::Coach, 4).await;
    assert_eq!(
        store.accept_invitation(again.id, other, t0()).await.err(),
        Some(StoreError::Duplicate)
    );
    assert_eq!(pending_count(&*store, club, t0()).await, 1);
}

async fn expired_and_revoked_invitations_cannot_be_used(store: Arc<dyn Store>) {
    let (owner, club) = club_with_owner(&*store, "owner@club.fr", "A").await;
    let (_, other_club) = club_with_owner(&*store, "x@club.fr", "X").await;
    let (user, _) = club_with_owner(&*store, "joiner@club.fr", "B").await;
    let (expiring, _) = invite(&*store, club, owner, "joiner@club.fr", Role::Coach, 5).await;
    assert_eq!(
        store
            .accept_invitation(expiring.id, user, t0() + Duration::days(8))
            .await
            .err(),
        Some(StoreError::Conflict)
    );
    assert_eq!(pending_count(&*store, club, t0() + Duration::days(8)).await, 0);

    let (revoked, _) = invite(&*store, club, owner, "joiner@club.fr", Role::Coach, 6).await;
    assert_eq!(
        store.revoke_invitation(other_club, revoked.id, t0()).await.err(),
        Some(StoreError::NotFound),
        "another club cannot revoke it"
    );
    store
        .revoke_invitation(club, revoked.id, t0())
        .await
        .expect("revoke");
    assert_eq!(
        store.revoke_invitation(club, revoked.id, t0()).await.err(),
        Some(StoreError::NotFound)
    );
    assert_eq!(
        store.accept_invitation(revoked.id, user, t0()).await.err(),
        Some(StoreError::Conflict)
    );
    assert!(store.member_by_user(club, user).await.expect("m").is_none());
}

async fn new_user_joins_through_invitation(store: Arc<dyn Store>) {
    let (owner, club) = club_with_owner(&*store, "owner@club.fr", "A").await;
    let (inv, _) = invite(&*store, club, owner, "owner@club.fr", Role::Coach, 7).await;
    // The email already has an account: refused, and the invitation stays usable.
    assert_eq!(
        store
            .accept_invitation_as_new_user(inv.id, new_user("owner@club.fr"), t0())
            .await
            .err(),
        Some(StoreError::Duplicate)
    );
    assert_eq!(pending_count(&*store, club, t0()).await, 1);

    let (invitation, _) = invite(&*store, club, owner, "coach@club.fr", Role::Coach, 8).await;
    let (user, joined) = join_as_new_user(&*store, &invitation).await;
    assert_eq!(
        (joined.user_id, joined.role, joined.email.as_str()),
        (user.id, Role::Coach, "coach@club.fr")
    );
}

/// An update that counts one more event in a 15-minute window starting at `at`.
fn count_at(at: DateTime<Utc>) -> impl Fn(Option<Counter>) -> Counter + Send + Sync {
    move |old| Limits::count(old, at, Duration::minutes(15))
}

async fn throttle_counters_are_read_and_replaced_per_key(store: Arc<dyn Store>) {
    let (a, b) = (Key::account("a@club.fr"), Key::account("b@club.fr"));
    assert_eq!(store.throttle(&a).await.expect("read"), None);
    for (minutes, want) in [(0, 1), (5, 2), (10, 3)] {
        let (_, after) = store
            .update_throttle(&a, &count_at(t0() + Duration::minutes(minutes)))
            .await
            .expect("count");
        assert_eq!(after.count, want);
    }
    let (before, after) = store.update_throttle(&b, &count_at(t0())).await.expect("count");
    assert_eq!((before, after.count), (None, 1), "keys count apart");
    let stored = store.throttle(&a).await.expect("read").expect("a counter");
    assert_eq!((stored.count, stored.window_start), (3, t0()));
    // The schedule's time is kept as written.
    let later = t0() + Duration::seconds(90);
    store
        .update_throttle(&a, &|old| Counter {
            next_at: later,
            ..old.expect("a counter")
        })
        .await
        .expect("schedule");
    assert_eq!(
        store.throttle(&a).await.expect("read").map(|c| c.next_at),
        Some(later)
    );
    // Once its window is over, a key counts from one again.
    let (_, after) = store
        .update_throttle(&b, &count_at(t0() + Duration::minutes(40)))
        .await
        .expect("count");
    assert_eq!(after.count, 1);
    // Old counters are forgotten, not those still counting.
    assert_eq!(
        store
            .forget_throttles(t0() + Duration::minutes(30))
            .await
            .expect("forget"),
        1,
        "a's window started at minute 0; b's again at minute 40"
    );
    assert_eq!(store.throttle(&a).await.expect("read"), None);
}

async fn concurrent_updates_each_see_the_one_before(store: Arc<dyn Store>) {
    let key = Key::account("target@club.fr");
    let hits = (0..40).map(|_| {
        let store = store.clone();
        let key = key.clone();
        async move {
            store
                .update_throttle(&key, &count_at(t0()))
                .await
                .expect("count")
                .1
                .count
        }
    });
    let mut counts = futures_util::future::join_all(hits).await;
    counts.sort_unstable();
    assert_eq!(
        counts,
        (1..=40).collect::<Vec<u32>>(),
        "no two attempts read the same count"
    );
}

async fn known_devices_belong_to_one_account(store: Arc<dyn Store>) {
    let (owner, _) = club_with_owner(&*store, "owner@club.fr", "Club").await;
    let token = DeviceToken::from_random_bytes([9; 32]);
    assert_eq!(store.device_owner(&token.hash()).await.expect("read"), None);
    store
        .remember_device(owner, &token.hash(), t0())
        .await
        .expect("remember");
    store
        .remember_device(owner, &token.hash(), t0())
        .await
        .expect("remembering twice is harmless");
    assert_eq!(
        store.device_owner(&token.hash()).await.expect("read"),
        Some(owner)
    );
    store.forget_devices(owner).await.expect("forget");
    assert_eq!(store.device_owner(&token.hash()).await.expect("read"), None);
}

// ----- Catalogue -----

fn names(fr: &str, en: &str) -> Names {
    Names {
        fr: fr.into(),
        en: en.into(),
    }
}

/// The complexes that use an exercise.
async fn complexes_using(store: &dyn Store, club: ClubId, exercise: ExerciseId) -> Vec<Label<ComplexId>> {
    store.complexes_using(club, exercise).await.expect("uses")
}

fn draft(fr: &str, en: &str, category: Option<CategoryId>) -> ExerciseDraft {
    ExerciseDraft::parse(&ExerciseInput {
        name_fr: fr.into(),
        name_en: en.into(),
        short_name: "PS".into(),
        category,
        description: "Réception au-dessus de la parallèle.".into(),
        ..ExerciseInput::default()
    })
    .expect("valid draft")
}

/// Creates an exercise of `draft(fr, en, category)`.
async fn new_exercise(
    store: &dyn Store,
    club: ClubId,
    fr: &str,
    en: &str,
    category: Option<CategoryId>,
) -> Exercise {
    store
        .create_exercise(club, &draft(fr, en, category), t0())
        .await
        .expect("create")
}

/// Renames an exercise to `draft(fr, en, None)`, with the version read.
async fn rename_exercise(
    store: &dyn Store,
    club: ClubId,
    exercise: &Exercise,
    fr: &str,
    en: &str,
) -> StoreResult<Exercise> {
    store
        .update_exercise(Versioned::new(club, exercise.id, exercise.version).edit(&draft(fr, en, None), t0()))
        .await
}

async fn exercise_named(store: &dyn Store, club: ClubId, fr: &str) -> Exercise {
    store
        .exercises(club)
        .await
        .expect("exercises")
        .into_iter()
        .find(|e| e.names.fr == fr)
        .unwrap_or_else(|| panic!("no exercise {fr}"))
}

async fn a_new_club_gets_its_starting_catalogue(store: Arc<dyn Store>) {
    let (_, club) = club_with_owner(&*store, "owner@club.fr", "A").await;
    let exercises = store.exercises(club).await.expect("exercises");
    let names: Vec<&str> = exercises.iter().map(|e| e.names.fr.as_str()).collect();
    // Sorted by name, accents ignored.
    assert_eq!(names, ["Arraché", "Développé militaire", "Squat arraché"]);
    let categories = store.categories(club).await.expect("categories");
    assert_eq!(categories.len(), 1);
    assert_eq!(exercises[0].category, Some(categories[0].id));
    assert_eq!(exercises[1].category, None);
    assert_eq!(
        store.equipment(club).await.expect("equipment")[0].names.en,
        "Barbell"
    );
    let complexes = store.complexes(club).await.expect("complexes");
    assert_eq!(complexes.len(), 1);
    assert_eq!(complexes[0].names.fr, "Arraché + Squat arraché + Squat arraché");
    // Movements keep their order, repeats included.
    assert_eq!(
        complexes[0].movements,
        vec![exercises[0].id, exercises[2].id, exercises[2].id]
    );
}

async fn the_default_catalogue_is_copied_whole(store: Arc<dyn Store>) {
    let plan = domain::catalogue::default::plan().expect("default catalogue");
    let (_, club) = store
        .create_user_with_club(
            NewClub {
                owner: new_user("owner@club.fr"),
                name: "Club",
                catalogue: plan,
            },
            t0(),
        )
        .await
        .expect("sign up");
    // How many exercises, complexes, categories and equipment the club has.
    let sizes = || async {
        [
            store.exercises(club).await.expect("e").len(),
            store.complexes(club).await.expect("c").len(),
            store.categories(club).await.expect("k").len(),
            store.equipment(club).await.expect("q").len(),
        ]
    };
    let planned = [
        plan.exercises.len(),
        plan.complexes.len(),
        plan.categories.len(),
        plan.equipment.len(),
    ];
    assert_eq!(sizes().await, planned);
    // Adding the same catalogue again clashes on names: nothing of it is added.
    assert_eq!(
        store.add_catalogue(club, plan, t0()).await,
        Err(StoreError::Duplicate)
    );
    assert_eq!(sizes().await, planned);
}

async fn exercises_are_created_and_edited_with_a_version(store: Arc<dyn Store>) {
    let (_, club) = club_with_owner(&*store, "owner@club.fr", "A").await;
    let category = store.categories(club).await.expect("k")[0].id;
    let created = new_exercise(&*store, club, "Arraché debout", "Power snatch", Some(category)).await;
    assert_eq!(
        (
            created.names.en.as_str(),
            created.short_name.as_deref(),
            created.category,
            created.version
        ),
        ("Power snatch", Some("PS"), Some(category), 1)
    );
    assert_eq!(
        store.exercise(club, created.id).await.expect("get"),
        Some(created.clone())
    );

    let edited = rename_exercise(&*store, club, &created, "Arraché en puissance", "Power snatch")
        .await
        .expect("update");
    assert_eq!(
        (edited.names.fr.as_str(), edited.category, edited.version),
        ("Arraché en puissance", None, 2)
    );
    // Someone who read version 1 cannot overwrite that change.
    let stale = rename_exercise(&*store, club, &created, "Autre nom", "Other").await;
    assert_eq!(stale, Err(StoreError::Conflict));
    assert_eq!(
        exercise_named(&*store, club, "Arraché en puissance")
            .await
            .version,
        2
    );

    let archived = store
        .set_exercise_archived(Versioned::new(club, created.id, 2).edit(true, t0()))
        .await
        .expect("archive");
    assert!(archived.archived);
    let restored = store
        .set_exercise_archived(Versioned::new(club, created.id, 3).edit(false, t0()))
        .await
        .expect("restore");
    assert!(!restored.archived);
    assert_eq!(
        store
            .set_exercise_archived(Versioned::new(club, created.id, 3).edit(true, t0()))
            .await,
        Err(StoreError::Conflict)
    );
}

async fn exercise_names_are_unique_in_a_club(store: Arc<dyn Store>) {
    let (_, club) = club_with_owner(&*store, "owner@club.fr", "A").await;
    // The same name without its accents, in another case: the same name.
    let again = store
        .create_exercise(club, &draft("ARRACHE", "Snatch 2", None), t0())
        .await;
    assert_eq!(again.err(), Some(StoreError::Duplicate));
    let english = store
        .create_exercise(club, &draft("Arraché 2", "snatch", None), t0())
        .await;
    assert_eq!(english.err(), Some(StoreError::Duplicate));
    // Renaming onto another exercise's name is refused too.
    let press = exercise_named(&*store, club, "Développé militaire").await;
    let rename = rename_exercise(&*store, club, &press, "Squat  arraché", "Overhead").await;
    assert_eq!(rename.err(), Some(StoreError::Duplicate));
    // Another club may use the name.
    let (_, other) = club_with_owner(&*store, "other@club.fr", "B").await;
    new_exercise(&*store, other, "Arraché debout", "Power snatch", None).await;
    new_exercise(&*store, club, "Arraché debout", "Power snatch", None).await;
}

async fn a_used_exercise_is_archived_never_deleted(store: Arc<dyn Store>) {
    let (_, club) = club_with_owner(&*store, "owner@club.fr", "A").await;
    let snatch = exercise_named(&*store, club, "Arraché").await;
    let used_by = complexes_using(&*store, club, snatch.id).await;
    assert_eq!(used_by.len(), 1);
    assert_eq!(used_by[0].names.fr, "Arraché + Squat arraché + Squat arraché");
    assert_eq!(
        store
            .delete_exercise(Versioned::new(club, snatch.id, snatch.version))
            .await,
        Err(StoreError::InUse)
    );
    // Archived, it still shows inside its complex.
    store
        .set_exercise_archived(Versioned::new(club, snatch.id, snatch.version).edit(true, t0()))
        .await
        .expect("archive");
    let complexes = store.complexes(club).await.expect("complexes");
    assert_eq!(complexes[0].movements[0], snatch.id);
    assert!(exercise_named(&*store, club, "Arraché").await.archived);

    let press = exercise_named(&*store, club, "Développé militaire").await;
    assert!(complexes_using(&*store, club, press.id).await.is_empty());
    assert_eq!(
        store
            .delete_exercise(Versioned::new(club, press.id, press.version + 1))
            .await,
        Err(StoreError::Conflict)
    );
    store
        .delete_exercise(Versioned::new(club, press.id, press.version))
        .await
        .expect("delete");
    assert_eq!(store.exercise(club, press.id).await.expect("get"), None);
    assert_eq!(
        store
            .delete_exercise(Versioned::new(club, press.id, press.version))
            .await,
        Err(StoreError::NotFound)
    );
}

async fn the_catalogue_is_scoped_to_its_club(store: Arc<dyn Store>) {
    let (_, mine) = club_with_owner(&*store, "owner@club.fr", "A").await;
    let (_, theirs) = club_with_owner(&*store, "other@club.fr", "B").await;
    let their_snatch = exercise_named(&*store, theirs, "Arraché").await;
    let their_category = store.categories(theirs).await.expect("k")[0].id;
    assert_eq!(store.exercise(mine, their_snatch.id).await.expect("get"), None);
    assert_eq!(
        rename_exercise(&*store, mine, &their_snatch, "Pris", "Taken").await,
        Err(StoreError::NotFound)
    );
    assert_eq!(
        store
            .set_exercise_archived(Versioned::new(mine, their_snatch.id, 1).edit(true, t0()))
            .await,
        Err(StoreError::NotFound)
    );
    assert_eq!(
        store
            .delete_exercise(Versioned::new(mine, their_snatch.id, 1))
            .await,
        Err(StoreError::NotFound)
    );
    assert!(complexes_using(&*store, mine, their_snatch.id).await.is_empty());
    // Another club's category cannot be attached to my exercise; nothing is written.
    let attempt = store
        .create_exercise(mine, &draft("Nouveau", "New", Some(their_category)), t0())
        .await;
    assert_eq!(attempt.err(), Some(StoreError::NotFound));
    assert!(
        store
            .exercises(mine)
            .await
            .expect("e")
            .iter()
            .all(|e| e.names.fr != "Nouveau")
    );
    assert_eq!(
        store.exercise(mine, ExerciseId(i64::MAX)).await.expect("get"),
        None
    );
    // Their exercise is untouched.
    assert_eq!(exercise_named(&*store, theirs, "Arraché").await, their_snatch);
}

fn complex_draft(fr: &str, movements: Vec<ExerciseId>) -> ComplexDraft {
    let names: Vec<Names> = movements
        .iter()
        .map(|m| Names {
            fr: format!("Mouvement {m}"),
            en: format!("Movement {m}"),
        })
        .collect();
    ComplexDraft::parse(fr, "", None, movements, &names).expect("valid complex")
}

async fn complexes_are_built_reordered_and_scoped(store: Arc<dyn Store>) {
    let (_, club) = club_with_owner(&*store, "owner@club.fr", "A").await;
    let snatch = exercise_named(&*store, club, "Arraché").await.id;
    let ohs = exercise_named(&*store, club, "Squat arraché").await.id;
    let press = exercise_named(&*store, club, "Développé militaire").await.id;
    let category = store.categories(club).await.expect("k")[0].id;

    let mut draft = complex_draft("", vec![press, snatch, press]);
    draft.category = Some(category);
    let created = store.create_complex(club, &draft, t0()).await.expect("create");
    assert_eq!(created.movements, vec![press, snatch, press]);
    assert_eq!(
        created.names.en,
        format!("Movement {press} + Movement {snatch} + Movement {press}")
    );
    assert_eq!(created.category, Some(category));
    assert_eq!(
        store.complex(club, created.id).await.expect("get"),
        Some(created.clone())
    );

    // Reordered and renamed, with the version read.
    let reordered = store
        .update_complex(
            Versioned::new(club, created.id, 1).edit(&complex_draft("Mon complexe", vec![snatch, ohs]), t0()),
        )
        .await
        .expect("update");
    assert_eq!(reordered.movements, vec![snatch, ohs]);
    assert_eq!(reordered.names.fr, "Mon complexe");
    assert_eq!(reordered.category, None);
    assert_eq!(reordered.version, 2);
    assert_eq!(
        store
            .update_complex(
                Versioned::new(club, created.id, 1).edit(&complex_draft("Vieux", vec![snatch, ohs]), t0())
            )
            .await,
        Err(StoreError::Conflict)
    );
    // The press is no longer used by it.
    assert!(complexes_using(&*store, club, press).await.is_empty());

    let archived = store
        .set_complex_archived(Versioned::new(club, created.id, 2).edit(true, t0()))
        .await
        .expect("archive");
    assert!(archived.archived);

    // Another club's exercises, category and complexes are out of reach.
    let (_, other) = club_with_owner(&*store, "other@club.fr", "B").await;
    let foreign = exercise_named(&*store, other, "Arraché").await.id;
    let with_foreign = store
        .create_complex(club, &complex_draft("", vec![snatch, foreign]), t0())
        .await;
    assert_eq!(with_foreign.err(), Some(StoreError::NotFound));
    let count = store.complexes(club).await.expect("c").len();
    assert_eq!(count, 2, "nothing of the refused complex was written");
    assert_eq!(store.complex(other, created.id).await.expect("get"), None);
    assert_eq!(
        store.delete_complex(Versioned::new(other, created.id, 3)).await,
        Err(StoreError::NotFound)
    );
    assert_eq!(
        store.delete_complex(Versioned::new(club, created.id, 2)).await,
        Err(StoreError::Conflict)
    );
    store
        .delete_complex(Versioned::new(club, created.id, 3))
        .await
        .expect("delete");
    assert_eq!(store.complex(club, created.id).await.expect("get"), None);
    // Its movements went with it: the exercises are free again.
    assert!(
        complexes_using(&*store, club, ohs)
            .await
            .iter()
            .all(|c| c.id != created.id)
    );
}

/// A club's catalogue as comparable data: names, short names, categories, archived states and
/// complexes with their movements' names (ids differ between clubs).
async fn snapshot(store: &dyn Store, club: ClubId) -> (Vec<String>, Vec<String>) {
    let exercises = store.exercises(club).await.expect("e");
    let categories = store.categories(club).await.expect("k");
    let name_of = |id: ExerciseId| {
        exercises
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.names.fr.clone())
            .unwrap_or_default()
    };
    let category_of = |id: Option<CategoryId>| {
        id.and_then(|id| categories.iter().find(|c| c.id == id))
            .map(|c| c.names.fr.clone())
    };
    let mut e: Vec<String> = exercises
        .iter()
        .map(|e| {
            format!(
                "{}|{}|{:?}|{:?}|{:?}|{}",
                e.names.fr,
                e.names.en,
                e.short_name,
                category_of(e.category),
                e.description,
                e.archived
            )
        })
        .collect();
    e.sort();
    let mut c: Vec<String> = store
        .complexes(club)
        .await
        .expect("c")
        .iter()
        .map(|c| {
            let movements: Vec<String> = c.movements.iter().map(|m| name_of(*m)).collect();
            format!(
                "{}|{}|{:?}|{}|{}",
                c.names.fr,
                c.names.en,
                category_of(c.category),
                movements.join(","),
                c.archived
            )
        })
        .collect();
    c.sort();
    (e, c)
}

async fn an_export_imported_into_another_club_reproduces_it(store: Arc<dyn Store>) {
    use domain::catalogue::exchange;
    let (_, source) = club_with_owner(&*store, "owner@club.fr", "Source").await;
    let category = store.categories(source).await.expect("k")[0].id;
    let banded = new_exercise(
        &*store,
        source,
        "Arraché élastiques",
        "Banded snatch",
        Some(category),
    )
    .await;
    let press = exercise_named(&*store, source, "Développé militaire").await;
    store
        .set_exercise_archived(Versioned::new(source, press.id, press.version).edit(true, t0()))
        .await
        .expect("archive");
    let ohs = exercise_named(&*store, source, "Squat arraché").await.id;
    store
        .create_complex(
            source,
            &complex_draft("Élastiques puis squat", vec![banded.id, ohs]),
            t0(),
        )
        .await
        .expect("complex");

    let file = exchange::export(
        &store.exercises(source).await.expect("e"),
        &store.complexes(source).await.expect("c"),
        &store.categories(source).await.expect("k"),
        &store.equipment(source).await.expect("q"),
    );
    let csv = exchange::to_csv(&file);

    // Another club, with its own starting catalogue, imports the CSV.
    let (_, target) = club_with_owner(&*store, "other@club.fr", "Target").await;
    let (parsed, lines) = exchange::from_csv(&csv).expect("parse");
    let existing = store.exercises(target).await.expect("e");
    let plan = exchange::check(&parsed, &lines, &existing).expect("valid");
    let counts = store.import_catalogue(target, &plan, t0()).await.expect("import");
    assert_eq!(counts.created, 2, "the new exercise and the new complex");
    assert_eq!(
        counts.updated, 4,
        "the three shared exercises and the shared complex"
    );
    assert_eq!(snapshot(&*store, target).await, snapshot(&*store, source).await);

    // Importing it again changes nothing.
    let again = store.import_catalogue(target, &plan, t0()).await.expect("import");
    assert_eq!(again.created, 0);
    assert_eq!(snapshot(&*store, target).await, snapshot(&*store, source).await);
}

async fn a_failing_import_writes_nothing(store: Arc<dyn Store>) {
    use domain::catalogue::exchange;
    let (_, club) = club_with_owner(&*store, "owner@club.fr", "A").await;
    let before = snapshot(&*store, club).await;
    // A row whose English name belongs to another exercise (the check was skipped on purpose):
    // the database refuses it, and the rows before it are rolled back.
    let file = CatalogueFile {
        exercises: vec![
            ExerciseRow::named("a", "Nouveau premier", "New first"),
            ExerciseRow::named("b", "Nouveau second", "Snatch"),
        ],
        ..CatalogueFile::default()
    };
    let plan = file.plan().expect("rows valid on their own");
    assert_eq!(
        store.import_catalogue(club, &plan, t0()).await,
        Err(StoreError::Duplicate)
    );
    assert_eq!(snapshot(&*store, club).await, before);
    // The domain check would have reported it, by line.
    let existing = store.exercises(club).await.expect("e");
    let (parsed, lines) = exchange::from_json(&exchange::to_json(&file)).expect("parse");
    let problems = exchange::check(&parsed, &lines, &existing).expect_err("refused");
    assert_eq!(problems[0].line, 2);
}

async fn categories_and_equipment_are_the_clubs_lists(store: Arc<dyn Store>) {
    use domain::catalogue::LabelKind;
    let (club, other) = two_clubs(&*store).await;
    let plyo = store
        .create_label(club, LabelKind::Category, &names("Pliométrie", "Plyometrics"))
        .await
        .expect("create");
    assert_eq!(
        store
            .create_label(club, LabelKind::Category, &names("PLIOMETRIE", "x"))
            .await,
        Err(StoreError::Duplicate)
    );
    // The same name is fine in the other list and in another club.
    assert!(
        store
            .create_label(club, LabelKind::Equipment, &names("Pliométrie", "x"))
            .await
            .is_ok()
    );
    assert!(
        store
            .create_label(other, LabelKind::Category, &names("Pliométrie", "x"))
            .await
            .is_ok()
    );
    store
        .rename_label(club, LabelKind::Category, plyo, &names("Sauts", "Jumps"))
        .await
        .expect("rename");
    let categories = store.categories(club).await.expect("k");
    assert!(categories.iter().any(|c| c.id.0 == plyo && c.names.en == "Jumps"));

    // Uses: the small catalogue's snatch category has two exercises and one complex.
    let snatch_category = categories
        .iter()
        .find(|c| c.names.fr == "Arraché")
        .expect("category")
        .id;
    let uses = store.label_uses(club, LabelKind::Category).await.expect("uses");
    assert!(uses.contains(&(snatch_category.0, 3)), "{uses:?}");
    assert!(uses.contains(&(plyo, 0)));

    // Deleting a category leaves its exercises without one.
    store
        .delete_label(club, LabelKind::Category, snatch_category.0)
        .await
        .expect("delete");
    assert_eq!(exercise_named(&*store, club, "Arraché").await.category, None);

    // Another club's entries are out of reach.
    assert_eq!(
        store
            .rename_label(other, LabelKind::Category, plyo, &names("Pris", "Taken"))
            .await,
        Err(StoreError::NotFound)
    );
    assert_eq!(
        store.delete_label(other, LabelKind::Category, plyo).await,
        Err(StoreError::NotFound)
    );
}

async fn exercise_media_keys_are_set_replaced_and_scoped(store: Arc<dyn Store>) {
    use domain::media::Slot;
    let (club, other) = two_clubs(&*store).await;
    let snatch = exercise_named(&*store, club, "Arraché").await;
    let set = |key: Option<&'static str>, slot| {
        let store = store.clone();
        async move { store.set_exercise_media(club, snatch.id, slot, key).await }
    };
    assert_eq!(set(Some("c1/e1-image-a.png"), Slot::Image).await, Ok(None));
    assert_eq!(
        set(Some("c1/e1-image-b.png"), Slot::Image).await,
        Ok(Some("c1/e1-image-a.png".into()))
    );
    assert_eq!(set(Some("c1/e1-video-c.mp4"), Slot::Video).await, Ok(None));
    let stored = exercise_named(&*store, club, "Arraché").await;
    assert_eq!(stored.image.as_deref(), Some("c1/e1-image-b.png"));
    assert_eq!(stored.video.as_deref(), Some("c1/e1-video-c.mp4"));
    // A media change is not an edit of the exercise: an open form keeps its version.
    assert_eq!(stored.version, snatch.version);
    assert_eq!(set(None, Slot::Image).await, Ok(Some("c1/e1-image-b.png".into())));
    assert_eq!(
        store
            .set_exercise_media(other, snatch.id, Slot::Video, None)
            .await,
        Err(StoreError::NotFound)
    );
    assert_eq!(
        exercise_named(&*store, club, "Arraché").await.video.as_deref(),
        Some("c1/e1-video-c.mp4")
    );
}

/// The in-memory catalogue cache trusts this version: any change a reader could see must move it.
async fn every_catalogue_change_moves_the_catalogue_version(store: Arc<dyn Store>) {
    use domain::catalogue::LabelKind;
    let (club, other) = two_clubs(&*store).await;
    let version = || async { store.catalogue_version(club).await.expect("version") };
    let other_version = store.catalogue_version(other).await.expect("version");
    let mut seen = vec![version().await];
    let mut moved = |now: i64, what: &str| {
        assert!(!seen.contains(&now), "{what} did not move the catalogue version");
        seen.push(now);
    };

    let created = new_exercise(&*store, club, "Arraché force", "Muscle snatch", None).await;
    moved(version().await, "creating an exercise");
    let edited = rename_exercise(&*store, club, &created, "Arraché en force", "Muscle snatch")
        .await
        .expect("edit");
    moved(version().await, "editing an exercise");
    let archived = store
        .set_exercise_archived(Versioned::new(club, created.id, edited.version).edit(true, t0()))
        .await
        .expect("archive");
    moved(version().await, "archiving an exercise");
    store
        .set_exercise_media(
            club,
            created.id,
            domain::media::Slot::Image,
            Some("c1/e1-image-x.png"),
        )
        .await
        .expect("media");
    moved(version().await, "setting an image");
    let fresh = store
        .exercise(club, created.id)
        .await
        .expect("get")
        .expect("found");
    assert!(fresh.version >= archived.version);
    store
        .delete_exercise(Versioned::new(club, created.id, fresh.version))
        .await
        .expect("delete");
    moved(version().await, "deleting an exercise");

    let snatch = exercise_named(&*store, club, "Arraché").await.id;
    let complex = store
        .create_complex(club, &complex_draft("Deux arrachés", vec![snatch, snatch]), t0())
        .await
        .expect("complex");
    moved(version().await, "creating a complex");
    store
        .update_complex(Versioned::new(club, complex.id, complex.version).edit(
            &complex_draft("Trois arrachés", vec![snatch, snatch, snatch]),
            t0(),
        ))
        .await
        .expect("complex edit");
    moved(version().await, "editing a complex");

    let plyometrics = names("Pliométrie", "Plyometrics");
    let label = store
        .create_label(club, LabelKind::Category, &plyometrics)
        .await
        .expect("label");
    moved(version().await, "adding a category");
    store
        .rename_label(club, LabelKind::Category, label, &names("Sauts", "Jumps"))
        .await
        .expect("rename");
    moved(version().await, "renaming a category");
    let bar = store
        .create_label(club, LabelKind::Equipment, &plyometrics)
        .await
        .expect("equipment");
    moved(version().await, "adding equipment");
    store
        .delete_label(club, LabelKind::Equipment, bar)
        .await
        .expect("delete equipment");
    moved(version().await, "deleting equipment");

    assert_eq!(
        store.catalogue_version(other).await.expect("version"),
        other_version,
        "another club's changes leave this one's version alone"
    );
    assert_eq!(
        store.catalogue_version(ClubId(999_999)).await,
        Err(StoreError::NotFound)
    );
}

async fn an_identity_holds_the_user_and_every_membership(store: Arc<dyn Store>) {
    let (owner, zeta) = club_with_owner(&*store, "owner@club.fr", "Zeta").await;
    let (other_owner, alpha) = club_with_owner(&*store, "alpha@club.fr", "Alpha").await;
    let (inv, _) = invite(&*store, alpha, other_owner, "owner@club.fr", Role::Coach, 9).await;
    store.accept_invitation(inv.id, owner, t0()).await.expect("join");

    let identity = store
        .identity(owner)
        .await
        .expect("identity")
        .expect("known user");
    assert_eq!(
        Some(identity.user.clone()),
        store.user(owner).await.expect("user")
    );
    let names: Vec<&str> = identity.clubs.iter().map(|c| c.club_name.as_str()).collect();
    assert_eq!(names, ["Alpha", "Zeta"], "clubs come by name");
    assert_eq!(
        identity.clubs,
        store.memberships(owner).await.expect("memberships")
    );
    for club in [alpha, zeta] {
        assert_eq!(
            identity.member_of(club).cloned(),
            store.member_by_user(club, owner).await.expect("member"),
        );
    }
    assert_eq!(identity.member_of(alpha).map(|m| m.role), Some(Role::Coach));
    assert_eq!(identity.member_of(zeta).map(|m| m.role), Some(Role::Owner));

    // Removed from a club: that membership is gone from the identity.
    let member = member_of(&*store, alpha, owner).await;
    store
        .remove_member(Versioned::new(alpha, member.id, member.version))
        .await
        .expect("remove");
    let identity = store
        .identity(owner)
        .await
        .expect("identity")
        .expect("known user");
    assert_eq!(identity.members.len(), 1);
    assert!(identity.member_of(alpha).is_none());

    assert_eq!(store.identity(UserId(999_999)).await, Ok(None));
}

fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).expect("valid day")
}

fn athlete_draft(first: &str, last: &str, sex: &str) -> domain::athlete::AthleteDraft {
    domain::athlete::AthleteDraft::parse(
        &domain::athlete::AthleteInput {
            first_name: first.into(),
            last_name: last.into(),
            birth_date: "2008-03-14".into(),
            sex: sex.into(),
            licence: "FFHM-1234".into(),
            notes: String::new(),
            email: format!("{}@club.fr", first.to_lowercase()),
        },
        day(2026, 11, 21),
    )
    .expect("valid athlete")
}

/// Creates an athlete of `athlete_draft(first, last, sex)`, linked to no member.
async fn new_athlete(store: &dyn Store, club: ClubId, first: &str, last: &str, sex: &str) -> Athlete {
    store
        .create_athlete(club, &athlete_draft(first, last, sex), None, t0())
        .await
        .expect("create")
}

async fn athletes_are_created_edited_archived_and_scoped(store: Arc<dyn Store>) {
    let (owner, club) = club_with_owner(&*store, "owner@club.fr", "A").await;
    let (_, other) = club_with_owner(&*store, "other@club.fr", "B").await;
    let zoe = new_athlete(&*store, club, "Zoé", "Martin", "women").await;
    assert_eq!(
        (zoe.member, zoe.birth_date, zoe.version),
        (None, Some(day(2008, 3, 14)), 1)
    );
    let adam = new_athlete(&*store, club, "Adam", "Bernard", "men").await;
    let names: Vec<String> = store
        .athletes(club)
        .await
        .expect("list")
        .iter()
        .map(|a| a.full_name())
        .collect();
    assert_eq!(names, ["Adam Bernard", "Zoé Martin"], "by last name");
    assert!(store.athletes(other).await.expect("list").is_empty());
    assert_eq!(
        store.athlete(other, zoe.id).await,
        Ok(None),
        "another club's athlete is not found"
    );

    let edited = store
        .update_athlete(
            Versioned::new(club, zoe.id, zoe.version)
                .edit(&athlete_draft("Zoé", "Martin-Roux", "women"), t0()),
        )
        .await
        .expect("edit");
    assert_eq!((edited.last_name.as_str(), edited.version), ("Martin-Roux", 2));
    let roux = athlete_draft("Zoé", "Roux", "women");
    for (club, version, refusal, why) in [
        (
            club,
            zoe.version,
            StoreError::Conflict,
            "a stale version is refused",
        ),
        (
            other,
            edited.version,
            StoreError::NotFound,
            "another club's athlete is not found",
        ),
    ] {
        assert_eq!(
            store
                .update_athlete(Versioned::new(club, zoe.id, version).edit(&roux, t0()))
                .await,
            Err(refusal),
            "{why}"
        );
    }
    let archived = store
        .set_athlete_archived(Versioned::new(club, adam.id, adam.version).edit(true, t0()))
        .await
        .expect("archive");
    assert!(archived.archived);

    // A profile linked to a member: one per member, members of this club only.
    let member = member_of(&*store, club, owner).await;
    let linked = store
        .create_athlete(
            club,
            &athlete_draft("Olga", "Owner", "women"),
            Some(member.id),
            t0(),
        )
        .await
        .expect("linked");
    assert_eq!(linked.member, Some(member.id));
    assert_eq!(store.athlete_of_member(club, member.id).await, Ok(Some(linked)));
    for (club, last_name, refusal, why) in [
        (club, "Bis", StoreError::Duplicate, "a member has one profile"),
        (
            other,
            "Ter",
            StoreError::NotFound,
            "a member of another club cannot be linked",
        ),
    ] {
        let draft = athlete_draft("Olga", last_name, "women");
        assert_eq!(
            store
                .create_athlete(club, &draft, Some(member.id), t0())
                .await
                .err(),
            Some(refusal),
            "{why}"
        );
    }
}

async fn weighings_and_levels_keep_their_history(store: Arc<dyn Store>) {
    use domain::competition::{CompetitorLevel, LevelChange, LevelStatus, Weighing};
    use domain::weight::Kg;
    let (club, other) = two_clubs(&*store).await;
    let lea = new_athlete(&*store, club, "Léa", "Petit", "women").await;
    let weigh = |date, grams| Weighing {
        date,
        weight: Kg::from_grams(grams),
    };
    store
        .record_weighing(club, lea.id, weigh(day(2026, 10, 1), 63_400))
        .await
        .expect("weigh");
    store
        .record_weighing(club, lea.id, weigh(day(2026, 9, 1), 64_100))
        .await
        .expect("weigh");
    store
        .record_weighing(club, lea.id, weigh(day(2026, 10, 1), 63_200))
        .await
        .expect("same day replaces");
    assert_eq!(
        store.weighings(club, lea.id).await.expect("list"),
        [weigh(day(2026, 9, 1), 64_100), weigh(day(2026, 10, 1), 63_200)]
    );
    assert_eq!(store.club_weighings(club).await.expect("club").len(), 2);
    assert_eq!(
        store
            .record_weighing(other, lea.id, weigh(day(2026, 10, 2), 1_000))
            .await,
        Err(StoreError::NotFound)
    );
    assert!(store.weighings(other, lea.id).await.expect("list").is_empty());
    assert_eq!(
        store.delete_weighing(other, lea.id, day(2026, 9, 1)).await,
        Err(StoreError::NotFound)
    );
    store
        .delete_weighing(club, lea.id, day(2026, 9, 1))
        .await
        .expect("delete");
    assert_eq!(store.weighings(club, lea.id).await.expect("list").len(), 1);

    store
        .record_level(
            club,
            lea.id,
            LevelChange {
                level: CompetitorLevel::Regional,
                start: day(2025, 9, 1),
            },
        )
        .await
        .expect("level");
    store
        .record_level(
            club,
            lea.id,
            LevelChange {
                level: CompetitorLevel::National,
                start: day(2026, 6, 1),
            },
        )
        .await
        .expect("level");
    assert_eq!(
        store.levels(club, lea.id).await.expect("levels"),
        [
            LevelStatus {
                level: CompetitorLevel::Regional,
                start: day(2025, 9, 1),
                end: Some(day(2026, 6, 1)),
            },
            LevelStatus {
                level: CompetitorLevel::National,
                start: day(2026, 6, 1),
                end: None,
            },
        ],
        "a new level closes the previous one"
    );
    assert_eq!(
        store
            .record_level(
                club,
                lea.id,
                LevelChange {
                    level: CompetitorLevel::Elite,
                    start: day(2026, 6, 1)
                }
            )
            .await,
        Err(StoreError::Conflict),
        "a level cannot start before the open one"
    );
    assert_eq!(
        store.current_levels(club).await.expect("current"),
        [(lea.id, CompetitorLevel::National)]
    );
    assert_eq!(
        store
            .record_level(
                other,
                lea.id,
                LevelChange {
                    level: CompetitorLevel::Elite,
                    start: day(2026, 7, 1)
                }
            )
            .await,
        Err(StoreError::NotFound)
    );
}

async fn maxes_are_recorded_versioned_and_scoped(store: Arc<dyn Store>) {
    use domain::maxes::{Max, MaxKind};
    use domain::weight::Kg;
    let (club, other) = two_clubs(&*store).await;
    let lea = new_athlete(&*store, club, "Léa", "Petit", "women").await;
    let snatch = exercise_named(&*store, club, "Arraché").await;
    let foreign_snatch = exercise_named(&*store, other, "Arraché").await.id;
    let max = |exercise, grams, kind| Max {
        exercise,
        date: day(2026, 10, 12),
        weight: Kg::from_grams(grams),
        kind,
    };
    let first = store
        .create_max(club, lea.id, &max(snatch.id, 70_000, MaxKind::Tested), t0())
        .await
        .expect("record");
    assert_eq!(
        (first.athlete, first.max.weight, first.version),
        (lea.id, Kg::whole(70), 1)
    );
    let foreign = max(foreign_snatch, 70_000, MaxKind::Tested);
    for (club, why) in [
        (club, "another club's exercise"),
        (other, "another club's athlete"),
    ] {
        assert_eq!(
            store.create_max(club, lea.id, &foreign, t0()).await.err(),
            Some(StoreError::NotFound),
            "{why}"
        );
    }
    let edited = store
        .update_max(
            Versioned::new(club, first.id, first.version),
            &max(snatch.id, 72_500, MaxKind::Competition),
        )
        .await
        .expect("edit");
    assert_eq!(
        (edited.max.weight, edited.max.kind, edited.version),
        (Kg::from_grams(72_500), MaxKind::Competition, 2)
    );
    assert_eq!(
        store
            .update_max(
                Versioned::new(club, first.id, first.version),
                &max(snatch.id, 75_000, MaxKind::Tested)
            )
            .await,
        Err(StoreError::Conflict)
    );
    assert_eq!(
        store
            .update_max(
                Versioned::new(club, first.id, edited.version),
                &max(foreign_snatch, 75_000, MaxKind::Tested)
            )
            .await,
        Err(StoreError::NotFound)
    );
    assert_eq!(
        store.maxes(club, lea.id).await.expect("maxes"),
        std::slice::from_ref(&edited)
    );
    assert_eq!(
        store.club_maxes(club).await.expect("club maxes"),
        std::slice::from_ref(&edited)
    );
    assert!(store.maxes(other, lea.id).await.expect("maxes").is_empty());
    assert_eq!(store.recorded_max(other, first.id).await, Ok(None));

    // An exercise with a max is archived, never deleted.
    assert_eq!(
        store
            .delete_exercise(Versioned::new(club, snatch.id, snatch.version))
            .await,
        Err(StoreError::InUse)
    );
    assert_eq!(
        store
            .delete_max(Versioned::new(club, first.id, first.version))
            .await,
        Err(StoreError::Conflict)
    );
    assert_eq!(
        store
            .delete_max(Versioned::new(other, first.id, edited.version))
            .await,
        Err(StoreError::NotFound)
    );
    store
        .delete_max(Versioned::new(club, first.id, edited.version))
        .await
        .expect("delete");
    assert!(store.maxes(club, lea.id).await.expect("maxes").is_empty());
}

async fn groups_hold_athletes(store: Arc<dyn Store>) {
    let (club, other) = two_clubs(&*store).await;
    let lea = new_athlete(&*store, club, "Léa", "Petit", "women").await;
    let tom = new_athlete(&*store, club, "Tom", "Arnaud", "men").await;
    let juniors = store.create_group(club, "Juniors", t0()).await.expect("group");
    let team = store.create_group(club, "Équipe", t0()).await.expect("group");
    assert_eq!(
        store.create_group(club, "JUNIORS", t0()).await.err(),
        Some(StoreError::Duplicate),
        "names are unique without case or accents"
    );
    assert!(
        store.create_group(other, "Juniors", t0()).await.is_ok(),
        "another club may use it"
    );

    for (group, athlete) in [
        (juniors.id, lea.id),
        (juniors.id, tom.id),
        (team.id, lea.id),
        (juniors.id, lea.id),
    ] {
        store
            .set_in_group(
                club,
                GroupChange {
                    group,
                    athlete,
                    member: true,
                },
            )
            .await
            .expect("add");
    }
    store
        .set_in_group(
            club,
            GroupChange {
                group: juniors.id,
                athlete: tom.id,
                member: false,
            },
        )
        .await
        .expect("remove");
    let groups = store.groups(club).await.expect("groups");
    let summary: Vec<(&str, Vec<AthleteId>)> = groups
        .iter()
        .map(|g| (g.name.as_str(), g.athletes.clone()))
        .collect();
    assert_eq!(summary, [("Équipe", vec![lea.id]), ("Juniors", vec![lea.id])]);
    assert_eq!(
        store
            .set_in_group(
                other,
                GroupChange {
                    group: juniors.id,
                    athlete: lea.id,
                    member: true
                }
            )
            .await,
        Err(StoreError::NotFound)
    );

    let renamed = store
        .rename_group(Versioned::new(club, juniors.id, juniors.version), "Juniors U17")
        .await
        .expect("rename");
    assert_eq!((renamed.name.as_str(), renamed.version), ("Juniors U17", 2));
    assert_eq!(
        store
            .rename_group(Versioned::new(club, juniors.id, juniors.version), "U20")
            .await,
        Err(StoreError::Conflict)
    );
    assert_eq!(
        store
            .rename_group(Versioned::new(club, juniors.id, renamed.version), "Équipe")
            .await,
        Err(StoreError::Duplicate)
    );
    let archived = store
        .set_group_archived(Versioned::new(club, juniors.id, renamed.version).edit(true, t0()))
        .await
        .expect("archive");
    assert!(archived.archived);
    assert_eq!(
        archived.athletes,
        [lea.id],
        "an archived group keeps its athletes"
    );
    assert_eq!(
        store
            .set_group_archived(Versioned::new(other, juniors.id, archived.version).edit(false, t0()))
            .await,
        Err(StoreError::NotFound)
    );
}

async fn athletes_are_imported_all_or_nothing(store: Arc<dyn Store>) {
    use domain::athlete_import::{self, AthleteImportPlan, AthleteImportRow, ImportIssue};
    let (club, other) = two_clubs(&*store).await;
    let team = store.create_group(club, "Équipe", t0()).await.expect("group");
    let today = day(2026, 11, 21);
    let csv = "Prénom;Nom;Date de naissance;Sexe;Groupes\n\
               Léa;Petit;14/03/2008;F;EQUIPE|Débutants\n\
               Tom;Arnaud;2007-01-02;H;débutants\n";
    let plan =
        athlete_import::plan(csv, &store.athletes(club).await.expect("athletes"), today).expect("valid file");
    assert_eq!(store.import_athletes(club, &plan, t0()).await, Ok(2));

    let athletes = store.athletes(club).await.expect("athletes");
    let names: Vec<String> = athletes.iter().map(|a| a.full_name()).collect();
    assert_eq!(names, ["Tom Arnaud", "Léa Petit"]);
    let (tom, lea) = (athletes[0].id, athletes[1].id);
    assert_eq!(athletes[1].birth_date, Some(day(2008, 3, 14)));
    let groups = store.groups(club).await.expect("groups");
    let summary: Vec<(&str, Vec<AthleteId>)> = groups
        .iter()
        .map(|g| (g.name.as_str(), g.athletes.clone()))
        .collect();
    assert_eq!(
        summary,
        [("Débutants", vec![tom, lea]), ("Équipe", vec![lea])],
        "the existing group is found despite case and accents, the new one created once"
    );
    assert_eq!(groups[1].id, team.id);
    assert!(store.athletes(other).await.expect("athletes").is_empty());
    assert_eq!(store.groups(other).await.expect("groups"), []);

    // The same file again: every row is now a duplicate, and nothing is planned.
    let problems = athlete_import::plan(csv, &athletes, today).expect_err("duplicates");
    let lines: Vec<(usize, &ImportIssue)> = problems.iter().map(|p| (p.line, &p.problem)).collect();
    assert_eq!(
        lines,
        [(2, &ImportIssue::Duplicate), (3, &ImportIssue::Duplicate)]
    );

    // A plan whose second row names a group twice (made by hand: the file check merges them)
    // puts that athlete in it twice; the database refuses, and the first row, the new group and
    // the second athlete are rolled back.
    let plan = AthleteImportPlan {
        rows: vec![
            AthleteImportRow {
                line: 2,
                draft: athlete_draft("Inès", "Roux", "women"),
                groups: vec!["Nouveaux".into(), "Équipe".into()],
            },
            AthleteImportRow {
                line: 3,
                draft: athlete_draft("Hugo", "Blanc", "men"),
                groups: vec!["Nouveaux".into(), "NOUVEAUX".into()],
            },
        ],
        groups: vec!["Nouveaux".into(), "Équipe".into()],
    };
    assert_eq!(
        store.import_athletes(club, &plan, t0()).await,
        Err(StoreError::Duplicate)
    );
    assert_eq!(store.athletes(club).await.expect("athletes"), athletes);
    assert_eq!(store.groups(club).await.expect("groups"), groups);
}

async fn training_settings_are_saved_whole_with_a_version(store: Arc<dyn Store>) {
    use domain::settings::{ComplexCounting, TrainingSettings};
    let (club, other) = two_clubs(&*store).await;
    let snatch = exercise_named(&*store, club, "Arraché").await.id;
    let ohs = exercise_named(&*store, club, "Squat arraché").await.id;
    assert_eq!(store.training_settings(club).await, Ok(None));
    let ids = |key: &String| match key.as_str() {
        "snatch" => Some(snatch),
        "overhead_squat" => Some(ohs),
        _ => None,
    };
    let mut settings: TrainingSettings<ExerciseId> = TrainingSettings::default().map_exercises(ids);
    assert_eq!(
        store.save_training_settings(club, &settings, None, t0()).await,
        Ok(1)
    );
    assert_eq!(
        store.save_training_settings(club, &settings, None, t0()).await,
        Err(StoreError::Conflict),
        "a second first save is a conflict"
    );
    settings.lift_count_threshold = 70;
    settings.complex_counting = ComplexCounting::MainLiftOnly;
    assert_eq!(
        store.save_training_settings(club, &settings, Some(1), t0()).await,
        Ok(2)
    );
    assert_eq!(
        store.save_training_settings(club, &settings, Some(1), t0()).await,
        Err(StoreError::Conflict)
    );
    assert_eq!(store.training_settings(club).await, Ok(Some((settings, 2))));
    assert_eq!(store.training_settings(other).await, Ok(None));
}

async fn a_profile_is_linked_to_one_member_of_its_club(store: Arc<dyn Store>) {
    let (owner, club) = club_with_owner(&*store, "owner@club.fr", "A").await;
    let (foreign_owner, other) = club_with_owner(&*store, "other@club.fr", "B").await;
    let member = member_of(&*store, club, owner).await;
    let foreign_member = member_of(&*store, other, foreign_owner).await;
    let zoe = new_athlete(&*store, club, "Zoé", "Martin", "women").await;
    let adam = new_athlete(&*store, club, "Adam", "Bernard", "men").await;

    assert_eq!(
        store
            .link_member(Versioned::new(club, zoe.id, zoe.version).edit(Some(foreign_member.id), t0()))
            .await,
        Err(StoreError::NotFound),
        "another club's member cannot be linked"
    );
    let linked = store
        .link_member(Versioned::new(club, zoe.id, zoe.version).edit(Some(member.id), t0()))
        .await
        .expect("link");
    assert_eq!(
        (linked.member, linked.version),
        (Some(member.id), zoe.version + 1)
    );
    assert_eq!(
        store
            .athlete_of_member(club, member.id)
            .await
            .expect("lookup")
            .map(|a| a.id),
        Some(zoe.id)
    );
    for (club, athlete, member, version, refusal, why) in [
        (
            club,
            zoe.id,
            None,
            zoe.version,
            StoreError::Conflict,
            "a stale version is refused",
        ),
        (
            club,
            adam.id,
            Some(member.id),
            adam.version,
            StoreError::Duplicate,
            "a member has one profile",
        ),
        (
            other,
            zoe.id,
            None,
            linked.version,
            StoreError::NotFound,
            "another club's profile is not found",
        ),
    ] {
        assert_eq!(
            store
                .link_member(Versioned::new(club, athlete, version).edit(member, t0()))
                .await,
            Err(refusal),
            "{why}"
        );
    }
    let unlinked = store
        .link_member(Versioned::new(club, zoe.id, linked.version).edit(None, t0()))
        .await
        .expect("unlink");
    assert_eq!(unlinked.member, None);
    assert_eq!(store.athlete_of_member(club, member.id).await, Ok(None));
}

/// Readiness proves a write, and notices a SQLite file deleted while serving.
#[tokio::test]
async fn readiness_needs_a_database_that_takes_writes() {
    let fresh = Fresh::sqlite().await;
    fresh
        .db
        .check_writable(t0())
        .await
        .expect("a fresh database takes writes");
    let Database::Sqlite(pool) = &fresh.db else {
        panic!("a SQLite database")
    };
    let path = pool.connect_options().get_filename().to_path_buf();
    std::fs::remove_file(&path).expect("delete the file");
    assert!(
        matches!(
            fresh.db.check_writable(t0()).await,
            Err(store::NotReady::FileMissing(_))
        ),
        "a deleted file is noticed"
    );
    if let Some(fresh) = Fresh::postgres().await {
        fresh
            .db
            .check_writable(t0())
            .await
            .expect("PostgreSQL takes writes");
        fresh.finish().await;
    }
}

/// A lost SQLite file is not silently replaced by an empty database when serving starts: only
/// `dropit migrate` creates one.
#[tokio::test]
async fn a_lost_database_file_is_not_recreated_empty() {
    let dir = std::env::temp_dir().join(format!("dropit-lost-{}", uuid::Uuid::new_v4()));
    let url = format!("sqlite://{}", dir.join("dropit.db").display());
    assert!(
        matches!(
            Database::connect(&url, Creation::Never).await,
            Err(store::ConnectError::Missing(_))
        ),
        "not even in an empty or missing folder (an unmounted volume looks like one)"
    );
    let created = Database::connect(&url, Creation::Allowed)
        .await
        .expect("`dropit migrate` creates it");
    created.migrate().await.expect("migrate");
    created.close().await;
    Database::connect(&url, Creation::Never)
        .await
        .expect("an existing file opens");
    std::fs::remove_file(dir.join("dropit.db")).expect("lose the file");
    assert!(matches!(
        Database::connect(&url, Creation::Never).await,
        Err(store::ConnectError::Missing(_))
    ));
    let _ = std::fs::remove_dir_all(&dir);
}
