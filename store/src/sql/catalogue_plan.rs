//! Writing a validated catalogue file (a [`CataloguePlan`]): whole into a club, or merged into
//! its catalogue by French name (`CatalogueStore::import_catalogue`).

use super::catalogue::Writing;
use super::{Bind, SqlStore, db_error};
use chrono::{DateTime, Utc};
use domain::catalogue::LabelKind;
use domain::catalogue::exchange::ImportCounts;
use domain::catalogue::file::{CataloguePlan, PlannedComplex, PlannedExercise};
use domain::ports::StoreResult;
use domain::{ClubId, ExerciseId, StoreError};

/// The exercises of a planned complex's movements, which are indexes into `exercises` (the ids of
/// the plan's exercises, in its order).
fn planned_movements(planned: &PlannedComplex, exercises: &[ExerciseId]) -> StoreResult<Vec<ExerciseId>> {
    planned
        .movements
        .iter()
        .map(|m| exercises.get(*m).copied().ok_or(StoreError::NotFound))
        .collect()
}

macro_rules! catalogue_plan_sql {
    ($db:ty) => {
        impl SqlStore<$db> {
            /// Binds what an exercise statement's `$2` to `$10` stand for: a planned exercise's
            /// names, their folded keys, short name, category, equipment, description and video
            /// link.
            fn bind_planned_exercise<'q, Q: Bind<'q, $db>>(
                query: Q,
                planned: &'q PlannedExercise,
                category: Option<i64>,
                equipment: Option<i64>,
            ) -> Q {
                let d = &planned.draft;
                query
                    .bind(d.name_fr.as_str())
                    .bind(d.name_en.as_str())
                    .bind(d.name_fr.key())
                    .bind(d.name_en.key())
                    .bind(&d.short_name)
                    .bind(category)
                    .bind(equipment)
                    .bind(&d.description)
                    .bind(&d.video_url)
            }

            /// Writes a validated catalogue into a club, inside `tx`.
            pub(super) async fn insert_catalogue(
                tx: &mut sqlx::Transaction<'static, $db>,
                club: ClubId,
                plan: &CataloguePlan,
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                let categories =
                    Self::write_labels(tx, LabelKind::Category, club, &plan.categories, Writing::Added).await?;
                let equipment =
                    Self::write_labels(tx, LabelKind::Equipment, club, &plan.equipment, Writing::Added).await?;
                let mut exercises = Vec::with_capacity(plan.exercises.len());
                for planned in &plan.exercises {
                    let category = planned.category.and_then(|i| categories.get(i).copied());
                    let equipment = planned.equipment.and_then(|i| equipment.get(i).copied());
                    exercises.push(ExerciseId(
                        Self::insert_planned_exercise(tx, club, planned, category, equipment, now).await?,
                    ));
                }
                for planned in &plan.complexes {
                    let category = planned.category.and_then(|i| categories.get(i).copied());
                    Self::insert_planned_complex(tx, club, planned, category, &exercises, now).await?;
                }
                Ok(())
            }

            /// Inserts one exercise of a validated catalogue, inside `tx`; returns its id.
            async fn insert_planned_exercise(
                tx: &mut sqlx::Transaction<'static, $db>,
                club: ClubId,
                planned: &PlannedExercise,
                category: Option<i64>,
                equipment: Option<i64>,
                now: DateTime<Utc>,
            ) -> StoreResult<i64> {
                let insert = sqlx::query_as(
                    "INSERT INTO exercises (club_id, name_fr, name_en, name_fr_key, name_en_key, \
                     short_name, category_id, equipment_id, description, video_url, archived_at, \
                     created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
                );
                let (id,): (i64,) = Self::bind_planned_exercise(insert.bind(club.0), planned, category, equipment)
                    .bind(planned.archived.then_some(now))
                    .bind(now)
                    .fetch_one(&mut **tx)
                    .await
                    .map_err(db_error)?;
                Ok(id)
            }

            /// Inserts one complex of a validated catalogue and its movements (indexes into
            /// `exercises`, the ids of the plan's exercises), inside `tx`; returns its id.
            async fn insert_planned_complex(
                tx: &mut sqlx::Transaction<'static, $db>,
                club: ClubId,
                planned: &PlannedComplex,
                category: Option<i64>,
                exercises: &[ExerciseId],
                now: DateTime<Utc>,
            ) -> StoreResult<i64> {
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO complexes (club_id, name_fr, name_en, category_id, archived_at, \
                     created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
                )
                .bind(club.0)
                .bind(&planned.names.fr)
                .bind(&planned.names.en)
                .bind(category)
                .bind(planned.archived.then_some(now))
                .bind(now)
                .fetch_one(&mut **tx)
                .await
                .map_err(db_error)?;
                let movements = planned_movements(planned, exercises)?;
                Self::insert_movements(tx, club, id, &movements).await?;
                Ok(id)
            }

            /// Imports a validated catalogue in one transaction: the club's entries of the same
            /// French name are updated, the others created.
            pub(super) async fn merge_catalogue(
                &self,
                club: ClubId,
                plan: &CataloguePlan,
                now: DateTime<Utc>,
            ) -> StoreResult<ImportCounts> {
                let mut counts = ImportCounts::default();
                let mut tx = self.write().await?;
                let categories =
                    Self::write_labels(&mut tx, LabelKind::Category, club, &plan.categories, Writing::Merged).await?;
                let equipment =
                    Self::write_labels(&mut tx, LabelKind::Equipment, club, &plan.equipment, Writing::Merged).await?;
                let mut exercises = Vec::with_capacity(plan.exercises.len());
                for planned in &plan.exercises {
                    let key = planned.draft.name_fr.key();
                    let category = planned.category.and_then(|i| categories.get(i).copied());
                    let equipment = planned.equipment.and_then(|i| equipment.get(i).copied());
                    let found: Option<(i64,)> =
                        sqlx::query_as("SELECT id FROM exercises WHERE club_id = $1 AND name_fr_key = $2")
                            .bind(club.0)
                            .bind(key)
                            .fetch_optional(&mut *tx)
                            .await
                            .map_err(db_error)?;
                    let id = match found {
                        Some((id,)) => {
                            // The French name's key is the one it was found by.
                            let update = sqlx::query(
                                "UPDATE exercises SET name_fr = $2, name_en = $3, name_fr_key = $4, \
                                 name_en_key = $5, short_name = $6, category_id = $7, equipment_id = $8, \
                                 description = $9, video_url = $10, \
                                 archived_at = CASE WHEN $11 THEN COALESCE(archived_at, \
                                 $12) ELSE NULL END, updated_at = $12, version = version + 1 \
                                 WHERE id = $1",
                            );
                            let statement =
                                Self::bind_planned_exercise(update.bind(id), planned, category, equipment)
                                    .bind(planned.archived)
                                    .bind(now);
                            Self::execute(&mut tx, statement).await?;
                            counts.updated += 1;
                            id
                        }
                        None => {
                            counts.created += 1;
                            Self::insert_planned_exercise(&mut tx, club, planned, category, equipment, now)
                                .await?
                        }
                    };
                    exercises.push(ExerciseId(id));
                }
                let existing: Vec<(i64, String)> =
                    sqlx::query_as("SELECT id, name_fr FROM complexes WHERE club_id = $1 ORDER BY id")
                        .bind(club.0)
                        .fetch_all(&mut *tx)
                        .await
                        .map_err(db_error)?;
                for planned in &plan.complexes {
                    let key = domain::catalogue::search::fold(&planned.names.fr);
                    let category = planned.category.and_then(|i| categories.get(i).copied());
                    let found = existing
                        .iter()
                        .find(|(_, name)| domain::catalogue::search::fold(name) == key)
                        .map(|(id, _)| *id);
                    match found {
                        Some(id) => {
                            let statement = sqlx::query(
                                "UPDATE complexes SET name_fr = $2, name_en = $3, category_id = $4, \
                                 archived_at = CASE WHEN $5 THEN COALESCE(archived_at, \
                                 $6) ELSE NULL END, updated_at = $6, version = version + 1 \
                                 WHERE id = $1",
                            )
                            .bind(id)
                            .bind(&planned.names.fr)
                            .bind(&planned.names.en)
                            .bind(category)
                            .bind(planned.archived)
                            .bind(now);
                            Self::execute(&mut tx, statement).await?;
                            let statement = sqlx::query("DELETE FROM complex_movements WHERE complex_id = $1")
                                .bind(id);
                            Self::execute(&mut tx, statement).await?;
                            let movements = planned_movements(planned, &exercises)?;
                            Self::insert_movements(&mut tx, club, id, &movements).await?;
                            counts.updated += 1;
                        }
                        None => {
                            Self::insert_planned_complex(&mut tx, club, planned, category, &exercises, now)
                                .await?;
                            counts.created += 1;
                        }
                    }
                }
                Self::commit(tx, counts).await
            }
        }
    };
}
for_both_databases!(catalogue_plan_sql);
