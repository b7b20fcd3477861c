//! Roles and the permission matrix: owner ⊇ admin ⊇ coach ⊇ athlete.

use serde::{Deserialize, Serialize};

/// A member's role in one club. Ordered from least to most powerful.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Athlete,
    Coach,
    Admin,
    Owner,
}

/// Something a member may be allowed to do in their club.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Permission {
    /// See the club, its name and one's own data.
    ViewClub,
    /// Read the exercise catalogue.
    ReadCatalogue,
    /// Change the catalogue, workouts, planning, groups and athletes' maxes.
    Coach,
    /// See and change members and their roles.
    ManageMembers,
    /// Invite people and revoke invitations.
    ManageInvitations,
    /// Change the club's settings.
    ManageSettings,
    /// Grant or take away the owner role; delete or transfer the club.
    ManageOwnership,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Athlete, Role::Coach, Role::Admin, Role::Owner];

    /// The least powerful role that holds `permission`.
    pub const fn minimum_for(permission: Permission) -> Role {
        match permission {
            Permission::ViewClub | Permission::ReadCatalogue => Role::Athlete,
            Permission::Coach => Role::Coach,
            Permission::ManageMembers | Permission::ManageInvitations | Permission::ManageSettings => {
                Role::Admin
            }
            Permission::ManageOwnership => Role::Owner,
        }
    }

    /// Whether this role holds `permission` (roles are cumulative).
    pub fn allows(self, permission: Permission) -> bool {
        self >= Role::minimum_for(permission)
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Athlete => "athlete",
            Role::Coach => "coach",
            Role::Admin => "admin",
            Role::Owner => "owner",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The roles a member with this role may hand out (by invitation or role change).
    pub fn assignable(self) -> Vec<Role> {
        if !self.allows(Permission::ManageMembers) {
            return Vec::new();
        }
        Role::ALL
            .into_iter()
            .filter(|r| *r != Role::Owner || self.allows(Permission::ManageOwnership))
            .collect()
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_cumulative() {
        assert!(Role::Owner.allows(Permission::ManageMembers));
        assert!(Role::Admin.allows(Permission::ManageSettings));
        assert!(Role::Admin.allows(Permission::Coach));
        assert!(Role::Coach.allows(Permission::ReadCatalogue));
        assert!(!Role::Coach.allows(Permission::ManageMembers));
        assert!(!Role::Athlete.allows(Permission::Coach));
        assert!(!Role::Admin.allows(Permission::ManageOwnership));
        assert!(Role::Owner.allows(Permission::ManageOwnership));
    }

    #[test]
    fn every_role_views_its_club() {
        for role in Role::ALL {
            assert!(role.allows(Permission::ViewClub), "{role}");
        }
    }

    #[test]
    fn only_owners_hand_out_ownership() {
        assert_eq!(Role::Owner.assignable(), Role::ALL.to_vec());
        assert_eq!(
            Role::Admin.assignable(),
            vec![Role::Athlete, Role::Coach, Role::Admin]
        );
        assert!(Role::Coach.assignable().is_empty());
        assert!(Role::Athlete.assignable().is_empty());
    }

    #[test]
    fn role_names_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("king"), None);
    }
}
