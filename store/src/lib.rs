//! Storage adapters for DropIt's [`domain::ports::Store`] port.
//!
//! [`SqliteStore`] (the embedded default: one file) and [`PgStore`] implement the same port.
//! Their SQL is written once in [`sql`], one module per aggregate, wherever the two dialects
//! agree (sqlx accepts `$1` placeholders on both); each has its own migrations under
//! `migrations/<database>/`, embedded in the binary and applied at start.

mod sql;

use chrono::{DateTime, Utc};
use domain::ports::Store;
use sqlx::Connection;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

pub use sql::{PgStore, SqlStore, SqliteStore};

/// Which database a `DATABASE_URL` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }
}

/// Whether opening a SQLite database may create its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Creation {
    /// Create the file when it is missing: `dropit migrate`, a first installation, tests.
    Allowed,
    /// A missing file is an error. Serving an empty database in place of one that was
    /// deleted, or whose volume is not mounted, would look as if every club had vanished, and
    /// the next writes would bury the real one.
    Never,
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("DATABASE_URL must start with sqlite: or postgres:// (got {0:?})")]
    UnknownScheme(String),
    #[error(
        "the SQLite file {0} does not exist. On a first installation, run `dropit migrate` to \
         create it; otherwise restore it from a backup, or mount the volume that holds it"
    )]
    Missing(String),
    #[error("cannot create the folder for the SQLite file {path}: {source}")]
    Folder { path: String, source: std::io::Error },
    #[error("cannot open the database: {0}")]
    Open(#[from] sqlx::Error),
    #[error("cannot migrate the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// An open connection pool to one of the supported databases.
#[derive(Clone, Debug)]
pub enum Database {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl Database {
    /// Opens the database a URL names. A missing SQLite file (and its folder) is created as
    /// `creation` allows.
    ///
    /// Every pooled connection is checked when it goes back to the pool: one left inside a
    /// transaction (a failed COMMIT, see [`sql`]) is closed instead of being reused, so
    /// the pool recovers from a full disk or an I/O error without a restart.
    pub async fn connect(url: &str, creation: Creation) -> Result<Database, ConnectError> {
        match Backend::of_url(url) {
            Some(Backend::Sqlite) => {
                let options = SqliteConnectOptions::from_str(url)?
                    .journal_mode(SqliteJournalMode::Wal)
                    // A commit is on disk before it is acknowledged.
                    .synchronous(SqliteSynchronous::Full)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(5));
                let path = options.get_filename().to_path_buf();
                let in_memory = path.as_os_str().is_empty() || path.as_os_str() == ":memory:";
                if !in_memory && !path.exists() {
                    if creation == Creation::Never {
                        return Err(ConnectError::Missing(path.display().to_string()));
                    }
                    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                        std::fs::create_dir_all(folder).map_err(|source| ConnectError::Folder {
                            path: path.display().to_string(),
                            source,
                        })?;
                    }
                }
                let pool = SqlitePoolOptions::new()
                    .max_connections(8)
                    .after_release(|conn, _| {
                        Box::pin(async move {
                            // Lets a queued ROLLBACK run before the state is read.
                            conn.ping().await?;
                            Ok(!conn.is_in_transaction())
                        })
                    })
                    .connect_with(options.create_if_missing(true))
                    .await?;
                Ok(Database::Sqlite(pool))
            }
            Some(Backend::Postgres) => {
                let options = PgConnectOptions::from_str(url)?;
                let pool = PgPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(5))
                    .after_release(|conn, _| Box::pin(async move { Ok(!conn.is_in_transaction()) }))
                    .connect_with(options)
                    .await?;
                Ok(Database::Postgres(pool))
            }
            None => Err(ConnectError::UnknownScheme(redact(url))),
        }
    }

    /// Whether the database can take writes now: its file is still in place (SQLite) and a
    /// write commits. `/readyz` answers with it.
    pub async fn check_writable(&self, now: DateTime<Utc>) -> Result<(), NotReady> {
        if let Database::Sqlite(pool) = self {
            let path = pool.connect_options().get_filename().to_path_buf();
            if !path.as_os_str().is_empty() && path.as_os_str() != ":memory:" && !path.exists() {
                return Err(NotReady::FileMissing(path.display().to_string()));
            }
        }
        let probe = "UPDATE readiness SET checked_at = $1 WHERE id = 1";
        match self {
            Database::Sqlite(pool) => {
                let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
                sqlx::query(probe).bind(now).execute(&mut *tx).await?;
                tx.commit().await?;
            }
            Database::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                sqlx::query(probe).bind(now).execute(&mut *tx).await?;
                tx.commit().await?;
            }
        }
        Ok(())
    }

    /// Applies the pending migrations of this database's dialect.
    pub async fn migrate(&self) -> Result<(), ConnectError> {
        match self {
            Database::Sqlite(pool) => sqlx::migrate!("../migrations/sqlite").run(pool).await?,
            Database::Postgres(pool) => sqlx::migrate!("../migrations/postgres").run(pool).await?,
        }
        Ok(())
    }

    /// The domain's storage port over this database.
    pub fn store(&self) -> Arc<dyn Store> {
        match self {
            Database::Sqlite(pool) => Arc::new(SqliteStore::new(pool.clone())),
            Database::Postgres(pool) => Arc::new(PgStore::new(pool.clone())),
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Database::Sqlite(_) => Backend::Sqlite,
            Database::Postgres(_) => Backend::Postgres,
        }
    }

    pub async fn close(&self) {
        match self {
            Database::Sqlite(pool) => pool.close().await,
            Database::Postgres(pool) => pool.close().await,
        }
    }
}

/// Why the database cannot take writes.
#[derive(Debug, thiserror::Error)]
pub enum NotReady {
    #[error("the SQLite file {0} is gone")]
    FileMissing(String),
    #[error("a write failed: {0}")]
    Write(#[from] sqlx::Error),
}

/// A URL safe to print: the password, if any, is masked.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}://{user}:***@{}", &url[..scheme_end], &url[at + 1..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_pick_their_backend() {
        for (url, backend) in [
            ("sqlite://data/dropit.db", Some(Backend::Sqlite)),
            ("sqlite:data/dropit.db", Some(Backend::Sqlite)),
            ("postgres://u@h/db", Some(Backend::Postgres)),
            ("postgresql://u@h/db", Some(Backend::Postgres)),
            ("mysql://u@h/db", None),
        ] {
            assert_eq!(Backend::of_url(url), backend, "{url}");
        }
    }

    #[test]
    fn passwords_never_print() {
        for (url, printed) in [
            (
                "postgres://dropit:s3cret@db:5432/dropit",
                "postgres://dropit:***@db:5432/dropit",
            ),
            (
                "postgres://postgres@127.0.0.1/x",
                "postgres://postgres@127.0.0.1/x",
            ),
            ("sqlite://data/dropit.db", "sqlite://data/dropit.db"),
        ] {
            assert_eq!(redact(url), printed);
        }
    }
}
