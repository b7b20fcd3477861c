// The catalogue's SQL, written once for both databases (included by adapter.rs).

/// The table of one of the club's lists.
fn label_table(kind: LabelKind) -> &'static str {
    match kind {
        LabelKind::Category => "catalogue_categories",
        LabelKind::Equipment => "catalogue_equipment",
    }
}

macro_rules! catalogue_adapter {
    ($name:ident, $db:ty) => {
        impl $name {
            async fn fetch_exercise(&self, club: ClubId, id: ExerciseId) -> StoreResult<Option<Exercise>> {
                Ok(sqlx::query_as::<_, ExerciseRow>(&format!(
                    "SELECT {EXERCISE_COLUMNS} FROM exercises WHERE club_id = $1 AND id = $2"
                ))
                .bind(club.0)
                .bind(id.0)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_error)?
                .map(Exercise::from))
            }


            /// Checks that a written exercise kept the category and equipment asked for: a
            /// foreign club's id is dropped by the SQL and reported here as not found.
            fn check_references(written: &Exercise, draft: &ExerciseDraft) -> StoreResult<()> {
                if written.category != draft.category || written.equipment != draft.equipment {
                    Err(StoreError::NotFound)
                } else {
                    Ok(())
                }
            }

            /// Binds what an exercise statement's `$1` to `$11` stand for: the club, the
            /// draft's names and folded keys, category, equipment, short name, description,
            /// video link, and the time of the change.
            fn bind_draft<'q>(
                query: sqlx::query::QueryAs<'q, $db, ExerciseRow, <$db as sqlx::Database>::Arguments<'q>>,
                club: ClubId,
                draft: &'q ExerciseDraft,
                now: DateTime<Utc>,
            ) -> sqlx::query::QueryAs<'q, $db, ExerciseRow, <$db as sqlx::Database>::Arguments<'q>> {
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

            async fn insert_label(
                tx: &mut sqlx::Transaction<'static, $db>,
                table: &str,
                club: ClubId,
                names: &Names,
            ) -> StoreResult<i64> {
                let (id,): (i64,) = sqlx::query_as(&format!(
                    "INSERT INTO {table} (club_id, name_fr, name_en, name_key) VALUES ($1, $2, $3, $4) RETURNING id"
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

            /// Writes a validated catalogue into a club, inside `tx`.
            async fn insert_catalogue(
                tx: &mut sqlx::Transaction<'static, $db>,
                club: ClubId,
                plan: &CataloguePlan,
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                let mut categories = Vec::with_capacity(plan.categories.len());
                for names in &plan.categories {
                    categories.push(Self::insert_label(tx, "catalogue_categories", club, names).await?);
                }
                let mut equipment = Vec::with_capacity(plan.equipment.len());
                for names in &plan.equipment {
                    equipment.push(Self::insert_label(tx, "catalogue_equipment", club, names).await?);
                }
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
                let d = &planned.draft;
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO exercises (club_id, name_fr, name_en, name_fr_key, name_en_key, short_name, \
                     category_id, equipment_id, description, video_url, archived_at, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
                )
                .bind(club.0)
                .bind(d.name_fr.as_str())
                .bind(d.name_en.as_str())
                .bind(d.name_fr.key())
                .bind(d.name_en.key())
                .bind(&d.short_name)
                .bind(category)
                .bind(equipment)
                .bind(&d.description)
                .bind(&d.video_url)
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
                    "INSERT INTO complexes (club_id, name_fr, name_en, category_id, archived_at, created_at, updated_at) \
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
                let movements = Self::planned_movements(planned, exercises)?;
                Self::insert_movements(tx, club, id, &movements).await?;
                Ok(id)
            }

            fn planned_movements(planned: &PlannedComplex, exercises: &[ExerciseId]) -> StoreResult<Vec<ExerciseId>> {
                planned
                    .movements
                    .iter()
                    .map(|m| exercises.get(*m).copied().ok_or(StoreError::NotFound))
                    .collect()
            }

            /// The club's complexes with their movements in order; one complex when `only` is set.
            async fn fetch_complexes(&self, club: ClubId, only: Option<ComplexId>) -> StoreResult<Vec<Complex>> {
                let one = if only.is_some() { " AND c.id = $2" } else { "" };
                let sql = format!(
                    "SELECT c.id, c.name_fr, c.name_en, c.category_id, c.archived_at, c.version FROM complexes c \
                     WHERE c.club_id = $1{one} ORDER BY c.name_fr, c.id"
                );
                let mut rows_query = sqlx::query_as::<_, ComplexRow>(&sql).bind(club.0);
                if let Some(id) = only {
                    rows_query = rows_query.bind(id.0);
                }
                let rows = rows_query.fetch_all(&self.pool).await.map_err(db_error)?;
                let sql = format!(
                    "SELECT cm.complex_id, cm.exercise_id FROM complex_movements cm \
                     JOIN complexes c ON c.id = cm.complex_id WHERE c.club_id = $1{one} \
                     ORDER BY cm.complex_id, cm.position"
                );
                let mut movements_query = sqlx::query_as::<_, (i64, i64)>(&sql).bind(club.0);
                if let Some(id) = only {
                    movements_query = movements_query.bind(id.0);
                }
                let movements = movements_query.fetch_all(&self.pool).await.map_err(db_error)?;
                let mut by_complex: std::collections::HashMap<i64, Vec<ExerciseId>> = std::collections::HashMap::new();
                for (complex, exercise) in movements {
                    by_complex.entry(complex).or_default().push(ExerciseId(exercise));
                }
                Ok(rows
                    .into_iter()
                    .map(|r| Complex {
                        id: ComplexId(r.id),
                        names: Names {
                            fr: r.name_fr,
                            en: r.name_en,
                        },
                        category: r.category_id.map(CategoryId),
                        movements: by_complex.remove(&r.id).unwrap_or_default(),
                        archived: r.archived_at.is_some(),
                        version: r.version,
                    })
                    .collect())
            }

            async fn fetch_complex(&self, club: ClubId, id: ComplexId) -> StoreResult<Option<Complex>> {
                Ok(self.fetch_complexes(club, Some(id)).await?.into_iter().next())
            }

            /// Writes a complex's movements in order, inside `tx`; `NotFound` when one of them
            /// is not an exercise of the club.
            async fn insert_movements(
                tx: &mut sqlx::Transaction<'static, $db>,
                club: ClubId,
                complex: i64,
                movements: &[ExerciseId],
            ) -> StoreResult<()> {
                for (position, exercise) in movements.iter().enumerate() {
                    let done = sqlx::query(
                        "INSERT INTO complex_movements (complex_id, position, exercise_id) \
                         SELECT $1, $2, id FROM exercises WHERE club_id = $3 AND id = $4",
                    )
                    .bind(complex)
                    .bind(i64::try_from(position).unwrap_or(i64::MAX))
                    .bind(club.0)
                    .bind(exercise.0)
                    .execute(&mut **tx)
                    .await
                    .map_err(db_error)?;
                    if done.rows_affected() != 1 {
                        return Err(StoreError::NotFound);
                    }
                }
                Ok(())
            }

            /// The id of the club's label of that French name, updated to `names`, or a new one.
            async fn upsert_label(
                tx: &mut sqlx::Transaction<'static, $db>,
                table: &str,
                club: ClubId,
                names: &Names,
            ) -> StoreResult<i64> {
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
                        sqlx::query(&format!("UPDATE {table} SET name_fr = $2, name_en = $3 WHERE id = $1"))
                            .bind(id)
                            .bind(&names.fr)
                            .bind(&names.en)
                            .execute(&mut **tx)
                            .await
                            .map_err(db_error)?;
                        Ok(id)
                    }
                    None => Self::insert_label(tx, table, club, names).await,
                }
            }

            async fn labels(&self, table: &str, club: ClubId) -> StoreResult<Vec<LabelRow>> {
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
        impl CatalogueStore for $name {
            async fn add_catalogue(&self, club: ClubId, plan: &CataloguePlan, now: DateTime<Utc>) -> StoreResult<()> {
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
                let mut counts = ImportCounts::default();
                let mut tx = self.write().await?;
                let mut categories = Vec::with_capacity(plan.categories.len());
                for names in &plan.categories {
                    categories.push(Self::upsert_label(&mut tx, "catalogue_categories", club, names).await?);
                }
                let mut equipment = Vec::with_capacity(plan.equipment.len());
                for names in &plan.equipment {
                    equipment.push(Self::upsert_label(&mut tx, "catalogue_equipment", club, names).await?);
                }
                let mut exercises = Vec::with_capacity(plan.exercises.len());
                for planned in &plan.exercises {
                    let d = &planned.draft;
                    let category = planned.category.and_then(|i| categories.get(i).copied());
                    let equipment = planned.equipment.and_then(|i| equipment.get(i).copied());
                    let found: Option<(i64,)> =
                        sqlx::query_as("SELECT id FROM exercises WHERE club_id = $1 AND name_fr_key = $2")
                            .bind(club.0)
                            .bind(d.name_fr.key())
                            .fetch_optional(&mut *tx)
                            .await
                            .map_err(db_error)?;
                    let id = match found {
                        Some((id,)) => {
                            sqlx::query(
                                "UPDATE exercises SET name_fr = $2, name_en = $3, name_en_key = $4, short_name = $5, \
                                 category_id = $6, equipment_id = $7, description = $8, video_url = $9, \
                                 archived_at = CASE WHEN $10 THEN COALESCE(archived_at, $11) ELSE NULL END, \
                                 updated_at = $11, version = version + 1 WHERE id = $1",
                            )
                            .bind(id)
                            .bind(d.name_fr.as_str())
                            .bind(d.name_en.as_str())
                            .bind(d.name_en.key())
                            .bind(&d.short_name)
                            .bind(category)
                            .bind(equipment)
                            .bind(&d.description)
                            .bind(&d.video_url)
                            .bind(planned.archived)
                            .bind(now)
                            .execute(&mut *tx)
                            .await
                            .map_err(db_error)?;
                            counts.updated += 1;
                            id
                        }
                        None => {
                            counts.created += 1;
                            Self::insert_planned_exercise(&mut tx, club, planned, category, equipment, now).await?
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
                            sqlx::query(
                                "UPDATE complexes SET name_fr = $2, name_en = $3, category_id = $4, \
                                 archived_at = CASE WHEN $5 THEN COALESCE(archived_at, $6) ELSE NULL END, \
                                 updated_at = $6, version = version + 1 WHERE id = $1",
                            )
                            .bind(id)
                            .bind(&planned.names.fr)
                            .bind(&planned.names.en)
                            .bind(category)
                            .bind(planned.archived)
                            .bind(now)
                            .execute(&mut *tx)
                            .await
                            .map_err(db_error)?;
                            sqlx::query("DELETE FROM complex_movements WHERE complex_id = $1")
                                .bind(id)
                                .execute(&mut *tx)
                                .await
                                .map_err(db_error)?;
                            let movements = Self::planned_movements(planned, &exercises)?;
                            Self::insert_movements(&mut tx, club, id, &movements).await?;
                            counts.updated += 1;
                        }
                        None => {
                            Self::insert_planned_complex(&mut tx, club, planned, category, &exercises, now).await?;
                            counts.created += 1;
                        }
                    }
                }
                tx.commit().await.map_err(db_error)?;
                Ok(counts)
            }

            async fn create_label(&self, club: ClubId, kind: LabelKind, names: &Names) -> StoreResult<i64> {
                let mut tx = self.write().await?;
                let id = Self::insert_label(&mut tx, label_table(kind), club, names).await?;
                tx.commit().await.map_err(db_error)?;
                Ok(id)
            }

            async fn rename_label(&self, club: ClubId, kind: LabelKind, id: i64, names: &Names) -> StoreResult<()> {
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
                let done = sqlx::query(&format!("DELETE FROM {} WHERE club_id = $1 AND id = $2", label_table(kind)))
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
                    .labels("catalogue_categories", club)
                    .await?
                    .into_iter()
                    .map(|r| r.into_label(CategoryId))
                    .collect())
            }

            async fn equipment(&self, club: ClubId) -> StoreResult<Vec<Label<EquipmentId>>> {
                Ok(self
                    .labels("catalogue_equipment", club)
                    .await?
                    .into_iter()
                    .map(|r| r.into_label(EquipmentId))
                    .collect())
            }

            async fn exercises(&self, club: ClubId) -> StoreResult<Vec<Exercise>> {
                Ok(sqlx::query_as::<_, ExerciseRow>(&format!(
                    "SELECT {EXERCISE_COLUMNS} FROM exercises WHERE club_id = $1 ORDER BY name_fr_key, id"
                ))
                .bind(club.0)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?
                .into_iter()
                .map(Exercise::from)
                .collect())
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
                let mut tx = self.write().await?;
                let sql = format!(
                    "INSERT INTO exercises (club_id, name_fr, name_en, name_fr_key, name_en_key, short_name, \
                     category_id, equipment_id, description, video_url, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $8, {CLUB_CATEGORY}, {CLUB_EQUIPMENT}, $9, $10, $11, $11) \
                     RETURNING {EXERCISE_COLUMNS}"
                );
                let created: Exercise = Self::bind_draft(sqlx::query_as(&sql), club, draft, now)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_error)?
                .into();
                Self::check_references(&created, draft)?;
                tx.commit().await.map_err(db_error)?;
                Ok(created)
            }

            async fn update_exercise(
                &self,
                club: ClubId,
                id: ExerciseId,
                draft: &ExerciseDraft,
                expected_version: i64,
                now: DateTime<Utc>,
            ) -> StoreResult<Exercise> {
                let mut tx = self.write().await?;
                let sql = format!(
                    "UPDATE exercises SET name_fr = $2, name_en = $3, name_fr_key = $4, name_en_key = $5, \
                     category_id = {CLUB_CATEGORY}, equipment_id = {CLUB_EQUIPMENT}, short_name = $8, \
                     description = $9, video_url = $10, updated_at = $11, version = version + 1 \
                     WHERE club_id = $1 AND id = $12 AND version = $13 \
                     RETURNING {EXERCISE_COLUMNS}"
                );
                let updated: Option<Exercise> = Self::bind_draft(sqlx::query_as(&sql), club, draft, now)
                .bind(id.0)
                .bind(expected_version)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_error)?
                .map(Exercise::from);
                let Some(updated) = updated else {
                    drop(tx);
                    return Err(missing_or_conflict(self.fetch_exercise(club, id).await));
                };
                Self::check_references(&updated, draft)?;
                tx.commit().await.map_err(db_error)?;
                Ok(updated)
            }

            async fn set_exercise_archived(
                &self,
                club: ClubId,
                id: ExerciseId,
                archived: bool,
                expected_version: i64,
                now: DateTime<Utc>,
            ) -> StoreResult<Exercise> {
                let mut tx = self.write().await?;
                let updated = sqlx::query_as::<_, ExerciseRow>(&format!(
                    "UPDATE exercises SET archived_at = $2, updated_at = $3, version = version + 1 \
                     WHERE club_id = $1 AND id = $4 AND version = $5 RETURNING {EXERCISE_COLUMNS}"
                ))
                .bind(club.0)
                .bind(archived.then_some(now))
                .bind(now)
                .bind(id.0)
                .bind(expected_version)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_error)?;
                match updated {
                    Some(row) => Self::commit(tx, row.into()).await,
                    None => {
                        drop(tx);
                        Err(missing_or_conflict(self.fetch_exercise(club, id).await))
                    }
                }
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
                sqlx::query(&format!("UPDATE exercises SET {column} = $3 WHERE club_id = $1 AND id = $2"))
                    .bind(club.0)
                    .bind(id.0)
                    .bind(key)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                tx.commit().await.map_err(db_error)?;
                Ok(previous)
            }

            async fn delete_exercise(&self, club: ClubId, id: ExerciseId, expected_version: i64) -> StoreResult<()> {
                let mut tx = self.write().await?;
                let done = sqlx::query(
                    "DELETE FROM exercises WHERE club_id = $1 AND id = $2 AND version = $3 \
                     AND NOT EXISTS (SELECT 1 FROM complex_movements WHERE exercise_id = $2) \
                     AND NOT EXISTS (SELECT 1 FROM maxes WHERE exercise_id = $2)",
                )
                .bind(club.0)
                .bind(id.0)
                .bind(expected_version)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                if done.rows_affected() == 1 {
                    return Self::commit(tx, ()).await;
                }
                drop(tx);
                match self.fetch_exercise(club, id).await? {
                    None => Err(StoreError::NotFound),
                    Some(e) if e.version != expected_version => Err(StoreError::Conflict),
                    Some(_) => Err(StoreError::InUse),
                }
            }

            async fn complexes(&self, club: ClubId) -> StoreResult<Vec<Complex>> {
                self.fetch_complexes(club, None).await
            }

            async fn complexes_using(&self, club: ClubId, id: ExerciseId) -> StoreResult<Vec<Label<ComplexId>>> {
                Ok(sqlx::query_as::<_, LabelRow>(
                    "SELECT DISTINCT c.id, c.name_fr, c.name_en FROM complexes c \
                     JOIN complex_movements cm ON cm.complex_id = c.id \
                     WHERE c.club_id = $1 AND cm.exercise_id = $2 ORDER BY c.name_fr, c.id",
                )
                .bind(club.0)
                .bind(id.0)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?
                .into_iter()
                .map(|r| r.into_label(ComplexId))
                .collect())
            }
            async fn complex(&self, club: ClubId, id: ComplexId) -> StoreResult<Option<Complex>> {
                self.fetch_complex(club, id).await
            }

            async fn create_complex(&self, club: ClubId, draft: &ComplexDraft, now: DateTime<Utc>) -> StoreResult<Complex> {
                let mut tx = self.write().await?;
                let (id, category): (i64, Option<i64>) = sqlx::query_as(
                    "INSERT INTO complexes (club_id, name_fr, name_en, category_id, created_at, updated_at) \
                     VALUES ($1, $2, $3, (SELECT id FROM catalogue_categories WHERE club_id = $1 AND id = $4), $5, $5) \
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
                tx.commit().await.map_err(db_error)?;
                self.fetch_complex(club, ComplexId(id)).await?.ok_or(StoreError::NotFound)
            }

            async fn update_complex(
                &self,
                club: ClubId,
                id: ComplexId,
                draft: &ComplexDraft,
                expected_version: i64,
                now: DateTime<Utc>,
            ) -> StoreResult<Complex> {
                let mut tx = self.write().await?;
                let updated: Option<(Option<i64>,)> = sqlx::query_as(
                    "UPDATE complexes SET name_fr = $2, name_en = $3, \
                     category_id = (SELECT id FROM catalogue_categories WHERE club_id = $1 AND id = $4), \
                     updated_at = $5, version = version + 1 \
                     WHERE club_id = $1 AND id = $6 AND version = $7 RETURNING category_id",
                )
                .bind(club.0)
                .bind(&draft.names.fr)
                .bind(&draft.names.en)
                .bind(draft.category.map(|c| c.0))
                .bind(now)
                .bind(id.0)
                .bind(expected_version)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_error)?;
                let Some((category,)) = updated else {
                    drop(tx);
                    return Err(missing_or_conflict(self.fetch_complex(club, id).await));
                };
                if category.map(CategoryId) != draft.category {
                    return Err(StoreError::NotFound);
                }
                sqlx::query("DELETE FROM complex_movements WHERE complex_id = $1")
                    .bind(id.0)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                Self::insert_movements(&mut tx, club, id.0, &draft.movements).await?;
                tx.commit().await.map_err(db_error)?;
                self.fetch_complex(club, id).await?.ok_or(StoreError::NotFound)
            }

            async fn set_complex_archived(
                &self,
                club: ClubId,
                id: ComplexId,
                archived: bool,
                expected_version: i64,
                now: DateTime<Utc>,
            ) -> StoreResult<Complex> {
                let mut tx = self.write().await?;
                let done = sqlx::query(
                    "UPDATE complexes SET archived_at = $2, updated_at = $3, version = version + 1 \
                     WHERE club_id = $1 AND id = $4 AND version = $5",
                )
                .bind(club.0)
                .bind(archived.then_some(now))
                .bind(now)
                .bind(id.0)
                .bind(expected_version)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                if done.rows_affected() == 0 {
                    drop(tx);
                    return Err(missing_or_conflict(self.fetch_complex(club, id).await));
                }
                tx.commit().await.map_err(db_error)?;
                self.fetch_complex(club, id).await?.ok_or(StoreError::NotFound)
            }

            async fn delete_complex(&self, club: ClubId, id: ComplexId, expected_version: i64) -> StoreResult<()> {
                let mut tx = self.write().await?;
                let done = sqlx::query("DELETE FROM complexes WHERE club_id = $1 AND id = $2 AND version = $3")
                    .bind(club.0)
                    .bind(id.0)
                    .bind(expected_version)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                if done.rows_affected() == 0 {
                    drop(tx);
                    return Err(missing_or_conflict(self.fetch_complex(club, id).await));
                }
                Self::commit(tx, ()).await
            }
        }
    };
}
