//! Clubs and their members: memberships, roles, a user's identity (`ClubStore`).

use super::accounts::UserRow;
use super::{SqlStore, db_error};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::account::User;
use domain::membership::{ClubMembership, Identity, Member};
use domain::ports::{ClubStore, StoreResult, Versioned};
use domain::{ClubId, MemberId, Role, StoreError, UserId};

const MEMBER_SELECT: &str = "SELECT m.id, m.club_id, m.user_id, u.display_name, u.email, m.role, m.version, \
     m.joined_at FROM members m JOIN users u ON u.id = m.user_id";
/// Leaves a club's last owner in place: true unless the row is that owner.
const KEEPS_AN_OWNER: &str = "(role <> 'owner' \
     OR (SELECT COUNT(*) FROM members o WHERE o.club_id = members.club_id AND o.role = 'owner') > 1)";

/// Reads a stored role.
pub(super) fn role(raw: &str) -> StoreResult<Role> {
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

impl TryFrom<ClubMembershipRow> for ClubMembership {
    type Error = StoreError;
    fn try_from(r: ClubMembershipRow) -> StoreResult<Self> {
        Ok(ClubMembership {
            club_id: ClubId(r.club_id),
            club_name: r.club_name,
            member_id: MemberId(r.member_id),
            role: role(&r.role)?,
        })
    }
}

macro_rules! clubs_sql {
    ($db:ty) => {
        impl SqlStore<$db> {
            async fn fetch_member(&self, club: ClubId, member: MemberId) -> StoreResult<Option<Member>> {
                let sql = format!("{MEMBER_SELECT} WHERE m.club_id = $1 AND m.id = $2");
                self.fetch_row::<MemberRow, _>(&sql, &[club.0, member.0])
                    .await
            }
        }

        #[async_trait]
        impl ClubStore for SqlStore<$db> {
            async fn club_name(&self, club: ClubId) -> StoreResult<Option<String>> {
                Ok(
                    sqlx::query_as::<_, (String,)>("SELECT name FROM clubs WHERE id = $1")
                        .bind(club.0)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db_error)?
                        .map(|(name,)| name),
                )
            }

            async fn memberships(&self, user: UserId) -> StoreResult<Vec<ClubMembership>> {
                self.fetch_rows::<ClubMembershipRow, _>(
                    "SELECT c.id AS club_id, c.name AS club_name, m.id AS member_id, m.role \
                     FROM members m JOIN clubs c ON c.id = m.club_id WHERE m.user_id = $1 \
                     ORDER BY c.name, c.id",
                    &[user.0],
                )
                .await
            }

            async fn member_by_user(&self, club: ClubId, user: UserId) -> StoreResult<Option<Member>> {
                let sql = format!("{MEMBER_SELECT} WHERE m.club_id = $1 AND m.user_id = $2");
                self.fetch_row::<MemberRow, _>(&sql, &[club.0, user.0])
                    .await
            }

            async fn identity(&self, user: UserId) -> StoreResult<Option<Identity>> {
                let rows = sqlx::query_as::<_, IdentityRow>(
                    "SELECT u.id, u.email, u.display_name, u.session_generation, m.id AS member_id, \
                     m.club_id, c.name AS club_name, m.role, m.version AS member_version, \
                     m.joined_at \
                     FROM users u LEFT JOIN members m ON m.user_id = u.id \
                     LEFT JOIN clubs c ON c.id = m.club_id \
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
                let sql = format!("{MEMBER_SELECT} WHERE m.club_id = $1 ORDER BY u.display_name, m.id");
                self.fetch_rows::<MemberRow, _>(&sql, &[club.0]).await
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
                Versioned { club, id, version }: Versioned<MemberId>,
                new_role: Role,
            ) -> StoreResult<Member> {
                let sql = format!(
                    "UPDATE members SET role = $1, version = version + 1 \
                     WHERE club_id = $2 AND id = $3 AND version = $4 AND ($1 = 'owner' \
                     OR {KEEPS_AN_OWNER})"
                );
                let statement = sqlx::query(&sql)
                    .bind(new_role.as_str())
                    .bind(club.0)
                    .bind(id.0)
                    .bind(version);
                self.update_versioned(statement, || self.fetch_member(club, id))
                    .await
            }

            async fn remove_member(
                &self,
                Versioned { club, id, version }: Versioned<MemberId>,
            ) -> StoreResult<()> {
                self.delete_versioned("members", Some(KEEPS_AN_OWNER), club, id.0, version, || {
                    self.fetch_member(club, id)
                })
                .await
            }
        }
    };
}
for_both_databases!(clubs_sql);
