//! A club's members and their roles: who manages them, and ownership.

use super::{Club, t0, today};
use crate::athlete::{AthleteDraft, AthleteInput};
use crate::membership::Member;
use crate::ports::{AccountStore, AthleteStore, ClubStore};
use crate::role::Role;
use crate::service::{self, ClubError};

/// `by` gives `target`, as they saw them, the role `role`.
async fn change_role(club: &Club, by: &Member, target: &Member, role: Role) -> Result<Member, ClubError> {
    service::change_role(&club.store, by, target.id, role, target.version).await
}

/// Asserts that `by` may neither give `target` (as they saw them) the role `role` nor remove
/// them: both answer `refusal`.
async fn assert_untouchable(club: &Club, by: &Member, target: &Member, role: Role, refusal: ClubError) {
    assert_eq!(
        change_role(club, by, target, role).await,
        Err(refusal.clone()),
        "changing the role"
    );
    assert_eq!(
        service::remove_member(&club.store, by, target.id, target.version).await,
        Err(refusal),
        "removing"
    );
}

#[tokio::test]
async fn only_admins_and_owners_see_the_members() {
    let club = Club::new().await;
    for actor in [&club.athlete, &club.coach] {
        assert_eq!(
            service::members(&club.store, actor).await,
            Err(ClubError::Forbidden)
        );
    }
    for actor in [&club.admin, &club.owner] {
        let members = service::members(&club.store, actor).await.expect("members");
        assert_eq!(members.len(), 4, "only this club's");
    }
}

#[tokio::test]
async fn coaches_and_athletes_change_no_role() {
    let club = Club::new().await;
    for actor in [&club.athlete, &club.coach] {
        assert_untouchable(&club, actor, &club.athlete, Role::Coach, ClubError::Forbidden).await;
    }
}

#[tokio::test]
async fn an_admin_changes_roles_but_never_grants_or_takes_ownership() {
    let club = Club::new().await;
    let promoted = change_role(&club, &club.admin, &club.coach, Role::Admin)
        .await
        .expect("coach to admin");
    assert_eq!(
        (promoted.role, promoted.version),
        (Role::Admin, club.coach.version + 1)
    );
    assert_eq!(
        change_role(&club, &club.admin, &club.athlete, Role::Owner).await,
        Err(ClubError::Forbidden)
    );
    assert_untouchable(&club, &club.admin, &club.owner, Role::Admin, ClubError::Forbidden).await;
    let owner = club.store.member(club.id, club.owner.id).await.expect("read");
    assert_eq!(owner.map(|m| m.role), Some(Role::Owner));
}

#[tokio::test]
async fn the_last_owner_can_neither_step_down_nor_leave() {
    let club = Club::new().await;
    let me = &club.owner;
    assert_untouchable(&club, me, me, Role::Admin, ClubError::LastOwner).await;
    assert_eq!(club.store.owner_count(club.id).await, Ok(1));
}

#[tokio::test]
async fn with_a_second_owner_the_first_may_step_down() {
    let club = Club::new().await;
    let second = change_role(&club, &club.owner, &club.admin, Role::Owner)
        .await
        .expect("an owner makes an owner");
    assert_eq!(second.role, Role::Owner);
    let stepped_down = change_role(&club, &club.owner, &club.owner, Role::Admin)
        .await
        .expect("steps down");
    assert_eq!(stepped_down.role, Role::Admin);
    assert_eq!(club.store.owner_count(club.id).await, Ok(1));
}

#[tokio::test]
async fn a_change_based_on_a_stale_version_is_a_conflict() {
    let club = Club::new().await;
    let seen = club.coach.clone();
    change_role(&club, &club.admin, &seen, Role::Athlete)
        .await
        .expect("a first change");
    assert_untouchable(&club, &club.owner, &seen, Role::Admin, ClubError::Conflict).await;
    let now = club.store.member(club.id, seen.id).await.expect("read");
    assert_eq!(
        now.map(|m| m.role),
        Some(Role::Athlete),
        "the first change stands"
    );
}

#[tokio::test]
async fn another_clubs_member_is_not_found() {
    let club = Club::new().await;
    let theirs = &club.stranger;
    assert_untouchable(&club, &club.owner, theirs, Role::Athlete, ClubError::NotFound).await;
    let untouched = club.store.member(theirs.club_id, theirs.id).await.expect("read");
    assert_eq!(untouched.as_ref(), Some(theirs));
}

#[tokio::test]
async fn a_removed_member_keeps_their_account_and_their_profile_stays_unlinked() {
    let club = Club::new().await;
    let input = AthleteInput {
        first_name: "Ana".into(),
        last_name: "Athlete".into(),
        sex: "women".into(),
        ..AthleteInput::default()
    };
    let draft = AthleteDraft::parse(&input, today()).expect("a valid athlete");
    let profile = club
        .store
        .create_athlete(club.id, &draft, Some(club.athlete.id), t0())
        .await
        .expect("a linked profile");
    service::remove_member(&club.store, &club.admin, club.athlete.id, club.athlete.version)
        .await
        .expect("removed");
    assert_eq!(club.store.member(club.id, club.athlete.id).await, Ok(None));
    assert!(
        club.store
            .user(club.athlete.user_id)
            .await
            .expect("read")
            .is_some(),
        "the account stays"
    );
    let kept = club.store.athlete(club.id, profile.id).await.expect("read");
    assert_eq!(kept.map(|a| a.member), Some(None));
}
