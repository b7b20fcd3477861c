//! The SQL behind the port, written once for both databases.
//!
//! [`SqlStore`] holds a pool of either database; each module below implements one port (or one
//! part of a port) for it. Both dialects accept this SQL as written (`$n` placeholders,
//! `RETURNING`, scalar sub-queries); where they must differ, the difference is a constant of
//! [`Dialect`].
//!
//! The SQL of each module sits in a `macro_rules!` that takes the sqlx database type: sqlx's
//! generic bounds (an `Encode` and a `Type` bound for every bound value, `Option`s apart, a
//! `Decode` for every column, the executor and argument bounds) would otherwise have to be
//! restated on every impl block, since Rust implies none of them. Each module expands its macro
//! for both databases with `for_both_databases!`, so the SQL resolves its names in its own
//! module, beside its row types and their conversions.
//!
//! `athletes.rs` and `catalogue.rs` implement the two largest ports and hand the methods of
//! their other parts (maxes, groups, exercises, complexes…) over to those parts' modules, under
//! another name: an inherent method of the port method's own name would read as a recursive
//! call. `create_…` is `insert_…` there, `update_…` is `edit_…`, `set_…_archived` is
//! `mark_…_archived`, `delete_…` is `remove_…`.
//!
//! The shapes the modules share are written once, in `store_sql!` below: the record or the
//! records a query finds by ids (`fetch_row`, `fetch_rows`, `fetch_rows_with`;
//! `fetch_with_parts` with the ids of their parts), one statement inside a write (`execute`,
//! `fetch_in`), a write of one statement (`run`; `run_found` when it must touch a row), and the
//! writes guarded by the version the person saw (`run_versioned`, `update_versioned`,
//! `delete_versioned`, and `finish_versioned` for a statement that answers the changed row). When a guarded write touches no row, it is rolled
//! back and the record read again, to tell `NotFound` from `Conflict`.
//!
//! **Every write runs in an explicit transaction** (`write`, then `commit`), never as an
//! autocommit statement on the pool. On SQLite, an autocommit `INSERT … RETURNING` read with
//! `fetch_one` commits when sqlx resets the statement after the first row, and sqlx 0.8 drops
//! that reset's error: with a full disk the caller got the new row's id while the row was rolled
//! back. An explicit COMMIT reports its failure. A connection whose COMMIT failed may be left
//! inside a transaction in sqlx's eyes; the pool closes such connections when they are released
//! (see `Database::connect`), so the next writes do not find the database locked.

/// Expands an aggregate's SQL macro (`$sql!($db)`) for SQLite and for PostgreSQL. Defined before
/// the modules, it is in scope in each of them.
macro_rules! for_both_databases {
    ($sql:ident) => {
        $sql!(sqlx::Sqlite);
        $sql!(sqlx::Postgres);
    };
}

mod accounts;
mod athlete_import;
mod athletes;
mod catalogue;
mod catalogue_plan;
mod clubs;
mod competition;
mod complexes;
mod exercises;
mod groups;
mod invitations;
mod maxes;
mod planning;
mod settings;
mod throttle;
mod workouts;

use async_trait::async_trait;
use domain::ports::{Edit, Store, StoreResult};
use domain::{ClubId, StoreError};
use sqlx::{Database, Pool, Postgres, Sqlite, Transaction};
use std::collections::HashMap;
use std::future::Future;

/// A statement with its values bound.
type Statement<'q, DB> = sqlx::query::Query<'q, DB, <DB as Database>::Arguments<'q>>;
/// A statement with its values bound that answers rows of `R`.
type RowStatement<'q, DB, R> = sqlx::query::QueryAs<'q, DB, R, <DB as Database>::Arguments<'q>>;

/// A statement that takes values, whether it answers rows or not: what binds a record's values
/// serves both.
trait Bind<'q, DB: Database> {
    fn bind<T: 'q + sqlx::Encode<'q, DB> + sqlx::Type<DB>>(self, value: T) -> Self;
}

impl<'q, DB: Database> Bind<'q, DB> for Statement<'q, DB> {
    fn bind<T: 'q + sqlx::Encode<'q, DB> + sqlx::Type<DB>>(self, value: T) -> Self {
        Statement::bind(self, value)
    }
}

impl<'q, DB: Database, R> Bind<'q, DB> for RowStatement<'q, DB, R> {
    fn bind<T: 'q + sqlx::Encode<'q, DB> + sqlx::Type<DB>>(self, value: T) -> Self {
        RowStatement::bind(self, value)
    }
}

/// The store on one database's connection pool.
#[derive(Debug)]
pub struct SqlStore<DB: Database> {
    pool: Pool<DB>,
}

/// The store on an embedded SQLite file. Writes take the database's write lock when they
/// begin (`BEGIN IMMEDIATE`), so one that reads before it writes never fails on a lock
/// upgrade; they wait for each other within the busy timeout instead.
pub type SqliteStore = SqlStore<Sqlite>;

/// The store on a PostgreSQL server.
pub type PgStore = SqlStore<Postgres>;

/// What differs between the two databases.
trait Dialect: Database {
    /// The statement that begins a write.
    const BEGIN: &'static str;
    /// What a write's read of a row appends to lock that row until the commit.
    const LOCK: &'static str;
}

impl Dialect for Sqlite {
    const BEGIN: &'static str = "BEGIN IMMEDIATE";
    // The whole database is locked from `BEGIN IMMEDIATE` on: rows need no lock of their own.
    const LOCK: &'static str = "";
}

impl Dialect for Postgres {
    const BEGIN: &'static str = "BEGIN";
    const LOCK: &'static str = " FOR UPDATE";
}

impl<DB: Database> SqlStore<DB> {
    pub fn new(pool: Pool<DB>) -> Self {
        Self { pool }
    }

    /// Starts a write. Every write runs in an explicit transaction and is acknowledged only
    /// once its COMMIT succeeded (see the module's documentation).
    async fn write(&self) -> StoreResult<Transaction<'static, DB>>
    where
        DB: Dialect,
    {
        self.pool.begin_with(DB::BEGIN).await.map_err(db_error)
    }

    /// Commits `tx`, then answers `value`.
    async fn commit<T>(tx: Transaction<'static, DB>, value: T) -> StoreResult<T> {
        tx.commit().await.map_err(db_error)?;
        Ok(value)
    }

    /// Ends a write guarded by the version the person saw. `written` is what the write
    /// answered, `None` when it touched no row: the record is then gone (`NotFound`) or was
    /// changed meanwhile (`Conflict`), as `read` tells once the transaction is rolled back.
    /// Otherwise the write is committed and `written` answered.
    async fn commit_versioned<T, F>(
        tx: Transaction<'static, DB>,
        written: Option<T>,
        read: impl FnOnce() -> F,
    ) -> StoreResult<T>
    where
        F: Future<Output = StoreResult<Option<T>>>,
    {
        match written {
            Some(value) => Self::commit(tx, value).await,
            None => {
                drop(tx);
                Err(missing_or_conflict(read().await))
            }
        }
    }

    /// Commits `tx`, then reads the written record again with `read`.
    async fn commit_and_read<T, F>(tx: Transaction<'static, DB>, read: impl FnOnce() -> F) -> StoreResult<T>
    where
        F: Future<Output = StoreResult<Option<T>>>,
    {
        tx.commit().await.map_err(db_error)?;
        read().await?.ok_or(StoreError::NotFound)
    }
}

// Not derived: the derive would ask `DB: Clone` of the database types, which are not.
impl<DB: Database> Clone for SqlStore<DB> {
    fn clone(&self) -> Self {
        Self {
            pool: self.pool.clone(),
        }
    }
}

/// What the modules share: the whole port (its `ping` is the readiness probe's), the reads of
/// rows by their keys and the one-statement writes.
macro_rules! store_sql {
    ($db:ty) => {
        #[async_trait]
        impl Store for SqlStore<$db> {
            async fn ping(&self) -> StoreResult<()> {
                sqlx::query("SELECT 1")
                    .execute(&self.pool)
                    .await
                    .map_err(db_error)?;
                Ok(())
            }
        }

        impl SqlStore<$db> {
            /// The record `sql` finds, if any; `keys` are its `$1`, `$2`…
            async fn fetch_row<R, T>(&self, sql: &str, keys: &[i64]) -> StoreResult<Option<T>>
            where
                R: for<'r> sqlx::FromRow<'r, <$db as Database>::Row> + Send + Unpin,
                T: TryFrom<R, Error = StoreError>,
            {
                bind_keys(sqlx::query_as::<_, R>(sql), keys)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db_error)?
                    .map(T::try_from)
                    .transpose()
            }

            /// The records `sql` finds, in its order; `keys` are its `$1`, `$2`…
            async fn fetch_rows<R, T>(&self, sql: &str, keys: &[i64]) -> StoreResult<Vec<T>>
            where
                R: for<'r> sqlx::FromRow<'r, <$db as Database>::Row> + Send + Unpin,
                T: TryFrom<R, Error = StoreError>,
            {
                self.fetch_rows_with(sql, keys, T::try_from).await
            }

            /// The rows `sql` finds, in its order, each read by `read`; `keys` are its `$1`,
            /// `$2`…
            async fn fetch_rows_with<R, T>(
                &self,
                sql: &str,
                keys: &[i64],
                read: impl FnMut(R) -> StoreResult<T>,
            ) -> StoreResult<Vec<T>>
            where
                R: for<'r> sqlx::FromRow<'r, <$db as Database>::Row> + Send + Unpin,
            {
                bind_keys(sqlx::query_as::<_, R>(sql), keys)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_error)?
                    .into_iter()
                    .map(read)
                    .collect()
            }

            /// The club's (`$1`) records `sql` finds, in its order, each with the ids of its
            /// parts, which `parts` finds as `(record id, part id)` pairs in their order; only
            /// the record `only` when it is set: both queries keep the rows where
            /// `$2 IS NULL OR … = $2`. `id` tells a record's id.
            async fn fetch_with_parts<R>(
                &self,
                sql: &str,
                parts: &str,
                club: ClubId,
                only: Option<i64>,
                id: impl Fn(&R) -> i64,
            ) -> StoreResult<Vec<(R, Vec<i64>)>>
            where
                R: for<'r> sqlx::FromRow<'r, <$db as Database>::Row> + Send + Unpin,
            {
                let records = sqlx::query_as::<_, R>(sql)
                    .bind(club.0)
                    .bind(only)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_error)?;
                let pairs: Vec<(i64, i64)> = sqlx::query_as(parts)
                    .bind(club.0)
                    .bind(only)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_error)?;
                let mut by_record: HashMap<i64, Vec<i64>> = HashMap::new();
                for (record, part) in pairs {
                    by_record.entry(record).or_default().push(part);
                }
                Ok(records
                    .into_iter()
                    .map(|record| {
                        let parts = by_record.remove(&id(&record)).unwrap_or_default();
                        (record, parts)
                    })
                    .collect())
            }

            /// `NotFound` unless `sql` finds a row, inside `tx`; `keys` are its `$1`, `$2`…
            async fn check_found(
                tx: &mut Transaction<'static, $db>,
                sql: &str,
                keys: &[i64],
            ) -> StoreResult<()> {
                bind_keys(sqlx::query(sql), keys)
                    .fetch_optional(&mut **tx)
                    .await
                    .map_err(db_error)?
                    .map(|_| ())
                    .ok_or(StoreError::NotFound)
            }

            /// Runs `statement` inside the write `tx`; answers how many rows it touched.
            async fn execute(
                tx: &mut Transaction<'static, $db>,
                statement: Statement<'_, $db>,
            ) -> StoreResult<u64> {
                let done = statement.execute(&mut **tx).await.map_err(db_error)?;
                Ok(done.rows_affected())
            }

            /// The record `statement` answers inside the write `tx`, if any.
            async fn fetch_in<R, T>(
                tx: &mut Transaction<'static, $db>,
                statement: RowStatement<'_, $db, R>,
            ) -> StoreResult<Option<T>>
            where
                R: for<'r> sqlx::FromRow<'r, <$db as Database>::Row> + Send + Unpin,
                T: TryFrom<R, Error = StoreError>,
            {
                statement
                    .fetch_optional(&mut **tx)
                    .await
                    .map_err(db_error)?
                    .map(T::try_from)
                    .transpose()
            }

            /// Runs `statement` in a write of its own; answers how many rows it touched.
            async fn run(&self, statement: Statement<'_, $db>) -> StoreResult<u64> {
                let mut tx = self.write().await?;
                let touched = Self::execute(&mut tx, statement).await?;
                Self::commit(tx, touched).await
            }

            /// Runs `statement` in a write of its own. When it touched no row, the write is
            /// rolled back and `why` tells the error.
            async fn run_guarded<F>(
                &self,
                statement: Statement<'_, $db>,
                why: impl FnOnce() -> F,
            ) -> StoreResult<()>
            where
                F: Future<Output = StoreError>,
            {
                let mut tx = self.write().await?;
                if Self::execute(&mut tx, statement).await? == 0 {
                    drop(tx);
                    return Err(why().await);
                }
                Self::commit(tx, ()).await
            }

            /// Runs `statement` in a write of its own; `NotFound` when it touched no row.
            async fn run_found(&self, statement: Statement<'_, $db>) -> StoreResult<()> {
                self.run_guarded(statement, || async { StoreError::NotFound })
                    .await
            }

            /// Runs `statement`, guarded by the version the person saw, in a write of its own.
            /// When it touched no row, `read` tells whether the record is gone or was changed
            /// meanwhile (see `commit_versioned`).
            async fn run_versioned<R, F>(
                &self,
                statement: Statement<'_, $db>,
                read: impl FnOnce() -> F,
            ) -> StoreResult<()>
            where
                F: Future<Output = StoreResult<Option<R>>>,
            {
                self.run_guarded(statement, || async { missing_or_conflict(read().await) })
                    .await
            }

            /// Runs `statement` like `run_versioned`, then reads the changed record again.
            async fn update_versioned<T, F>(
                &self,
                statement: Statement<'_, $db>,
                read: impl Fn() -> F,
            ) -> StoreResult<T>
            where
                F: Future<Output = StoreResult<Option<T>>>,
            {
                self.run_versioned(statement, &read).await?;
                read().await?.ok_or(StoreError::NotFound)
            }

            /// Deletes the club's (`$1`) record `id` (`$2`) of `table`, in a write of its own, if
            /// it is still at the version the person saw (`$3`) and `guard` (a condition, if any)
            /// holds. When nothing was deleted, `read` tells whether the record is gone
            /// or was changed meanwhile (see `commit_versioned`). `table` and `guard` are
            /// constants of the code, never data: they are written into the SQL.
            async fn delete_versioned<R, F>(
                &self,
                table: &'static str,
                guard: Option<&'static str>,
                club: ClubId,
                id: i64,
                expected_version: i64,
                read: impl FnOnce() -> F,
            ) -> StoreResult<()>
            where
                F: Future<Output = StoreResult<Option<R>>>,
            {
                let sql = match guard {
                    Some(guard) => {
                        format!(
                            "DELETE FROM {table} WHERE club_id = $1 AND id = $2 AND version = $3 AND {guard}"
                        )
                    }
                    None => format!("DELETE FROM {table} WHERE club_id = $1 AND id = $2 AND version = $3"),
                };
                let statement = sqlx::query(&sql)
                    .bind(club.0)
                    .bind(id)
                    .bind(expected_version);
                self.run_versioned(statement, read).await
            }

            /// Ends the write `tx` with `statement`, a change guarded by the version the person
            /// saw that answers the changed row: see `commit_versioned`.
            async fn finish_versioned<R, T, F>(
                mut tx: Transaction<'static, $db>,
                statement: RowStatement<'_, $db, R>,
                read: impl FnOnce() -> F,
            ) -> StoreResult<T>
            where
                R: for<'r> sqlx::FromRow<'r, <$db as Database>::Row> + Send + Unpin,
                T: TryFrom<R, Error = StoreError>,
                F: Future<Output = StoreResult<Option<T>>>,
            {
                let written = Self::fetch_in(&mut tx, statement).await?;
                Self::commit_versioned(tx, written, read).await
            }

            /// Binds the values of [`set_archived_sql`]'s statement.
            fn bind_archived<'q, Q: Bind<'q, $db>, I: Into<i64>>(statement: Q, edit: Edit<I, bool>) -> Q {
                statement
                    .bind(edit.club.0)
                    .bind(edit.id.into())
                    .bind(edit.value.then_some(edit.now))
                    .bind(edit.now)
                    .bind(edit.version)
            }
        }
    };
}
for_both_databases!(store_sql);

/// The domain's reading of a database error.
fn db_error(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => StoreError::Duplicate,
        sqlx::Error::RowNotFound => StoreError::NotFound,
        _ => {
            tracing::error!(error = %e, "database error");
            StoreError::Backend(e.to_string())
        }
    }
}

/// After a guarded write touched no row, what the record's state says: gone (not found) or
/// changed since the version the caller read (conflict).
fn missing_or_conflict<T>(found: StoreResult<Option<T>>) -> StoreError {
    match found {
        Ok(None) => StoreError::NotFound,
        Ok(Some(_)) => StoreError::Conflict,
        Err(e) => e,
    }
}

/// After a guarded delete of a used record touched no row, what the record's state says: gone
/// (not found), changed since the version the caller read (conflict), or still there at that
/// version, so in use. `version` reads a record's version.
fn missing_conflict_or_in_use<T>(
    found: StoreResult<Option<T>>,
    expected: i64,
    version: impl Fn(&T) -> i64,
) -> StoreError {
    match found {
        Err(e) => e,
        Ok(None) => StoreError::NotFound,
        Ok(Some(record)) if version(&record) != expected => StoreError::Conflict,
        Ok(Some(_)) => StoreError::InUse,
    }
}

/// Binds `keys` to a statement's `$1`, `$2`…
fn bind_keys<'q, DB: Database, Q: Bind<'q, DB>>(statement: Q, keys: &[i64]) -> Q
where
    i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    keys.iter().fold(statement, |statement, key| statement.bind(*key))
}

/// The statement that archives (`$3` the time) or restores (`$3` NULL) the club's (`$1`) record
/// `$2` of `table` at `$4`, if it is still at the version the person saw (`$5`); it answers the
/// `returning` columns, if any. [`SqlStore::bind_archived`] binds its values. `table` and
/// `returning` are constants of the code, never data: they are written into the SQL.
fn set_archived_sql(table: &'static str, returning: Option<&'static str>) -> String {
    let update = format!(
        "UPDATE {table} SET archived_at = $3, updated_at = $4, version = version + 1 \
         WHERE club_id = $1 AND id = $2 AND version = $5"
    );
    match returning {
        Some(columns) => format!("{update} RETURNING {columns}"),
        None => update,
    }
}

/// Converts read rows into the domain's records.
fn rows_into<R, T: TryFrom<R, Error = StoreError>>(rows: Vec<R>) -> StoreResult<Vec<T>> {
    rows.into_iter().map(T::try_from).collect()
}

/// Reads a stored name, which `as_str` wrote; anything else is a damaged row.
fn stored<T>(text: &str, what: &str, parse: impl Fn(&str) -> Option<T>) -> StoreResult<T> {
    parse(text).ok_or_else(|| StoreError::Backend(format!("unknown {what} {text:?}")))
}
