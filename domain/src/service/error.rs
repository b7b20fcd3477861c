//! The failures of the use-cases, one enum per family of use-cases, and the permission check
//! every one of them starts with. Its own module, so that the use-case modules depend on it and
//! never on each other's parents.

use crate::error::{FieldError, StoreError};
use crate::ids::ClubId;
use crate::invitation::InvitationStatus;
use crate::membership::{Member, MembershipRuleError};
use crate::role::Permission;

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
    #[error("this invitation is for another email's account")]
    WrongAccount,
    #[error("it is in use and cannot be deleted")]
    InUse,
    #[error("the imported file has {} problem(s)", .0.total)]
    ImportRejected(crate::error::Report<crate::catalogue::exchange::ImportProblem>),
    #[error("the imported athletes file has {} problem(s)", .0.total)]
    AthleteImportRejected(crate::error::Report<crate::athlete_import::AthleteImportProblem>),
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

/// Refuses (`Forbidden`) unless the actor's role holds `permission`.
pub(crate) fn require(actor: &Member, permission: Permission) -> Result<(), ClubError> {
    if actor.role.allows(permission) {
        Ok(())
    } else {
        Err(ClubError::Forbidden)
    }
}

/// How many use-cases start: refuses a caller without `permission` (see [`require`]), then
/// reads a record of the caller's club with `find`, given the club's id; `NotFound` when the
/// club has no such record.
pub(crate) async fn require_found<T, F>(
    actor: &Member,
    permission: Permission,
    find: impl FnOnce(ClubId) -> F,
) -> Result<T, ClubError>
where
    F: Future<Output = Result<Option<T>, StoreError>>,
{
    require(actor, permission)?;
    find(actor.club_id).await?.ok_or(ClubError::NotFound)
}
