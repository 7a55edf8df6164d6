//! Imported working-day calendars (`nomir calendar import`), kept whole.

use sqlx::Row;

use super::audit::append_with;
use super::time_col::to_col;
use super::Db;
use crate::ports::{AuditEntry, StoreResult};

impl Db {
    /// Stores a calendar (checked by the caller) with its audit entry, in one transaction.
    pub async fn import_calendar(&self, text: &str, audit: &AuditEntry) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        sqlx::query("INSERT INTO calendar_imports (id, text, imported_at) VALUES ($1, $2, $3)")
            .bind(uuid::Uuid::now_v7().to_string())
            .bind(text)
            .bind(to_col(audit.at))
            .execute(&mut *tx)
            .await?;
        append_with(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The newest imported calendar's text, if any was imported.
    pub async fn latest_calendar(&self) -> StoreResult<Option<String>> {
        let row = sqlx::query(
            "SELECT text FROM calendar_imports ORDER BY imported_at DESC, id DESC LIMIT 1",
        )
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|r| r.try_get("text")).transpose()?)
    }
}
