//! A club's exercises (`ExerciseStore`).

use super::{Bind, SqlStore, db_error, missing_conflict_or_in_use, set_archived_sql};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::catalogue::{Exercise, ExerciseDraft, Names};
use domain::ports::{Edit, ExerciseStore, StoreResult, Versioned};
use domain::{CategoryId, ClubId, EquipmentId, ExerciseId, StoreError};

const EXERCISE_COLUMNS: &str = "id, name_fr, name_en, short_name, category_id, equipment_id, description, \
     video_url, image_key, video_key, archived_at, version";
/// The category and equipment ids of a write, kept only when they are the club's ($1).
const CLUB_CATEGORY: &str = "(SELECT id FROM catalogue_categories WHERE club_id = $1 AND id = $6)";
const CLUB_EQUIPMENT: &str = "(SELECT id FROM catalogue_equipment WHERE club_id = $1 AND id = $7)";

#[derive(sqlx::FromRow)]
struct ExerciseRow {
    id: i64,
    name_fr: String,
    name_en: String,
    short_name: Option<String>,
    category_id: Option<i64>,
    equipment_id: Option<i64>,
    description: Option<String>,
    video_url: Option<String>,
    image_key: Option<String>,
    video_key: Option<String>,
    archived_at: Option<DateTime<Utc>>,
    version: i64,
}

// Nothing in the row can be damaged; `TryFrom` lets it be read like every other row.
impl TryFrom<ExerciseRow> for Exercise {
    type Error = StoreError;
    fn try_from(r: ExerciseRow) -> StoreResult<Self> {
        Ok(Exercise {
            id: ExerciseId(r.id),
            names: Names {
                fr: r.name_fr,
                en: r.name_en,
            },
            short_name: r.short_name,
            category: r.category_id.map(CategoryId),
            equipment: r.equipment_id.map(EquipmentId),
            description: r.description,
            video_url: r.video_url,
            image: r.image_key,
            video: r.video_key,
            archived: r.archived_at.is_some(),
            version: r.version,
        })
    }
}

/// The written exercise, once it is checked to have kept the category and equipment asked for:
/// a foreign club's id is dropped by the SQL and reported here as not found.
fn kept_references(written: ExerciseRow, draft: &ExerciseDraft) -> StoreResult<Exercise> {
    let written = Exercise::try_from(written)?;
    if written.category != draft.category || written.equipment != draft.equipment {
        Err(StoreError::NotFound)
    } else {
        Ok(written)
    }
}

macro_rules! exercises_sql {
    ($db:ty) => {
        impl SqlStore<$db> {
            /// Binds what an exercise statement's `$1` to `$11` stand for: the club, the
            /// draft's names and folded keys, category, equipment, short name, description,
            /// video link, and the time of the change.
            fn bind_draft<'q, Q: Bind<'q, $db>>(
                query: Q,
                club: ClubId,
                draft: &'q ExerciseDraft,
                now: DateTime<Utc>,
            ) -> Q {
                query
                    .bind(club.0)
                    .bind(draft.name_fr.as_str())
                    .bind(draft.name_en.as_str())
                    .bind(draft.name_fr.key())
                    .bind(draft.name_en.key())
                    .bind(draft.category.map(|c| c.0))
                    .bind(draft.equipment.map(|e| e.0))
                    .bind(&draft.short_name)
                    .bind(&draft.description)
                    .bind(&draft.video_url)
                    .bind(now)
            }
        }

        #[async_trait]
        impl ExerciseStore for SqlStore<$db> {
            async fn exercise(&self, club: ClubId, id: ExerciseId) -> StoreResult<Option<Exercise>> {
                let sql = format!("SELECT {EXERCISE_COLUMNS} FROM exercises WHERE club_id = $1 AND id = $2");
                self.fetch_row::<ExerciseRow, _>(&sql, &[club.0, id.0])
                    .await
            }

            async fn exercises(&self, club: ClubId) -> StoreResult<Vec<Exercise>> {
                let sql = format!(
                    "SELECT {EXERCISE_COLUMNS} FROM exercises WHERE club_id = $1 ORDER BY name_fr_key, id"
                );
                self.fetch_rows::<ExerciseRow, _>(&sql, &[club.0]).await
            }

            async fn create_exercise(
                &self,
                club: ClubId,
                draft: &ExerciseDraft,
                now: DateTime<Utc>,
            ) -> StoreResult<Exercise> {
                let mut tx = self.write().await?;
                let sql = format!(
                    "INSERT INTO exercises (club_id, name_fr, name_en, name_fr_key, name_en_key, \
                     short_name, category_id, equipment_id, description, video_url, created_at, \
                     updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $8, {CLUB_CATEGORY}, {CLUB_EQUIPMENT}, $9, $10, \
                     $11, $11) \
                     RETURNING {EXERCISE_COLUMNS}"
                );
                let created = Self::bind_draft(sqlx::query_as(&sql), club, draft, now)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db_error)?;
                Self::commit(tx, kept_references(created, draft)?).await
            }

            async fn update_exercise(&self, edit: Edit<ExerciseId, &ExerciseDraft>) -> StoreResult<Exercise> {
                let mut tx = self.write().await?;
                let sql = format!(
                    "UPDATE exercises SET name_fr = $2, name_en = $3, name_fr_key = $4, name_en_key = $5, \
                     category_id = {CLUB_CATEGORY}, equipment_id = {CLUB_EQUIPMENT}, \
                     short_name = $8, description = $9, video_url = $10, updated_at = $11, \
                     version = version + 1 \
                     WHERE club_id = $1 AND id = $12 AND version = $13 \
                     RETURNING {EXERCISE_COLUMNS}"
                );
                let updated = Self::bind_draft(sqlx::query_as(&sql), edit.club, edit.value, edit.now)
                    .bind(edit.id.0)
                    .bind(edit.version)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(db_error)?
                    .map(|row| kept_references(row, edit.value))
                    .transpose()?;
                Self::commit_versioned(tx, updated, || self.exercise(edit.club, edit.id)).await
            }

            async fn set_exercise_archived(&self, edit: Edit<ExerciseId, bool>) -> StoreResult<Exercise> {
                let tx = self.write().await?;
                let sql = set_archived_sql("exercises", Some(EXERCISE_COLUMNS));
                let statement = Self::bind_archived(sqlx::query_as::<_, ExerciseRow>(&sql), edit);
                Self::finish_versioned(tx, statement, || self.exercise(edit.club, edit.id)).await
            }

            async fn set_exercise_media(
                &self,
                club: ClubId,
                id: ExerciseId,
                slot: domain::media::Slot,
                key: Option<&str>,
            ) -> StoreResult<Option<String>> {
                let column = match slot {
                    domain::media::Slot::Image => "image_key",
                    domain::media::Slot::Video => "video_key",
                };
                let mut tx = self.write().await?;
                let previous: Option<(Option<String>,)> = sqlx::query_as(&format!(
                    "SELECT {column} FROM exercises WHERE club_id = $1 AND id = $2"
                ))
                .bind(club.0)
                .bind(id.0)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_error)?;
                let Some((previous,)) = previous else {
                    return Err(StoreError::NotFound);
                };
                let sql = format!("UPDATE exercises SET {column} = $3 WHERE club_id = $1 AND id = $2");
                let statement = sqlx::query(&sql).bind(club.0).bind(id.0).bind(key);
                Self::execute(&mut tx, statement).await?;
                Self::commit(tx, previous).await
            }

            async fn delete_exercise(
                &self,
                Versioned { club, id, version }: Versioned<ExerciseId>,
            ) -> StoreResult<()> {
                let statement = sqlx::query(
                    "DELETE FROM exercises WHERE club_id = $1 AND id = $2 AND version = $3 \
                     AND NOT EXISTS (SELECT 1 FROM complex_movements WHERE exercise_id = $2) \
                     AND NOT EXISTS (SELECT 1 FROM maxes WHERE exercise_id = $2) \
                     AND NOT EXISTS (SELECT 1 FROM workout_exercises WHERE exercise_id = $2) \
                     AND NOT EXISTS (SELECT 1 FROM session_exercises WHERE exercise_id = $2)",
                )
                .bind(club.0)
                .bind(id.0)
                .bind(version);
                self.run_guarded(statement, || async {
                    missing_conflict_or_in_use(self.exercise(club, id).await, version, |r| r.version)
                })
                .await
            }
        }
    };
}
for_both_databases!(exercises_sql);
