//! The data a [`super::MemoryStore`] keeps: one list per table of the SQL adapters.

use crate::account::User;
use crate::athlete::Athlete;
use crate::catalogue::{Complex, Exercise, LabelKind, Names};
use crate::competition::{LevelStatus, Weighing};
use crate::error::StoreError;
use crate::ids::{AthleteId, ClubId, ExerciseId, GroupId, MemberId, UserId};
use crate::invitation::{Invitation, TokenHash};
use crate::planning::Session;
use crate::planning::groups::Membership;
use crate::ports::{RecordedMax, StoreResult};
use crate::role::Role;
use crate::settings::TrainingSettings;
use crate::throttle::{Counter, Key};
use crate::workout::Workout;
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// The tables.
#[derive(Debug, Clone, Default)]
pub(super) struct State {
    /// The last id handed out, of any kind: ids increase, and no two records share one.
    last_id: i64,
    pub(super) users: Vec<UserRow>,
    pub(super) clubs: Vec<ClubRow>,
    pub(super) members: Vec<MemberRow>,
    pub(super) invitations: Vec<InvitationRow>,
    pub(super) throttle: HashMap<Key, Counter>,
    /// Known devices: a token's hash and the account it logged in to.
    pub(super) devices: HashMap<String, UserId>,
    pub(super) labels: Vec<LabelRow>,
    pub(super) exercises: Vec<Owned<Exercise>>,
    pub(super) complexes: Vec<Owned<Complex>>,
    pub(super) athletes: Vec<Owned<Athlete>>,
    pub(super) weighings: Vec<(AthleteId, Weighing)>,
    pub(super) levels: Vec<(AthleteId, LevelStatus)>,
    pub(super) maxes: Vec<Owned<RecordedMax>>,
    pub(super) groups: Vec<GroupRow>,
    /// Which athletes each group holds.
    pub(super) group_athletes: Vec<(GroupId, AthleteId)>,
    pub(super) settings: HashMap<ClubId, (TrainingSettings<ExerciseId>, i64)>,
    pub(super) workouts: Vec<Owned<Workout>>,
    /// The periods athletes spent in groups, kept as `group_athletes` changes (on today's
    /// date, as the SQL adapters' triggers).
    pub(super) memberships: Vec<Membership>,
    pub(super) sessions: Vec<Owned<Session>>,
    /// Calendar links: a member's and its secret's hash.
    pub(super) feeds: Vec<(MemberId, String)>,
}

/// A record and the club it belongs to.
#[derive(Debug, Clone)]
pub(super) struct Owned<T> {
    pub(super) club: ClubId,
    pub(super) record: T,
}

/// The records of `club` in `rows`.
pub(super) fn of_club<T>(rows: &[Owned<T>], club: ClubId) -> impl Iterator<Item = &T> {
    rows.iter().filter(move |r| r.club == club).map(|r| &r.record)
}

/// The record of `club` that `pick` finds in `rows`, to change.
pub(super) fn of_club_mut<T>(
    rows: &mut [Owned<T>],
    club: ClubId,
    pick: impl Fn(&T) -> bool,
) -> Option<&mut T> {
    rows.iter_mut()
        .filter(|r| r.club == club)
        .map(|r| &mut r.record)
        .find(|r| pick(r))
}

impl State {
    pub(super) fn next_id(&mut self) -> i64 {
        self.last_id += 1;
        self.last_id
    }
}

/// A record that guarded writes change: its version moves on with each change, as the SQL
/// adapters' `version = version + 1`.
pub(super) trait HasVersion: Clone {
    fn version(&mut self) -> &mut i64;
}

/// A record found for a guarded write, as the SQL adapters judge it: `NotFound` when the club
/// has no such record, `Conflict` when its version is not the one the caller read.
pub(super) fn guard<T: HasVersion>(found: Option<&mut T>, expected: i64) -> StoreResult<&mut T> {
    let found = found.ok_or(StoreError::NotFound)?;
    if *found.version() == expected {
        Ok(found)
    } else {
        Err(StoreError::Conflict)
    }
}

/// A guarded write of one record: `edit` applied to the record found (see [`guard`]), whose
/// version then moves on. Answers the record as it is now.
pub(super) fn change<T: HasVersion>(
    found: Option<&mut T>,
    expected: i64,
    edit: impl FnOnce(&mut T),
) -> StoreResult<T> {
    let record = guard(found, expected)?;
    edit(record);
    *record.version() += 1;
    Ok(record.clone())
}

/// Implements [`HasVersion`] for records that keep their version in a `version` field.
macro_rules! versioned_by_field {
    ($($record:ty),+) => {
        $(impl HasVersion for $record {
            fn version(&mut self) -> &mut i64 {
                &mut self.version
            }
        })+
    };
}

versioned_by_field!(
    Exercise,
    Complex,
    Athlete,
    RecordedMax,
    MemberRow,
    GroupRow,
    Workout,
    Session
);

/// An account and its password hash.
#[derive(Debug, Clone)]
pub(super) struct UserRow {
    pub(super) user: User,
    pub(super) password_hash: String,
}

/// A club.
#[derive(Debug, Clone)]
pub(super) struct ClubRow {
    pub(super) id: ClubId,
    pub(super) name: String,
    /// Moved by every change to the club's catalogue (see `CatalogueStore::catalogue_version`).
    pub(super) catalogue_version: i64,
}

/// A membership: a user, a club and a role.
#[derive(Debug, Clone)]
pub(super) struct MemberRow {
    pub(super) id: MemberId,
    pub(super) club: ClubId,
    pub(super) user: UserId,
    pub(super) role: Role,
    pub(super) version: i64,
    pub(super) joined_at: DateTime<Utc>,
}

/// An invitation, its token's hash and who sent it.
#[derive(Debug, Clone)]
pub(super) struct InvitationRow {
    /// As stored; `invited_by` is filled in from the inviting user when read.
    pub(super) invitation: Invitation,
    pub(super) token_hash: TokenHash,
    pub(super) invited_by: UserId,
}

/// An entry of one of the club's lists (a category, a piece of equipment, a workout category).
#[derive(Debug, Clone)]
pub(super) struct LabelRow {
    pub(super) kind: LabelKind,
    pub(super) club: ClubId,
    pub(super) id: i64,
    pub(super) names: Names,
}

/// A group of athletes (who is in it: `State::group_athletes`).
#[derive(Debug, Clone)]
pub(super) struct GroupRow {
    pub(super) club: ClubId,
    pub(super) id: GroupId,
    pub(super) name: String,
    pub(super) archived: bool,
    pub(super) version: i64,
}
