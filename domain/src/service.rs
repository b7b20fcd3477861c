//! Use-cases: each combines the rules with the ports. Server functions call these and nothing
//! deeper, so every entry point applies the same checks.

use crate::account::{DisplayName, Password, SignUp, User, Validator};
use crate::error::{FieldError, FieldProblem, StoreError};
use crate::ids::{ClubId, InvitationId, MemberId};
use crate::invitation::{self, Invitation, InvitationStatus, InvitationToken};
use crate::membership::{self, Member, MembershipRuleError};
use crate::ports::{NewInvitation, NewUser, PasswordHasher, Store};
use crate::role::{Permission, Role};
use crate::throttle::{self, LoginThrottle};
use chrono::{DateTime, Utc};

pub mod athletes;
pub mod catalogue;

/// Failures of signing up and logging in.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AuthError {
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error("an account already uses this email")]
    EmailTaken,
    #[error("wrong email or password")]
    InvalidCredentials,
    #[error("too many attempts; retry in {retry_after_secs} s")]
    RateLimited { retry_after_secs: i64 },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Failures of managing a club's members and invitations.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ClubError {
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error("your role does not allow this")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("changed by someone else meanwhile")]
    Conflict,
    #[error("a club always keeps at least one owner")]
    LastOwner,
    #[error("this person is already a member")]
    AlreadyMember,
    #[error("an account already uses this email")]
    EmailTaken,
    #[error("this invitation cannot be used: {0:?}")]
    InvitationUnusable(InvitationStatus),
    #[error("it is in use and cannot be deleted")]
    InUse,
    #[error("the imported file has {} problem(s)", .0.len())]
    ImportRejected(Vec<crate::catalogue::exchange::ImportProblem>),
    #[error("the imported athletes file has {} problem(s)", .0.len())]
    AthleteImportRejected(Vec<crate::athlete_import::AthleteImportProblem>),
    #[error("storage failure: {0}")]
    Store(StoreError),
}

impl From<StoreError> for ClubError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => ClubError::NotFound,
            StoreError::Conflict => ClubError::Conflict,
            StoreError::InUse => ClubError::InUse,
            other => ClubError::Store(other),
        }
    }
}

impl From<MembershipRuleError> for ClubError {
    fn from(e: MembershipRuleError) -> Self {
        match e {
            MembershipRuleError::Forbidden => ClubError::Forbidden,
            MembershipRuleError::LastOwner => ClubError::LastOwner,
        }
    }
}

pub(crate) fn require(actor: &Member, permission: Permission) -> Result<(), ClubError> {
    if actor.role.allows(permission) {
        Ok(())
    } else {
        Err(ClubError::Forbidden)
    }
}

/// Creates a club with the default catalogue; its creator becomes its owner.
pub async fn sign_up(
    store: &dyn Store,
    hasher: &dyn PasswordHasher,
    input: SignUp,
    now: DateTime<Utc>,
) -> Result<(User, ClubId), AuthError> {
    let user = NewUser {
        email: input.email.as_str().to_owned(),
        display_name: input.display_name.as_str().to_owned(),
        password_hash: hasher.hash(input.password.expose())?,
    };
    let catalogue =
        crate::catalogue::default::plan().map_err(|e| AuthError::Store(StoreError::Backend(e)))?;
    store
        .create_user_with_club(user, input.club_name.as_str(), catalogue, now)
        .await
        .map_err(|e| match e {
            StoreError::Duplicate => AuthError::EmailTaken,
            other => other.into(),
        })
}

/// Checks a login attempt, counting failures per account and per address.
pub async fn log_in(
    store: &dyn Store,
    hasher: &dyn PasswordHasher,
    limits: &LoginThrottle,
    email: &str,
    password: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<User, AuthError> {
    let account_key = throttle::account_key(email);
    let address_key = throttle::address_key(address);
    let since = limits.window_start(now);
    let account_failures = store.login_failures_since(&account_key, since).await?;
    let address_failures = store.login_failures_since(&address_key, since).await?;
    limits
        .check(account_failures, address_failures)
        .map_err(|retry_after_secs| AuthError::RateLimited { retry_after_secs })?;

    let found = store.user_credentials(&email.trim().to_lowercase()).await?;
    match found {
        Some((user, hash)) if hasher.verify(password, &hash) => {
            store.clear_login_failures(&account_key).await?;
            Ok(user)
        }
        _ => {
            store.record_login_failure(&account_key, now).await?;
            store.record_login_failure(&address_key, now).await?;
            Err(AuthError::InvalidCredentials)
        }
    }
}

/// The club's members (admins only).
pub async fn members(store: &dyn Store, actor: &Member) -> Result<Vec<Member>, ClubError> {
    require(actor, Permission::ManageMembers)?;
    Ok(store.members(actor.club_id).await?)
}

/// Changes a member's role; `version` is the member's version the admin saw.
pub async fn change_role(
    store: &dyn Store,
    actor: &Member,
    member: MemberId,
    role: Role,
    version: i64,
) -> Result<Member, ClubError> {
    require(actor, Permission::ManageMembers)?;
    let target = store
        .member(actor.club_id, member)
        .await?
        .ok_or(ClubError::NotFound)?;
    if target.version != version {
        return Err(ClubError::Conflict);
    }
    let owners = store.owner_count(actor.club_id).await?;
    membership::check_role_change(actor.role, target.role, role, owners)?;
    Ok(store
        .set_member_role(actor.club_id, member, role, version)
        .await?)
}

/// Removes a member from the club (their account stays).
pub async fn remove_member(
    store: &dyn Store,
    actor: &Member,
    member: MemberId,
    version: i64,
) -> Result<(), ClubError> {
    require(actor, Permission::ManageMembers)?;
    let target = store
        .member(actor.club_id, member)
        .await?
        .ok_or(ClubError::NotFound)?;
    if target.version != version {
        return Err(ClubError::Conflict);
    }
    let owners = store.owner_count(actor.club_id).await?;
    membership::check_removal(actor.role, target.role, owners)?;
    Ok(store.remove_member(actor.club_id, member, version).await?)
}

/// Invites an email address with a role. The caller turns `token` into the link it shows.
pub async fn invite(
    store: &dyn Store,
    actor: &Member,
    email: &str,
    role: Role,
    token: &InvitationToken,
    now: DateTime<Utc>,
) -> Result<Invitation, ClubError> {
    require(actor, Permission::ManageInvitations)?;
    if !actor.role.assignable().contains(&role) {
        return Err(ClubError::Invalid(vec![FieldError::new(
            "role",
            FieldProblem::InvalidChoice,
        )]));
    }
    let email = crate::account::Email::parse("email", email).map_err(|e| ClubError::Invalid(vec![e]))?;
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
        })
        .await?)
}

pub async fn pending_invitations(
    store: &dyn Store,
    actor: &Member,
    now: DateTime<Utc>,
) -> Result<Vec<Invitation>, ClubError> {
    require(actor, Permission::ManageInvitations)?;
    Ok(store.pending_invitations(actor.club_id, now).await?)
}

pub async fn revoke_invitation(
    store: &dyn Store,
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

pub async fn preview_invitation(
    store: &dyn Store,
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

async fn usable_invitation(
    store: &dyn Store,
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

/// Joins the club of an invitation with a new account for the invited email.
pub async fn accept_invitation_as_new_user(
    store: &dyn Store,
    hasher: &dyn PasswordHasher,
    token: &str,
    display_name: &str,
    password: &str,
    now: DateTime<Utc>,
) -> Result<(User, ClubId), ClubError> {
    let mut v = Validator::default();
    let display_name = v.check(DisplayName::parse("display_name", display_name));
    let password = v.check(Password::parse("password", password));
    let invitation = usable_invitation(store, token, now).await?;
    let (Some(display_name), Some(password)) = (display_name, password) else {
        return Err(ClubError::Invalid(v.finish().err().unwrap_or_default()));
    };
    let new_user = NewUser {
        email: invitation.email.clone(),
        display_name: display_name.as_str().to_owned(),
        password_hash: hasher.hash(password.expose()).map_err(ClubError::Store)?,
    };
    match store
        .accept_invitation_as_new_user(invitation.id, new_user, now)
        .await
    {
        Ok((user, member)) => {
            link_profile(store, &invitation, member, now).await;
            Ok((user, invitation.club_id))
        }
        Err(StoreError::Duplicate) => Err(ClubError::EmailTaken),
        Err(e) => Err(unusable_on_conflict(e)),
    }
}

/// Joins the club of an invitation with the account already logged in.
pub async fn accept_invitation(
    store: &dyn Store,
    user: &User,
    token: &str,
    now: DateTime<Utc>,
) -> Result<ClubId, ClubError> {
    let invitation = usable_invitation(store, token, now).await?;
    let member = store
        .accept_invitation(invitation.id, user.id, now)
        .await
        .map_err(unusable_on_conflict)?;
    link_profile(store, &invitation, member, now).await;
    Ok(invitation.club_id)
}

/// Links the profile a coach prepared for the invited email, if any. The person has joined
/// whatever happens here: a profile left unlinked is linked by a coach on the athlete's page.
async fn link_profile(store: &dyn Store, invitation: &Invitation, member: MemberId, now: DateTime<Utc>) {
    let _ = athletes::link_joining_member(store, invitation.club_id, member, &invitation.email, now).await;
}
