//! Members of a club and the rules for changing their roles.

use crate::ids::{ClubId, MemberId, UserId};
use crate::role::{Permission, Role};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A person's place in one club.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub id: MemberId,
    pub club_id: ClubId,
    pub user_id: UserId,
    pub display_name: String,
    pub email: String,
    pub role: Role,
    /// Bumped on every change; a change based on an older version is refused.
    pub version: i64,
    pub joined_at: DateTime<Utc>,
}

/// One of the clubs a person belongs to, for the club switcher.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClubMembership {
    pub club_id: ClubId,
    pub club_name: String,
    pub member_id: MemberId,
    pub role: Role,
}

/// A user with every club they belong to: what resolving who is asking needs, read at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub user: crate::account::User,
    /// One per club, by club name.
    pub members: Vec<Member>,
    /// The same clubs with their names, in the same order.
    pub clubs: Vec<ClubMembership>,
}

impl Identity {
    /// The membership of `club`, if the user still belongs to it.
    pub fn member_of(&self, club: ClubId) -> Option<&Member> {
        self.members.iter().find(|m| m.club_id == club)
    }
}

/// Why a change to a membership is refused by the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MembershipRuleError {
    #[error("your role does not allow this")]
    Forbidden,
    #[error("a club always keeps at least one owner")]
    LastOwner,
}

/// May `actor` give `target` the role `new_role`, given the club's current number of owners?
pub fn check_role_change(
    actor: Role,
    target: Role,
    new_role: Role,
    owner_count: usize,
) -> Result<(), MembershipRuleError> {
    if !actor.allows(Permission::ManageMembers) {
        return Err(MembershipRuleError::Forbidden);
    }
    let touches_ownership = target == Role::Owner || new_role == Role::Owner;
    if touches_ownership && !actor.allows(Permission::ManageOwnership) {
        return Err(MembershipRuleError::Forbidden);
    }
    if target == Role::Owner && new_role != Role::Owner && owner_count <= 1 {
        return Err(MembershipRuleError::LastOwner);
    }
    Ok(())
}

/// May `actor` remove a member whose role is `target`?
pub fn check_removal(actor: Role, target: Role, owner_count: usize) -> Result<(), MembershipRuleError> {
    if !actor.allows(Permission::ManageMembers) {
        return Err(MembershipRuleError::Forbidden);
    }
    if target == Role::Owner && !actor.allows(Permission::ManageOwnership) {
        return Err(MembershipRuleError::Forbidden);
    }
    if target == Role::Owner && owner_count <= 1 {
        return Err(MembershipRuleError::LastOwner);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use MembershipRuleError::*;
    use Role::*;

    #[test]
    fn last_owner_can_never_be_demoted_or_removed() {
        for new_role in [Admin, Coach, Athlete] {
            assert_eq!(check_role_change(Owner, Owner, new_role, 1), Err(LastOwner));
        }
        assert_eq!(check_removal(Owner, Owner, 1), Err(LastOwner));
        // With a second owner, either may step down.
        assert_eq!(check_role_change(Owner, Owner, Admin, 2), Ok(()));
        assert_eq!(check_removal(Owner, Owner, 2), Ok(()));
    }

    #[test]
    fn admins_manage_members_but_not_owners() {
        assert_eq!(check_role_change(Admin, Athlete, Coach, 1), Ok(()));
        assert_eq!(check_role_change(Admin, Coach, Admin, 1), Ok(()));
        assert_eq!(check_role_change(Admin, Coach, Owner, 1), Err(Forbidden));
        assert_eq!(check_role_change(Admin, Owner, Coach, 2), Err(Forbidden));
        assert_eq!(check_removal(Admin, Coach, 1), Ok(()));
        assert_eq!(check_removal(Admin, Owner, 2), Err(Forbidden));
    }

    #[test]
    fn coaches_and_athletes_change_nobody() {
        for actor in [Coach, Athlete] {
            assert_eq!(check_role_change(actor, Athlete, Coach, 1), Err(Forbidden));
            assert_eq!(check_removal(actor, Athlete, 1), Err(Forbidden));
        }
    }

    #[test]
    fn owners_promote_to_owner() {
        assert_eq!(check_role_change(Owner, Coach, Owner, 1), Ok(()));
    }
}
