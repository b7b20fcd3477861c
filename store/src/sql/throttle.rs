//! Throttling counters, and the devices a user signed in from (`ThrottleStore`).

use super::{Dialect, SqlStore, db_error};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::UserId;
use domain::ports::{CounterUpdate, StoreResult, ThrottleStore};
use domain::throttle::{Counter, Key};

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

macro_rules! throttle_sql {
    ($db:ty) => {
        #[async_trait]
        impl ThrottleStore for SqlStore<$db> {
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
                let statement = sqlx::query(
                    "INSERT INTO throttle (key, count, window_start, next_at) VALUES ($1, 0, $2, $2) \
                     ON CONFLICT (key) DO NOTHING",
                )
                .bind(key.as_str())
                .bind(now);
                Self::execute(&mut tx, statement).await?;
                let before = sqlx::query_as::<_, CounterRow>(&format!(
                    "SELECT count, window_start, next_at FROM throttle WHERE key = $1{}",
                    <$db as Dialect>::LOCK
                ))
                .bind(key.as_str())
                .fetch_one(&mut *tx)
                .await
                .map_err(db_error)?;
                let before = (before.count > 0).then(|| Counter::from(before));
                let after = update(before);
                let statement = sqlx::query(
                    "UPDATE throttle SET count = $2, window_start = $3, next_at = $4 WHERE key = $1",
                )
                .bind(key.as_str())
                .bind(i64::from(after.count))
                .bind(after.window_start)
                .bind(after.next_at);
                Self::execute(&mut tx, statement).await?;
                Self::commit(tx, (before, after)).await
            }

            async fn forget_throttles(&self, before: DateTime<Utc>) -> StoreResult<u64> {
                self.run(
                    sqlx::query("DELETE FROM throttle WHERE window_start < $1 AND next_at < $1").bind(before),
                )
                .await
            }

            async fn remember_device(
                &self,
                user: UserId,
                token_hash: &str,
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                let statement = sqlx::query(
                    "INSERT INTO known_devices (token_hash, user_id, created_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (token_hash) DO NOTHING",
                )
                .bind(token_hash)
                .bind(user.0)
                .bind(now);
                self.run(statement).await?;
                Ok(())
            }

            async fn device_owner(&self, token_hash: &str) -> StoreResult<Option<UserId>> {
                Ok(
                    sqlx::query_as::<_, (i64,)>("SELECT user_id FROM known_devices WHERE token_hash = $1")
                        .bind(token_hash)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db_error)?
                        .map(|(id,)| UserId(id)),
                )
            }

            async fn forget_devices(&self, user: UserId) -> StoreResult<()> {
                self.run(sqlx::query("DELETE FROM known_devices WHERE user_id = $1").bind(user.0))
                    .await?;
                Ok(())
            }
        }
    };
}
for_both_databases!(throttle_sql);
