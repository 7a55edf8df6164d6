//! Table rebuilds SQLite needs and the migrations cannot do: SQLite changes
//! a CHECK constraint only by building the table anew, which needs foreign
//! keys off (else dropping the old table counts every row that refers to
//! it as a violation), and sqlx runs each SQLite migration inside a
//! transaction, where `PRAGMA foreign_keys` has no effect. Written by hand
//! for that reason, after SQLite's documented procedure ("Making other
//! kinds of table schema changes"): foreign keys off, one transaction,
//! `PRAGMA foreign_key_check` before the commit.

use sqlx::{AnyConnection, AnyPool, Executor};

/// The `api_clients` table with every kind of client (migration 0030).
const API_CLIENTS: &str = "CREATE TABLE api_clients_new (
    id                     TEXT PRIMARY KEY,
    name                   TEXT NOT NULL,
    kind                   TEXT NOT NULL CHECK (kind IN ('mobile_app', 'bank', 'state_service')),
    secret_hash            TEXT NOT NULL,
    scopes                 TEXT NOT NULL,
    calls_per_minute       BIGINT NOT NULL CHECK (calls_per_minute > 0),
    created_at             BIGINT NOT NULL,
    revoked_at             BIGINT
)";

/// Rebuilds `api_clients` with the state service kind, unless it has it.
pub(super) async fn widen_client_kinds(pool: &AnyPool, force: bool) -> anyhow::Result<()> {
    let sql: Option<String> = sqlx::query_scalar(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'api_clients'",
    )
    .fetch_optional(pool)
    .await?;
    let Some(sql) = sql else {
        return Ok(());
    };
    if sql.contains("state_service") && !force {
        return Ok(());
    }
    let mut conn = pool.acquire().await?;
    conn.execute("PRAGMA foreign_keys = OFF").await?;
    let rebuilt = rebuild(&mut conn).await;
    if rebuilt.is_err() {
        let _ = conn.execute("ROLLBACK").await;
    }
    conn.execute("PRAGMA foreign_keys = ON").await?;
    rebuilt
}

async fn rebuild(conn: &mut AnyConnection) -> anyhow::Result<()> {
    conn.execute("BEGIN IMMEDIATE").await?;
    conn.execute(API_CLIENTS).await?;
    conn.execute(
        "INSERT INTO api_clients_new (id, name, kind, secret_hash, scopes, calls_per_minute, \
         created_at, revoked_at) SELECT id, name, kind, secret_hash, scopes, calls_per_minute, \
         created_at, revoked_at FROM api_clients",
    )
    .await?;
    conn.execute("DROP TABLE api_clients").await?;
    conn.execute("ALTER TABLE api_clients_new RENAME TO api_clients")
        .await?;
    let broken = sqlx::query("PRAGMA foreign_key_check")
        .fetch_all(&mut *conn)
        .await?;
    anyhow::ensure!(
        broken.is_empty(),
        "rebuilding api_clients would break {} references",
        broken.len()
    );
    conn.execute("COMMIT").await?;
    Ok(())
}
