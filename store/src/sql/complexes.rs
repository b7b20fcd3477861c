//! A club's complexes, their movements in order (`ComplexStore`).

use super::catalogue::LabelRow;
use super::{SqlStore, db_error, missing_conflict_or_in_use, missing_or_conflict, set_archived_sql};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::catalogue::{Complex, ComplexDraft, Label, Names};
use domain::ports::{ComplexStore, Edit, StoreResult, Versioned};
use domain::{CategoryId, ClubId, ComplexId, ExerciseId, StoreError};

#[derive(sqlx::FromRow)]
struct ComplexRow {
    id: i64,
    name_fr: String,
    name_en: String,
    category_id: Option<i64>,
    archived_at: Option<DateTime<Utc>>,
    version: i64,
}

macro_rules! complexes_sql {
    ($db:ty) => {
        impl SqlStore<$db> {
            /// The club's complexes with their movements in order; one complex when `only` is set.
            pub(super) async fn fetch_complexes(
                &self,
                club: ClubId,
                only: Option<ComplexId>,
            ) -> StoreResult<Vec<Complex>> {
                let found = self
                    .fetch_with_parts(
                        "SELECT c.id, c.name_fr, c.name_en, c.category_id, c.archived_at, c.version \
                         FROM complexes c \
                         WHERE c.club_id = $1 AND ($2 IS NULL OR c.id = $2) ORDER BY c.name_fr, c.id",
                        "SELECT cm.complex_id, cm.exercise_id FROM complex_movements cm \
                         JOIN complexes c ON c.id = cm.complex_id \
                         WHERE c.club_id = $1 AND ($2 IS NULL OR c.id = $2) \
                         ORDER BY cm.complex_id, cm.position",
                        club,
                        only.map(|c| c.0),
                        |r: &ComplexRow| r.id,
                    )
                    .await?;
                Ok(found
                    .into_iter()
                    .map(|(r, movements)| Complex {
                        id: ComplexId(r.id),
                        names: Names {
                            fr: r.name_fr,
                            en: r.name_en,
                        },
                        category: r.category_id.map(CategoryId),
                        movements: movements.into_iter().map(ExerciseId).collect(),
                        archived: r.archived_at.is_some(),
                        version: r.version,
                    })
                    .collect())
            }

            /// Writes a complex's movements in order, inside `tx`; `NotFound` when one of them
            /// is not an exercise of the club.
            pub(super) async fn insert_movements(
                tx: &mut sqlx::Transaction<'static, $db>,
                club: ClubId,
                complex: i64,
                movements: &[ExerciseId],
            ) -> StoreResult<()> {
                for (position, exercise) in movements.iter().enumerate() {
                    let statement = sqlx::query(
                        "INSERT INTO complex_movements (complex_id, position, exercise_id) \
                         SELECT $1, $2, id FROM exercises WHERE club_id = $3 AND id = $4",
                    )
                    .bind(complex)
                    .bind(i64::try_from(position).unwrap_or(i64::MAX))
                    .bind(club.0)
                    .bind(exercise.0);
                    if Self::execute(tx, statement).await? != 1 {
                        return Err(StoreError::NotFound);
                    }
                }
                Ok(())
            }
        }

        #[async_trait]
        impl ComplexStore for SqlStore<$db> {
            async fn complexes(&self, club: ClubId) -> StoreResult<Vec<Complex>> {
                self.fetch_complexes(club, None).await
            }

            async fn complex(&self, club: ClubId, id: ComplexId) -> StoreResult<Option<Complex>> {
                Ok(self
                    .fetch_complexes(club, Some(id))
                    .await?
                    .into_iter()
                    .next())
            }

            async fn complexes_using(
                &self,
                club: ClubId,
                id: ExerciseId,
            ) -> StoreResult<Vec<Label<ComplexId>>> {
                let sql = "SELECT DISTINCT c.id, c.name_fr, c.name_en FROM complexes c \
                           JOIN complex_movements cm ON cm.complex_id = c.id \
                           WHERE c.club_id = $1 AND cm.exercise_id = $2 ORDER BY c.name_fr, c.id";
                self.fetch_rows_with(sql, &[club.0, id.0], |r: LabelRow| {
                    Ok(r.into_label(ComplexId))
                })
                .await
            }

            async fn create_complex(
                &self,
                club: ClubId,
                draft: &ComplexDraft,
                now: DateTime<Utc>,
            ) -> StoreResult<Complex> {
                let mut tx = self.write().await?;
                let (id, category): (i64, Option<i64>) = sqlx::query_as(
                    "INSERT INTO complexes (club_id, name_fr, name_en, category_id, created_at, \
                     updated_at) \
                     VALUES ($1, $2, $3, (SELECT id FROM catalogue_categories WHERE club_id = $1 \
                     AND id = $4), $5, $5) \
                     RETURNING id, category_id",
                )
                .bind(club.0)
                .bind(&draft.names.fr)
                .bind(&draft.names.en)
                .bind(draft.category.map(|c| c.0))
                .bind(now)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_error)?;
                if category.map(CategoryId) != draft.category {
                    return Err(StoreError::NotFound);
                }
                Self::insert_movements(&mut tx, club, id, &draft.movements).await?;
                Self::commit_and_read(tx, || self.complex(club, ComplexId(id))).await
            }

            async fn update_complex(&self, edit: Edit<ComplexId, &ComplexDraft>) -> StoreResult<Complex> {
                let mut tx = self.write().await?;
                let updated: Option<(Option<i64>,)> = sqlx::query_as(
                    "UPDATE complexes SET name_fr = $2, name_en = $3, category_id = (SELECT id \
                     FROM catalogue_categories WHERE club_id = $1 AND id = $4), updated_at = $5, \
                     version = version + 1 \
                     WHERE club_id = $1 AND id = $6 AND version = $7 RETURNING category_id",
                )
                .bind(edit.club.0)
                .bind(&edit.value.names.fr)
                .bind(&edit.value.names.en)
                .bind(edit.value.category.map(|c| c.0))
                .bind(edit.now)
                .bind(edit.id.0)
                .bind(edit.version)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_error)?;
                let Some((category,)) = updated else {
                    drop(tx);
                    return Err(missing_or_conflict(self.complex(edit.club, edit.id).await));
                };
                if category.map(CategoryId) != edit.value.category {
                    return Err(StoreError::NotFound);
                }
                sqlx::query("DELETE FROM complex_movements WHERE complex_id = $1")
                    .bind(edit.id.0)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                Self::insert_movements(&mut tx, edit.club, edit.id.0, &edit.value.movements).await?;
                Self::commit_and_read(tx, || self.complex(edit.club, edit.id)).await
            }

            async fn set_complex_archived(&self, edit: Edit<ComplexId, bool>) -> StoreResult<Complex> {
                let sql = set_archived_sql("complexes", None);
                let statement = Self::bind_archived(sqlx::query(&sql), edit);
                self.update_versioned(statement, || self.complex(edit.club, edit.id))
                    .await
            }

            async fn delete_complex(
                &self,
                Versioned { club, id, version }: Versioned<ComplexId>,
            ) -> StoreResult<()> {
                let statement = sqlx::query(
                    "DELETE FROM complexes WHERE club_id = $1 AND id = $2 AND version = $3 \
                     AND NOT EXISTS (SELECT 1 FROM workout_complexes WHERE complex_id = $2) \
                     AND NOT EXISTS (SELECT 1 FROM session_complexes WHERE complex_id = $2)",
                )
                .bind(club.0)
                .bind(id.0)
                .bind(version);
                self.run_guarded(statement, || async {
                    missing_conflict_or_in_use(self.complex(club, id).await, version, |r| r.version)
                })
                .await
            }
        }
    };
}
for_both_databases!(complexes_sql);
