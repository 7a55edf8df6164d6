//! Maintenance windows (appendix row 7), with their audit entries.

use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::Row;
use time::OffsetDateTime;

use super::audit::commit_if_one_changed;
use super::time_col::{from_col, to_col};
use super::Db;
use crate::domain::maintenance::MaintenanceWindow;
use crate::ports::{AuditEntry, MaintenanceStore, StoreResult};

fn window(r: &AnyRow) -> StoreResult<MaintenanceWindow> {
    Ok(MaintenanceWindow {
        id: r.try_get("id")?,
        from: from_col(r.try_get("starts_at")?)?,
        until: from_col(r.try_get("ends_at")?)?,
        announced_at: from_col(r.try_get("announced_at")?)?,
    })
}

#[async_trait]
impl MaintenanceStore for Db {
    async fn announce(&self, w: &MaintenanceWindow, audit: &AuditEntry) -> StoreResult<bool> {
        let mut tx = self.pool().begin().await?;
        // One statement: the overlap check and the insert (two operators
        // announcing at once could still both pass on PostgreSQL; the
        // domain counts overlapping windows' time once, so no term is
        // lengthened twice).
        let done = sqlx::query(
            "INSERT INTO maintenance_windows (id, starts_at, ends_at, announced_at) \
             SELECT $1, CAST($2 AS BIGINT), CAST($3 AS BIGINT), CAST($4 AS BIGINT) \
             WHERE NOT EXISTS (SELECT 1 FROM maintenance_windows \
                               WHERE cancelled_at IS NULL AND starts_at < $3 AND ends_at > $2)",
        )
        .bind(&w.id)
        .bind(to_col(w.from))
        .bind(to_col(w.until))
        .bind(to_col(w.announced_at))
        .execute(&mut *tx)
        .await?;
        commit_if_one_changed(tx, done, audit).await
    }

    async fn cancel(&self, id: &str, at: OffsetDateTime, audit: &AuditEntry) -> StoreResult<bool> {
        let mut tx = self.pool().begin().await?;
        let at = to_col(at);
        // Not begun: called off. Under way: it ends now.
        let done = sqlx::query(
            "UPDATE maintenance_windows SET \
                cancelled_at = CASE WHEN starts_at >= $2 THEN $2 ELSE cancelled_at END, \
                ends_at = CASE WHEN starts_at < $2 THEN $2 ELSE ends_at END \
             WHERE id = $1 AND cancelled_at IS NULL AND ends_at > $2",
        )
        .bind(id)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        commit_if_one_changed(tx, done, audit).await
    }

    async fn windows_ending_after(
        &self,
        after: OffsetDateTime,
    ) -> StoreResult<Vec<MaintenanceWindow>> {
        let rows = sqlx::query(
            "SELECT id, starts_at, ends_at, announced_at FROM maintenance_windows \
             WHERE cancelled_at IS NULL AND ends_at > $1 ORDER BY starts_at, id",
        )
        .bind(to_col(after))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(window).collect()
    }
}
