//! A club's catalogue as a whole (`CatalogueStore`): its version, its lists (categories and
//! equipment), and whole catalogues added or imported (with `catalogue_plan.rs`). Exercises and
//! complexes have their own ports and modules.

use super::{SqlStore, db_error};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::catalogue::exchange::ImportCounts;
use domain::catalogue::file::CataloguePlan;
use domain::catalogue::{Label, LabelKind, Names};
use domain::ports::{CatalogueStore, StoreResult};
use domain::workout::WorkoutCategoryId;
use domain::{CategoryId, ClubId, EquipmentId, StoreError};

/// The table of one of the club's lists.
fn label_table(kind: LabelKind) -> &'static str {
    match kind {
        LabelKind::Category => "catalogue_categories",
        LabelKind::Equipment => "catalogue_equipment",
        LabelKind::Workout => "workout_categories",
    }
}

/// How a catalogue's entries are written into a club's: added beside the club's own (a name the
/// club already has is a duplicate), or merged into the entry of the same French name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Writing {
    Added,
    Merged,
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

            /// Writes the labels of one of a catalogue's lists into the club's, inside `tx`;
            /// returns their ids in the same order. Merged, a label of a French name the club
            /// already has updates that one instead of being added.
            pub(super) async fn write_labels(
                tx: &mut sqlx::Transaction<'static, $db>,
                kind: LabelKind,
                club: ClubId,
                labels: &[Names],
                writing: Writing,
            ) -> StoreResult<Vec<i64>> {
                let table = label_table(kind);
                let mut ids = Vec::with_capacity(labels.len());
                for names in labels {
                    let found: Option<(i64,)> = match writing {
                        Writing::Added => None,
                        Writing::Merged => sqlx::query_as(&format!(
                            "SELECT id FROM {table} WHERE club_id = $1 AND name_key = $2"
                        ))
                        .bind(club.0)
                        .bind(domain::catalogue::search::fold(&names.fr))
                        .fetch_optional(&mut **tx)
                        .await
                        .map_err(db_error)?,
                    };
                    let id = match found {
                        Some((id,)) => {
                            let sql = format!("UPDATE {table} SET name_fr = $2, name_en = $3 WHERE id = $1");
                            let statement = sqlx::query(&sql).bind(id).bind(&names.fr).bind(&names.en);
                            Self::execute(tx, statement).await?;
                            id
                        }
                        None => Self::insert_label(tx, kind, club, names).await?,
                    };
                    ids.push(id);
                }
                Ok(ids)
            }

            /// One of the club's lists, by French name; `id` makes each label's id.
            async fn labels<Id>(
                &self,
                kind: LabelKind,
                club: ClubId,
                id: impl Fn(i64) -> Id,
            ) -> StoreResult<Vec<Label<Id>>> {
                let table = label_table(kind);
                let sql = format!(
                    "SELECT id, name_fr, name_en FROM {table} WHERE club_id = $1 ORDER BY name_fr, id"
                );
                self.fetch_rows_with(&sql, &[club.0], |r: LabelRow| Ok(r.into_label(&id)))
                    .await
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
                Self::commit(tx, id).await
            }

            async fn rename_label(
                &self,
                club: ClubId,
                kind: LabelKind,
                id: i64,
                names: &Names,
            ) -> StoreResult<()> {
                let sql = format!(
                    "UPDATE {} SET name_fr = $3, name_en = $4, name_key = $5 WHERE club_id = $1 AND id = $2",
                    label_table(kind)
                );
                let statement = sqlx::query(&sql)
                    .bind(club.0)
                    .bind(id)
                    .bind(&names.fr)
                    .bind(&names.en)
                    .bind(domain::catalogue::search::fold(&names.fr));
                self.run_found(statement).await
            }

            async fn delete_label(&self, club: ClubId, kind: LabelKind, id: i64) -> StoreResult<()> {
                let sql = format!(
                    "DELETE FROM {} WHERE club_id = $1 AND id = $2",
                    label_table(kind)
                );
                self.run_found(sqlx::query(&sql).bind(club.0).bind(id))
                    .await
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
                    LabelKind::Workout => {
                        "SELECT l.id, (SELECT COUNT(*) FROM workouts w WHERE w.category_id = l.id) \
                         FROM workout_categories l WHERE l.club_id = $1"
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
                self.labels(LabelKind::Category, club, CategoryId).await
            }

            async fn equipment(&self, club: ClubId) -> StoreResult<Vec<Label<EquipmentId>>> {
                self.labels(LabelKind::Equipment, club, EquipmentId).await
            }

            async fn workout_categories(&self, club: ClubId) -> StoreResult<Vec<Label<WorkoutCategoryId>>> {
                self.labels(LabelKind::Workout, club, WorkoutCategoryId)
                    .await
            }
        }
    };
}
for_both_databases!(catalogue_sql);
