//! An athlete's maxes: best lifts by exercise (`MaxStore`).

use super::{Bind, SqlStore, db_error, stored};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use domain::maxes::{Max, MaxKind};
use domain::ports::{MaxStore, RecordedMax, StoreResult, Versioned};
use domain::weight::Kg;
use domain::{AthleteId, ClubId, ExerciseId, MaxId, StoreError};

const MAX_COLUMNS: &str = "id, athlete_id, exercise_id, date, grams, kind, version";

fn kind_of(text: &str) -> StoreResult<MaxKind> {
    stored(text, "max kind", MaxKind::parse)
}

#[derive(sqlx::FromRow)]
struct MaxRow {
    id: i64,
    athlete_id: i64,
    exercise_id: i64,
    date: NaiveDate,
    grams: i64,
    kind: String,
    version: i64,
}

impl TryFrom<MaxRow> for RecordedMax {
    type Error = StoreError;
    fn try_from(r: MaxRow) -> StoreResult<Self> {
        Ok(RecordedMax {
            id: MaxId(r.id),
            athlete: AthleteId(r.athlete_id),
            max: Max {
                exercise: ExerciseId(r.exercise_id),
                date: r.date,
                weight: Kg::from_grams(r.grams),
                kind: kind_of(&r.kind)?,
            },
            version: r.version,
        })
    }
}

macro_rules! maxes_sql {
    ($db:ty) => {
        impl SqlStore<$db> {
            /// Binds a max's exercise, date, weight in grams and kind, in that order.
            fn bind_max<'q, Q: Bind<'q, $db>>(query: Q, max: &Max<ExerciseId>) -> Q {
                query
                    .bind(max.exercise.0)
                    .bind(max.date)
                    .bind(max.weight.grams())
                    .bind(max.kind.as_str())
            }
        }

        #[async_trait]
        impl MaxStore for SqlStore<$db> {
            async fn recorded_max(&self, club: ClubId, id: MaxId) -> StoreResult<Option<RecordedMax>> {
                let sql = format!("SELECT {MAX_COLUMNS} FROM maxes WHERE club_id = $1 AND id = $2");
                self.fetch_row::<MaxRow, _>(&sql, &[club.0, id.0]).await
            }

            async fn maxes(&self, club: ClubId, athlete: AthleteId) -> StoreResult<Vec<RecordedMax>> {
                let sql = format!(
                    "SELECT {MAX_COLUMNS} FROM maxes WHERE club_id = $1 AND athlete_id = $2 ORDER BY date, id"
                );
                self.fetch_rows::<MaxRow, _>(&sql, &[club.0, athlete.0])
                    .await
            }

            async fn club_maxes(&self, club: ClubId) -> StoreResult<Vec<RecordedMax>> {
                let sql = format!("SELECT {MAX_COLUMNS} FROM maxes WHERE club_id = $1 ORDER BY date, id");
                self.fetch_rows::<MaxRow, _>(&sql, &[club.0]).await
            }

            async fn create_max(
                &self,
                club: ClubId,
                athlete: AthleteId,
                max: &Max<ExerciseId>,
                now: DateTime<Utc>,
            ) -> StoreResult<RecordedMax> {
                let mut tx = self.write().await?;
                // Both the athlete and the exercise must be the club's: otherwise no row is made.
                let sql = format!(
                    "INSERT INTO maxes (club_id, athlete_id, exercise_id, date, grams, kind, created_at) \
                     SELECT $1, a.id, e.id, $4, $5, $6, $7 FROM athletes a, exercises e \
                     WHERE a.club_id = $1 AND a.id = $2 AND e.club_id = $1 AND e.id = $3 \
                     RETURNING {MAX_COLUMNS}"
                );
                let statement = Self::bind_max(
                    sqlx::query_as::<_, MaxRow>(&sql)
                        .bind(club.0)
                        .bind(athlete.0),
                    max,
                )
                .bind(now);
                let created = Self::fetch_in(&mut tx, statement).await?;
                Self::commit(tx, created.ok_or(StoreError::NotFound)?).await
            }

            async fn update_max(
                &self,
                Versioned { club, id, version }: Versioned<MaxId>,
                max: &Max<ExerciseId>,
            ) -> StoreResult<RecordedMax> {
                let mut tx = self.write().await?;
                let sql = format!(
                    "UPDATE maxes SET exercise_id = (SELECT id FROM exercises WHERE club_id = $1 \
                     AND id = $3), date = $4, grams = $5, kind = $6, version = version + 1 \
                     WHERE club_id = $1 AND id = $2 AND version = $7 \
                     AND EXISTS (SELECT 1 FROM exercises WHERE club_id = $1 AND id = $3) \
                     RETURNING {MAX_COLUMNS}"
                );
                let updated = Self::bind_max(
                    sqlx::query_as::<_, MaxRow>(&sql).bind(club.0).bind(id.0),
                    max,
                )
                .bind(version)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_error)?;
                let Some(row) = updated else {
                    drop(tx);
                    return match self.recorded_max(club, id).await? {
                        Some(found) if found.version == version => Err(StoreError::NotFound),
                        Some(_) => Err(StoreError::Conflict),
                        None => Err(StoreError::NotFound),
                    };
                };
                Self::commit(tx, row.try_into()?).await
            }

            async fn delete_max(&self, Versioned { club, id, version }: Versioned<MaxId>) -> StoreResult<()> {
                self.delete_versioned("maxes", None, club, id.0, version, || {
                    self.recorded_max(club, id)
                })
                .await
            }
        }
    };
}
for_both_databases!(maxes_sql);
