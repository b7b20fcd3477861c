//! Server-side sessions in the application's database (tower-sessions), on either backend.

use async_trait::async_trait;
use store::Database;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

/// The session store matching the configured database.
#[derive(Debug, Clone)]
pub enum Sessions {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

impl Sessions {
    /// Opens the store and creates its table when missing.
    pub async fn open(db: &Database) -> Result<Sessions, sqlx::Error> {
        let sessions = match db {
            Database::Sqlite(pool) => {
                let s = SqliteStore::new(pool.clone())
                    .with_table_name("sessions")
                    .map_err(|e| sqlx::Error::Configuration(e.into()))?;
                s.migrate().await?;
                Sessions::Sqlite(s)
            }
            Database::Postgres(pool) => {
                let s = PostgresStore::new(pool.clone())
                    .with_schema_name("public")
                    .and_then(|s| s.with_table_name("sessions"))
                    .map_err(|e| sqlx::Error::Configuration(e.into()))?;
                s.migrate().await?;
                Sessions::Postgres(s)
            }
        };
        Ok(sessions)
    }

    /// The backend's own store, which every session operation goes to.
    fn backend(&self) -> &dyn SessionStore {
        match self {
            Sessions::Sqlite(s) => s,
            Sessions::Postgres(s) => s,
        }
    }
}

#[async_trait]
impl SessionStore for Sessions {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        self.backend().create(record).await
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        self.backend().save(record).await
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        self.backend().load(id).await
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.backend().delete(id).await
    }
}

#[async_trait]
impl ExpiredDeletion for Sessions {
    async fn delete_expired(&self) -> session_store::Result<()> {
        match self {
            Sessions::Sqlite(s) => s.delete_expired().await,
            Sessions::Postgres(s) => s.delete_expired().await,
        }
    }
}
