use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{Any, Executor, Row};
use time::OffsetDateTime;

use super::time_col::{from_col, to_col};
use super::Db;
use crate::ports::{AuditEntry, AuditLog, StoreError, StoreResult};

/// Appends an entry inside whatever transaction or pool `exec` is.
pub(super) async fn append_with<'e, E: Executor<'e, Database = Any>>(
    exec: E,
    e: &AuditEntry,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor, action, subject, detail) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(to_col(e.at))
    .bind(&e.actor)
    .bind(e.action.code())
    .bind(&e.subject)
    .bind(&e.detail)
    .execute(exec)
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
        append_with(self.pool(), e).await
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
    append_with(&mut *tx, audit).await?;
    tx.commit().await?;
    Ok(true)
}
