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
mod settings;
mod throttle;

use async_trait::async_trait;
use domain::StoreError;
use domain::ports::{Store, StoreResult};
use sqlx::{Database, Pool, Postgres, Sqlite, Transaction};

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

    /// Ends a write guarded by the version the person saw. When it changed no row, the record
    /// is gone (`NotFound`) or was changed meanwhile (`Conflict`), as `read` tells once the
    /// transaction is dropped; otherwise the write is committed and the record read again.
    async fn finish_versioned<T, F>(
        tx: Transaction<'static, DB>,
        affected: u64,
        read: impl Fn() -> F,
    ) -> StoreResult<T>
    where
        F: std::future::Future<Output = StoreResult<Option<T>>>,
    {
        if affected == 0 {
            drop(tx);
            return Err(missing_or_conflict(read().await));
        }
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

/// The whole port: the modules implement its parts; `ping` is the readiness probe's.
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

/// Converts read rows into the domain's records.
fn rows_into<R, T: TryFrom<R, Error = StoreError>>(rows: Vec<R>) -> StoreResult<Vec<T>> {
    rows.into_iter().map(T::try_from).collect()
}

/// Reads a stored name, which `as_str` wrote; anything else is a damaged row.
fn stored<T>(text: &str, what: &str, parse: impl Fn(&str) -> Option<T>) -> StoreResult<T> {
    parse(text).ok_or_else(|| StoreError::Backend(format!("unknown {what} {text:?}")))
}
