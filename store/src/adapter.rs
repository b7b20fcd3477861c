//! The SQL behind the port, written once and instantiated for each database.
//!
//! `store_adapter!` expands to a struct over one sqlx pool type and its implementation of every
//! store trait. Both dialects accept this SQL as written (`$n` placeholders, `RETURNING`,
//! scalar sub-queries); a statement that must differ would take one text per database.
//!
//! **Every write runs in an explicit transaction** (`write`, then `commit`), never as an
//! autocommit statement on the pool. On SQLite, an autocommit `INSERT … RETURNING` read with
//! `fetch_one` commits when sqlx resets the statement after the first row, and sqlx 0.8 drops
//! that reset's error: with a full disk the caller got the new row's id while the row was rolled
//! back. An explicit COMMIT reports its failure. A connection whose COMMIT failed may be left
//! inside a transaction in sqlx's eyes; the pool closes such connections when they are released
//! (see `Database::connect`), so the next writes do not find the database locked.

use crate::db_error;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::account::User;
use domain::catalogue::exchange::ImportCounts;
use domain::catalogue::file::{CataloguePlan, PlannedComplex, PlannedExercise};
use domain::catalogue::{Complex, ComplexDraft, Exercise, ExerciseDraft, Label, LabelKind, Names};
use domain::invitation::{Invitation, TokenHash};
use domain::membership::{ClubMembership, Identity, Member};
use domain::ports::CounterUpdate;
use domain::ports::{
    AccountStore, CatalogueStore, ClubStore, InvitationStore, NewInvitation, NewUser, Store, StoreResult,
    ThrottleStore,
};
use domain::throttle::{Counter, Key};
use domain::{
    CategoryId, ClubId, ComplexId, EquipmentId, ExerciseId, InvitationId, MemberId, Role, StoreError, UserId,
};

#[derive(Clone, sqlx::FromRow)]
struct UserRow {
    id: i64,
    email: String,
    display_name: String,
    session_generation: i64,
}

impl From<UserRow> for User {
    fn from(r: UserRow) -> Self {
        User {
            id: UserId(r.id),
            email: r.email,
            display_name: r.display_name,
            session_generation: r.session_generation,
        }
    }
}

#[derive(sqlx::FromRow)]
struct CounterRow {
    count: i64,
    window_start: DateTime<Utc>,
    next_at: DateTime<Utc>,
}

impl From<CounterRow> for Counter {
    fn from(r: CounterRow) -> Self {
        Counter {
            count: u32::try_from(r.count).unwrap_or(u32::MAX),
            window_start: r.window_start,
            next_at: r.next_at,
        }
    }
}

#[derive(sqlx::FromRow)]
struct CredentialsRow {
    #[sqlx(flatten)]
    user: UserRow,
    password_hash: String,
}

fn role(raw: &str) -> StoreResult<Role> {
    Role::parse(raw).ok_or_else(|| StoreError::Backend(format!("unknown role {raw:?} in the database")))
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    id: i64,
    club_id: i64,
    user_id: i64,
    display_name: String,
    email: String,
    role: String,
    version: i64,
    joined_at: DateTime<Utc>,
}

impl TryFrom<MemberRow> for Member {
    type Error = StoreError;
    fn try_from(r: MemberRow) -> StoreResult<Self> {
        Ok(Member {
            id: MemberId(r.id),
            club_id: ClubId(r.club_id),
            user_id: UserId(r.user_id),
            display_name: r.display_name,
            email: r.email,
            role: role(&r.role)?,
            version: r.version,
            joined_at: r.joined_at,
        })
    }
}

/// One row per membership of a user (one row of `None`s for a user without a club).
#[derive(sqlx::FromRow)]
struct IdentityRow {
    #[sqlx(flatten)]
    user: UserRow,
    member_id: Option<i64>,
    club_id: Option<i64>,
    club_name: Option<String>,
    role: Option<String>,
    member_version: Option<i64>,
    joined_at: Option<DateTime<Utc>>,
}

fn identity(rows: Vec<IdentityRow>) -> StoreResult<Option<Identity>> {
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let user: User = first.user.clone().into();
    let mut members = Vec::new();
    let mut clubs = Vec::new();
    for row in rows {
        let (Some(id), Some(club_id), Some(club_name), Some(role_name), Some(version), Some(joined_at)) = (
            row.member_id,
            row.club_id,
            row.club_name,
            row.role,
            row.member_version,
            row.joined_at,
        ) else {
            continue;
        };
        let role = role(&role_name)?;
        members.push(Member {
            id: MemberId(id),
            club_id: ClubId(club_id),
            user_id: user.id,
            display_name: user.display_name.clone(),
            email: user.email.clone(),
            role,
            version,
            joined_at,
        });
        clubs.push(ClubMembership {
            club_id: ClubId(club_id),
            club_name,
            member_id: MemberId(id),
            role,
        });
    }
    Ok(Some(Identity { user, members, clubs }))
}

#[derive(sqlx::FromRow)]
struct ClubMembershipRow {
    club_id: i64,
    club_name: String,
    member_id: i64,
    role: String,
}

#[derive(sqlx::FromRow)]
struct InvitationRow {
    id: i64,
    club_id: i64,
    email: String,
    role: String,
    invited_by: String,
    created_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    accepted_at: Option<DateTime<Utc>>,
    revoked_at: Option<DateTime<Utc>>,
    open_link: bool,
}

impl TryFrom<InvitationRow> for Invitation {
    type Error = StoreError;
    fn try_from(r: InvitationRow) -> StoreResult<Self> {
        Ok(Invitation {
            id: InvitationId(r.id),
            club_id: ClubId(r.club_id),
            email: r.email,
            role: role(&r.role)?,
            invited_by: r.invited_by,
            created_at: r.created_at,
            expires_at: r.expires_at,
            accepted_at: r.accepted_at,
            revoked_at: r.revoked_at,
            open_link: r.open_link,
        })
    }
}

#[derive(sqlx::FromRow)]
struct InvitationWithClubRow {
    #[sqlx(flatten)]
    invitation: InvitationRow,
    club_name: String,
}

#[derive(sqlx::FromRow)]
struct ExerciseRow {
    id: i64,
    name_fr: String,
    name_en: String,
    short_name: Option<String>,
    category_id: Option<i64>,
    equipment_id: Option<i64>,
    description: Option<String>,
    video_url: Option<String>,
    image_key: Option<String>,
    video_key: Option<String>,
    archived_at: Option<DateTime<Utc>>,
    version: i64,
}

impl From<ExerciseRow> for Exercise {
    fn from(r: ExerciseRow) -> Self {
        Exercise {
            id: ExerciseId(r.id),
            names: Names {
                fr: r.name_fr,
                en: r.name_en,
            },
            short_name: r.short_name,
            category: r.category_id.map(CategoryId),
            equipment: r.equipment_id.map(EquipmentId),
            description: r.description,
            video_url: r.video_url,
            image: r.image_key,
            video: r.video_key,
            archived: r.archived_at.is_some(),
            version: r.version,
        }
    }
}

#[derive(sqlx::FromRow)]
struct LabelRow {
    id: i64,
    name_fr: String,
    name_en: String,
}

impl LabelRow {
    fn into_label<Id>(self, id: impl Fn(i64) -> Id) -> Label<Id> {
        Label {
            id: id(self.id),
            names: Names {
                fr: self.name_fr,
                en: self.name_en,
            },
        }
    }
}

#[derive(sqlx::FromRow)]
struct ComplexRow {
    id: i64,
    name_fr: String,
    name_en: String,
    category_id: Option<i64>,
    archived_at: Option<DateTime<Utc>>,
    version: i64,
}

const EXERCISE_COLUMNS: &str = "id, name_fr, name_en, short_name, category_id, equipment_id, description, video_url, \
     image_key, video_key, archived_at, version";
/// The category and equipment ids of a write, kept only when they are the club's ($1).
const CLUB_CATEGORY: &str = "(SELECT id FROM catalogue_categories WHERE club_id = $1 AND id = $6)";
const CLUB_EQUIPMENT: &str = "(SELECT id FROM catalogue_equipment WHERE club_id = $1 AND id = $7)";

const USER_COLUMNS: &str = "id, email, display_name, session_generation";
const MEMBER_SELECT: &str = "SELECT m.id, m.club_id, m.user_id, u.display_name, u.email, m.role, m.version, m.joined_at \
     FROM members m JOIN users u ON u.id = m.user_id";
const INVITATION_SELECT: &str = "SELECT i.id, i.club_id, i.email, i.role, u.display_name AS invited_by, \
     i.created_at, i.expires_at, i.accepted_at, i.revoked_at, i.open_link \
     FROM invitations i JOIN users u ON u.id = i.invited_by";
/// Leaves a club's last owner in place: true unless the row is that owner.
const KEEPS_AN_OWNER: &str = "(role <> 'owner' OR (SELECT COUNT(*) FROM members o WHERE o.club_id = members.club_id AND o.role = 'owner') > 1)";

/// After a guarded write touched no row, what the record's state says: gone (not found) or
/// changed since the version the caller read (conflict).
fn missing_or_conflict<T>(found: StoreResult<Option<T>>) -> StoreError {
    match found {
        Ok(None) => StoreError::NotFound,
        Ok(Some(_)) => StoreError::Conflict,
        Err(e) => e,
    }
}

// `catalogue_adapter!`: the catalogue's SQL, instantiated by `store_adapter!` below.
include!("catalogue.rs");

// `athlete_adapter!`: athletes, maxes, groups and settings, instantiated by `store_adapter!`.
include!("athletes.rs");

macro_rules! store_adapter {
    ($(#[$doc:meta])* $name:ident, $pool:ty, $db:ty, $begin:literal, $lock:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug)]
        pub struct $name {
            pool: $pool,
        }

        impl $name {
            pub fn new(pool: $pool) -> Self {
                Self { pool }
            }

            /// Starts a write. Every write runs in an explicit transaction and is acknowledged
            /// only once its COMMIT succeeded (see the module's documentation).
            async fn write(&self) -> StoreResult<sqlx::Transaction<'static, $db>> {
                self.pool.begin_with($begin).await.map_err(db_error)
            }

            /// Commits `tx`, then answers `value`.
            async fn commit<T>(tx: sqlx::Transaction<'static, $db>, value: T) -> StoreResult<T> {
                tx.commit().await.map_err(db_error)?;
                Ok(value)
            }

            async fn fetch_member(&self, club: ClubId, member: MemberId) -> StoreResult<Option<Member>> {
                sqlx::query_as::<_, MemberRow>(&format!("{MEMBER_SELECT} WHERE m.club_id = $1 AND m.id = $2"))
                    .bind(club.0)
                    .bind(member.0)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db_error)?
                    .map(Member::try_from)
                    .transpose()
            }

            async fn fetch_invitation(&self, id: i64) -> StoreResult<Invitation> {
                sqlx::query_as::<_, InvitationRow>(&format!("{INVITATION_SELECT} WHERE i.id = $1"))
                    .bind(id)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_error)?
                    .try_into()
            }

            /// Inserts an account inside `tx`; `Duplicate` when the email is taken.
            async fn insert_user(
                tx: &mut sqlx::Transaction<'static, $db>,
                user: &NewUser,
                now: DateTime<Utc>,
            ) -> StoreResult<UserRow> {
                sqlx::query_as::<_, UserRow>(&format!(
                    "INSERT INTO users (email, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4) \
                     RETURNING {USER_COLUMNS}"
                ))
                .bind(&user.email)
                .bind(&user.display_name)
                .bind(&user.password_hash)
                .bind(now)
                .fetch_one(&mut **tx)
                .await
                .map_err(db_error)
            }

            /// Marks a pending invitation used by `user` and adds the membership it grants, inside `tx`.
            async fn claim_invitation(
                tx: &mut sqlx::Transaction<'static, $db>,
                id: InvitationId,
                user: i64,
                now: DateTime<Utc>,
            ) -> StoreResult<MemberId> {
                let claimed: Option<(i64, String)> = sqlx::query_as(
                    "UPDATE invitations SET accepted_at = $2, accepted_by = $3 \
                     WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $2 \
                     RETURNING club_id, role",
                )
                .bind(id.0)
                .bind(now)
                .bind(user)
                .fetch_optional(&mut **tx)
                .await
                .map_err(db_error)?;
                let (club_id, invited_role) = claimed.ok_or(StoreError::Conflict)?;
                let (member_id,): (i64,) = sqlx::query_as(
                    "INSERT INTO members (club_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4) RETURNING id",
                )
                .bind(club_id)
                .bind(user)
                .bind(&invited_role)
                .bind(now)
                .fetch_one(&mut **tx)
                .await
                .map_err(db_error)?;
                Ok(MemberId(member_id))
            }
        }

        #[async_trait]
        impl AccountStore for $name {
            async fn create_user_with_club(
                &self,
                user: NewUser,
                club_name: &str,
                catalogue: &CataloguePlan,
                now: DateTime<Utc>,
            ) -> StoreResult<(User, ClubId)> {
                let mut tx = self.write().await?;
                let created = Self::insert_user(&mut tx, &user, now).await?;
                let (club_id,): (i64,) =
                    sqlx::query_as("INSERT INTO clubs (name, created_at) VALUES ($1, $2) RETURNING id")
                        .bind(club_name)
                        .bind(now)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(db_error)?;
                sqlx::query("INSERT INTO members (club_id, user_id, role, joined_at) VALUES ($1, $2, 'owner', $3)")
                    .bind(club_id)
                    .bind(created.id)
                    .bind(now)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                Self::insert_catalogue(&mut tx, ClubId(club_id), catalogue, now).await?;
                tx.commit().await.map_err(db_error)?;
                Ok((created.into(), ClubId(club_id)))
            }

            async fn user(&self, id: UserId) -> StoreResult<Option<User>> {
                Ok(sqlx::query_as::<_, UserRow>(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
                    .bind(id.0)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db_error)?
                    .map(User::from))
            }

            async fn user_credentials(&self, email: &str) -> StoreResult<Option<(User, String)>> {
                Ok(sqlx::query_as::<_, CredentialsRow>(&format!(
                    "SELECT {USER_COLUMNS}, password_hash FROM users WHERE email = $1"
                ))
                .bind(email)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_error)?
                .map(|r| (r.user.into(), r.password_hash)))
            }

            async fn bump_session_generation(&self, id: UserId) -> StoreResult<i64> {
                let mut tx = self.write().await?;
                let (generation,): (i64,) = sqlx::query_as(
                    "UPDATE users SET session_generation = session_generation + 1 WHERE id = $1 \
                     RETURNING session_generation",
                )
                .bind(id.0)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_error)?;
                Self::commit(tx, generation).await
            }
        }

        #[async_trait]
        impl ClubStore for $name {
            async fn club_name(&self, club: ClubId) -> StoreResult<Option<String>> {
                Ok(sqlx::query_as::<_, (String,)>("SELECT name FROM clubs WHERE id = $1")
                    .bind(club.0)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db_error)?
                    .map(|(name,)| name))
            }

            async fn memberships(&self, user: UserId) -> StoreResult<Vec<ClubMembership>> {
                sqlx::query_as::<_, ClubMembershipRow>(
                    "SELECT c.id AS club_id, c.name AS club_name, m.id AS member_id, m.role \
                     FROM members m JOIN clubs c ON c.id = m.club_id WHERE m.user_id = $1 ORDER BY c.name, c.id",
                )
                .bind(user.0)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?
                .into_iter()
                .map(|r| {
                    Ok(ClubMembership {
                        club_id: ClubId(r.club_id),
                        club_name: r.club_name,
                        member_id: MemberId(r.member_id),
                        role: role(&r.role)?,
                    })
                })
                .collect()
            }

            async fn member_by_user(&self, club: ClubId, user: UserId) -> StoreResult<Option<Member>> {
                sqlx::query_as::<_, MemberRow>(&format!("{MEMBER_SELECT} WHERE m.club_id = $1 AND m.user_id = $2"))
                    .bind(club.0)
                    .bind(user.0)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db_error)?
                    .map(Member::try_from)
                    .transpose()
            }

            async fn identity(&self, user: UserId) -> StoreResult<Option<Identity>> {
                let rows = sqlx::query_as::<_, IdentityRow>(
                    "SELECT u.id, u.email, u.display_name, u.session_generation, m.id AS member_id, \
                     m.club_id, c.name AS club_name, m.role, m.version AS member_version, m.joined_at \
                     FROM users u LEFT JOIN members m ON m.user_id = u.id LEFT JOIN clubs c ON c.id = m.club_id \
                     WHERE u.id = $1 ORDER BY c.name, c.id",
                )
                .bind(user.0)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                identity(rows)
            }

            async fn member(&self, club: ClubId, member: MemberId) -> StoreResult<Option<Member>> {
                self.fetch_member(club, member).await
            }

            async fn members(&self, club: ClubId) -> StoreResult<Vec<Member>> {
                sqlx::query_as::<_, MemberRow>(&format!(
                    "{MEMBER_SELECT} WHERE m.club_id = $1 ORDER BY u.display_name, m.id"
                ))
                .bind(club.0)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?
                .into_iter()
                .map(Member::try_from)
                .collect()
            }

            async fn owner_count(&self, club: ClubId) -> StoreResult<usize> {
                let (count,): (i64,) =
                    sqlx::query_as("SELECT COUNT(*) FROM members WHERE club_id = $1 AND role = 'owner'")
                        .bind(club.0)
                        .fetch_one(&self.pool)
                        .await
                        .map_err(db_error)?;
                Ok(usize::try_from(count).unwrap_or_default())
            }

            async fn set_member_role(
                &self,
                club: ClubId,
                member: MemberId,
                new_role: Role,
                expected_version: i64,
            ) -> StoreResult<Member> {
                let mut tx = self.write().await?;
                let done = sqlx::query(&format!(
                    "UPDATE members SET role = $1, version = version + 1 \
                     WHERE club_id = $2 AND id = $3 AND version = $4 AND ($1 = 'owner' OR {KEEPS_AN_OWNER})"
                ))
                .bind(new_role.as_str())
                .bind(club.0)
                .bind(member.0)
                .bind(expected_version)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                if done.rows_affected() == 0 {
                    drop(tx);
                    return Err(missing_or_conflict(self.fetch_member(club, member).await));
                }
                tx.commit().await.map_err(db_error)?;
                self.fetch_member(club, member).await?.ok_or(StoreError::NotFound)
            }

            async fn remove_member(&self, club: ClubId, member: MemberId, expected_version: i64) -> StoreResult<()> {
                let mut tx = self.write().await?;
                let done = sqlx::query(&format!(
                    "DELETE FROM members WHERE club_id = $1 AND id = $2 AND version = $3 AND {KEEPS_AN_OWNER}"
                ))
                .bind(club.0)
                .bind(member.0)
                .bind(expected_version)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                if done.rows_affected() == 0 {
                    drop(tx);
                    return Err(missing_or_conflict(self.fetch_member(club, member).await));
                }
                Self::commit(tx, ()).await
            }
        }

        #[async_trait]
        impl InvitationStore for $name {
            async fn create_invitation(&self, new: NewInvitation) -> StoreResult<Invitation> {
                let mut tx = self.write().await?;
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO invitations (club_id, email, role, token_hash, invited_by, created_at, expires_at, \
                     open_link) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                )
                .bind(new.club_id.0)
                .bind(&new.email)
                .bind(new.role.as_str())
                .bind(&new.token_hash.0)
                .bind(new.invited_by.0)
                .bind(new.created_at)
                .bind(new.expires_at)
                .bind(new.open_link)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_error)?;
                tx.commit().await.map_err(db_error)?;
                self.fetch_invitation(id).await
            }

            async fn pending_invitations(&self, club: ClubId, now: DateTime<Utc>) -> StoreResult<Vec<Invitation>> {
                sqlx::query_as::<_, InvitationRow>(&format!(
                    "{INVITATION_SELECT} WHERE i.club_id = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL \
                     AND i.expires_at > $2 ORDER BY i.created_at DESC, i.id DESC"
                ))
                .bind(club.0)
                .bind(now)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?
                .into_iter()
                .map(Invitation::try_from)
                .collect()
            }

            async fn invitation_by_token(&self, hash: &TokenHash) -> StoreResult<Option<(Invitation, String)>> {
                sqlx::query_as::<_, InvitationWithClubRow>(&format!(
                    "SELECT q.*, c.name AS club_name FROM ({INVITATION_SELECT} WHERE i.token_hash = $1) q \
                     JOIN clubs c ON c.id = q.club_id"
                ))
                .bind(&hash.0)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_error)?
                .map(|r| Ok((r.invitation.try_into()?, r.club_name)))
                .transpose()
            }

            async fn revoke_invitation(&self, club: ClubId, id: InvitationId, now: DateTime<Utc>) -> StoreResult<()> {
                let mut tx = self.write().await?;
                let done = sqlx::query(
                    "UPDATE invitations SET revoked_at = $3 \
                     WHERE club_id = $1 AND id = $2 AND accepted_at IS NULL AND revoked_at IS NULL",
                )
                .bind(club.0)
                .bind(id.0)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                Self::commit(tx, ()).await
            }

            async fn accept_invitation(&self, id: InvitationId, user: UserId, now: DateTime<Utc>) -> StoreResult<MemberId> {
                let mut tx = self.write().await?;
                let member_id = Self::claim_invitation(&mut tx, id, user.0, now).await?;
                tx.commit().await.map_err(db_error)?;
                Ok(member_id)
            }

            async fn accept_invitation_as_new_user(
                &self,
                id: InvitationId,
                user: NewUser,
                now: DateTime<Utc>,
            ) -> StoreResult<(User, MemberId)> {
                let mut tx = self.write().await?;
                let created = Self::insert_user(&mut tx, &user, now).await?;
                let member_id = Self::claim_invitation(&mut tx, id, created.id, now).await?;
                tx.commit().await.map_err(db_error)?;
                Ok((created.into(), member_id))
            }
        }

        #[async_trait]
        impl ThrottleStore for $name {
            async fn throttle(&self, key: &Key) -> StoreResult<Option<Counter>> {
                Ok(sqlx::query_as::<_, CounterRow>(
                    "SELECT count, window_start, next_at FROM throttle WHERE key = $1",
                )
                .bind(key.as_str())
                .fetch_optional(&self.pool)
                .await
                .map_err(db_error)?
                .map(Counter::from))
            }

            async fn update_throttle(
                &self,
                key: &Key,
                update: CounterUpdate<'_>,
            ) -> StoreResult<(Option<Counter>, Counter)> {
                let mut tx = self.write().await?;
                let now = Utc::now();
                // The row exists before it is read, so that reading it can lock it (PostgreSQL):
                // concurrent updates of one key then run one after the other.
                sqlx::query(
                    "INSERT INTO throttle (key, count, window_start, next_at) VALUES ($1, 0, $2, $2) \
                     ON CONFLICT (key) DO NOTHING",
                )
                .bind(key.as_str())
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                let before = sqlx::query_as::<_, CounterRow>(&format!(
                    "SELECT count, window_start, next_at FROM throttle WHERE key = $1{}",
                    $lock
                ))
                .bind(key.as_str())
                .fetch_one(&mut *tx)
                .await
                .map_err(db_error)?;
                let before = (before.count > 0).then(|| Counter::from(before));
                let after = update(before);
                sqlx::query("UPDATE throttle SET count = $2, window_start = $3, next_at = $4 WHERE key = $1")
                    .bind(key.as_str())
                    .bind(i64::from(after.count))
                    .bind(after.window_start)
                    .bind(after.next_at)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                Self::commit(tx, (before, after)).await
            }

            async fn forget_throttles(&self, before: DateTime<Utc>) -> StoreResult<u64> {
                let mut tx = self.write().await?;
                let done = sqlx::query("DELETE FROM throttle WHERE window_start < $1 AND next_at < $1")
                    .bind(before)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                Self::commit(tx, done.rows_affected()).await
            }

            async fn remember_device(&self, user: UserId, token_hash: &str, now: DateTime<Utc>) -> StoreResult<()> {
                let mut tx = self.write().await?;
                sqlx::query(
                    "INSERT INTO known_devices (token_hash, user_id, created_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (token_hash) DO NOTHING",
                )
                .bind(token_hash)
                .bind(user.0)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                Self::commit(tx, ()).await
            }

            async fn device_owner(&self, token_hash: &str) -> StoreResult<Option<UserId>> {
                Ok(sqlx::query_as::<_, (i64,)>("SELECT user_id FROM known_devices WHERE token_hash = $1")
                    .bind(token_hash)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db_error)?
                    .map(|(id,)| UserId(id)))
            }

            async fn forget_devices(&self, user: UserId) -> StoreResult<()> {
                let mut tx = self.write().await?;
                sqlx::query("DELETE FROM known_devices WHERE user_id = $1")
                    .bind(user.0)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                Self::commit(tx, ()).await
            }
        }

        catalogue_adapter!($name, $db);
        athlete_adapter!($name, $db);

        #[async_trait]
        impl Store for $name {
            async fn ping(&self) -> StoreResult<()> {
                sqlx::query("SELECT 1").execute(&self.pool).await.map_err(db_error)?;
                Ok(())
            }
        }
    };
}

store_adapter!(
    /// The store on an embedded SQLite file. Writes take the database's write lock when they
    /// begin (`BEGIN IMMEDIATE`), so one that reads before it writes never fails on a lock
    /// upgrade; they wait for each other within the busy timeout instead.
    SqliteStore,
    sqlx::SqlitePool,
    sqlx::Sqlite,
    "BEGIN IMMEDIATE",
    // The whole database is locked from `BEGIN IMMEDIATE` on: rows need no lock of their own.
    ""
);
store_adapter!(
    /// The store on a PostgreSQL server.
    PgStore,
    sqlx::PgPool,
    sqlx::Postgres,
    "BEGIN",
    " FOR UPDATE"
);
