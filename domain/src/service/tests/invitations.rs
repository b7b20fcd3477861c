//! Invitations: who sends them, and who may join a club with one.

use super::{Club, PASSWORD, club_of, invitation, t0};
use crate::account::Email;
use crate::athlete::{AthleteDraft, AthleteInput};
use crate::invitation::{InvitationStatus, InvitationToken};
use crate::ports::{AccountStore, AthleteStore, ClubStore, InvitationStore};
use crate::role::Role;
use crate::service::{self, ClubError, InvitationRequest, NewAccount};
use crate::testing::PlainHasher;
use crate::{FieldError, FieldProblem};
use chrono::Duration;

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

#[tokio::test]
async fn only_admins_and_owners_invite_and_see_invitations() {
    let club = Club::new().await;
    for actor in [&club.athlete, &club.coach] {
        assert_eq!(
            service::invite(
                &club.store,
                actor,
                &request("new@alpha.test", Role::Athlete),
                &token(10),
                t0()
            )
            .await,
            Err(ClubError::Forbidden)
        );
        assert_eq!(
            service::pending_invitations(&club.store, actor, t0()).await,
            Err(ClubError::Forbidden)
        );
    }
    let sent = service::invite(
        &club.store,
        &club.admin,
        &request("New@Alpha.test", Role::Coach),
        &token(10),
        t0(),
    )
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
        service::invite(
            &club.store,
            &club.admin,
            &request("boss@alpha.test", Role::Owner),
            &token(10),
            t0()
        )
        .await,
        Err(ClubError::Invalid(vec![FieldError::new(
            "role",
            FieldProblem::InvalidChoice
        )]))
    );
    service::invite(
        &club.store,
        &club.owner,
        &request("boss@alpha.test", Role::Owner),
        &token(10),
        t0(),
    )
    .await
    .expect("an owner may");
}

#[tokio::test]
async fn a_member_is_not_invited() {
    let club = Club::new().await;
    assert_eq!(
        service::invite(
            &club.store,
            &club.admin,
            &request("coach@alpha.test", Role::Admin),
            &token(10),
            t0()
        )
        .await,
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
    let joined =
        service::accept_invitation_as_new_user(&club.store, &PlainHasher, link.as_str(), &account(""), t0())
            .await;
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
    let stranger = club
        .store
        .user(club.stranger.user_id)
        .await
        .expect("read")
        .expect("an account");
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
    let open = InvitationRequest {
        open_link: true,
        ..request("whoever@alpha.test", Role::Athlete)
    };
    service::invite(&club.store, &club.admin, &open, &link, t0())
        .await
        .expect("invited");
    let stranger = club
        .store
        .user(club.stranger.user_id)
        .await
        .expect("read")
        .expect("an account");
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
    let open = InvitationRequest {
        open_link: true,
        ..request("heir@alpha.test", Role::Owner)
    };
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
        service::accept_invitation_as_new_user(&club.store, &PlainHasher, link.as_str(), &account(""), later)
            .await
            .err(),
        Some(ClubError::InvitationUnusable(InvitationStatus::Expired))
    );
}

#[tokio::test]
async fn a_member_cannot_join_again_and_the_invitation_stays_usable() {
    let club = Club::new().await;
    let coach = club
        .store
        .user(club.coach.user_id)
        .await
        .expect("read")
        .expect("an account");
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
        service::accept_invitation_as_new_user(&club.store, &PlainHasher, link.as_str(), &account(""), t0())
            .await
            .err(),
        Some(ClubError::EmailTaken)
    );
}

#[tokio::test]
async fn joining_with_a_new_account_takes_the_invited_email_unless_the_link_is_open() {
    let club = Club::new().await;
    let (_, for_one) = invitation(&club.store, &club.admin, "invited@alpha.test", Role::Coach, 10).await;
    let (user, joined) = service::accept_invitation_as_new_user(
        &club.store,
        &PlainHasher,
        for_one.as_str(),
        &account("typed@else.test"),
        t0(),
    )
    .await
    .expect("joined");
    assert_eq!((user.email.as_str(), joined), ("invited@alpha.test", club.id));

    let open = InvitationRequest {
        open_link: true,
        ..request("placeholder@alpha.test", Role::Athlete)
    };
    service::invite(&club.store, &club.admin, &open, &token(11), t0())
        .await
        .expect("invited");
    let (user, _) = service::accept_invitation_as_new_user(
        &club.store,
        &PlainHasher,
        token(11).as_str(),
        &account("Mine@Else.test"),
        t0(),
    )
    .await
    .expect("joined");
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
    let (user, _) = service::accept_invitation_as_new_user(
        &club.store,
        &PlainHasher,
        for_lea.as_str(),
        &account(""),
        t0(),
    )
    .await
    .expect("joined");
    let lea = club
        .store
        .member_by_user(club.id, user.id)
        .await
        .expect("read")
        .expect("a member");
    let linked = club.store.athlete_of_member(club.id, lea.id).await.expect("read");
    assert_eq!(linked.map(|a| a.first_name), Some("Léa".to_owned()));

    // An open link sent to Zoé, used by someone else with their own email: no profile for them.
    let open = InvitationRequest {
        open_link: true,
        ..request("zoe@alpha.test", Role::Athlete)
    };
    service::invite(&club.store, &club.admin, &open, &token(11), t0())
        .await
        .expect("invited");
    let (user, _) = service::accept_invitation_as_new_user(
        &club.store,
        &PlainHasher,
        token(11).as_str(),
        &account("intruder@else.test"),
        t0(),
    )
    .await
    .expect("joined");
    let intruder = club
        .store
        .member_by_user(club.id, user.id)
        .await
        .expect("read")
        .expect("a member");
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
    service::accept_invitation_as_new_user(&club.store, &PlainHasher, link.as_str(), &account(""), t0())
        .await
        .expect("the link still works");
}
