//! What the metrics listener reads from the database at each scrape.

use sqlx::Row;

use super::Db;
use crate::ports::StoreResult;

/// Counts that only the database knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gauges {
    /// Messages in the SMS outbox not sent yet (waiting or being tried).
    pub outbox_messages: i64,
    /// Seconds the oldest of them has waited (0 if none).
    pub outbox_oldest_seconds: i64,
    /// Entries appended to the audit log's hash chains.
    pub audit_entries: i64,
}

impl Db {
    /// The pool's open connections and how many of them are idle.
    pub fn pool_use(&self) -> (u32, usize) {
        (self.pool().size(), self.pool().num_idle())
    }

    /// The gauges at `now` (Unix seconds).
    pub async fn gauges(&self, now: i64) -> StoreResult<Gauges> {
        // The outbox's index on (state, next_at) keeps these cheap.
        let r = sqlx::query(
            "SELECT (SELECT COUNT(*) FROM sms_outbox WHERE state IN ('pending', 'sending')) AS outbox, \
             CAST((SELECT COALESCE(MIN(created_at), $1) FROM sms_outbox \
                   WHERE state IN ('pending', 'sending')) AS BIGINT) AS oldest, \
             CAST((SELECT COALESCE(SUM(seq), 0) FROM audit_chains) AS BIGINT) AS audit",
        )
        .bind(now)
        .fetch_one(self.pool())
        .await?;
        Ok(Gauges {
            outbox_messages: r.try_get("outbox")?,
            outbox_oldest_seconds: now - r.try_get::<i64, _>("oldest")?,
            audit_entries: r.try_get("audit")?,
        })
    }
}
