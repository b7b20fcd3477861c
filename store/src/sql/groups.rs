//! A club's groups of athletes (`GroupStore`).

use super::{SqlStore, db_error};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::athlete::{Group, GroupChange};
use domain::ports::{Edit, GroupStore, StoreResult, Versioned};
use domain::{AthleteId, ClubId, GroupId};

#[derive(sqlx::FromRow)]
struct GroupRow {
    id: i64,
    name: String,
    archived_at: Option<DateTime<Utc>>,
    version: i64,
}

macro_rules! groups_sql {
    ($db:ty) => {
        impl SqlStore<$db> {
            /// The club's groups with their athletes; one group when `only` is set.
            pub(super) async fn fetch_groups(
                &self,
                club: ClubId,
                only: Option<GroupId>,
            ) -> StoreResult<Vec<Group>> {
                let found = self
                    .fetch_with_parts(
                        "SELECT id, name, archived_at, version FROM athlete_groups \
                         WHERE club_id = $1 AND ($2 IS NULL OR id = $2) ORDER BY name_key, id",
                        "SELECT ga.group_id, ga.athlete_id FROM group_athletes ga \
                         JOIN athlete_groups g ON g.id = ga.group_id \
                         JOIN athletes a ON a.id = ga.athlete_id \
                         WHERE g.club_id = $1 AND ($2 IS NULL OR g.id = $2) \
                         ORDER BY a.last_name, a.first_name, a.id",
                        club,
                        only.map(|g| g.0),
                        |r: &GroupRow| r.id,
                    )
                    .await?;
                Ok(found
                    .into_iter()
                    .map(|(r, athletes)| Group {
                        id: GroupId(r.id),
                        athletes: athletes.into_iter().map(AthleteId).collect(),
                        name: r.name,
                        archived: r.archived_at.is_some(),
                        version: r.version,
                    })
                    .collect())
            }

            async fn fetch_group(&self, club: ClubId, id: GroupId) -> StoreResult<Option<Group>> {
                Ok(self.fetch_groups(club, Some(id)).await?.into_iter().next())
            }

            /// Adds a group to the club, inside `tx`; returns its id. `Duplicate` when the club
            /// has a group of that name, case and accents aside.
            pub(super) async fn insert_group(
                tx: &mut sqlx::Transaction<'static, $db>,
                club: ClubId,
                name: &str,
                now: DateTime<Utc>,
            ) -> StoreResult<i64> {
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO athlete_groups (club_id, name, name_key, created_at) \
                     VALUES ($1, $2, $3, $4) \
                     RETURNING id",
                )
                .bind(club.0)
                .bind(name)
                .bind(domain::catalogue::search::fold(name))
                .bind(now)
                .fetch_one(&mut **tx)
                .await
                .map_err(db_error)?;
                Ok(id)
            }
        }

        #[async_trait]
        impl GroupStore for SqlStore<$db> {
            async fn groups(&self, club: ClubId) -> StoreResult<Vec<Group>> {
                self.fetch_groups(club, None).await
            }

            async fn create_group(&self, club: ClubId, name: &str, now: DateTime<Utc>) -> StoreResult<Group> {
                let mut tx = self.write().await?;
                let id = Self::insert_group(&mut tx, club, name, now).await?;
                Self::commit_and_read(tx, || self.fetch_group(club, GroupId(id))).await
            }

            async fn rename_group(
                &self,
                Versioned { club, id, version }: Versioned<GroupId>,
                name: &str,
            ) -> StoreResult<Group> {
                let statement = sqlx::query(
                    "UPDATE athlete_groups SET name = $3, name_key = $4, version = version + 1 \
                     WHERE club_id = $1 AND id = $2 AND version = $5",
                )
                .bind(club.0)
                .bind(id.0)
                .bind(name)
                .bind(domain::catalogue::search::fold(name))
                .bind(version);
                self.update_versioned(statement, || self.fetch_group(club, id))
                    .await
            }

            async fn set_group_archived(&self, edit: Edit<GroupId, bool>) -> StoreResult<Group> {
                let statement = sqlx::query(
                    "UPDATE athlete_groups SET archived_at = $3, version = version + 1 \
                     WHERE club_id = $1 AND id = $2 AND version = $4",
                )
                .bind(edit.club.0)
                .bind(edit.id.0)
                .bind(edit.value.then_some(edit.now))
                .bind(edit.version);
                self.update_versioned(statement, || self.fetch_group(edit.club, edit.id))
                    .await
            }

            async fn set_in_group(&self, club: ClubId, change: GroupChange) -> StoreResult<()> {
                let mut tx = self.write().await?;
                Self::check_found(
                    &mut tx,
                    "SELECT g.id FROM athlete_groups g, athletes a \
                     WHERE g.club_id = $1 AND g.id = $2 AND a.club_id = $1 AND a.id = $3",
                    &[club.0, change.group.0, change.athlete.0],
                )
                .await?;
                let sql = if change.member {
                    "INSERT INTO group_athletes (group_id, athlete_id) VALUES ($1, $2) \
                     ON CONFLICT DO NOTHING"
                } else {
                    "DELETE FROM group_athletes WHERE group_id = $1 AND athlete_id = $2"
                };
                let statement = sqlx::query(sql).bind(change.group.0).bind(change.athlete.0);
                Self::execute(&mut tx, statement).await?;
                Self::commit(tx, ()).await
            }
        }
    };
}
for_both_databases!(groups_sql);
