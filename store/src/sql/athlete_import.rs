//! A file of athletes, imported whole (`AthleteImportStore`).

use super::{SqlStore, db_error};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::ClubId;
use domain::StoreError;
use domain::athlete_import::AthleteImportPlan;
use domain::ports::{AthleteImportStore, StoreResult};

macro_rules! athlete_import_sql {
    ($db:ty) => {
        #[async_trait]
        impl AthleteImportStore for SqlStore<$db> {
            /// Imports a checked file of athletes in one transaction: creates the missing groups,
            /// every athlete, and puts them in their groups. Returns the number of athletes.
            async fn import_athletes(
                &self,
                club: ClubId,
                plan: &AthleteImportPlan,
                now: DateTime<Utc>,
            ) -> StoreResult<usize> {
                let fold = domain::catalogue::search::fold;
                let mut tx = self.write().await?;
                let mut groups: std::collections::HashMap<String, i64> = sqlx::query_as::<_, (String, i64)>(
                    "SELECT name_key, id FROM athlete_groups WHERE club_id = $1",
                )
                .bind(club.0)
                .fetch_all(&mut *tx)
                .await
                .map_err(db_error)?
                .into_iter()
                .collect();
                // The plan's groups first (their spelling is the file's first), then any a row
                // names that the plan left out.
                for name in plan
                    .groups
                    .iter()
                    .chain(plan.rows.iter().flat_map(|r| &r.groups))
                {
                    let key = fold(name);
                    if groups.contains_key(&key) {
                        continue;
                    }
                    let id = Self::insert_group(&mut tx, club, name, now).await?;
                    groups.insert(key, id);
                }
                for row in &plan.rows {
                    let (athlete,): (i64,) = Self::bind_athlete(
                        sqlx::query_as(
                            "INSERT INTO athletes (club_id, first_name, last_name, birth_date, sex, \
                             licence, notes, email, created_at, updated_at) \
                             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
                        )
                        .bind(club.0),
                        &row.draft,
                    )
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db_error)?;
                    for name in &row.groups {
                        let group = groups
                            .get(&fold(name))
                            .copied()
                            .ok_or(StoreError::NotFound)?;
                        let statement =
                            sqlx::query("INSERT INTO group_athletes (group_id, athlete_id) VALUES ($1, $2)")
                                .bind(group)
                                .bind(athlete);
                        Self::execute(&mut tx, statement).await?;
                    }
                }
                Self::commit(tx, plan.rows.len()).await
            }
        }
    };
}
for_both_databases!(athlete_import_sql);
