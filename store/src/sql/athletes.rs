//! A club's athletes' profiles (`AthleteStore`). Their bodyweights and levels, maxes, groups,
//! file imports and the club's training settings have their own ports and modules.

use super::{Bind, SqlStore, db_error, set_archived_sql, stored};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use domain::athlete::{Athlete, AthleteDraft};
use domain::competition::Sex;
use domain::ports::{AthleteStore, Edit, StoreResult};
use domain::{AthleteId, ClubId, MemberId, StoreError};

const ATHLETE_COLUMNS: &str = "id, member_id, first_name, last_name, birth_date, sex, licence, notes, email, \
     archived_at, version";

fn sex_of(text: &str) -> StoreResult<Sex> {
    stored(text, "sex category", Sex::parse)
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

macro_rules! athletes_sql {
    ($db:ty) => {
        impl SqlStore<$db> {
            async fn fetch_athlete(&self, club: ClubId, id: AthleteId) -> StoreResult<Option<Athlete>> {
                let sql = format!("SELECT {ATHLETE_COLUMNS} FROM athletes WHERE club_id = $1 AND id = $2");
                self.fetch_row::<AthleteRow, _>(&sql, &[club.0, id.0]).await
            }

            /// `NotFound` unless `member` (when there is one) is a member of the club, inside `tx`.
            async fn check_club_member(
                tx: &mut sqlx::Transaction<'static, $db>,
                club: ClubId,
                member: Option<MemberId>,
            ) -> StoreResult<()> {
                match member {
                    Some(member) => {
                        let sql = "SELECT id FROM members WHERE club_id = $1 AND id = $2";
                        Self::check_found(tx, sql, &[club.0, member.0]).await
                    }
                    None => Ok(()),
                }
            }

            /// Binds a draft's first and last name, birth date, sex category, licence, notes and
            /// e-mail, in that order.
            pub(super) fn bind_athlete<'q, Q: Bind<'q, $db>>(query: Q, draft: &'q AthleteDraft) -> Q {
                query
                    .bind(&draft.first_name)
                    .bind(&draft.last_name)
                    .bind(draft.birth_date)
                    .bind(draft.sex.as_str())
                    .bind(&draft.licence)
                    .bind(&draft.notes)
                    .bind(draft.email.as_ref().map(|e| e.as_str()))
            }
        }

        #[async_trait]
        impl AthleteStore for SqlStore<$db> {
            async fn athletes(&self, club: ClubId) -> StoreResult<Vec<Athlete>> {
                let sql = format!(
                    "SELECT {ATHLETE_COLUMNS} FROM athletes WHERE club_id = $1 \
                     ORDER BY last_name, first_name, id"
                );
                self.fetch_rows::<AthleteRow, _>(&sql, &[club.0]).await
            }

            async fn athlete(&self, club: ClubId, id: AthleteId) -> StoreResult<Option<Athlete>> {
                self.fetch_athlete(club, id).await
            }

            async fn athlete_of_member(
                &self,
                club: ClubId,
                member: MemberId,
            ) -> StoreResult<Option<Athlete>> {
                let sql =
                    format!("SELECT {ATHLETE_COLUMNS} FROM athletes WHERE club_id = $1 AND member_id = $2");
                self.fetch_row::<AthleteRow, _>(&sql, &[club.0, member.0])
                    .await
            }

            async fn create_athlete(
                &self,
                club: ClubId,
                draft: &AthleteDraft,
                member: Option<MemberId>,
                now: DateTime<Utc>,
            ) -> StoreResult<Athlete> {
                let mut tx = self.write().await?;
                Self::check_club_member(&mut tx, club, member).await?;
                let created = Self::bind_athlete(
                    sqlx::query_as::<_, AthleteRow>(&format!(
                        "INSERT INTO athletes (club_id, member_id, first_name, last_name, birth_date, sex, \
                         licence, notes, email, created_at, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) \
                         RETURNING {ATHLETE_COLUMNS}"
                    ))
                    .bind(club.0)
                    .bind(member.map(|m| m.0)),
                    draft,
                )
                .bind(now)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_error)?;
                Self::commit(tx, created.try_into()?).await
            }

            async fn update_athlete(&self, edit: Edit<AthleteId, &AthleteDraft>) -> StoreResult<Athlete> {
                let tx = self.write().await?;
                let sql = format!(
                    "UPDATE athletes SET first_name = $3, last_name = $4, birth_date = $5, sex = $6, \
                     licence = $7, notes = $8, email = $9, updated_at = $10, \
                     version = version + 1 \
                     WHERE club_id = $1 AND id = $2 AND version = $11 \
                     RETURNING {ATHLETE_COLUMNS}"
                );
                let statement = Self::bind_athlete(
                    sqlx::query_as::<_, AthleteRow>(&sql)
                        .bind(edit.club.0)
                        .bind(edit.id.0),
                    edit.value,
                )
                .bind(edit.now)
                .bind(edit.version);
                Self::finish_versioned(tx, statement, || self.fetch_athlete(edit.club, edit.id)).await
            }

            async fn set_athlete_archived(&self, edit: Edit<AthleteId, bool>) -> StoreResult<Athlete> {
                let tx = self.write().await?;
                let sql = set_archived_sql("athletes", Some(ATHLETE_COLUMNS));
                let statement = Self::bind_archived(sqlx::query_as::<_, AthleteRow>(&sql), edit);
                Self::finish_versioned(tx, statement, || self.fetch_athlete(edit.club, edit.id)).await
            }

            async fn link_member(&self, edit: Edit<AthleteId, Option<MemberId>>) -> StoreResult<Athlete> {
                let mut tx = self.write().await?;
                Self::check_club_member(&mut tx, edit.club, edit.value).await?;
                let sql = format!(
                    "UPDATE athletes SET member_id = $3, updated_at = $4, version = version + 1 \
                     WHERE club_id = $1 AND id = $2 AND version = $5 RETURNING {ATHLETE_COLUMNS}"
                );
                let statement = sqlx::query_as::<_, AthleteRow>(&sql)
                    .bind(edit.club.0)
                    .bind(edit.id.0)
                    .bind(edit.value.map(|m| m.0))
                    .bind(edit.now)
                    .bind(edit.version);
                Self::finish_versioned(tx, statement, || self.fetch_athlete(edit.club, edit.id)).await
            }
        }
    };
}
for_both_databases!(athletes_sql);
