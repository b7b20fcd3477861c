//! Invitations: single-use, expiring links that let a person join a club with a role.

use crate::ids::{ClubId, InvitationId};
use crate::role::Role;
use crate::token::Secret;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// How long an invitation link stays usable.
pub const VALIDITY: Duration = Duration::days(7);

/// Whether an invitation for `role` may be open to anyone with the link. Not the owner's: a link
/// passed on would hand the club over to whoever holds it, so a new owner is invited by e-mail.
pub fn may_open_link(role: Role) -> bool {
    role != Role::Owner
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    pub id: InvitationId,
    pub club_id: ClubId,
    pub email: String,
    pub role: Role,
    pub invited_by: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    /// Whether anyone holding the link may accept it with their account; otherwise only the
    /// account of the invited email may (a forwarded or leaked link is of no use).
    pub open_link: bool,
}

/// Where an invitation stands at a given moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvitationStatus {
    Pending,
    Accepted,
    Revoked,
    Expired,
}

impl Invitation {
    /// Whether the account with this (normalised) email may accept the invitation.
    pub fn accepts(&self, email: &str) -> bool {
        self.open_link || self.email.eq_ignore_ascii_case(email)
    }

    pub fn status(&self, now: DateTime<Utc>) -> InvitationStatus {
        if self.accepted_at.is_some() {
            InvitationStatus::Accepted
        } else if self.revoked_at.is_some() {
            InvitationStatus::Revoked
        } else if now >= self.expires_at {
            InvitationStatus::Expired
        } else {
            InvitationStatus::Pending
        }
    }
}

/// The secret part of an invitation link. Only its hash is stored, so a database leak
/// does not hand out working links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationToken(Secret);

impl InvitationToken {
    /// Wraps a token: 32 random bytes, hex-encoded, made by the caller's random source.
    pub fn from_random_bytes(bytes: [u8; 32]) -> Self {
        Self(Secret::from_random_bytes(bytes))
    }

    /// Accepts a token as it comes back in a link; anything not shaped like one is refused.
    pub fn parse(raw: &str) -> Option<Self> {
        Secret::parse(raw.trim()).map(Self)
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    pub fn hash(&self) -> TokenHash {
        TokenHash(self.0.hash())
    }
}

/// What the database keeps of an invitation token.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TokenHash(pub String);

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// 2026-11-01 at noon, UTC.
    fn noon() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 1, 12, 0, 0)
            .single()
            .unwrap_or_default()
    }

    fn invitation(now: DateTime<Utc>) -> Invitation {
        Invitation {
            id: InvitationId(1),
            club_id: ClubId(1),
            email: "coach@club.fr".into(),
            role: Role::Coach,
            invited_by: "Owner".into(),
            created_at: now,
            expires_at: now + VALIDITY,
            accepted_at: None,
            revoked_at: None,
            open_link: false,
        }
    }

    #[test]
    fn an_invitation_expires_after_its_validity() {
        let now = noon();
        let inv = invitation(now);
        assert_eq!(inv.status(now), InvitationStatus::Pending);
        assert_eq!(
            inv.status(now + Duration::days(7) - Duration::seconds(1)),
            InvitationStatus::Pending
        );
        assert_eq!(inv.status(now + Duration::days(7)), InvitationStatus::Expired);
    }

    #[test]
    fn an_invitation_is_for_its_email_unless_the_link_is_open() {
        let now = Utc::now();
        let inv = invitation(now);
        assert!(inv.accepts("coach@club.fr"));
        assert!(inv.accepts("Coach@Club.FR"));
        assert!(!inv.accepts("someone@else.fr"));
        let open = Invitation {
            open_link: true,
            ..invitation(now)
        };
        assert!(open.accepts("someone@else.fr"));
    }

    #[test]
    fn used_or_revoked_invitations_stay_so() {
        let now = noon();
        let accepted = Invitation {
            accepted_at: Some(now),
            ..invitation(now)
        };
        assert_eq!(accepted.status(now), InvitationStatus::Accepted);
        let revoked = Invitation {
            revoked_at: Some(now),
            ..invitation(now)
        };
        assert_eq!(
            revoked.status(now + Duration::days(30)),
            InvitationStatus::Revoked
        );
    }

    #[test]
    fn tokens_are_hashed_and_parsed_strictly() {
        let token = InvitationToken::from_random_bytes([7; 32]);
        assert_eq!(token.as_str().len(), 64);
        assert_eq!(
            InvitationToken::parse(&token.as_str().to_uppercase()),
            Some(token.clone())
        );
        assert_ne!(token.hash().0, token.as_str());
        assert_eq!(token.hash(), InvitationToken::from_random_bytes([7; 32]).hash());
        assert_ne!(token.hash(), InvitationToken::from_random_bytes([8; 32]).hash());
        assert_eq!(InvitationToken::parse("not-a-token"), None);
        assert_eq!(InvitationToken::parse(&"g".repeat(64)), None);
        assert_eq!(
            InvitationToken::parse(&format!(" {} ", token.as_str())),
            Some(token.clone()),
            "a link's token is read without the spaces around it"
        );
        assert_eq!(format!("{token:?}"), "InvitationToken(***)");
    }

    #[test]
    fn only_an_owner_invitation_cannot_be_open_to_anyone() {
        assert!(!may_open_link(Role::Owner));
        for role in [Role::Admin, Role::Coach, Role::Athlete] {
            assert!(may_open_link(role), "{role:?}");
        }
    }
}
