//! Accounts: users, their credentials and their sessions' generation (`AccountStore`).

use super::{SqlStore, db_error};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::account::User;
use domain::catalogue::{LabelKind, Names};
use domain::ports::{AccountStore, NewClub, NewUser, StoreResult};
use domain::{ClubId, UserId};

/// A user's columns, in [`UserRow`]'s order.
const USER_COLUMNS: &str = "id, email, display_name, session_generation";

#[derive(Clone, sqlx::FromRow)]
pub(super) struct UserRow {
    pub(super) id: i64,
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
struct CredentialsRow {
    #[sqlx(flatten)]
    user: UserRow,
    password_hash: String,
}

macro_rules! accounts_sql {
    ($db:ty) => {
        impl SqlStore<$db> {
            /// Inserts an account inside `tx`; `Duplicate` when the email is taken.
            pub(super) async fn insert_user(
                tx: &mut sqlx::Transaction<'static, $db>,
                user: &NewUser,
                now: DateTime<Utc>,
            ) -> StoreResult<UserRow> {
                sqlx::query_as::<_, UserRow>(&format!(
                    "INSERT INTO users (email, display_name, password_hash, created_at) \
                     VALUES ($1, $2, $3, $4) \
                     RETURNING {USER_COLUMNS}"
                ))
                .bind(user.email.as_str())
                .bind(user.display_name.as_str())
                .bind(&user.password_hash)
                .bind(now)
                .fetch_one(&mut **tx)
                .await
                .map_err(db_error)
            }
        }

        #[async_trait]
        impl AccountStore for SqlStore<$db> {
            async fn create_user_with_club(
                &self,
                new: NewClub<'_>,
                now: DateTime<Utc>,
            ) -> StoreResult<(User, ClubId)> {
                let mut tx = self.write().await?;
                let created = Self::insert_user(&mut tx, &new.owner, now).await?;
                let (club_id,): (i64,) =
                    sqlx::query_as("INSERT INTO clubs (name, created_at) VALUES ($1, $2) RETURNING id")
                        .bind(new.name)
                        .bind(now)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(db_error)?;
                let statement = sqlx::query(
                    "INSERT INTO members (club_id, user_id, role, joined_at) VALUES ($1, $2, 'owner', $3)",
                )
                .bind(club_id)
                .bind(created.id)
                .bind(now);
                Self::execute(&mut tx, statement).await?;
                Self::insert_catalogue(&mut tx, ClubId(club_id), new.catalogue, now).await?;
                for (fr, en) in domain::workout::DEFAULT_CATEGORIES {
                    let names = Names {
                        fr: fr.to_owned(),
                        en: en.to_owned(),
                    };
                    Self::insert_label(&mut tx, LabelKind::Workout, ClubId(club_id), &names).await?;
                }
                Self::commit(tx, (created.into(), ClubId(club_id))).await
            }

            async fn user(&self, id: UserId) -> StoreResult<Option<User>> {
                Ok(
                    sqlx::query_as::<_, UserRow>(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
                        .bind(id.0)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db_error)?
                        .map(User::from),
                )
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
    };
}
for_both_databases!(accounts_sql);
