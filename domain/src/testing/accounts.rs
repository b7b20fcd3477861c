//! Accounts, clubs, memberships, invitations and the login throttle, in memory.

use super::MemoryStore;
use super::tables::{ClubRow, InvitationRow, MemberRow, State, UserRow, guard};
use crate::account::User;
use crate::error::StoreError;
use crate::ids::{ClubId, InvitationId, MemberId, UserId};
use crate::invitation::{Invitation, TokenHash};
use crate::membership::{ClubMembership, Identity, Member};
use crate::ports::{
    AccountStore, ClubStore, CounterUpdate, InvitationStore, NewClub, NewInvitation, NewUser, StoreResult,
    ThrottleStore, Versioned,
};
use crate::role::Role;
use crate::throttle::{Counter, Key};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

impl State {
    fn user_row(&self, id: UserId) -> Option<&UserRow> {
        self.users.iter().find(|u| u.user.id == id)
    }

    fn club_row(&self, id: ClubId) -> Option<&ClubRow> {
        self.clubs.iter().find(|c| c.id == id)
    }

    /// A membership with its person's name and email, as the adapters join them.
    fn member_of(&self, row: &MemberRow) -> StoreResult<Member> {
        let user = self
            .user_row(row.user)
            .ok_or_else(|| StoreError::Backend("a member without a user".into()))?;
        Ok(Member {
            id: row.id,
            club_id: row.club,
            user_id: row.user,
            display_name: user.user.display_name.clone(),
            email: user.user.email.clone(),
            role: row.role,
            version: row.version,
            joined_at: row.joined_at,
        })
    }

    fn find_member(&self, club: ClubId, pick: impl Fn(&MemberRow) -> bool) -> StoreResult<Option<Member>> {
        self.members
            .iter()
            .find(|m| m.club == club && pick(m))
            .map(|m| self.member_of(m))
            .transpose()
    }

    fn owner_count(&self, club: ClubId) -> usize {
        self.members
            .iter()
            .filter(|m| m.club == club && m.role == Role::Owner)
            .count()
    }

    /// A membership of the club for a guarded write (see [`guard`]), and whether it is the
    /// club's last owner.
    fn member_to_change(
        &mut self,
        club: ClubId,
        member: MemberId,
        expected_version: i64,
    ) -> StoreResult<(&mut MemberRow, bool)> {
        let owners = self.owner_count(club);
        let row = guard(
            self.members.iter_mut().find(|m| m.club == club && m.id == member),
            expected_version,
        )?;
        let last_owner = row.role == Role::Owner && owners <= 1;
        Ok((row, last_owner))
    }

    /// `Duplicate` when the email has an account.
    fn insert_user(&mut self, new: NewUser) -> StoreResult<User> {
        if self.users.iter().any(|u| u.user.email == new.email.as_str()) {
            return Err(StoreError::Duplicate);
        }
        let user = User {
            id: UserId(self.next_id()),
            email: new.email.as_str().to_owned(),
            display_name: new.display_name.as_str().to_owned(),
            session_generation: 0,
        };
        self.users.push(UserRow {
            user: user.clone(),
            password_hash: new.password_hash,
        });
        Ok(user)
    }

    /// `Duplicate` when the user is a member of the club already.
    fn insert_member(
        &mut self,
        club: ClubId,
        user: UserId,
        role: Role,
        now: DateTime<Utc>,
    ) -> StoreResult<MemberId> {
        if self.user_row(user).is_none() || self.club_row(club).is_none() {
            return Err(StoreError::Backend(
                "a membership of an unknown user or club".into(),
            ));
        }
        if self.members.iter().any(|m| m.club == club && m.user == user) {
            return Err(StoreError::Duplicate);
        }
        let id = MemberId(self.next_id());
        self.members.push(MemberRow {
            id,
            club,
            user,
            role,
            version: 1,
            joined_at: now,
        });
        Ok(id)
    }

    /// The user's memberships with their clubs' names, by club name.
    fn clubs_of(&self, user: UserId) -> StoreResult<Vec<(Member, ClubMembership)>> {
        let mut found = Vec::new();
        for row in self.members.iter().filter(|m| m.user == user) {
            let club = self
                .club_row(row.club)
                .ok_or_else(|| StoreError::Backend("a member of no club".into()))?;
            let membership = ClubMembership {
                club_id: club.id,
                club_name: club.name.clone(),
                member_id: row.id,
                role: row.role,
            };
            found.push((self.member_of(row)?, membership));
        }
        found.sort_by(|(_, a), (_, b)| (&a.club_name, a.club_id).cmp(&(&b.club_name, b.club_id)));
        Ok(found)
    }

    fn invitation_of(&self, row: &InvitationRow) -> Invitation {
        let invited_by = self
            .user_row(row.invited_by)
            .map(|u| u.user.display_name.clone())
            .unwrap_or_default();
        Invitation {
            invited_by,
            ..row.invitation.clone()
        }
    }

    /// Marks a pending invitation used by `user` and makes them a member with its role:
    /// `Conflict` unless it is pending at `now`.
    fn claim(&mut self, id: InvitationId, user: UserId, now: DateTime<Utc>) -> StoreResult<MemberId> {
        let row = self
            .invitations
            .iter_mut()
            .find(|i| {
                let i = &i.invitation;
                i.id == id && i.accepted_at.is_none() && i.revoked_at.is_none() && i.expires_at > now
            })
            .ok_or(StoreError::Conflict)?;
        row.invitation.accepted_at = Some(now);
        let (club, role) = (row.invitation.club_id, row.invitation.role);
        self.insert_member(club, user, role, now)
    }
}

#[async_trait]
impl AccountStore for MemoryStore {
    async fn create_user_with_club(
        &self,
        new: NewClub<'_>,
        now: DateTime<Utc>,
    ) -> StoreResult<(User, ClubId)> {
        self.write(|s| {
            let user = s.insert_user(new.owner)?;
            let club = ClubId(s.next_id());
            s.clubs.push(ClubRow {
                id: club,
                name: new.name.to_owned(),
                catalogue_version: 0,
            });
            s.insert_member(club, user.id, Role::Owner, now)?;
            s.insert_catalogue(club, new.catalogue)?;
            s.insert_workout_categories(club)?;
            Ok((user, club))
        })
    }

    async fn user(&self, id: UserId) -> StoreResult<Option<User>> {
        Ok(self.read(|s| s.user_row(id).map(|u| u.user.clone())))
    }

    async fn user_credentials(&self, email: &str) -> StoreResult<Option<(User, String)>> {
        Ok(self.read(|s| {
            s.users
                .iter()
                .find(|u| u.user.email == email)
                .map(|u| (u.user.clone(), u.password_hash.clone()))
        }))
    }

    async fn bump_session_generation(&self, id: UserId) -> StoreResult<i64> {
        self.write(|s| {
            let row = s
                .users
                .iter_mut()
                .find(|u| u.user.id == id)
                .ok_or(StoreError::NotFound)?;
            row.user.session_generation += 1;
            Ok(row.user.session_generation)
        })
    }
}

#[async_trait]
impl ClubStore for MemoryStore {
    async fn club_name(&self, club: ClubId) -> StoreResult<Option<String>> {
        Ok(self.read(|s| s.club_row(club).map(|c| c.name.clone())))
    }

    async fn memberships(&self, user: UserId) -> StoreResult<Vec<ClubMembership>> {
        self.read(|s| Ok(s.clubs_of(user)?.into_iter().map(|(_, c)| c).collect()))
    }

    async fn member_by_user(&self, club: ClubId, user: UserId) -> StoreResult<Option<Member>> {
        self.read(|s| s.find_member(club, |m| m.user == user))
    }

    async fn identity(&self, user: UserId) -> StoreResult<Option<Identity>> {
        self.read(|s| {
            let Some(row) = s.user_row(user) else {
                return Ok(None);
            };
            let (members, clubs) = s.clubs_of(user)?.into_iter().unzip();
            Ok(Some(Identity {
                user: row.user.clone(),
                members,
                clubs,
            }))
        })
    }

    async fn member(&self, club: ClubId, member: MemberId) -> StoreResult<Option<Member>> {
        self.read(|s| s.find_member(club, |m| m.id == member))
    }

    async fn members(&self, club: ClubId) -> StoreResult<Vec<Member>> {
        self.read(|s| {
            let mut members = s
                .members
                .iter()
                .filter(|m| m.club == club)
                .map(|m| s.member_of(m))
                .collect::<StoreResult<Vec<_>>>()?;
            members.sort_by(|a, b| (&a.display_name, a.id).cmp(&(&b.display_name, b.id)));
            Ok(members)
        })
    }

    async fn owner_count(&self, club: ClubId) -> StoreResult<usize> {
        Ok(self.read(|s| s.owner_count(club)))
    }

    async fn set_member_role(
        &self,
        Versioned { club, id, version }: Versioned<MemberId>,
        role: Role,
    ) -> StoreResult<Member> {
        self.write(|s| {
            let (row, last_owner) = s.member_to_change(club, id, version)?;
            // The club's last owner stays one (the SQL's guard answers it as a conflict).
            if last_owner && role != Role::Owner {
                return Err(StoreError::Conflict);
            }
            row.role = role;
            row.version += 1;
            let row = row.clone();
            s.member_of(&row)
        })
    }

    async fn remove_member(&self, Versioned { club, id, version }: Versioned<MemberId>) -> StoreResult<()> {
        self.write(|s| {
            let (_, last_owner) = s.member_to_change(club, id, version)?;
            if last_owner {
                return Err(StoreError::Conflict);
            }
            s.members.retain(|m| m.id != id);
            // The profile linked to the membership stays, unlinked.
            for athlete in s.athletes.iter_mut().map(|a| &mut a.record) {
                if athlete.member == Some(id) {
                    athlete.member = None;
                }
            }
            Ok(())
        })
    }
}

#[async_trait]
impl InvitationStore for MemoryStore {
    async fn create_invitation(&self, new: NewInvitation) -> StoreResult<Invitation> {
        self.write(|s| {
            if s.invitations.iter().any(|i| i.token_hash == new.token_hash) {
                return Err(StoreError::Duplicate);
            }
            if s.club_row(new.club_id).is_none() || s.user_row(new.invited_by).is_none() {
                return Err(StoreError::Backend(
                    "an invitation of an unknown club or user".into(),
                ));
            }
            let row = InvitationRow {
                invitation: Invitation {
                    id: InvitationId(s.next_id()),
                    club_id: new.club_id,
                    email: new.email,
                    role: new.role,
                    invited_by: String::new(),
                    created_at: new.created_at,
                    expires_at: new.expires_at,
                    accepted_at: None,
                    revoked_at: None,
                    open_link: new.open_link,
                },
                token_hash: new.token_hash,
                invited_by: new.invited_by,
            };
            let invitation = s.invitation_of(&row);
            s.invitations.push(row);
            Ok(invitation)
        })
    }

    async fn pending_invitations(&self, club: ClubId, now: DateTime<Utc>) -> StoreResult<Vec<Invitation>> {
        Ok(self.read(|s| {
            let mut pending: Vec<Invitation> = s
                .invitations
                .iter()
                .filter(|row| {
                    let i = &row.invitation;
                    i.club_id == club
                        && i.accepted_at.is_none()
                        && i.revoked_at.is_none()
                        && i.expires_at > now
                })
                .map(|row| s.invitation_of(row))
                .collect();
            pending.sort_by_key(|i| std::cmp::Reverse((i.created_at, i.id)));
            pending
        }))
    }

    async fn invitation_by_token(&self, hash: &TokenHash) -> StoreResult<Option<(Invitation, String)>> {
        Ok(self.read(|s| {
            let row = s.invitations.iter().find(|i| &i.token_hash == hash)?;
            let club = s.club_row(row.invitation.club_id)?;
            Some((s.invitation_of(row), club.name.clone()))
        }))
    }

    async fn revoke_invitation(&self, club: ClubId, id: InvitationId, now: DateTime<Utc>) -> StoreResult<()> {
        self.write(|s| {
            let row = s
                .invitations
                .iter_mut()
                .map(|row| &mut row.invitation)
                .find(|i| {
                    i.club_id == club && i.id == id && i.accepted_at.is_none() && i.revoked_at.is_none()
                })
                .ok_or(StoreError::NotFound)?;
            row.revoked_at = Some(now);
            Ok(())
        })
    }

    async fn accept_invitation(
        &self,
        id: InvitationId,
        user: UserId,
        now: DateTime<Utc>,
    ) -> StoreResult<MemberId> {
        self.write(|s| s.claim(id, user, now))
    }

    async fn accept_invitation_as_new_user(
        &self,
        id: InvitationId,
        user: NewUser,
        now: DateTime<Utc>,
    ) -> StoreResult<(User, MemberId)> {
        self.write(|s| {
            let user = s.insert_user(user)?;
            let member = s.claim(id, user.id, now)?;
            Ok((user, member))
        })
    }
}

#[async_trait]
impl ThrottleStore for MemoryStore {
    async fn throttle(&self, key: &Key) -> StoreResult<Option<Counter>> {
        Ok(self.read(|s| s.throttle.get(key).copied()))
    }

    async fn update_throttle(
        &self,
        key: &Key,
        update: CounterUpdate<'_>,
    ) -> StoreResult<(Option<Counter>, Counter)> {
        self.write(|s| {
            // As stored by the SQL adapters: a counter at zero reads as no counter.
            let before = s.throttle.get(key).copied().filter(|c| c.count > 0);
            let after = update(before);
            s.throttle.insert(key.clone(), after);
            Ok((before, after))
        })
    }

    async fn forget_throttles(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        self.write(|s| {
            let kept = s.throttle.len();
            s.throttle
                .retain(|_, c| !(c.window_start < before && c.next_at < before));
            Ok(u64::try_from(kept - s.throttle.len()).unwrap_or(u64::MAX))
        })
    }

    async fn remember_device(&self, user: UserId, token_hash: &str, _now: DateTime<Utc>) -> StoreResult<()> {
        self.write(|s| {
            if s.user_row(user).is_none() {
                return Err(StoreError::Backend("a device of an unknown user".into()));
            }
            // A token already known stays with the account it was first given to.
            s.devices.entry(token_hash.to_owned()).or_insert(user);
            Ok(())
        })
    }

    async fn device_owner(&self, token_hash: &str) -> StoreResult<Option<UserId>> {
        Ok(self.read(|s| s.devices.get(token_hash).copied()))
    }

    async fn forget_devices(&self, user: UserId) -> StoreResult<()> {
        self.write(|s| {
            s.devices.retain(|_, owner| *owner != user);
            Ok(())
        })
    }
}
