//! What competing needs of an athlete: bodyweights and competitor levels (`CompetitionStore`).

use super::{SqlStore, db_error, stored};
use async_trait::async_trait;
use chrono::NaiveDate;
use domain::competition::{CompetitorLevel, LevelChange, LevelStatus, Weighing};
use domain::ports::{CompetitionStore, StoreResult};
use domain::weight::Kg;
use domain::{AthleteId, ClubId, StoreError};

fn level_of(text: &str) -> StoreResult<CompetitorLevel> {
    stored(text, "competitor level", CompetitorLevel::parse)
}

/// A weighing as stored: its date and the weight in grams.
fn weighing(date: NaiveDate, grams: i64) -> Weighing {
    Weighing {
        date,
        weight: Kg::from_grams(grams),
    }
}

macro_rules! competition_sql {
    ($db:ty) => {
        #[async_trait]
        impl CompetitionStore for SqlStore<$db> {
            async fn weighings(&self, club: ClubId, athlete: AthleteId) -> StoreResult<Vec<Weighing>> {
                let sql = "SELECT b.date, b.grams FROM bodyweights b JOIN athletes a ON a.id = b.athlete_id \
                           WHERE a.club_id = $1 AND b.athlete_id = $2 ORDER BY b.date";
                self.fetch_rows_with(
                    sql,
                    &[club.0, athlete.0],
                    |(date, grams): (NaiveDate, i64)| Ok(weighing(date, grams)),
                )
                .await
            }

            async fn club_weighings(&self, club: ClubId) -> StoreResult<Vec<(AthleteId, Weighing)>> {
                let sql = "SELECT b.athlete_id, b.date, b.grams FROM bodyweights b \
                           JOIN athletes a ON a.id = b.athlete_id \
                           WHERE a.club_id = $1 ORDER BY b.date, b.athlete_id";
                self.fetch_rows_with(
                    sql,
                    &[club.0],
                    |(athlete, date, grams): (i64, NaiveDate, i64)| {
                        Ok((AthleteId(athlete), weighing(date, grams)))
                    },
                )
                .await
            }

            async fn record_weighing(
                &self,
                club: ClubId,
                athlete: AthleteId,
                weighing: Weighing,
            ) -> StoreResult<()> {
                let statement = sqlx::query(
                    "INSERT INTO bodyweights (athlete_id, date, grams) \
                     SELECT id, $3, $4 FROM athletes WHERE club_id = $1 AND id = $2 \
                     ON CONFLICT (athlete_id, date) DO UPDATE SET grams = excluded.grams",
                )
                .bind(club.0)
                .bind(athlete.0)
                .bind(weighing.date)
                .bind(weighing.weight.grams());
                self.run_found(statement).await
            }

            async fn delete_weighing(
                &self,
                club: ClubId,
                athlete: AthleteId,
                date: NaiveDate,
            ) -> StoreResult<()> {
                let statement = sqlx::query(
                    "DELETE FROM bodyweights WHERE athlete_id = $2 AND date = $3 \
                     AND athlete_id IN (SELECT id FROM athletes WHERE club_id = $1)",
                )
                .bind(club.0)
                .bind(athlete.0)
                .bind(date);
                self.run_found(statement).await
            }

            async fn levels(&self, club: ClubId, athlete: AthleteId) -> StoreResult<Vec<LevelStatus>> {
                let sql = "SELECT l.level, l.starts_on, l.ends_on FROM competitor_levels l \
                           JOIN athletes a ON a.id = l.athlete_id WHERE a.club_id = $1 \
                           AND l.athlete_id = $2 \
                           ORDER BY l.starts_on";
                self.fetch_rows_with(
                    sql,
                    &[club.0, athlete.0],
                    |(level, start, end): (String, NaiveDate, Option<NaiveDate>)| {
                        Ok(LevelStatus {
                            level: level_of(&level)?,
                            start,
                            end,
                        })
                    },
                )
                .await
            }

            async fn current_levels(&self, club: ClubId) -> StoreResult<Vec<(AthleteId, CompetitorLevel)>> {
                let sql = "SELECT l.athlete_id, l.level FROM competitor_levels l \
                           JOIN athletes a ON a.id = l.athlete_id WHERE a.club_id = $1 \
                           AND l.ends_on IS NULL";
                self.fetch_rows_with(sql, &[club.0], |(athlete, level): (i64, String)| {
                    Ok((AthleteId(athlete), level_of(&level)?))
                })
                .await
            }

            async fn record_level(
                &self,
                club: ClubId,
                athlete: AthleteId,
                change: LevelChange,
            ) -> StoreResult<()> {
                let mut tx = self.write().await?;
                let sql = "SELECT id FROM athletes WHERE club_id = $1 AND id = $2";
                Self::check_found(&mut tx, sql, &[club.0, athlete.0]).await?;
                let later: Option<(NaiveDate,)> = sqlx::query_as(
                    "SELECT starts_on FROM competitor_levels WHERE athlete_id = $1 AND starts_on >= $2",
                )
                .bind(athlete.0)
                .bind(change.start)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_error)?;
                if later.is_some() {
                    return Err(StoreError::Conflict);
                }
                let statement = sqlx::query(
                    "UPDATE competitor_levels SET ends_on = $2 WHERE athlete_id = $1 AND ends_on IS NULL",
                )
                .bind(athlete.0)
                .bind(change.start);
                Self::execute(&mut tx, statement).await?;
                let statement = sqlx::query(
                    "INSERT INTO competitor_levels (athlete_id, level, starts_on) VALUES ($1, $2, $3)",
                )
                .bind(athlete.0)
                .bind(change.level.as_str())
                .bind(change.start);
                Self::execute(&mut tx, statement).await?;
                Self::commit(tx, ()).await
            }
        }
    };
}
for_both_databases!(competition_sql);
