//! Invitations to join a club, and their acceptance (`InvitationStore`).

use super::clubs::role;
use super::{SqlStore, db_error, rows_into};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::account::User;
use domain::invitation::{Invitation, TokenHash};
use domain::ports::{InvitationStore, NewInvitation, NewUser, StoreResult};
use domain::{ClubId, InvitationId, MemberId, StoreError, UserId};

const INVITATION_SELECT: &str = "SELECT i.id, i.club_id, i.email, i.role, u.display_name AS invited_by, \
     i.created_at, i.expires_at, i.accepted_at, i.revoked_at, i.open_link \
     FROM invitations i JOIN users u ON u.id = i.invited_by";

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

macro_rules! invitations_sql {
    ($db:ty) => {
        impl SqlStore<$db> {
            async fn fetch_invitation(&self, id: i64) -> StoreResult<Invitation> {
                sqlx::query_as::<_, InvitationRow>(&format!("{INVITATION_SELECT} WHERE i.id = $1"))
                    .bind(id)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_error)?
                    .try_into()
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
                     WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL \
                     AND expires_at > $2 \
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
                    "INSERT INTO members (club_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4) \
                     RETURNING id",
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
        impl InvitationStore for SqlStore<$db> {
            async fn create_invitation(&self, new: NewInvitation) -> StoreResult<Invitation> {
                let mut tx = self.write().await?;
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO invitations (club_id, email, role, token_hash, invited_by, created_at, \
                     expires_at, open_link) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
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

            async fn pending_invitations(
                &self,
                club: ClubId,
                now: DateTime<Utc>,
            ) -> StoreResult<Vec<Invitation>> {
                rows_into(
                    sqlx::query_as::<_, InvitationRow>(&format!(
                        "{INVITATION_SELECT} WHERE i.club_id = $1 AND i.accepted_at IS NULL \
                         AND i.revoked_at IS NULL \
                         AND i.expires_at > $2 ORDER BY i.created_at DESC, i.id DESC"
                    ))
                    .bind(club.0)
                    .bind(now)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_error)?,
                )
            }

            async fn invitation_by_token(
                &self,
                hash: &TokenHash,
            ) -> StoreResult<Option<(Invitation, String)>> {
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

            async fn revoke_invitation(
                &self,
                club: ClubId,
                id: InvitationId,
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                let statement = sqlx::query(
                    "UPDATE invitations SET revoked_at = $3 \
                     WHERE club_id = $1 AND id = $2 AND accepted_at IS NULL AND revoked_at IS NULL",
                )
                .bind(club.0)
                .bind(id.0)
                .bind(now);
                self.run_found(statement).await
            }

            async fn accept_invitation(
                &self,
                id: InvitationId,
                user: UserId,
                now: DateTime<Utc>,
            ) -> StoreResult<MemberId> {
                let mut tx = self.write().await?;
                let member_id = Self::claim_invitation(&mut tx, id, user.0, now).await?;
                Self::commit(tx, member_id).await
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
                Self::commit(tx, (created.into(), member_id)).await
            }
        }
    };
}
for_both_databases!(invitations_sql);
