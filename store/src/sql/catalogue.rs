//! A club's catalogue (`CatalogueStore`): its lists (categories and equipment) are here; its
//! exercises, complexes and catalogue files have their own modules, which this port hands over
//! to.

use super::{SqlStore, db_error};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::catalogue::exchange::ImportCounts;
use domain::catalogue::file::CataloguePlan;
use domain::catalogue::{Complex, ComplexDraft, Exercise, ExerciseDraft, Label, LabelKind, Names};
use domain::ports::{CatalogueStore, StoreResult};
use domain::{CategoryId, ClubId, ComplexId, EquipmentId, ExerciseId, StoreError};

/// The table of one of the club's lists.
fn label_table(kind: LabelKind) -> &'static str {
    match kind {
        LabelKind::Category => "catalogue_categories",
        LabelKind::Equipment => "catalogue_equipment",
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct LabelRow {
    id: i64,
    name_fr: String,
    name_en: String,
}

impl LabelRow {
    pub(super) fn into_label<Id>(self, id: impl Fn(i64) -> Id) -> Label<Id> {
        Label {
            id: id(self.id),
            names: Names {
                fr: self.name_fr,
                en: self.name_en,
            },
        }
    }
}

macro_rules! catalogue_sql {
    ($db:ty) => {
        impl SqlStore<$db> {
            /// Adds a label to one of the club's lists, inside `tx`; returns its id.
            pub(super) async fn insert_label(
                tx: &mut sqlx::Transaction<'static, $db>,
                kind: LabelKind,
                club: ClubId,
                names: &Names,
            ) -> StoreResult<i64> {
                let table = label_table(kind);
                let (id,): (i64,) = sqlx::query_as(&format!(
                    "INSERT INTO {table} (club_id, name_fr, name_en, name_key) VALUES ($1, $2, $3, $4) \
                     RETURNING id"
                ))
                .bind(club.0)
                .bind(&names.fr)
                .bind(&names.en)
                .bind(domain::catalogue::search::fold(&names.fr))
                .fetch_one(&mut **tx)
                .await
                .map_err(db_error)?;
                Ok(id)
            }

            /// The id of the club's label of that French name, updated to `names`, or a new one.
            pub(super) async fn upsert_label(
                tx: &mut sqlx::Transaction<'static, $db>,
                kind: LabelKind,
                club: ClubId,
                names: &Names,
            ) -> StoreResult<i64> {
                let table = label_table(kind);
                let found: Option<(i64,)> = sqlx::query_as(&format!(
                    "SELECT id FROM {table} WHERE club_id = $1 AND name_key = $2"
                ))
                .bind(club.0)
                .bind(domain::catalogue::search::fold(&names.fr))
                .fetch_optional(&mut **tx)
                .await
                .map_err(db_error)?;
                match found {
                    Some((id,)) => {
                        sqlx::query(&format!(
                            "UPDATE {table} SET name_fr = $2, name_en = $3 WHERE id = $1"
                        ))
                        .bind(id)
                        .bind(&names.fr)
                        .bind(&names.en)
                        .execute(&mut **tx)
                        .await
                        .map_err(db_error)?;
                        Ok(id)
                    }
                    None => Self::insert_label(tx, kind, club, names).await,
                }
            }

            async fn labels(&self, kind: LabelKind, club: ClubId) -> StoreResult<Vec<LabelRow>> {
                let table = label_table(kind);
                sqlx::query_as::<_, LabelRow>(&format!(
                    "SELECT id, name_fr, name_en FROM {table} WHERE club_id = $1 ORDER BY name_fr, id"
                ))
                .bind(club.0)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)
            }
        }

        #[async_trait]
        impl CatalogueStore for SqlStore<$db> {
            async fn add_catalogue(
                &self,
                club: ClubId,
                plan: &CataloguePlan,
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                let mut tx = self.write().await?;
                Self::insert_catalogue(&mut tx, club, plan, now).await?;
                tx.commit().await.map_err(db_error)
            }

            async fn import_catalogue(
                &self,
                club: ClubId,
                plan: &CataloguePlan,
                now: DateTime<Utc>,
            ) -> StoreResult<ImportCounts> {
                self.merge_catalogue(club, plan, now).await
            }

            async fn create_label(&self, club: ClubId, kind: LabelKind, names: &Names) -> StoreResult<i64> {
                let mut tx = self.write().await?;
                let id = Self::insert_label(&mut tx, kind, club, names).await?;
                tx.commit().await.map_err(db_error)?;
                Ok(id)
            }

            async fn rename_label(
                &self,
                club: ClubId,
                kind: LabelKind,
                id: i64,
                names: &Names,
            ) -> StoreResult<()> {
                let mut tx = self.write().await?;
                let done = sqlx::query(&format!(
                    "UPDATE {} SET name_fr = $3, name_en = $4, name_key = $5 WHERE club_id = $1 AND id = $2",
                    label_table(kind)
                ))
                .bind(club.0)
                .bind(id)
                .bind(&names.fr)
                .bind(&names.en)
                .bind(domain::catalogue::search::fold(&names.fr))
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                Self::commit(tx, ()).await
            }

            async fn delete_label(&self, club: ClubId, kind: LabelKind, id: i64) -> StoreResult<()> {
                let mut tx = self.write().await?;
                let done = sqlx::query(&format!(
                    "DELETE FROM {} WHERE club_id = $1 AND id = $2",
                    label_table(kind)
                ))
                .bind(club.0)
                .bind(id)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                Self::commit(tx, ()).await
            }

            async fn label_uses(&self, club: ClubId, kind: LabelKind) -> StoreResult<Vec<(i64, i64)>> {
                let sql = match kind {
                    LabelKind::Category => {
                        "SELECT l.id, (SELECT COUNT(*) FROM exercises e WHERE e.category_id = l.id) \
                         + (SELECT COUNT(*) FROM complexes c WHERE c.category_id = l.id) \
                         FROM catalogue_categories l WHERE l.club_id = $1"
                    }
                    LabelKind::Equipment => {
                        "SELECT l.id, (SELECT COUNT(*) FROM exercises e WHERE e.equipment_id = l.id) \
                         FROM catalogue_equipment l WHERE l.club_id = $1"
                    }
                };
                sqlx::query_as::<_, (i64, i64)>(sql)
                    .bind(club.0)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_error)
            }

            async fn catalogue_version(&self, club: ClubId) -> StoreResult<i64> {
                sqlx::query_scalar::<_, i64>("SELECT catalogue_version FROM clubs WHERE id = $1")
                    .bind(club.0)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db_error)?
                    .ok_or(StoreError::NotFound)
            }

            async fn categories(&self, club: ClubId) -> StoreResult<Vec<Label<CategoryId>>> {
                Ok(self
                    .labels(LabelKind::Category, club)
                    .await?
                    .into_iter()
                    .map(|r| r.into_label(CategoryId))
                    .collect())
            }

            async fn equipment(&self, club: ClubId) -> StoreResult<Vec<Label<EquipmentId>>> {
                Ok(self
                    .labels(LabelKind::Equipment, club)
                    .await?
                    .into_iter()
                    .map(|r| r.into_label(EquipmentId))
                    .collect())
            }

            async fn exercises(&self, club: ClubId) -> StoreResult<Vec<Exercise>> {
                self.all_exercises(club).await
            }

            async fn exercise(&self, club: ClubId, id: ExerciseId) -> StoreResult<Option<Exercise>> {
                self.fetch_exercise(club, id).await
            }

            async fn create_exercise(
                &self,
                club: ClubId,
                draft: &ExerciseDraft,
                now: DateTime<Utc>,
            ) -> StoreResult<Exercise> {
                self.insert_exercise(club, draft, now).await
            }

            async fn update_exercise(
                &self,
                club: ClubId,
                id: ExerciseId,
                draft: &ExerciseDraft,
                expected_version: i64,
                now: DateTime<Utc>,
            ) -> StoreResult<Exercise> {
                self.edit_exercise(club, id, draft, expected_version, now)
                    .await
            }

            async fn set_exercise_archived(
                &self,
                club: ClubId,
                id: ExerciseId,
                archived: bool,
                expected_version: i64,
                now: DateTime<Utc>,
            ) -> StoreResult<Exercise> {
                self.mark_exercise_archived(club, id, archived, expected_version, now)
                    .await
            }

            async fn set_exercise_media(
                &self,
                club: ClubId,
                id: ExerciseId,
                slot: domain::media::Slot,
                key: Option<&str>,
            ) -> StoreResult<Option<String>> {
                self.replace_exercise_media(club, id, slot, key).await
            }

            async fn delete_exercise(
                &self,
                club: ClubId,
                id: ExerciseId,
                expected_version: i64,
            ) -> StoreResult<()> {
                self.remove_exercise(club, id, expected_version).await
            }

            async fn complexes(&self, club: ClubId) -> StoreResult<Vec<Complex>> {
                self.fetch_complexes(club, None).await
            }

            async fn complexes_using(
                &self,
                club: ClubId,
                id: ExerciseId,
            ) -> StoreResult<Vec<Label<ComplexId>>> {
                self.complexes_using_exercise(club, id).await
            }

            async fn complex(&self, club: ClubId, id: ComplexId) -> StoreResult<Option<Complex>> {
                self.fetch_complex(club, id).await
            }

            async fn create_complex(
                &self,
                club: ClubId,
                draft: &ComplexDraft,
                now: DateTime<Utc>,
            ) -> StoreResult<Complex> {
                self.insert_complex(club, draft, now).await
            }

            async fn update_complex(
                &self,
                club: ClubId,
                id: ComplexId,
                draft: &ComplexDraft,
                expected_version: i64,
                now: DateTime<Utc>,
            ) -> StoreResult<Complex> {
                self.edit_complex(club, id, draft, expected_version, now)
                    .await
            }

            async fn set_complex_archived(
                &self,
                club: ClubId,
                id: ComplexId,
                archived: bool,
                expected_version: i64,
                now: DateTime<Utc>,
            ) -> StoreResult<Complex> {
                self.mark_complex_archived(club, id, archived, expected_version, now)
                    .await
            }

            async fn delete_complex(
                &self,
                club: ClubId,
                id: ComplexId,
                expected_version: i64,
            ) -> StoreResult<()> {
                self.remove_complex(club, id, expected_version).await
            }
        }
    };
}
for_both_databases!(catalogue_sql);
