//! The club's workouts (`WorkoutStore`): each a row with its content as one JSON document, and
//! the exercises and complexes it names, so that a used one cannot be deleted.

use super::{SqlStore, db_error, missing_conflict_or_in_use, missing_or_conflict, set_archived_sql};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::ports::{Edit, StoreResult, Versioned, WorkoutStore};
use domain::workout::{Workout, WorkoutCategoryId, WorkoutContent, WorkoutDraft, WorkoutId};
use domain::{ClubId, StoreError};

const WORKOUT_COLUMNS: &str =
    "id, title, category_id, description, content, archived_at, version, updated_at";

#[derive(sqlx::FromRow)]
struct WorkoutRow {
    id: i64,
    title: String,
    category_id: Option<i64>,
    description: Option<String>,
    content: String,
    archived_at: Option<DateTime<Utc>>,
    version: i64,
    updated_at: DateTime<Utc>,
}

impl TryFrom<WorkoutRow> for Workout {
    type Error = StoreError;

    fn try_from(r: WorkoutRow) -> StoreResult<Self> {
        let content: WorkoutContent = serde_json::from_str(&r.content)
            .map_err(|e| StoreError::Backend(format!("workout {}: unreadable content: {e}", r.id)))?;
        Ok(Workout {
            id: WorkoutId(r.id),
            title: r.title,
            category: r.category_id.map(WorkoutCategoryId),
            description: r.description,
            content,
            archived: r.archived_at.is_some(),
            version: r.version,
            updated_at: r.updated_at,
        })
    }
}

/// The content as stored.
fn content_json(draft: &WorkoutDraft) -> StoreResult<String> {
    serde_json::to_string(&draft.content).map_err(|e| StoreError::Backend(e.to_string()))
}

macro_rules! workouts_sql {
    ($db:ty) => {
        impl SqlStore<$db> {
            /// Records what the workout `id` names, inside `tx`, in place of what it named;
            /// `NotFound` when one of them is not the club's.
            async fn write_uses(
                tx: &mut sqlx::Transaction<'static, $db>,
                club: ClubId,
                id: i64,
                draft: &WorkoutDraft,
            ) -> StoreResult<()> {
                for table in ["workout_exercises", "workout_complexes"] {
                    let sql = format!("DELETE FROM {table} WHERE workout_id = $1");
                    Self::execute(tx, sqlx::query(&sql).bind(id)).await?;
                }
                let exercises = draft.content.exercises().into_iter().map(i64::from);
                let complexes = draft.content.complexes().into_iter().map(|c| c.0);
                let uses = exercises
                    .map(|e| ("workout_exercises", "exercise_id", "exercises", e))
                    .chain(complexes.map(|c| ("workout_complexes", "complex_id", "complexes", c)));
                for (table, column, of, used) in uses {
                    let sql = format!(
                        "INSERT INTO {table} (workout_id, {column}) \
                         SELECT $1, id FROM {of} WHERE club_id = $2 AND id = $3"
                    );
                    let statement = sqlx::query(&sql).bind(id).bind(club.0).bind(used);
                    if Self::execute(tx, statement).await? != 1 {
                        return Err(StoreError::NotFound);
                    }
                }
                Ok(())
            }
        }

        #[async_trait]
        impl WorkoutStore for SqlStore<$db> {
            async fn workouts(&self, club: ClubId) -> StoreResult<Vec<Workout>> {
                let sql =
                    format!("SELECT {WORKOUT_COLUMNS} FROM workouts WHERE club_id = $1 ORDER BY title, id");
                self.fetch_rows::<WorkoutRow, _>(&sql, &[club.0]).await
            }

            async fn workout(&self, club: ClubId, id: WorkoutId) -> StoreResult<Option<Workout>> {
                let sql = format!("SELECT {WORKOUT_COLUMNS} FROM workouts WHERE club_id = $1 AND id = $2");
                self.fetch_row::<WorkoutRow, _>(&sql, &[club.0, id.0]).await
            }

            async fn create_workout(
                &self,
                club: ClubId,
                draft: &WorkoutDraft,
                now: DateTime<Utc>,
            ) -> StoreResult<Workout> {
                let content = content_json(draft)?;
                let mut tx = self.write().await?;
                let (id, category): (i64, Option<i64>) = sqlx::query_as(
                    "INSERT INTO workouts (club_id, title, category_id, description, content, \
                     created_at, updated_at) \
                     VALUES ($1, $2, (SELECT id FROM workout_categories WHERE club_id = $1 AND \
                     id = $3), $4, $5, $6, $6) \
                     RETURNING id, category_id",
                )
                .bind(club.0)
                .bind(&draft.title)
                .bind(draft.category.map(|c| c.0))
                .bind(draft.description.as_deref())
                .bind(&content)
                .bind(now)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_error)?;
                if category.map(WorkoutCategoryId) != draft.category {
                    return Err(StoreError::NotFound);
                }
                Self::write_uses(&mut tx, club, id, draft).await?;
                Self::commit_and_read(tx, || self.workout(club, WorkoutId(id))).await
            }

            async fn update_workout(&self, edit: Edit<WorkoutId, &WorkoutDraft>) -> StoreResult<Workout> {
                let content = content_json(edit.value)?;
                let mut tx = self.write().await?;
                let updated: Option<(Option<i64>,)> = sqlx::query_as(
                    "UPDATE workouts SET title = $3, category_id = (SELECT id FROM \
                     workout_categories WHERE club_id = $1 AND id = $4), description = $5, \
                     content = $6, updated_at = $7, version = version + 1 \
                     WHERE club_id = $1 AND id = $2 AND version = $8 RETURNING category_id",
                )
                .bind(edit.club.0)
                .bind(edit.id.0)
                .bind(&edit.value.title)
                .bind(edit.value.category.map(|c| c.0))
                .bind(edit.value.description.as_deref())
                .bind(&content)
                .bind(edit.now)
                .bind(edit.version)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_error)?;
                let Some((category,)) = updated else {
                    drop(tx);
                    return Err(missing_or_conflict(self.workout(edit.club, edit.id).await));
                };
                if category.map(WorkoutCategoryId) != edit.value.category {
                    return Err(StoreError::NotFound);
                }
                Self::write_uses(&mut tx, edit.club, edit.id.0, edit.value).await?;
                Self::commit_and_read(tx, || self.workout(edit.club, edit.id)).await
            }

            async fn set_workout_archived(&self, edit: Edit<WorkoutId, bool>) -> StoreResult<Workout> {
                let sql = set_archived_sql("workouts", None);
                let statement = Self::bind_archived(sqlx::query(&sql), edit);
                self.update_versioned(statement, || self.workout(edit.club, edit.id))
                    .await
            }

            async fn delete_workout(
                &self,
                Versioned { club, id, version }: Versioned<WorkoutId>,
            ) -> StoreResult<()> {
                let statement = sqlx::query(
                    "DELETE FROM workouts WHERE club_id = $1 AND id = $2 AND version = $3 \
                     AND NOT EXISTS (SELECT 1 FROM planned_sessions WHERE workout_id = $2)",
                )
                .bind(club.0)
                .bind(id.0)
                .bind(version);
                self.run_guarded(statement, || async {
                    missing_conflict_or_in_use(self.workout(club, id).await, version, |r| r.version)
                })
                .await
            }
        }
    };
}
for_both_databases!(workouts_sql);
