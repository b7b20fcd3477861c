//! Invitations: who sends them, and who may join a club with one.

use super::{Club, PASSWORD, club_of, invitation, t0};
use crate::account::{Email, User};
use crate::athlete::{AthleteDraft, AthleteInput};
use crate::ids::ClubId;
use crate::invitation::{Invitation, InvitationStatus, InvitationToken};
use crate::membership::Member;
use crate::ports::{AthleteStore, ClubStore, InvitationStore};
use crate::role::Role;
use crate::service::{self, ClubError, InvitationRequest, NewAccount};
use crate::testing::PlainHasher;
use crate::{FieldError, FieldProblem};
use chrono::{DateTime, Duration, Utc};

fn request(email: &str, role: Role) -> InvitationRequest {
    InvitationRequest {
        email: Email::parse("email", email).expect("an email"),
        role,
        open_link: false,
    }
}

fn token(seed: u8) -> InvitationToken {
    InvitationToken::from_random_bytes([seed; 32])
}

fn account<'a>(email: &'a str) -> NewAccount<'a> {
    NewAccount {
        display_name: "Newcomer",
        password: PASSWORD,
        email,
    }
}

/// `by` invites `email` with `role` (by email only).
async fn invite(club: &Club, by: &Member, email: &str, role: Role) -> Result<Invitation, ClubError> {
    service::invite(&club.store, by, &request(email, role), &token(10), t0()).await
}

/// An invitation open to anyone with the link.
fn open_request(email: &str, role: Role) -> InvitationRequest {
    InvitationRequest {
        open_link: true,
        ..request(email, role)
    }
}

/// Accepts the invitation of `link` at `now` with a new account (of `email`, when the link is
/// open).
async fn accept_as_new_user(
    club: &Club,
    link: &InvitationToken,
    email: &str,
    now: DateTime<Utc>,
) -> Result<(User, ClubId), ClubError> {
    service::accept_invitation_as_new_user(&club.store, &PlainHasher, link.as_str(), &account(email), now)
        .await
}

/// An admin sends an open link for `invited`, which someone accepts with a new account of
/// `email`: that account.
async fn join_by_open_link(club: &Club, invited: &str, email: &str) -> User {
    let link = token(11);
    service::invite(
        &club.store,
        &club.admin,
        &open_request(invited, Role::Athlete),
        &link,
        t0(),
    )
    .await
    .expect("invited");
    let (user, _) = accept_as_new_user(club, &link, email, t0())
        .await
        .expect("joined");
    user
}

#[tokio::test]
async fn only_admins_and_owners_invite_and_see_invitations() {
    let club = Club::new().await;
    for actor in [&club.athlete, &club.coach] {
        assert_eq!(
            invite(&club, actor, "new@alpha.test", Role::Athlete).await,
            Err(ClubError::Forbidden)
        );
        assert_eq!(
            service::pending_invitations(&club.store, actor, t0()).await,
            Err(ClubError::Forbidden)
        );
    }
    let sent = invite(&club, &club.admin, "New@Alpha.test", Role::Coach)
        .await
        .expect("invited");
    assert_eq!(sent.email, "new@alpha.test", "the email is normalised");
    assert_eq!(sent.expires_at, t0() + crate::invitation::VALIDITY);
    let pending = service::pending_invitations(&club.store, &club.owner, t0())
        .await
        .expect("read");
    assert_eq!(pending, vec![sent]);
}

#[tokio::test]
async fn only_owners_invite_owners() {
    let club = Club::new().await;
    assert_eq!(
        invite(&club, &club.admin, "boss@alpha.test", Role::Owner).await,
        Err(ClubError::Invalid(vec![FieldError::new(
            "role",
            FieldProblem::InvalidChoice
        )]))
    );
    invite(&club, &club.owner, "boss@alpha.test", Role::Owner)
        .await
        .expect("an owner may");
}

#[tokio::test]
async fn a_member_is_not_invited() {
    let club = Club::new().await;
    assert_eq!(
        invite(&club, &club.admin, "coach@alpha.test", Role::Admin).await,
        Err(ClubError::AlreadyMember)
    );
    assert_eq!(
        service::pending_invitations(&club.store, &club.admin, t0()).await,
        Ok(vec![])
    );
}

#[tokio::test]
async fn a_revoked_invitation_cannot_be_used_and_another_club_cannot_revoke() {
    let club = Club::new().await;
    let (sent, link) = invitation(&club.store, &club.admin, "new@alpha.test", Role::Athlete, 10).await;
    assert_eq!(
        service::revoke_invitation(&club.store, &club.stranger, sent.id, t0()).await,
        Err(ClubError::NotFound)
    );
    assert_eq!(
        service::revoke_invitation(&club.store, &club.coach, sent.id, t0()).await,
        Err(ClubError::Forbidden)
    );
    service::revoke_invitation(&club.store, &club.admin, sent.id, t0())
        .await
        .expect("revoked");
    assert_eq!(
        service::revoke_invitation(&club.store, &club.admin, sent.id, t0()).await,
        Err(ClubError::NotFound),
        "a revoked invitation is no longer pending"
    );
    let joined = accept_as_new_user(&club, &link, "", t0()).await;
    assert_eq!(
        joined.err(),
        Some(ClubError::InvitationUnusable(InvitationStatus::Revoked))
    );
}

#[tokio::test]
async fn an_invitation_is_previewed_by_its_token_only() {
    let club = Club::new().await;
    let (sent, link) = invitation(&club.store, &club.admin, "coach@beta.test", Role::Coach, 10).await;
    let preview = service::preview_invitation(&club.store, link.as_str(), t0())
        .await
        .expect("a preview");
    assert_eq!(
        (preview.invitation.id, preview.club_name.as_str(), preview.status),
        (sent.id, "Alpha", InvitationStatus::Pending)
    );
    assert!(!preview.account_exists);
    assert_eq!(
        service::preview_invitation(&club.store, "not-a-token", t0())
            .await
            .err(),
        Some(ClubError::NotFound)
    );
    assert_eq!(
        service::preview_invitation(&club.store, token(77).as_str(), t0())
            .await
            .err(),
        Some(ClubError::NotFound)
    );
    let (_, for_a_user) = invitation(&club.store, &club.admin, "owner@beta.test", Role::Coach, 11).await;
    let preview = service::preview_invitation(&club.store, for_a_user.as_str(), t0())
        .await
        .expect("a preview");
    assert!(
        preview.account_exists,
        "the invitee logs in instead of signing up"
    );
}

#[tokio::test]
async fn an_invitation_is_for_the_account_of_its_email() {
    let club = Club::new().await;
    let stranger = club.account_of(&club.stranger).await;
    let (_, link) = invitation(
        &club.store,
        &club.admin,
        "someone.else@beta.test",
        Role::Coach,
        10,
    )
    .await;
    assert_eq!(
        service::accept_invitation(&club.store, &stranger, link.as_str(), t0()).await,
        Err(ClubError::WrongAccount)
    );
    let (_, theirs) = invitation(&club.store, &club.admin, "owner@beta.test", Role::Coach, 11).await;
    let joined = service::accept_invitation(&club.store, &stranger, theirs.as_str(), t0())
        .await
        .expect("joined");
    assert_eq!(joined, club.id);
    let member = club
        .store
        .member_by_user(club.id, stranger.id)
        .await
        .expect("read");
    assert_eq!(member.map(|m| m.role), Some(Role::Coach));
}

#[tokio::test]
async fn an_open_link_lets_anyone_join_once() {
    let club = Club::new().await;
    let link = token(10);
    let open = open_request("whoever@alpha.test", Role::Athlete);
    service::invite(&club.store, &club.admin, &open, &link, t0())
        .await
        .expect("invited");
    let stranger = club.account_of(&club.stranger).await;
    service::accept_invitation(&club.store, &stranger, link.as_str(), t0())
        .await
        .expect("anyone with the link joins");
    let (someone, ..) = club_of(&club.store, "third@gamma.test", "Gamma").await;
    assert_eq!(
        service::accept_invitation(&club.store, &someone, link.as_str(), t0()).await,
        Err(ClubError::InvitationUnusable(InvitationStatus::Accepted)),
        "a used link is used up"
    );
}

#[tokio::test]
async fn an_owner_is_invited_by_email_never_by_an_open_link() {
    let club = Club::new().await;
    let open = open_request("heir@alpha.test", Role::Owner);
    assert_eq!(
        service::invite(&club.store, &club.owner, &open, &token(11), t0()).await,
        Err(ClubError::Invalid(vec![FieldError::new(
            "open_link",
            FieldProblem::InvalidChoice
        )]))
    );
    let by_email = request("heir@alpha.test", Role::Owner);
    service::invite(&club.store, &club.owner, &by_email, &token(12), t0())
        .await
        .expect("an owner invites a co-owner by e-mail");
}

#[tokio::test]
async fn an_expired_invitation_cannot_be_used() {
    let club = Club::new().await;
    let (_, link) = invitation(&club.store, &club.admin, "late@alpha.test", Role::Athlete, 10).await;
    let later = t0() + crate::invitation::VALIDITY + Duration::seconds(1);
    assert_eq!(
        accept_as_new_user(&club, &link, "", later).await.err(),
        Some(ClubError::InvitationUnusable(InvitationStatus::Expired))
    );
}

#[tokio::test]
async fn a_member_cannot_join_again_and_the_invitation_stays_usable() {
    let club = Club::new().await;
    let coach = club.account_of(&club.coach).await;
    let (sent, link) = invitation(&club.store, &club.owner, "coach@alpha.test", Role::Admin, 10).await;
    assert_eq!(
        service::accept_invitation(&club.store, &coach, link.as_str(), t0()).await,
        Err(ClubError::AlreadyMember)
    );
    let pending = club.store.pending_invitations(club.id, t0()).await.expect("read");
    assert!(pending.iter().any(|i| i.id == sent.id));
}

#[tokio::test]
async fn a_new_account_for_an_email_that_has_one_is_refused() {
    let club = Club::new().await;
    let (_, link) = invitation(&club.store, &club.admin, "owner@beta.test", Role::Coach, 10).await;
    assert_eq!(
        accept_as_new_user(&club, &link, "", t0()).await.err(),
        Some(ClubError::EmailTaken)
    );
}

#[tokio::test]
async fn joining_with_a_new_account_takes_the_invited_email_unless_the_link_is_open() {
    let club = Club::new().await;
    let (_, for_one) = invitation(&club.store, &club.admin, "invited@alpha.test", Role::Coach, 10).await;
    let (user, joined) = accept_as_new_user(&club, &for_one, "typed@else.test", t0())
        .await
        .expect("joined");
    assert_eq!((user.email.as_str(), joined), ("invited@alpha.test", club.id));

    let user = join_by_open_link(&club, "placeholder@alpha.test", "Mine@Else.test").await;
    assert_eq!(user.email, "mine@else.test");
}

#[tokio::test]
async fn joining_links_the_profile_prepared_for_the_invited_email_only() {
    let club = Club::new().await;
    let prepared = |first: &str, email: &str| AthleteInput {
        first_name: first.into(),
        last_name: "Prepared".into(),
        sex: "women".into(),
        email: email.into(),
        ..AthleteInput::default()
    };
    let today = t0().date_naive();
    for input in [
        prepared("Léa", "lea@alpha.test"),
        prepared("Zoé", "zoe@alpha.test"),
    ] {
        let draft = AthleteDraft::parse(&input, today).expect("a valid profile");
        crate::service::athletes::create_athlete(&club.store, &club.coach, &draft, t0())
            .await
            .expect("a profile");
    }
    let (_, for_lea) = invitation(&club.store, &club.admin, "lea@alpha.test", Role::Athlete, 10).await;
    let (user, _) = accept_as_new_user(&club, &for_lea, "", t0())
        .await
        .expect("joined");
    let lea = club.member_of(&user).await;
    let linked = club.store.athlete_of_member(club.id, lea.id).await.expect("read");
    assert_eq!(linked.map(|a| a.first_name), Some("Léa".to_owned()));

    // An open link sent to Zoé, used by someone else with their own email: no profile for them.
    let user = join_by_open_link(&club, "zoe@alpha.test", "intruder@else.test").await;
    let intruder = club.member_of(&user).await;
    assert_eq!(club.store.athlete_of_member(club.id, intruder.id).await, Ok(None));
}

#[tokio::test]
async fn a_refused_new_account_leaves_the_invitation_usable() {
    let club = Club::new().await;
    let (_, link) = invitation(&club.store, &club.admin, "new@alpha.test", Role::Athlete, 10).await;
    let weak = NewAccount {
        password: "short",
        ..account("")
    };
    let refused =
        service::accept_invitation_as_new_user(&club.store, &PlainHasher, link.as_str(), &weak, t0()).await;
    assert_eq!(
        refused.err(),
        Some(ClubError::Invalid(vec![FieldError::new(
            "password",
            FieldProblem::TooShort { min: 10 }
        )]))
    );
    accept_as_new_user(&club, &link, "", t0())
        .await
        .expect("the link still works");
}
