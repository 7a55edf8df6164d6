//! What the metrics listener reads from the database at each scrape.

use sqlx::Row;

use super::Db;
use crate::ports::StoreResult;

/// Counts that only the database knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gauges {
    /// Messages in the SMS outbox.
    pub outbox_messages: i64,
    /// Entries appended to the audit log's hash chains.
    pub audit_entries: i64,
}

impl Db {
    /// The pool's open connections and how many of them are idle.
    pub fn pool_use(&self) -> (u32, usize) {
        (self.pool().size(), self.pool().num_idle())
    }

    pub async fn gauges(&self) -> StoreResult<Gauges> {
        let r = sqlx::query(
            "SELECT (SELECT COUNT(*) FROM sms_outbox) AS outbox, \
             CAST((SELECT COALESCE(SUM(seq), 0) FROM audit_chains) AS BIGINT) AS audit",
        )
        .fetch_one(self.pool())
        .await?;
        Ok(Gauges {
            outbox_messages: r.try_get("outbox")?,
            audit_entries: r.try_get("audit")?,
        })
    }
}
