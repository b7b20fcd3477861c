// Athletes, bodyweights, levels, maxes, groups and training settings: SQL written once for both
// databases (included by adapter.rs).

use domain::athlete::{Athlete, AthleteDraft, Group};
use domain::athlete_import::AthleteImportPlan;
use domain::competition::{CompetitorLevel, LevelStatus, Sex, Weighing};
use domain::maxes::{Max, MaxKind};
use domain::ports::{AthleteStore, RecordedMax};
use domain::settings::TrainingSettings;
use domain::weight::Kg;
use domain::{AthleteId, GroupId, MaxId};
use chrono::NaiveDate;

const ATHLETE_COLUMNS: &str = "id, member_id, first_name, last_name, birth_date, sex, licence, notes, email, \
     archived_at, version";
const MAX_COLUMNS: &str = "id, athlete_id, exercise_id, date, grams, kind, version";

/// Reads a stored name, which `as_str` wrote; anything else is a damaged row.
fn stored<T>(text: &str, what: &str, parse: impl Fn(&str) -> Option<T>) -> StoreResult<T> {
    parse(text).ok_or_else(|| StoreError::Backend(format!("unknown {what} {text:?}")))
}

fn sex_of(text: &str) -> StoreResult<Sex> {
    stored(text, "sex category", Sex::parse)
}

fn kind_of(text: &str) -> StoreResult<MaxKind> {
    stored(text, "max kind", MaxKind::parse)
}

fn level_of(text: &str) -> StoreResult<CompetitorLevel> {
    stored(text, "competitor level", CompetitorLevel::parse)
}

#[derive(sqlx::FromRow)]
struct AthleteRow {
    id: i64,
    member_id: Option<i64>,
    first_name: String,
    last_name: String,
    birth_date: Option<NaiveDate>,
    sex: String,
    licence: Option<String>,
    notes: Option<String>,
    email: Option<String>,
    archived_at: Option<DateTime<Utc>>,
    version: i64,
}

impl TryFrom<AthleteRow> for Athlete {
    type Error = StoreError;
    fn try_from(r: AthleteRow) -> StoreResult<Self> {
        Ok(Athlete {
            id: AthleteId(r.id),
            member: r.member_id.map(MemberId),
            first_name: r.first_name,
            last_name: r.last_name,
            birth_date: r.birth_date,
            sex: sex_of(&r.sex)?,
            licence: r.licence,
            notes: r.notes,
            email: r.email,
            archived: r.archived_at.is_some(),
            version: r.version,
        })
    }
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

#[derive(sqlx::FromRow)]
struct GroupRow {
    id: i64,
    name: String,
    archived_at: Option<DateTime<Utc>>,
    version: i64,
}

fn rows_into<R, T: TryFrom<R, Error = StoreError>>(rows: Vec<R>) -> StoreResult<Vec<T>> {
    rows.into_iter().map(T::try_from).collect()
}

macro_rules! athlete_adapter {
    ($name:ident, $db:ty) => {
        impl $name {
            async fn fetch_athlete(&self, club: ClubId, id: AthleteId) -> StoreResult<Option<Athlete>> {
                sqlx::query_as::<_, AthleteRow>(&format!(
                    "SELECT {ATHLETE_COLUMNS} FROM athletes WHERE club_id = $1 AND id = $2"
                ))
                .bind(club.0)
                .bind(id.0)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_error)?
                .map(Athlete::try_from)
                .transpose()
            }


            async fn fetch_max(&self, club: ClubId, id: MaxId) -> StoreResult<Option<RecordedMax>> {
                sqlx::query_as::<_, MaxRow>(&format!("SELECT {MAX_COLUMNS} FROM maxes WHERE club_id = $1 AND id = $2"))
                    .bind(club.0)
                    .bind(id.0)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db_error)?
                    .map(RecordedMax::try_from)
                    .transpose()
            }

            async fn fetch_groups(&self, club: ClubId, only: Option<GroupId>) -> StoreResult<Vec<Group>> {
                let rows = sqlx::query_as::<_, GroupRow>(
                    "SELECT id, name, archived_at, version FROM athlete_groups \
                     WHERE club_id = $1 AND ($2 IS NULL OR id = $2) ORDER BY name_key, id",
                )
                .bind(club.0)
                .bind(only.map(|g| g.0))
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                let members: Vec<(i64, i64)> = sqlx::query_as(
                    "SELECT ga.group_id, ga.athlete_id FROM group_athletes ga \
                     JOIN athlete_groups g ON g.id = ga.group_id \
                     JOIN athletes a ON a.id = ga.athlete_id \
                     WHERE g.club_id = $1 AND ($2 IS NULL OR g.id = $2) ORDER BY a.last_name, a.first_name, a.id",
                )
                .bind(club.0)
                .bind(only.map(|g| g.0))
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(rows
                    .into_iter()
                    .map(|r| Group {
                        id: GroupId(r.id),
                        athletes: members
                            .iter()
                            .filter(|(g, _)| *g == r.id)
                            .map(|(_, a)| AthleteId(*a))
                            .collect(),
                        name: r.name,
                        archived: r.archived_at.is_some(),
                        version: r.version,
                    })
                    .collect())
            }

            async fn fetch_group(&self, club: ClubId, id: GroupId) -> StoreResult<Option<Group>> {
                Ok(self.fetch_groups(club, Some(id)).await?.into_iter().next())
            }

        }

        #[async_trait]
        impl AthleteStore for $name {
            async fn athletes(&self, club: ClubId) -> StoreResult<Vec<Athlete>> {
                rows_into(
                    sqlx::query_as::<_, AthleteRow>(&format!(
                        "SELECT {ATHLETE_COLUMNS} FROM athletes WHERE club_id = $1 ORDER BY last_name, first_name, id"
                    ))
                    .bind(club.0)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_error)?,
                )
            }

            async fn athlete(&self, club: ClubId, id: AthleteId) -> StoreResult<Option<Athlete>> {
                self.fetch_athlete(club, id).await
            }

            async fn athlete_of_member(&self, club: ClubId, member: MemberId) -> StoreResult<Option<Athlete>> {
                sqlx::query_as::<_, AthleteRow>(&format!(
                    "SELECT {ATHLETE_COLUMNS} FROM athletes WHERE club_id = $1 AND member_id = $2"
                ))
                .bind(club.0)
                .bind(member.0)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_error)?
                .map(Athlete::try_from)
                .transpose()
            }

            async fn create_athlete(
                &self,
                club: ClubId,
                draft: &AthleteDraft,
                member: Option<MemberId>,
                now: DateTime<Utc>,
            ) -> StoreResult<Athlete> {
                let mut tx = self.write().await?;
                if let Some(member) = member {
                    let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM members WHERE club_id = $1 AND id = $2")
                        .bind(club.0)
                        .bind(member.0)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(db_error)?;
                    if found.is_none() {
                        return Err(StoreError::NotFound);
                    }
                }
                let created = sqlx::query_as::<_, AthleteRow>(&format!(
                    "INSERT INTO athletes (club_id, member_id, first_name, last_name, birth_date, sex, licence, \
                     notes, email, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING {ATHLETE_COLUMNS}"
                ))
                .bind(club.0)
                .bind(member.map(|m| m.0))
                .bind(&draft.first_name)
                .bind(&draft.last_name)
                .bind(draft.birth_date)
                .bind(draft.sex.as_str())
                .bind(&draft.licence)
                .bind(&draft.notes)
                .bind(draft.email.as_ref().map(|e| e.as_str()))
                .bind(now)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_error)?;
                Self::commit(tx, created.try_into()?).await
            }

            async fn update_athlete(
                &self,
                club: ClubId,
                id: AthleteId,
                draft: &AthleteDraft,
                expected_version: i64,
                now: DateTime<Utc>,
            ) -> StoreResult<Athlete> {
                let mut tx = self.write().await?;
                let updated = sqlx::query_as::<_, AthleteRow>(&format!(
                    "UPDATE athletes SET first_name = $3, last_name = $4, birth_date = $5, sex = $6, licence = $7, \
                     notes = $8, email = $9, updated_at = $10, version = version + 1 \
                     WHERE club_id = $1 AND id = $2 AND version = $11 RETURNING {ATHLETE_COLUMNS}"
                ))
                .bind(club.0)
                .bind(id.0)
                .bind(&draft.first_name)
                .bind(&draft.last_name)
                .bind(draft.birth_date)
                .bind(draft.sex.as_str())
                .bind(&draft.licence)
                .bind(&draft.notes)
                .bind(draft.email.as_ref().map(|e| e.as_str()))
                .bind(now)
                .bind(expected_version)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_error)?;
                match updated {
                    Some(row) => Self::commit(tx, row.try_into()?).await,
                    None => {
                        drop(tx);
                        Err(missing_or_conflict(self.fetch_athlete(club, id).await))
                    }
                }
            }

            async fn set_athlete_archived(
                &self,
                club: ClubId,
                id: AthleteId,
                archived: bool,
                expected_version: i64,
                now: DateTime<Utc>,
            ) -> StoreResult<Athlete> {
                let mut tx = self.write().await?;
                let updated = sqlx::query_as::<_, AthleteRow>(&format!(
                    "UPDATE athletes SET archived_at = $3, updated_at = $4, version = version + 1 \
                     WHERE club_id = $1 AND id = $2 AND version = $5 RETURNING {ATHLETE_COLUMNS}"
                ))
                .bind(club.0)
                .bind(id.0)
                .bind(archived.then_some(now))
                .bind(now)
                .bind(expected_version)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_error)?;
                match updated {
                    Some(row) => Self::commit(tx, row.try_into()?).await,
                    None => {
                        drop(tx);
                        Err(missing_or_conflict(self.fetch_athlete(club, id).await))
                    }
                }
            }

            async fn link_member(
                &self,
                club: ClubId,
                id: AthleteId,
                member: Option<MemberId>,
                expected_version: i64,
                now: DateTime<Utc>,
            ) -> StoreResult<Athlete> {
                let mut tx = self.write().await?;
                if let Some(member) = member {
                    let of_club: Option<(i64,)> =
                        sqlx::query_as("SELECT id FROM members WHERE club_id = $1 AND id = $2")
                            .bind(club.0)
                            .bind(member.0)
                            .fetch_optional(&mut *tx)
                            .await
                            .map_err(db_error)?;
                    if of_club.is_none() {
                        return Err(StoreError::NotFound);
                    }
                }
                let updated = sqlx::query_as::<_, AthleteRow>(&format!(
                    "UPDATE athletes SET member_id = $3, updated_at = $4, version = version + 1 \
                     WHERE club_id = $1 AND id = $2 AND version = $5 RETURNING {ATHLETE_COLUMNS}"
                ))
                .bind(club.0)
                .bind(id.0)
                .bind(member.map(|m| m.0))
                .bind(now)
                .bind(expected_version)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_error)?;
                match updated {
                    Some(row) => Self::commit(tx, row.try_into()?).await,
                    None => {
                        drop(tx);
                        Err(missing_or_conflict(self.fetch_athlete(club, id).await))
                    }
                }
            }

            async fn weighings(&self, club: ClubId, athlete: AthleteId) -> StoreResult<Vec<Weighing>> {
                let rows: Vec<(NaiveDate, i64)> = sqlx::query_as(
                    "SELECT b.date, b.grams FROM bodyweights b JOIN athletes a ON a.id = b.athlete_id \
                     WHERE a.club_id = $1 AND b.athlete_id = $2 ORDER BY b.date",
                )
                .bind(club.0)
                .bind(athlete.0)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(rows
                    .into_iter()
                    .map(|(date, grams)| Weighing {
                        date,
                        weight: Kg::from_grams(grams),
                    })
                    .collect())
            }

            async fn club_weighings(&self, club: ClubId) -> StoreResult<Vec<(AthleteId, Weighing)>> {
                let rows: Vec<(i64, NaiveDate, i64)> = sqlx::query_as(
                    "SELECT b.athlete_id, b.date, b.grams FROM bodyweights b JOIN athletes a ON a.id = b.athlete_id \
                     WHERE a.club_id = $1 ORDER BY b.date, b.athlete_id",
                )
                .bind(club.0)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(rows
                    .into_iter()
                    .map(|(athlete, date, grams)| {
                        (
                            AthleteId(athlete),
                            Weighing {
                                date,
                                weight: Kg::from_grams(grams),
                            },
                        )
                    })
                    .collect())
            }

            async fn record_weighing(&self, club: ClubId, athlete: AthleteId, weighing: Weighing) -> StoreResult<()> {
                let mut tx = self.write().await?;
                let done = sqlx::query(
                    "INSERT INTO bodyweights (athlete_id, date, grams) \
                     SELECT id, $3, $4 FROM athletes WHERE club_id = $1 AND id = $2 \
                     ON CONFLICT (athlete_id, date) DO UPDATE SET grams = excluded.grams",
                )
                .bind(club.0)
                .bind(athlete.0)
                .bind(weighing.date)
                .bind(weighing.weight.grams())
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                Self::commit(tx, ()).await
            }

            async fn delete_weighing(&self, club: ClubId, athlete: AthleteId, date: NaiveDate) -> StoreResult<()> {
                let mut tx = self.write().await?;
                let done = sqlx::query(
                    "DELETE FROM bodyweights WHERE athlete_id = $2 AND date = $3 \
                     AND athlete_id IN (SELECT id FROM athletes WHERE club_id = $1)",
                )
                .bind(club.0)
                .bind(athlete.0)
                .bind(date)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                Self::commit(tx, ()).await
            }

            async fn levels(&self, club: ClubId, athlete: AthleteId) -> StoreResult<Vec<LevelStatus>> {
                let rows: Vec<(String, NaiveDate, Option<NaiveDate>)> = sqlx::query_as(
                    "SELECT l.level, l.starts_on, l.ends_on FROM competitor_levels l \
                     JOIN athletes a ON a.id = l.athlete_id WHERE a.club_id = $1 AND l.athlete_id = $2 \
                     ORDER BY l.starts_on",
                )
                .bind(club.0)
                .bind(athlete.0)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                rows.into_iter()
                    .map(|(level, start, end)| {
                        Ok(LevelStatus {
                            level: level_of(&level)?,
                            start,
                            end,
                        })
                    })
                    .collect()
            }

            async fn current_levels(&self, club: ClubId) -> StoreResult<Vec<(AthleteId, CompetitorLevel)>> {
                let rows: Vec<(i64, String)> = sqlx::query_as(
                    "SELECT l.athlete_id, l.level FROM competitor_levels l \
                     JOIN athletes a ON a.id = l.athlete_id WHERE a.club_id = $1 AND l.ends_on IS NULL",
                )
                .bind(club.0)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                rows.into_iter()
                    .map(|(athlete, level)| Ok((AthleteId(athlete), level_of(&level)?)))
                    .collect()
            }

            async fn record_level(
                &self,
                club: ClubId,
                athlete: AthleteId,
                level: CompetitorLevel,
                start: NaiveDate,
            ) -> StoreResult<()> {
                let mut tx = self.write().await?;
                let owner: Option<(i64,)> = sqlx::query_as("SELECT id FROM athletes WHERE club_id = $1 AND id = $2")
                    .bind(club.0)
                    .bind(athlete.0)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(db_error)?;
                if owner.is_none() {
                    return Err(StoreError::NotFound);
                }
                let later: Option<(NaiveDate,)> = sqlx::query_as(
                    "SELECT starts_on FROM competitor_levels WHERE athlete_id = $1 AND starts_on >= $2",
                )
                .bind(athlete.0)
                .bind(start)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_error)?;
                if later.is_some() {
                    return Err(StoreError::Conflict);
                }
                sqlx::query("UPDATE competitor_levels SET ends_on = $2 WHERE athlete_id = $1 AND ends_on IS NULL")
                    .bind(athlete.0)
                    .bind(start)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                sqlx::query("INSERT INTO competitor_levels (athlete_id, level, starts_on) VALUES ($1, $2, $3)")
                    .bind(athlete.0)
                    .bind(level.as_str())
                    .bind(start)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                tx.commit().await.map_err(db_error)
            }

            async fn maxes(&self, club: ClubId, athlete: AthleteId) -> StoreResult<Vec<RecordedMax>> {
                rows_into(
                    sqlx::query_as::<_, MaxRow>(&format!(
                        "SELECT {MAX_COLUMNS} FROM maxes WHERE club_id = $1 AND athlete_id = $2 ORDER BY date, id"
                    ))
                    .bind(club.0)
                    .bind(athlete.0)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_error)?,
                )
            }

            async fn club_maxes(&self, club: ClubId) -> StoreResult<Vec<RecordedMax>> {
                rows_into(
                    sqlx::query_as::<_, MaxRow>(&format!(
                        "SELECT {MAX_COLUMNS} FROM maxes WHERE club_id = $1 ORDER BY date, id"
                    ))
                    .bind(club.0)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_error)?,
                )
            }

            async fn recorded_max(&self, club: ClubId, id: MaxId) -> StoreResult<Option<RecordedMax>> {
                self.fetch_max(club, id).await
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
                let created = sqlx::query_as::<_, MaxRow>(&format!(
                    "INSERT INTO maxes (club_id, athlete_id, exercise_id, date, grams, kind, created_at) \
                     SELECT $1, a.id, e.id, $4, $5, $6, $7 FROM athletes a, exercises e \
                     WHERE a.club_id = $1 AND a.id = $2 AND e.club_id = $1 AND e.id = $3 \
                     RETURNING {MAX_COLUMNS}"
                ))
                .bind(club.0)
                .bind(athlete.0)
                .bind(max.exercise.0)
                .bind(max.date)
                .bind(max.weight.grams())
                .bind(max.kind.as_str())
                .bind(now)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_error)?
                .ok_or(StoreError::NotFound)?;
                Self::commit(tx, created.try_into()?).await
            }

            async fn update_max(
                &self,
                club: ClubId,
                id: MaxId,
                max: &Max<ExerciseId>,
                expected_version: i64,
            ) -> StoreResult<RecordedMax> {
                let mut tx = self.write().await?;
                let updated = sqlx::query_as::<_, MaxRow>(&format!(
                    "UPDATE maxes SET exercise_id = (SELECT id FROM exercises WHERE club_id = $1 AND id = $3), \
                     date = $4, grams = $5, kind = $6, version = version + 1 \
                     WHERE club_id = $1 AND id = $2 AND version = $7 \
                     AND EXISTS (SELECT 1 FROM exercises WHERE club_id = $1 AND id = $3) \
                     RETURNING {MAX_COLUMNS}"
                ))
                .bind(club.0)
                .bind(id.0)
                .bind(max.exercise.0)
                .bind(max.date)
                .bind(max.weight.grams())
                .bind(max.kind.as_str())
                .bind(expected_version)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_error)?;
                let Some(row) = updated else {
                    drop(tx);
                    return match self.fetch_max(club, id).await? {
                        Some(found) if found.version == expected_version => Err(StoreError::NotFound),
                        Some(_) => Err(StoreError::Conflict),
                        None => Err(StoreError::NotFound),
                    };
                };
                Self::commit(tx, row.try_into()?).await
            }

            async fn delete_max(&self, club: ClubId, id: MaxId, expected_version: i64) -> StoreResult<()> {
                let mut tx = self.write().await?;
                let done = sqlx::query("DELETE FROM maxes WHERE club_id = $1 AND id = $2 AND version = $3")
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
                match self.fetch_max(club, id).await? {
                    Some(_) => Err(StoreError::Conflict),
                    None => Err(StoreError::NotFound),
                }
            }

            async fn groups(&self, club: ClubId) -> StoreResult<Vec<Group>> {
                self.fetch_groups(club, None).await
            }

            async fn create_group(&self, club: ClubId, name: &str, now: DateTime<Utc>) -> StoreResult<Group> {
                let mut tx = self.write().await?;
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO athlete_groups (club_id, name, name_key, created_at) VALUES ($1, $2, $3, $4) \
                     RETURNING id",
                )
                .bind(club.0)
                .bind(name)
                .bind(domain::catalogue::search::fold(name))
                .bind(now)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_error)?;
                tx.commit().await.map_err(db_error)?;
                self.fetch_group(club, GroupId(id)).await?.ok_or(StoreError::NotFound)
            }

            async fn rename_group(
                &self,
                club: ClubId,
                id: GroupId,
                name: &str,
                expected_version: i64,
            ) -> StoreResult<Group> {
                let mut tx = self.write().await?;
                let done = sqlx::query(
                    "UPDATE athlete_groups SET name = $3, name_key = $4, version = version + 1 \
                     WHERE club_id = $1 AND id = $2 AND version = $5",
                )
                .bind(club.0)
                .bind(id.0)
                .bind(name)
                .bind(domain::catalogue::search::fold(name))
                .bind(expected_version)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                if done.rows_affected() == 0 {
                    drop(tx);
                    return Err(missing_or_conflict(self.fetch_group(club, id).await));
                }
                tx.commit().await.map_err(db_error)?;
                self.fetch_group(club, id).await?.ok_or(StoreError::NotFound)
            }

            async fn set_group_archived(
                &self,
                club: ClubId,
                id: GroupId,
                archived: bool,
                expected_version: i64,
                now: DateTime<Utc>,
            ) -> StoreResult<Group> {
                let mut tx = self.write().await?;
                let done = sqlx::query(
                    "UPDATE athlete_groups SET archived_at = $3, version = version + 1 \
                     WHERE club_id = $1 AND id = $2 AND version = $4",
                )
                .bind(club.0)
                .bind(id.0)
                .bind(archived.then_some(now))
                .bind(expected_version)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                if done.rows_affected() == 0 {
                    drop(tx);
                    return Err(missing_or_conflict(self.fetch_group(club, id).await));
                }
                tx.commit().await.map_err(db_error)?;
                self.fetch_group(club, id).await?.ok_or(StoreError::NotFound)
            }

            async fn set_in_group(
                &self,
                club: ClubId,
                group: GroupId,
                athlete: AthleteId,
                member: bool,
            ) -> StoreResult<()> {
                let mut tx = self.write().await?;
                let both: Option<(i64,)> = sqlx::query_as(
                    "SELECT g.id FROM athlete_groups g, athletes a \
                     WHERE g.club_id = $1 AND g.id = $2 AND a.club_id = $1 AND a.id = $3",
                )
                .bind(club.0)
                .bind(group.0)
                .bind(athlete.0)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_error)?;
                if both.is_none() {
                    return Err(StoreError::NotFound);
                }
                let sql = if member {
                    "INSERT INTO group_athletes (group_id, athlete_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
                } else {
                    "DELETE FROM group_athletes WHERE group_id = $1 AND athlete_id = $2"
                };
                sqlx::query(sql)
                    .bind(group.0)
                    .bind(athlete.0)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                Self::commit(tx, ()).await
            }

            async fn import_athletes(
                &self,
                club: ClubId,
                plan: &AthleteImportPlan,
                now: DateTime<Utc>,
            ) -> StoreResult<usize> {
                let fold = domain::catalogue::search::fold;
                let mut tx = self.write().await?;
                let mut groups: std::collections::HashMap<String, i64> =
                    sqlx::query_as::<_, (String, i64)>("SELECT name_key, id FROM athlete_groups WHERE club_id = $1")
                        .bind(club.0)
                        .fetch_all(&mut *tx)
                        .await
                        .map_err(db_error)?
                        .into_iter()
                        .collect();
                // The plan's groups first (their spelling is the file's first), then any a row
                // names that the plan left out.
                for name in plan.groups.iter().chain(plan.rows.iter().flat_map(|r| &r.groups)) {
                    let key = fold(name);
                    if groups.contains_key(&key) {
                        continue;
                    }
                    let (id,): (i64,) = sqlx::query_as(
                        "INSERT INTO athlete_groups (club_id, name, name_key, created_at) VALUES ($1, $2, $3, $4) \
                         RETURNING id",
                    )
                    .bind(club.0)
                    .bind(name)
                    .bind(&key)
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db_error)?;
                    groups.insert(key, id);
                }
                for row in &plan.rows {
                    let draft = &row.draft;
                    let (athlete,): (i64,) = sqlx::query_as(
                        "INSERT INTO athletes (club_id, first_name, last_name, birth_date, sex, licence, notes, \
                         email, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
                    )
                    .bind(club.0)
                    .bind(&draft.first_name)
                    .bind(&draft.last_name)
                    .bind(draft.birth_date)
                    .bind(draft.sex.as_str())
                    .bind(&draft.licence)
                    .bind(&draft.notes)
                    .bind(draft.email.as_ref().map(|e| e.as_str()))
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db_error)?;
                    for name in &row.groups {
                        let group = groups.get(&fold(name)).copied().ok_or(StoreError::NotFound)?;
                        sqlx::query("INSERT INTO group_athletes (group_id, athlete_id) VALUES ($1, $2)")
                            .bind(group)
                            .bind(athlete)
                            .execute(&mut *tx)
                            .await
                            .map_err(db_error)?;
                    }
                }
                tx.commit().await.map_err(db_error)?;
                Ok(plan.rows.len())
            }

            async fn training_settings(
                &self,
                club: ClubId,
            ) -> StoreResult<Option<(TrainingSettings<ExerciseId>, i64)>> {
                let row: Option<(String, i64)> =
                    sqlx::query_as("SELECT training, version FROM club_settings WHERE club_id = $1")
                        .bind(club.0)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db_error)?;
                row.map(|(json, version)| {
                    serde_json::from_str(&json)
                        .map(|settings| (settings, version))
                        .map_err(|e| StoreError::Backend(format!("unreadable training settings: {e}")))
                })
                .transpose()
            }

            async fn save_training_settings(
                &self,
                club: ClubId,
                settings: &TrainingSettings<ExerciseId>,
                expected_version: Option<i64>,
                now: DateTime<Utc>,
            ) -> StoreResult<i64> {
                let mut tx = self.write().await?;
                let json = serde_json::to_string(settings)
                    .map_err(|e| StoreError::Backend(format!("cannot write training settings: {e}")))?;
                let saved: Option<(i64,)> = match expected_version {
                    None => sqlx::query_as(
                        "INSERT INTO club_settings (club_id, training, updated_at) VALUES ($1, $2, $3) \
                         ON CONFLICT (club_id) DO NOTHING RETURNING version",
                    )
                    .bind(club.0)
                    .bind(&json)
                    .bind(now)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(db_error)?,
                    Some(version) => sqlx::query_as(
                        "UPDATE club_settings SET training = $2, updated_at = $3, version = version + 1 \
                         WHERE club_id = $1 AND version = $4 RETURNING version",
                    )
                    .bind(club.0)
                    .bind(&json)
                    .bind(now)
                    .bind(version)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(db_error)?,
                };
                let version = saved.map(|(version,)| version).ok_or(StoreError::Conflict)?;
                Self::commit(tx, version).await
            }
        }
    };
}
