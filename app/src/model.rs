//! What the server functions send to the browser.

use chrono::{DateTime, Utc};
use domain::invitation::InvitationStatus;
use domain::membership::ClubMembership;
use domain::{ClubId, InvitationId, MemberId, Role};
use serde::{Deserialize, Serialize};

/// The person looking at the page, and the club they are working in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Viewer {
    pub display_name: String,
    pub email: String,
    pub club: Option<CurrentClub>,
    pub clubs: Vec<ClubMembership>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CurrentClub {
    pub id: ClubId,
    pub name: String,
    pub role: Role,
    pub member_id: MemberId,
}

impl Viewer {
    pub fn role(&self) -> Option<Role> {
        self.club.as_ref().map(|c| c.role)
    }
}

/// A member as the club page lists them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberRow {
    pub id: MemberId,
    pub display_name: String,
    pub email: String,
    pub role: Role,
    pub version: i64,
    pub joined_at: DateTime<Utc>,
    pub is_me: bool,
}

/// The club page's data: its members, and what the viewer may hand out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Roster {
    pub members: Vec<MemberRow>,
    pub assignable: Vec<Role>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PendingInvitation {
    pub id: InvitationId,
    pub email: String,
    pub role: Role,
    pub invited_by: String,
    pub expires_at: DateTime<Utc>,
}

/// A new invitation and the link to hand to the invitee (there is no mail server).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreatedInvitation {
    pub email: String,
    pub link: String,
}

/// What an invitation link shows before it is accepted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvitationView {
    pub club_name: String,
    pub email: String,
    pub role: Role,
    pub invited_by: String,
    pub status: InvitationStatus,
    pub account_exists: bool,
}
