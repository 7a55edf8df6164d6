use crate::domain::audit_chain::{link_hash, Link, CHAINS};
use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use time::OffsetDateTime;

use super::time_col::{from_col, to_col};
use super::Db;
use crate::ports::{AuditEntry, AuditLog, StoreError, StoreResult};

/// Takes the next number in the connection's chain, locking the chain's
/// head until the transaction ends. On PostgreSQL a connection always
/// writes to the same chain, so one transaction never holds two heads and
/// parallel writers on other connections mostly use other chains; SQLite
/// has one writer at a time and one chain.
fn next_in_chain(conn: &AnyConnection) -> String {
    let which = if conn.backend_name().eq_ignore_ascii_case("postgresql") {
        format!("pg_backend_pid() % {CHAINS}")
    } else {
        "0".to_owned()
    };
    format!(
        "UPDATE audit_chains SET seq = seq + 1 WHERE chain = {which} RETURNING chain, seq, head"
    )
}

/// Appends an entry, linked into its chain, inside `conn`'s transaction
/// (callers always hold one: the entry, its number and the chain's new
/// head are written together or not at all).
pub(super) async fn append_with(conn: &mut AnyConnection, e: &AuditEntry) -> StoreResult<()> {
    let head = sqlx::query(&next_in_chain(conn))
        .fetch_one(&mut *conn)
        .await?;
    let chain: i64 = head.try_get("chain")?;
    let seq: i64 = head.try_get("seq")?;
    let prev: String = head.try_get("head")?;
    let at = to_col(e.at);
    let hash = link_hash(
        &prev,
        &Link {
            chain,
            seq,
            at,
            actor: &e.actor,
            action: e.action.code(),
            subject: &e.subject,
            detail: &e.detail,
        },
    );
    sqlx::query(
        "INSERT INTO audit_log (at, actor, action, subject, detail, chain, seq, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(at)
    .bind(&e.actor)
    .bind(e.action.code())
    .bind(&e.subject)
    .bind(&e.detail)
    .bind(chain)
    .bind(seq)
    .bind(&prev)
    .bind(&hash)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE audit_chains SET head = $1 WHERE chain = $2")
        .bind(&hash)
        .bind(chain)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

fn entry(r: &AnyRow) -> StoreResult<AuditEntry> {
    Ok(AuditEntry {
        at: from_col(r.try_get("at")?)?,
        actor: r.try_get("actor")?,
        action: {
            let code: String = r.try_get("action")?;
            code.parse()
                .map_err(|_| StoreError::Corrupt(format!("unknown audit action {code}")))?
        },
        subject: r.try_get("subject")?,
        detail: r.try_get("detail")?,
    })
}

#[async_trait]
impl AuditLog for Db {
    async fn append(&self, e: &AuditEntry) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        append_with(&mut tx, e).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn recent(&self, limit: i64) -> StoreResult<Vec<AuditEntry>> {
        let rows = sqlx::query(
            "SELECT at, actor, action, subject, detail FROM audit_log ORDER BY id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(entry).collect()
    }

    async fn about(
        &self,
        subject: &str,
        from: OffsetDateTime,
        to: OffsetDateTime,
    ) -> StoreResult<Vec<AuditEntry>> {
        let rows = sqlx::query(
            "SELECT at, actor, action, subject, detail FROM audit_log \
             WHERE subject = $1 AND at >= $2 AND at <= $3 ORDER BY id LIMIT 500",
        )
        .bind(subject)
        .bind(to_col(from))
        .bind(to_col(to))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(entry).collect()
    }

    async fn heads(&self) -> StoreResult<Vec<crate::domain::audit_chain::Head>> {
        self.chain_heads().await
    }

    async fn add_anchor(
        &self,
        at: OffsetDateTime,
        statement: &str,
        signature: &str,
    ) -> StoreResult<()> {
        Db::add_anchor(self, to_col(at), statement, signature).await
    }
}

/// The end of a conditional change: if it changed exactly one row, its
/// audit entry is appended and `tx` commits; otherwise `tx` rolls back
/// (nothing written). Whether it changed.
pub(super) async fn commit_if_one_changed(
    mut tx: super::locks::Tx,
    done: sqlx::any::AnyQueryResult,
    audit: &AuditEntry,
) -> StoreResult<bool> {
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    append_with(&mut tx, audit).await?;
    tx.commit().await?;
    Ok(true)
}
