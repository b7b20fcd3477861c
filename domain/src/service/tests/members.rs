//! A club's members and their roles: who manages them, and ownership.

use super::{Club, t0, today};
use crate::athlete::{AthleteDraft, AthleteInput};
use crate::ports::{AccountStore, AthleteStore, ClubStore};
use crate::role::Role;
use crate::service::{self, ClubError};

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
        let target = &club.athlete;
        assert_eq!(
            service::change_role(&club.store, actor, target.id, Role::Coach, target.version).await,
            Err(ClubError::Forbidden)
        );
        assert_eq!(
            service::remove_member(&club.store, actor, target.id, target.version).await,
            Err(ClubError::Forbidden)
        );
    }
}

#[tokio::test]
async fn an_admin_changes_roles_but_never_grants_or_takes_ownership() {
    let club = Club::new().await;
    let promoted = service::change_role(
        &club.store,
        &club.admin,
        club.coach.id,
        Role::Admin,
        club.coach.version,
    )
    .await
    .expect("coach to admin");
    assert_eq!(
        (promoted.role, promoted.version),
        (Role::Admin, club.coach.version + 1)
    );
    assert_eq!(
        service::change_role(
            &club.store,
            &club.admin,
            club.athlete.id,
            Role::Owner,
            club.athlete.version
        )
        .await,
        Err(ClubError::Forbidden)
    );
    assert_eq!(
        service::change_role(
            &club.store,
            &club.admin,
            club.owner.id,
            Role::Admin,
            club.owner.version
        )
        .await,
        Err(ClubError::Forbidden)
    );
    assert_eq!(
        service::remove_member(&club.store, &club.admin, club.owner.id, club.owner.version).await,
        Err(ClubError::Forbidden)
    );
    let owner = club.store.member(club.id, club.owner.id).await.expect("read");
    assert_eq!(owner.map(|m| m.role), Some(Role::Owner));
}

#[tokio::test]
async fn the_last_owner_can_neither_step_down_nor_leave() {
    let club = Club::new().await;
    let me = &club.owner;
    assert_eq!(
        service::change_role(&club.store, me, me.id, Role::Admin, me.version).await,
        Err(ClubError::LastOwner)
    );
    assert_eq!(
        service::remove_member(&club.store, me, me.id, me.version).await,
        Err(ClubError::LastOwner)
    );
    assert_eq!(club.store.owner_count(club.id).await, Ok(1));
}

#[tokio::test]
async fn with_a_second_owner_the_first_may_step_down() {
    let club = Club::new().await;
    let second = service::change_role(
        &club.store,
        &club.owner,
        club.admin.id,
        Role::Owner,
        club.admin.version,
    )
    .await
    .expect("an owner makes an owner");
    assert_eq!(second.role, Role::Owner);
    let stepped_down = service::change_role(
        &club.store,
        &club.owner,
        club.owner.id,
        Role::Admin,
        club.owner.version,
    )
    .await
    .expect("steps down");
    assert_eq!(stepped_down.role, Role::Admin);
    assert_eq!(club.store.owner_count(club.id).await, Ok(1));
}

#[tokio::test]
async fn a_change_based_on_a_stale_version_is_a_conflict() {
    let club = Club::new().await;
    let seen = club.coach.clone();
    service::change_role(&club.store, &club.admin, seen.id, Role::Athlete, seen.version)
        .await
        .expect("a first change");
    assert_eq!(
        service::change_role(&club.store, &club.owner, seen.id, Role::Admin, seen.version).await,
        Err(ClubError::Conflict)
    );
    assert_eq!(
        service::remove_member(&club.store, &club.owner, seen.id, seen.version).await,
        Err(ClubError::Conflict)
    );
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
    assert_eq!(
        service::change_role(&club.store, &club.owner, theirs.id, Role::Athlete, theirs.version).await,
        Err(ClubError::NotFound)
    );
    assert_eq!(
        service::remove_member(&club.store, &club.owner, theirs.id, theirs.version).await,
        Err(ClubError::NotFound)
    );
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
