//! The SQL store: one implementation of the storage ports over sqlx's `Any`
//! driver, so SQLite (the embedded default) and PostgreSQL (production) run
//! the same queries. Queries use `$n` placeholders, which both engines accept,
//! and portable types only (TEXT, BIGINT). Each engine has its own migrations.

mod account_tx;
mod accounts;
mod api_clients;
mod app_sign_in;
mod audit;
mod audit_chains;
mod bindings;
mod calendar;
mod code_tries;
mod complaint_rules;
mod complaints;
mod dashboard;
mod gauges;
mod generated;
pub use generated::PersonRow;
mod idempotency;
mod locks;
mod maintenance;
mod number_uses;
mod outbox;
mod permissions;
mod registries;
mod requests;
mod sessions;
mod sqlite_rebuild;
mod staff;
mod time_col;

use std::str::FromStr;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::AnyPool;

use crate::ports::StoreError;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// Which engine a database URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    pub fn of_url(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Self::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Self::Postgres)
        } else {
            None
        }
    }
}

/// The database, shared by every store port.
#[derive(Clone)]
pub struct Db {
    pool: AnyPool,
    engine: Engine,
}

/// When an SQLite commit is on the disk. Either way the database is in
/// WAL mode (readers do not wait for the writer) and is never corrupted
/// by a crash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SqliteSync {
    /// Each commit waits for the disk: a power cut loses nothing committed.
    Full,
    /// Only checkpoints wait for the disk: a power cut (not a crash of the
    /// service) may lose the last commits. Several times the commits a
    /// second (docs/performance.md).
    Normal,
}

impl Db {
    /// Connects to `url` (`sqlite:…` or `postgres://…`), SQLite committing
    /// to the disk at each commit.
    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        Self::connect_with(url, SqliteSync::Full).await
    }

    /// Connects to `url`; `sync` says when SQLite's commits are durable.
    pub async fn connect_with(url: &str, sync: SqliteSync) -> anyhow::Result<Self> {
        sqlx::any::install_default_drivers();
        let engine = Engine::of_url(url).ok_or_else(|| {
            anyhow::anyhow!(
                "DATABASE_URL must start with sqlite: or postgres:// (got another scheme)"
            )
        })?;
        if engine == Engine::Sqlite {
            create_parent_dir(url)?;
        }
        let options = AnyConnectOptions::from_str(url)?;
        let max = if engine == Engine::Sqlite { 4 } else { 10 };
        // A database that does not answer gets a clean error in seconds, not
        // a page that hangs for the pool's default half a minute.
        let pragmas = match sync {
            SqliteSync::Full => "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;",
            SqliteSync::Normal => "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;",
        };
        let sqlite = engine == Engine::Sqlite;
        let pool = AnyPoolOptions::new()
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if sqlite {
                        sqlx::Executor::execute(conn, pragmas).await?;
                    }
                    Ok(())
                })
            })
            .max_connections(max)
            .acquire_timeout(std::time::Duration::from_secs(5))
            .connect_with(options)
            .await?;
        Ok(Self { pool, engine })
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// Applies the engine's migrations; safe to run again.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        let migrator = match self.engine {
            Engine::Sqlite => &SQLITE_MIGRATIONS,
            Engine::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&self.pool).await?;
        if self.engine == Engine::Sqlite {
            sqlite_rebuild::widen_client_kinds(&self.pool, false).await?;
        }
        Ok(())
    }

    /// Builds SQLite's `api_clients` table anew, as the first migration
    /// after 0030 did (for tests of that rebuild over a database in use).
    pub async fn rebuild_api_clients(&self) -> anyhow::Result<()> {
        anyhow::ensure!(self.engine == Engine::Sqlite, "only SQLite rebuilds tables");
        sqlite_rebuild::widen_client_kinds(&self.pool, true).await
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }
}

/// SQLite creates the file (`mode=rwc`) but not its directory: make it.
fn create_parent_dir(url: &str) -> anyhow::Result<()> {
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let path = path.split('?').next().unwrap_or_default();
    if path.is_empty() || path.starts_with(':') {
        return Ok(()); // in-memory
    }
    if let Some(dir) = std::path::Path::new(path)
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir).map_err(|e| {
            anyhow::anyhow!(
                "cannot create the database directory {}: {e}",
                dir.display()
            )
        })?;
    }
    Ok(())
}

/// The one place the driver's errors become the port's: the ports and the
/// services never see sqlx.
impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        if connection_lost(&e) {
            StoreError::Unavailable(e.to_string())
        } else {
            StoreError::Failed(e.to_string())
        }
    }
}

/// Whether the database could not be reached, rather than refused: I/O,
/// TLS, the pool, or PostgreSQL's connection exceptions (class 08) and
/// shutdowns (57P01 admin, 57P02 crash, 57P03 cannot connect now), and
/// SQLite's busy or locked database.
fn connection_lost(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::Protocol(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(db) => db.code().is_some_and(|c| {
            c.starts_with("08")
                // Not accepting connections, a serialization failure or a
                // deadlock (try again), a read-only standby after a failover.
                || matches!(
                    c.as_ref(),
                    "57P01" | "57P02" | "57P03" | "55000" | "40001" | "40P01" | "25006"
                )
                // SQLite: busy or locked past the busy timeout, whatever
                // the extended code (its low byte is the primary one).
                || c.parse::<u32>().is_ok_and(|n| matches!(n & 0xff, 5 | 6))
        }),
        _ => false,
    }
}

/// Maps a unique-constraint violation to a named conflict.
fn conflict_or(e: sqlx::Error, what: &'static str) -> StoreError {
    match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict(what),
        _ => StoreError::from(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_missing_sqlite_directory_is_created() {
        let dir = std::env::temp_dir().join(format!("nomir-dir-{}", uuid::Uuid::new_v4().simple()));
        let url = format!("sqlite://{}/nested/nomir.db?mode=rwc", dir.display());
        let db = Db::connect(&url).await.unwrap();
        db.migrate().await.unwrap();
        db.close().await;
        assert!(dir.join("nested/nomir.db").exists());
        std::fs::remove_dir_all(dir).ok();
    }
}
