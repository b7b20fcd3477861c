//! Use-cases: each combines the rules with the ports. Server functions call these and nothing
//! deeper, so every entry point applies the same checks.
//!
//! Each use-case asks only for the ports it uses: `&dyn ClubStore` when one suffices, a store
//! generic over several (`S: InvitationStore + AccountStore + ?Sized`) otherwise. The server
//! passes its whole `&dyn Store` to either (a `dyn Store` is each of its ports), and a unit test
//! can hand over an in-memory store (`crate::testing::MemoryStore`). A use-case that another
//! one calls from a generic context is generic itself, even over one port: a generic store
//! cannot be turned into a `&dyn` port.

use crate::account::{DisplayName, Email, Password, SignUp, User, Validator};
use crate::error::{FieldError, FieldProblem, StoreError};
use crate::ids::{ClubId, InvitationId, MemberId};
use crate::invitation::{self, Invitation, InvitationStatus, InvitationToken};
use crate::membership::{self, Member};
use crate::ports::{
    AccountStore, AthleteStore, ClubStore, InvitationStore, NewClub, NewInvitation, NewUser, PasswordHasher,
    Pause, ThrottleStore, Versioned,
};
use crate::role::{Permission, Role};
use crate::throttle::{DeviceToken, Key, Limits, Turn};
use chrono::{DateTime, Utc};
use std::net::IpAddr;

pub mod athlete_page;
pub mod athletes;
pub mod catalogue;
mod error;
pub mod planning;
#[cfg(test)]
mod tests;
pub mod workouts;

pub use error::{AuthError, ClubError};
pub(crate) use error::{require, require_found};

/// Where a sign-up or a login comes from, and what waits for the throttle's delays.
pub struct Gate<'a> {
    pub limits: &'a Limits,
    pub pause: &'a dyn Pause,
    /// The client's network address.
    pub address: IpAddr,
}

fn rate_limited(retry_after_secs: i64) -> AuthError {
    AuthError::RateLimited { retry_after_secs }
}

/// Creates a club with the default catalogue; its creator becomes its owner. An address may
/// sign up a few clubs an hour (see [`crate::throttle`]); every attempt counts, a refused one
/// too, so sign-ups cannot be used to test which emails have an account at speed.
pub async fn sign_up<S: AccountStore + ThrottleStore + ?Sized>(
    store: &S,
    hasher: &dyn PasswordHasher,
    gate: &Gate<'_>,
    input: SignUp,
    now: DateTime<Utc>,
) -> Result<(User, ClubId), AuthError> {
    let limits = gate.limits;
    let (_, signups) = store
        .update_throttle(&Key::signup_address(gate.address), &|old| {
            Limits::count(old, now, limits.signup_window)
        })
        .await?;
    limits.check_signup(&signups, now).map_err(rate_limited)?;
    let user = NewUser {
        email: input.email,
        display_name: input.display_name,
        password_hash: hasher.hash(input.password.expose()).await?,
    };
    let catalogue =
        crate::catalogue::default::plan().map_err(|e| AuthError::Store(StoreError::Backend(e)))?;
    store
        .create_user_with_club(
            NewClub {
                owner: user,
                name: input.club_name.as_str(),
                catalogue,
            },
            now,
        )
        .await
        .map_err(|e| match e {
            StoreError::Duplicate => AuthError::EmailTaken,
            other => other.into(),
        })
}

/// What a person typed to log in, and the device token their browser presented, if any.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub email: String,
    pub password: String,
    pub device: Option<DeviceToken>,
}

/// A successful login: the user, and the device token to give the browser when it had none
/// for this account (it then skips the account's schedule next time).
#[derive(Debug, Clone, PartialEq)]
pub struct LoggedIn {
    pub user: User,
    pub new_device: Option<DeviceToken>,
}

/// Checks a login attempt (see [`crate::throttle`]): the attempt counts on its address (an
/// address over its budget is refused without counting), then takes its turn on the account
/// (unless it comes from a device known to that account), waits for it, and only then is the
/// password checked — against a stand-in when the email is unknown, so that both take as
/// long. `fresh_device` is the token a successful login from a new device receives.
pub async fn log_in<S: AccountStore + ThrottleStore + ?Sized>(
    store: &S,
    hasher: &dyn PasswordHasher,
    gate: &Gate<'_>,
    credentials: &Credentials,
    fresh_device: DeviceToken,
    now: DateTime<Utc>,
) -> Result<LoggedIn, AuthError> {
    let mut v = Validator::default();
    v.check(crate::text::bounded("email", &credentials.email, Email::MAX));
    v.check(Password::check_login("password", &credentials.password));
    v.finish().map_err(AuthError::Invalid)?;

    let limits = gate.limits;
    let address = Key::login_address(gate.address);
    if let Some(retry_after_secs) = limits.address_spent(store.throttle(&address).await?, now) {
        return Err(rate_limited(retry_after_secs));
    }
    let (_, attempts) = store
        .update_throttle(&address, &|old| Limits::count(old, now, limits.window))
        .await?;
    limits.check_address(&attempts, now).map_err(rate_limited)?;

    let found = store
        .user_credentials(&credentials.email.trim().to_lowercase())
        .await?;
    let known_device = match (&credentials.device, &found) {
        (Some(device), Some((user, _))) => store.device_owner(&device.hash()).await? == Some(user.id),
        _ => false,
    };
    let account = Key::account(&credentials.email);
    if !known_device {
        let (before, _) = store
            .update_throttle(&account, &|old| limits.schedule(old, now).0)
            .await?;
        match limits.schedule(before, now).1 {
            Turn::Refused { retry_after_secs } => return Err(rate_limited(retry_after_secs)),
            Turn::After(wait) => gate.pause.pause(wait).await,
        }
    }

    let hash = found.as_ref().map(|(_, hash)| hash.as_str());
    let verified = hasher.verify(&credentials.password, hash).await;
    match found {
        Some((user, _)) if verified => {
            store.update_throttle(&account, &|_| Limits::forgive(now)).await?;
            store
                .update_throttle(&address, &|old| Limits::uncount(old, now))
                .await?;
            let new_device = if known_device {
                None
            } else {
                store.remember_device(user.id, &fresh_device.hash(), now).await?;
                Some(fresh_device)
            };
            Ok(LoggedIn { user, new_device })
        }
        _ => Err(AuthError::InvalidCredentials),
    }
}

/// The club's members (admins only).
pub async fn members(store: &dyn ClubStore, actor: &Member) -> Result<Vec<Member>, ClubError> {
    require(actor, Permission::ManageMembers)?;
    Ok(store.members(actor.club_id).await?)
}

/// The member an admin changes or removes, as they saw it (`Conflict` when it changed since
/// `version`), and how many owners the club has.
async fn member_to_change(
    store: &dyn ClubStore,
    actor: &Member,
    member: MemberId,
    version: i64,
) -> Result<(Member, usize), ClubError> {
    let target = require_found(actor, Permission::ManageMembers, |club| {
        store.member(club, member)
    })
    .await?;
    if target.version != version {
        return Err(ClubError::Conflict);
    }
    let owners = store.owner_count(actor.club_id).await?;
    Ok((target, owners))
}

/// Changes a member's role; `version` is the member's version the admin saw.
pub async fn change_role(
    store: &dyn ClubStore,
    actor: &Member,
    member: MemberId,
    role: Role,
    version: i64,
) -> Result<Member, ClubError> {
    let (target, owners) = member_to_change(store, actor, member, version).await?;
    membership::check_role_change(actor.role, target.role, role, owners)?;
    Ok(store
        .set_member_role(Versioned::new(actor.club_id, member, version), role)
        .await?)
}

/// Removes a member from the club (their account stays).
pub async fn remove_member(
    store: &dyn ClubStore,
    actor: &Member,
    member: MemberId,
    version: i64,
) -> Result<(), ClubError> {
    let (target, owners) = member_to_change(store, actor, member, version).await?;
    membership::check_removal(actor.role, target.role, owners)?;
    Ok(store
        .remove_member(Versioned::new(actor.club_id, member, version))
        .await?)
}

/// What an admin asks for when inviting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationRequest {
    pub email: Email,
    pub role: Role,
    /// Anyone holding the link may accept it with their own account.
    pub open_link: bool,
}

/// The name of the caller's club (for an invitation's mail, an export's file name).
pub async fn club_name(store: &dyn ClubStore, actor: &Member) -> Result<String, ClubError> {
    Ok(store.club_name(actor.club_id).await?.unwrap_or_default())
}

/// The club a new session of `user` starts in: the first of theirs, by name.
pub async fn default_club(store: &dyn ClubStore, user: &User) -> Result<Option<ClubId>, StoreError> {
    Ok(store.memberships(user.id).await?.first().map(|m| m.club_id))
}

/// "Log out everywhere": every session of `user` ends (their generation moves on), and the
/// devices that logged in before are strangers again (the login throttle queues them).
pub async fn log_out_everywhere<S: AccountStore + ThrottleStore + ?Sized>(
    store: &S,
    user: &User,
) -> Result<(), StoreError> {
    store.bump_session_generation(user.id).await?;
    store.forget_devices(user.id).await
}

/// Invites an email address with a role. The caller turns `token` into the link it shows.
pub async fn invite<S: ClubStore + InvitationStore + ?Sized>(
    store: &S,
    actor: &Member,
    request: &InvitationRequest,
    token: &InvitationToken,
    now: DateTime<Utc>,
) -> Result<Invitation, ClubError> {
    let (email, role) = (&request.email, request.role);
    require(actor, Permission::ManageInvitations)?;
    if !actor.role.assignable().contains(&role) {
        return Err(ClubError::Invalid(vec![FieldError::new(
            "role",
            FieldProblem::InvalidChoice,
        )]));
    }
    if request.open_link && !invitation::may_open_link(role) {
        return Err(ClubError::Invalid(vec![FieldError::new(
            "open_link",
            FieldProblem::InvalidChoice,
        )]));
    }
    let members = store.members(actor.club_id).await?;
    if members.iter().any(|m| m.email == email.as_str()) {
        return Err(ClubError::AlreadyMember);
    }
    Ok(store
        .create_invitation(NewInvitation {
            club_id: actor.club_id,
            email: email.as_str().to_owned(),
            role,
            token_hash: token.hash(),
            invited_by: actor.user_id,
            created_at: now,
            expires_at: now + invitation::VALIDITY,
            open_link: request.open_link,
        })
        .await?)
}

pub async fn pending_invitations(
    store: &dyn InvitationStore,
    actor: &Member,
    now: DateTime<Utc>,
) -> Result<Vec<Invitation>, ClubError> {
    require(actor, Permission::ManageInvitations)?;
    Ok(store.pending_invitations(actor.club_id, now).await?)
}

pub async fn revoke_invitation(
    store: &dyn InvitationStore,
    actor: &Member,
    id: InvitationId,
    now: DateTime<Utc>,
) -> Result<(), ClubError> {
    require(actor, Permission::ManageInvitations)?;
    Ok(store.revoke_invitation(actor.club_id, id, now).await?)
}

/// What an invitation link shows before it is accepted.
#[derive(Debug, Clone, PartialEq)]
pub struct InvitationPreview {
    pub invitation: Invitation,
    pub club_name: String,
    pub status: InvitationStatus,
    /// Whether an account already uses the invited email (then the invitee logs in instead).
    pub account_exists: bool,
}

pub async fn preview_invitation<S: InvitationStore + AccountStore + ?Sized>(
    store: &S,
    token: &str,
    now: DateTime<Utc>,
) -> Result<InvitationPreview, ClubError> {
    let token = InvitationToken::parse(token).ok_or(ClubError::NotFound)?;
    let (invitation, club_name) = store
        .invitation_by_token(&token.hash())
        .await?
        .ok_or(ClubError::NotFound)?;
    let account_exists = store.user_credentials(&invitation.email).await?.is_some();
    Ok(InvitationPreview {
        status: invitation.status(now),
        invitation,
        club_name,
        account_exists,
    })
}

async fn usable_invitation<S: InvitationStore + AccountStore + ?Sized>(
    store: &S,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Invitation, ClubError> {
    let preview = preview_invitation(store, token, now).await?;
    match preview.status {
        InvitationStatus::Pending => Ok(preview.invitation),
        other => Err(ClubError::InvitationUnusable(other)),
    }
}

fn unusable_on_conflict(e: StoreError) -> ClubError {
    match e {
        StoreError::Conflict => ClubError::InvitationUnusable(InvitationStatus::Accepted),
        StoreError::Duplicate => ClubError::AlreadyMember,
        other => other.into(),
    }
}

/// The account a person creates when they accept an invitation.
#[derive(Debug, Clone, Copy)]
pub struct NewAccount<'a> {
    pub display_name: &'a str,
    pub password: &'a str,
    /// The account's email, for an invitation open to anyone with the link; an invitation for
    /// one email makes the account of that email (this one is not read).
    pub email: &'a str,
}

/// Joins the club of an invitation with a new account: for the invited email, or, when the
/// invitation is open to anyone with the link, for the email the person gives.
pub async fn accept_invitation_as_new_user<S: InvitationStore + AccountStore + AthleteStore + ?Sized>(
    store: &S,
    hasher: &dyn PasswordHasher,
    token: &str,
    account: &NewAccount<'_>,
    now: DateTime<Utc>,
) -> Result<(User, ClubId), ClubError> {
    let invitation = usable_invitation(store, token, now).await?;
    let mut v = Validator::default();
    let display_name = v.check(DisplayName::parse("display_name", account.display_name));
    let password = v.check(Password::parse("password", account.password));
    // The invitation's email was checked when the invitation was made: it is taken as stored.
    let email = if invitation.open_link {
        v.check(Email::parse("email", account.email))
    } else {
        Some(Email::stored(invitation.email.clone()))
    };
    let (Some(display_name), Some(password), Some(email)) = (display_name, password, email) else {
        return Err(ClubError::Invalid(v.finish().err().unwrap_or_default()));
    };
    let new_user = NewUser {
        email,
        display_name,
        password_hash: hasher.hash(password.expose()).await.map_err(ClubError::Store)?,
    };
    match store
        .accept_invitation_as_new_user(invitation.id, new_user, now)
        .await
    {
        Ok((user, member)) => {
            link_profile(store, &invitation, &user, member, now).await;
            Ok((user, invitation.club_id))
        }
        Err(StoreError::Duplicate) => Err(ClubError::EmailTaken),
        Err(e) => Err(unusable_on_conflict(e)),
    }
}

/// Joins the club of an invitation with the account already logged in.
pub async fn accept_invitation<S: InvitationStore + AccountStore + AthleteStore + ?Sized>(
    store: &S,
    user: &User,
    token: &str,
    now: DateTime<Utc>,
) -> Result<ClubId, ClubError> {
    let invitation = usable_invitation(store, token, now).await?;
    if !invitation.accepts(&user.email) {
        return Err(ClubError::WrongAccount);
    }
    let member = store
        .accept_invitation(invitation.id, user.id, now)
        .await
        .map_err(unusable_on_conflict)?;
    link_profile(store, &invitation, user, member, now).await;
    Ok(invitation.club_id)
}

/// Links the profile a coach prepared for the invited email, if any. The person has joined
/// whatever happens here: a profile left unlinked is linked by a coach on the athlete's page.
///
/// Only the account of the invited email is linked: someone joining with an open link and
/// another email does not get the profile (and its history) prepared for the invited person.
async fn link_profile<S: AthleteStore + ?Sized>(
    store: &S,
    invitation: &Invitation,
    user: &User,
    member: MemberId,
    now: DateTime<Utc>,
) {
    if user.email.eq_ignore_ascii_case(&invitation.email) {
        let _ =
            athletes::link_joining_member(store, invitation.club_id, member, &invitation.email, now).await;
    }
}
