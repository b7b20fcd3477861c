//! The planning calendar's sessions (`PlanningStore`): each a row with its content and
//! overrides as JSON documents, whom it is for (`session_athletes`, `session_groups`, in the
//! order given) and what it names (`session_exercises`, `session_complexes`), so that a used
//! exercise or complex cannot be deleted; and the periods athletes spent in groups, which the
//! triggers of migration 0008 keep.

use super::{SqlStore, db_error, missing_or_conflict};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use domain::membership::Member;
use domain::planning::groups::Membership;
use domain::planning::{Assignees, Override, Session, SessionDraft, SessionId, Template, TimeOfDay};
use domain::ports::{ClubStore, Edit, PlanningStore, StoreResult, Versioned};
use domain::workout::{WorkoutCategoryId, WorkoutContent, WorkoutId};
use domain::{AthleteId, ClubId, GroupId, MemberId, StoreError};
use std::collections::HashMap;

const SESSION_COLUMNS: &str = "s.id, s.date, s.minute, s.title, s.category_id, s.content, s.overrides, \
     s.workout_id, s.workout_version, s.version, s.updated_at";
/// The order of the calendar: by day, then time (sessions without one first), then id.
const SESSION_ORDER: &str = "s.date, COALESCE(s.minute, -1), s.id";

#[derive(sqlx::FromRow)]
struct SessionRow {
    id: i64,
    date: NaiveDate,
    minute: Option<i32>,
    title: String,
    category_id: Option<i64>,
    content: String,
    overrides: String,
    workout_id: Option<i64>,
    workout_version: Option<i64>,
    version: i64,
    updated_at: DateTime<Utc>,
}

impl SessionRow {
    fn into_session(self, assignees: Assignees) -> StoreResult<Session> {
        let unreadable = |what: &str, e: serde_json::Error| {
            StoreError::Backend(format!("session {}: unreadable {what}: {e}", self.id))
        };
        let content: WorkoutContent =
            serde_json::from_str(&self.content).map_err(|e| unreadable("content", e))?;
        let overrides: Vec<Override> =
            serde_json::from_str(&self.overrides).map_err(|e| unreadable("overrides", e))?;
        let time = match self.minute {
            None => None,
            Some(m) => Some(
                u16::try_from(m)
                    .ok()
                    .and_then(TimeOfDay::from_minutes)
                    .ok_or_else(|| StoreError::Backend(format!("session {}: time {m}", self.id)))?,
            ),
        };
        let template = match (self.workout_id, self.workout_version) {
            (Some(workout), Some(version)) => Some(Template {
                workout: WorkoutId(workout),
                version,
            }),
            _ => None,
        };
        Ok(Session {
            id: SessionId(self.id),
            date: self.date,
            time,
            title: self.title,
            category: self.category_id.map(WorkoutCategoryId),
            content,
            template,
            assignees,
            overrides,
            version: self.version,
            updated_at: self.updated_at,
        })
    }
}

/// A draft's JSON documents: its content and its overrides.
fn documents(draft: &SessionDraft) -> StoreResult<(String, String)> {
    let json = |e: serde_json::Error| StoreError::Backend(e.to_string());
    Ok((
        serde_json::to_string(&draft.content).map_err(json)?,
        serde_json::to_string(&draft.overrides).map_err(json)?,
    ))
}

fn minute(time: Option<TimeOfDay>) -> Option<i32> {
    time.map(|t| i32::from(t.minutes()))
}

/// Which sessions a read takes: a club's days, or one session.
#[derive(Clone, Copy)]
enum Which {
    Days(NaiveDate, NaiveDate),
    One(SessionId),
}

impl Which {
    /// The condition on `s` (the sessions), after the club's `$1`: `$2` and `$3`, or `$2`.
    fn condition(self) -> &'static str {
        match self {
            Which::Days(..) => "s.club_id = $1 AND s.date >= $2 AND s.date < $3",
            Which::One(_) => "s.club_id = $1 AND s.id = $2",
        }
    }
}

macro_rules! planning_sql {
    ($db:ty) => {
        impl SqlStore<$db> {
            /// Binds the club and what `which` takes to a read of sessions.
            fn bind_which<'q, R>(
                statement: super::RowStatement<'q, $db, R>,
                club: ClubId,
                which: Which,
            ) -> super::RowStatement<'q, $db, R> {
                let statement = statement.bind(club.0);
                match which {
                    Which::Days(from, until) => statement.bind(from).bind(until),
                    Which::One(id) => statement.bind(id.0),
                }
            }

            /// Whom the sessions `which` takes name in `table` (`column`: an athlete's or a
            /// group's id), in their order, by session.
            async fn fetch_named(
                &self,
                (table, column): (&str, &str),
                club: ClubId,
                which: Which,
            ) -> StoreResult<HashMap<i64, Vec<i64>>> {
                let sql = format!(
                    "SELECT p.session_id, p.{column} FROM {table} p \
                     JOIN planned_sessions s ON s.id = p.session_id WHERE {} ORDER BY p.position",
                    which.condition()
                );
                let mut named: HashMap<i64, Vec<i64>> = HashMap::new();
                for (session, id) in Self::bind_which(sqlx::query_as::<_, (i64, i64)>(&sql), club, which)
                    .fetch_all(&self.pool).await.map_err(db_error)? {
                    named.entry(session).or_default().push(id);
                }
                Ok(named)
            }

            /// The sessions `which` takes, in the calendar's order, with whom each is for.
            async fn fetch_sessions(&self, club: ClubId, which: Which) -> StoreResult<Vec<Session>> {
                let condition = which.condition();
                let mut athletes = self.fetch_named(("session_athletes", "athlete_id"), club, which).await?;
                let mut groups = self.fetch_named(("session_groups", "group_id"), club, which).await?;
                let sql = format!(
                    "SELECT {SESSION_COLUMNS} FROM planned_sessions s WHERE {condition} ORDER BY {SESSION_ORDER}"
                );
                Self::bind_which(sqlx::query_as::<_, SessionRow>(&sql), club, which)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_error)?
                    .into_iter()
                    .map(|row| {
                        let assignees = Assignees {
                            athletes: athletes.remove(&row.id).unwrap_or_default().into_iter().map(AthleteId).collect(),
                            groups: groups.remove(&row.id).unwrap_or_default().into_iter().map(GroupId).collect(),
                        };
                        row.into_session(assignees)
                    })
                    .collect()
            }

            /// Records whom the session `id` is for and what it names, inside `tx`, in place of
            /// what it had; `NotFound` when one of them is not the club's.
            async fn write_session_parts(
                tx: &mut sqlx::Transaction<'static, $db>,
                club: ClubId,
                id: i64,
                draft: &SessionDraft,
            ) -> StoreResult<()> {
                for table in ["session_athletes", "session_groups", "session_exercises", "session_complexes"] {
                    let sql = format!("DELETE FROM {table} WHERE session_id = $1");
                    Self::execute(tx, sqlx::query(&sql).bind(id)).await?;
                }
                let athletes = draft.assignees.athletes.iter().map(|a| a.0);
                let groups = draft.assignees.groups.iter().map(|g| g.0);
                let ordered = athletes
                    .enumerate()
                    .map(|(i, a)| ("session_athletes", "athlete_id", "athletes", i, a))
                    .chain(groups.enumerate().map(|(i, g)| ("session_groups", "group_id", "athlete_groups", i, g)));
                for (table, column, of, position, named) in ordered {
                    let sql = format!(
                        "INSERT INTO {table} (session_id, {column}, position) \
                         SELECT $1, id, $4 FROM {of} WHERE club_id = $2 AND id = $3"
                    );
                    let position = i64::try_from(position).map_err(|e| StoreError::Backend(e.to_string()))?;
                    let statement = sqlx::query(&sql).bind(id).bind(club.0).bind(named).bind(position);
                    if Self::execute(tx, statement).await? != 1 {
                        return Err(StoreError::NotFound);
                    }
                }
                let exercises = draft.exercises().into_iter().map(i64::from);
                let complexes = draft.content.complexes().into_iter().map(|c| c.0);
                let uses = exercises
                    .map(|e| ("session_exercises", "exercise_id", "exercises", e))
                    .chain(complexes.map(|c| ("session_complexes", "complex_id", "complexes", c)));
                for (table, column, of, used) in uses {
                    let sql = format!(
                        "INSERT INTO {table} (session_id, {column}) \
                         SELECT $1, id FROM {of} WHERE club_id = $2 AND id = $3"
                    );
                    let statement = sqlx::query(&sql).bind(id).bind(club.0).bind(used);
                    if Self::execute(tx, statement).await? != 1 {
                        return Err(StoreError::NotFound);
                    }
                }
                Ok(())
            }

            /// Adds one session inside `tx`; answers its id. `NotFound` when its category,
            /// template or anything it names is not the club's.
            async fn insert_session(
                tx: &mut sqlx::Transaction<'static, $db>,
                club: ClubId,
                draft: &SessionDraft,
                now: DateTime<Utc>,
            ) -> StoreResult<i64> {
                let (content, overrides) = documents(draft)?;
                let (id, category, workout): (i64, Option<i64>, Option<i64>) = sqlx::query_as(
                    "INSERT INTO planned_sessions (club_id, date, minute, title, category_id, content, \
                     overrides, workout_id, workout_version, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, \
                     (SELECT id FROM workout_categories WHERE club_id = $1 AND id = $5), $6, $7, \
                     (SELECT id FROM workouts WHERE club_id = $1 AND id = $8), $9, $10, $10) \
                     RETURNING id, category_id, workout_id",
                )
                .bind(club.0)
                .bind(draft.date)
                .bind(minute(draft.time))
                .bind(&draft.title)
                .bind(draft.category.map(|c| c.0))
                .bind(&content)
                .bind(&overrides)
                .bind(draft.template.map(|t| t.workout.0))
                .bind(draft.template.map(|t| t.version))
                .bind(now)
                .fetch_one(&mut **tx)
                .await
                .map_err(db_error)?;
                if category.map(WorkoutCategoryId) != draft.category
                    || workout.map(WorkoutId) != draft.template.map(|t| t.workout)
                {
                    return Err(StoreError::NotFound);
                }
                Self::write_session_parts(tx, club, id, draft).await?;
                Ok(id)
            }
        }

        #[async_trait]
        impl PlanningStore for SqlStore<$db> {
            async fn sessions(
                &self,
                club: ClubId,
                from: NaiveDate,
                until: NaiveDate,
            ) -> StoreResult<Vec<Session>> {
                self.fetch_sessions(club, Which::Days(from, until)).await
            }

            async fn session(&self, club: ClubId, id: SessionId) -> StoreResult<Option<Session>> {
                Ok(self.fetch_sessions(club, Which::One(id)).await?.pop())
            }

            async fn create_sessions(
                &self,
                club: ClubId,
                drafts: &[SessionDraft],
                now: DateTime<Utc>,
            ) -> StoreResult<Vec<Session>> {
                let mut tx = self.write().await?;
                let mut ids = Vec::with_capacity(drafts.len());
                for draft in drafts {
                    ids.push(Self::insert_session(&mut tx, club, draft, now).await?);
                }
                tx.commit().await.map_err(db_error)?;
                // What was written is known: the drafts, as checked, at version 1.
                Ok(ids
                    .into_iter()
                    .zip(drafts)
                    .map(|(id, d)| Session::written(SessionId(id), d.clone(), 1, now))
                    .collect())
            }

            async fn update_session(&self, edit: Edit<SessionId, &SessionDraft>) -> StoreResult<Session> {
                let draft = edit.value;
                let (content, overrides) = documents(draft)?;
                let mut tx = self.write().await?;
                let updated: Option<(Option<i64>, Option<i64>)> = sqlx::query_as(
                    "UPDATE planned_sessions SET date = $3, minute = $4, title = $5, category_id = \
                     (SELECT id FROM workout_categories WHERE club_id = $1 AND id = $6), \
                     content = $7, overrides = $8, workout_id = \
                     (SELECT id FROM workouts WHERE club_id = $1 AND id = $9), workout_version = $10, \
                     updated_at = $11, version = version + 1 \
                     WHERE club_id = $1 AND id = $2 AND version = $12 RETURNING category_id, workout_id",
                )
                .bind(edit.club.0)
                .bind(edit.id.0)
                .bind(draft.date)
                .bind(minute(draft.time))
                .bind(&draft.title)
                .bind(draft.category.map(|c| c.0))
                .bind(&content)
                .bind(&overrides)
                .bind(draft.template.map(|t| t.workout.0))
                .bind(draft.template.map(|t| t.version))
                .bind(edit.now)
                .bind(edit.version)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_error)?;
                let Some((category, workout)) = updated else {
                    drop(tx);
                    return Err(missing_or_conflict(self.session(edit.club, edit.id).await));
                };
                if category.map(WorkoutCategoryId) != draft.category
                    || workout.map(WorkoutId) != draft.template.map(|t| t.workout)
                {
                    return Err(StoreError::NotFound);
                }
                Self::write_session_parts(&mut tx, edit.club, edit.id.0, draft).await?;
                Self::commit_and_read(tx, || self.session(edit.club, edit.id)).await
            }

            async fn move_session(
                &self,
                edit: Edit<SessionId, (NaiveDate, Option<TimeOfDay>)>,
            ) -> StoreResult<Session> {
                let (date, time) = edit.value;
                let statement = sqlx::query(
                    "UPDATE planned_sessions SET date = $3, minute = $4, updated_at = $5, version = version + 1 \
                     WHERE club_id = $1 AND id = $2 AND version = $6",
                )
                .bind(edit.club.0)
                .bind(edit.id.0)
                .bind(date)
                .bind(minute(time))
                .bind(edit.now)
                .bind(edit.version);
                self.update_versioned(statement, || self.session(edit.club, edit.id))
                    .await
            }

            async fn delete_session(
                &self,
                Versioned { club, id, version }: Versioned<SessionId>,
            ) -> StoreResult<()> {
                self.delete_versioned("planned_sessions", None, club, id.0, version, || {
                    self.session(club, id)
                })
                .await
            }

            async fn set_feed(
                &self,
                club: ClubId,
                member: MemberId,
                hash: &str,
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                let mut tx = self.write().await?;
                let delete = sqlx::query(
                    "DELETE FROM calendar_feeds WHERE member_id = \
                     (SELECT id FROM members WHERE club_id = $1 AND id = $2)",
                )
                .bind(club.0)
                .bind(member.0);
                Self::execute(&mut tx, delete).await?;
                let insert = sqlx::query(
                    "INSERT INTO calendar_feeds (member_id, token_hash, created_at) \
                     SELECT id, $3, $4 FROM members WHERE club_id = $1 AND id = $2",
                )
                .bind(club.0)
                .bind(member.0)
                .bind(hash)
                .bind(now);
                if Self::execute(&mut tx, insert).await? != 1 {
                    return Err(StoreError::NotFound);
                }
                Self::commit(tx, ()).await
            }

            async fn remove_feed(&self, club: ClubId, member: MemberId) -> StoreResult<()> {
                let statement = sqlx::query(
                    "DELETE FROM calendar_feeds WHERE member_id = \
                     (SELECT id FROM members WHERE club_id = $1 AND id = $2)",
                )
                .bind(club.0)
                .bind(member.0);
                self.run(statement).await.map(|_| ())
            }

            async fn has_feed(&self, club: ClubId, member: MemberId) -> StoreResult<bool> {
                let found: Option<(i64,)> = sqlx::query_as(
                    "SELECT f.member_id FROM calendar_feeds f JOIN members m ON m.id = f.member_id \
                     WHERE m.club_id = $1 AND m.id = $2",
                )
                .bind(club.0)
                .bind(member.0)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(found.is_some())
            }

            async fn feed_owner(&self, hash: &str) -> StoreResult<Option<Member>> {
                let found: Option<(i64, i64)> = sqlx::query_as(
                    "SELECT m.club_id, m.id FROM calendar_feeds f JOIN members m ON m.id = f.member_id \
                     WHERE f.token_hash = $1",
                )
                .bind(hash)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_error)?;
                match found {
                    Some((club, member)) => self.member(ClubId(club), MemberId(member)).await,
                    None => Ok(None),
                }
            }

            async fn group_memberships(&self, club: ClubId) -> StoreResult<Vec<Membership>> {
                let rows: Vec<(i64, i64, NaiveDate, Option<NaiveDate>)> = sqlx::query_as(
                    "SELECT m.group_id, m.athlete_id, m.since, m.until FROM group_memberships m \
                     JOIN athlete_groups g ON g.id = m.group_id WHERE g.club_id = $1 ORDER BY m.id",
                )
                .bind(club.0)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(rows
                    .into_iter()
                    .map(|(group, athlete, since, until)| Membership {
                        group: GroupId(group),
                        athlete: AthleteId(athlete),
                        since,
                        until,
                    })
                    .collect())
            }
        }
    };
}
for_both_databases!(planning_sql);
