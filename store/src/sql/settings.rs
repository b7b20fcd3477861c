//! A club's training settings, stored whole as JSON (`SettingsStore`).

use super::{SqlStore, db_error};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::ports::{SettingsStore, StoreResult};
use domain::settings::TrainingSettings;
use domain::{ClubId, ExerciseId, StoreError};

macro_rules! settings_sql {
    ($db:ty) => {
        #[async_trait]
        impl SettingsStore for SqlStore<$db> {
            async fn training_settings(
                &self,
                club: ClubId,
            ) -> StoreResult<Option<(TrainingSettings<ExerciseId>, i64)>> {
                let row: Option<(String, i64)> =
                    sqlx::query_as("SELECT training, version FROM club_settings WHERE club_id = $1")
                        .bind(club.0)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db_error)?;
                row.map(|(json, version)| {
                    serde_json::from_str(&json)
                        .map(|settings| (settings, version))
                        .map_err(|e| StoreError::Backend(format!("unreadable training settings: {e}")))
                })
                .transpose()
            }

            async fn save_training_settings(
                &self,
                club: ClubId,
                settings: &TrainingSettings<ExerciseId>,
                expected_version: Option<i64>,
                now: DateTime<Utc>,
            ) -> StoreResult<i64> {
                let mut tx = self.write().await?;
                let json = serde_json::to_string(settings)
                    .map_err(|e| StoreError::Backend(format!("cannot write training settings: {e}")))?;
                let saved: Option<(i64,)> = match expected_version {
                    None => sqlx::query_as(
                        "INSERT INTO club_settings (club_id, training, updated_at) VALUES ($1, $2, $3) \
                         ON CONFLICT (club_id) DO NOTHING RETURNING version",
                    )
                    .bind(club.0)
                    .bind(&json)
                    .bind(now)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(db_error)?,
                    Some(version) => sqlx::query_as(
                        "UPDATE club_settings SET training = $2, updated_at = $3, version = version + 1 \
                         WHERE club_id = $1 AND version = $4 RETURNING version",
                    )
                    .bind(club.0)
                    .bind(&json)
                    .bind(now)
                    .bind(version)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(db_error)?,
                };
                let version = saved
                    .map(|(version,)| version)
                    .ok_or(StoreError::Conflict)?;
                Self::commit(tx, version).await
            }
        }
    };
}
for_both_databases!(settings_sql);
