//! The SMS outbox: messages written with their decisions, claimed by one
//! delivery worker at a time, and the journal of what was sent.

use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use time::OffsetDateTime;

use super::bindings::parse_msisdn;
use super::time_col::{from_col, to_col};
use super::Db;
use crate::domain::Msisdn;
use crate::ports::{
    ClaimedSms, OutboxStore, OutgoingSms, SmsMessage, SmsState, StoreError, StoreResult,
};

/// Writes `m` as a waiting message inside `conn`'s transaction.
pub(super) async fn insert_outgoing(conn: &mut AnyConnection, m: &OutgoingSms) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO sms_outbox (id, msisdn, body, created_at, state, sealed, next_at, give_up_at, \
         request_id, iin, kind, topic, sender) \
         VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(&m.id)
    .bind(m.msisdn.as_str())
    .bind(&m.body)
    .bind(to_col(m.created_at))
    .bind(&m.sealed)
    // The deciding request tries it first; the worker only after a while.
    .bind(to_col(m.created_at) + FIRST_TRY_SECONDS)
    .bind(to_col(m.give_up_at))
    .bind(m.request_id.as_deref())
    .bind(m.iin.as_ref().map(|i| i.as_str()))
    .bind(&m.kind)
    .bind(m.topic.as_deref())
    .bind(m.sender.as_deref())
    .execute(conn)
    .await?;
    Ok(())
}

/// How long a new message is left to the request that decided it.
const FIRST_TRY_SECONDS: i64 = 10;

const CLAIMED: &str = "RETURNING sms_outbox.id AS id, sms_outbox.msisdn AS msisdn, \
    sms_outbox.sealed AS sealed, sms_outbox.attempts AS attempts, \
    sms_outbox.give_up_at AS give_up_at, sms_outbox.request_id AS request_id";

fn claimed(r: &AnyRow) -> StoreResult<ClaimedSms> {
    Ok(ClaimedSms {
        id: r.try_get("id")?,
        msisdn: parse_msisdn(&r.try_get::<String, _>("msisdn")?)?,
        sealed: r
            .try_get::<Option<String>, _>("sealed")?
            .unwrap_or_default(),
        attempts: r.try_get("attempts")?,
        give_up_at: from_col(r.try_get("give_up_at")?)?,
        request_id: r.try_get("request_id")?,
    })
}

#[async_trait]
impl OutboxStore for Db {
    async fn enqueue_sms(&self, m: &OutgoingSms) -> StoreResult<()> {
        let mut conn = self.pool().acquire().await?;
        insert_outgoing(&mut conn, m).await
    }

    async fn outbox(&self) -> StoreResult<Vec<SmsMessage>> {
        let rows = sqlx::query(
            "SELECT id, msisdn, body, created_at FROM sms_outbox WHERE state = 'sent' \
             ORDER BY created_at DESC, id DESC",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(SmsMessage {
                    id: r.try_get("id")?,
                    msisdn: parse_msisdn(&r.try_get::<String, _>("msisdn")?)?,
                    body: r.try_get("body")?,
                    created_at: from_col(r.try_get("created_at")?)?,
                })
            })
            .collect()
    }

    async fn newest_sent_to(&self, msisdn: &Msisdn) -> StoreResult<Option<SmsMessage>> {
        let row = sqlx::query(
            "SELECT id, msisdn, body, created_at FROM sms_outbox \
             WHERE msisdn = $1 AND state = 'sent' ORDER BY created_at DESC, id DESC LIMIT 1",
        )
        .bind(msisdn.as_str())
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| {
            Ok(SmsMessage {
                id: r.try_get("id")?,
                msisdn: msisdn.clone(),
                body: r.try_get("body")?,
                created_at: from_col(r.try_get("created_at")?)?,
            })
        })
        .transpose()
    }

    async fn claim_sms(
        &self,
        id: &str,
        lease_until: OffsetDateTime,
    ) -> StoreResult<Option<ClaimedSms>> {
        let sql = format!(
            "UPDATE sms_outbox SET state = 'sending', claimed_until = $1, attempts = attempts + 1 \
             WHERE id = $2 AND state = 'pending' {CLAIMED}"
        );
        let row = sqlx::query(&sql)
            .bind(to_col(lease_until))
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(claimed).transpose()
    }

    async fn claim_due_sms(
        &self,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
        limit: i64,
    ) -> StoreResult<Vec<ClaimedSms>> {
        // PostgreSQL: rows another worker is claiming are skipped, not
        // waited for. SQLite: one writer at a time, so one statement suffices.
        let skip = match self.engine() {
            super::Engine::Postgres => "FOR UPDATE SKIP LOCKED",
            super::Engine::Sqlite => "",
        };
        // The rows are picked once, in a CTE: as `IN (subquery)` PostgreSQL
        // may run a SKIP LOCKED subquery again for each row it updates.
        let sql = format!(
            "WITH due AS (SELECT id FROM sms_outbox \
                 WHERE (state = 'pending' AND next_at <= $2) OR (state = 'sending' AND claimed_until < $2) \
                 ORDER BY next_at LIMIT $3 {skip}) \
             UPDATE sms_outbox SET state = 'sending', claimed_until = $1, attempts = attempts + 1 \
             FROM due WHERE sms_outbox.id = due.id \
             AND ((sms_outbox.state = 'pending' AND sms_outbox.next_at <= $2) \
                  OR (sms_outbox.state = 'sending' AND sms_outbox.claimed_until < $2)) \
             {CLAIMED}"
        );
        let rows = sqlx::query(&sql)
            .bind(to_col(lease_until))
            .bind(to_col(now))
            .bind(limit)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(claimed).collect()
    }

    async fn sms_sent(
        &self,
        c: &ClaimedSms,
        at: OffsetDateTime,
        gateway_refs: &[String],
    ) -> StoreResult<bool> {
        let sent = sqlx::query(
            "UPDATE sms_outbox SET state = 'sent', sent_at = $1, sealed = NULL, last_error = NULL \
             WHERE id = $2 AND state = 'sending' AND attempts = $3",
        )
        .bind(to_col(at))
        .bind(&c.id)
        .bind(c.attempts);
        // No parts to tie (a gateway without receipts): the one statement
        // is its own transaction.
        if gateway_refs.is_empty() {
            return Ok(sent.execute(self.pool()).await?.rows_affected() == 1);
        }
        let mut tx = self.pool().begin().await?;
        let done = sent.execute(&mut *tx).await?;
        // A receipt may have come before this (the SMSC answers fast): it
        // stays, and the part is tied to its message.
        for r in gateway_refs {
            sqlx::query(
                "INSERT INTO sms_parts (gateway_ref, message_id) VALUES ($1, $2) \
                 ON CONFLICT (gateway_ref) DO UPDATE SET message_id = excluded.message_id",
            )
            .bind(r)
            .bind(&c.id)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(done.rows_affected() == 1)
    }

    async fn record_receipt(
        &self,
        gateway_ref: &str,
        status: &str,
        at: OffsetDateTime,
    ) -> StoreResult<bool> {
        // Kept even before its part is recorded sent (the SMSC may answer
        // before the worker commits); `false` when no message has it yet.
        let known = sqlx::query(
            "INSERT INTO sms_parts (gateway_ref, receipt, receipt_at) VALUES ($1, $2, $3) \
             ON CONFLICT (gateway_ref) DO UPDATE SET receipt = excluded.receipt, \
             receipt_at = excluded.receipt_at RETURNING message_id",
        )
        .bind(gateway_ref)
        .bind(status)
        .bind(to_col(at))
        .fetch_one(self.pool())
        .await?;
        Ok(known.try_get::<Option<String>, _>("message_id")?.is_some())
    }

    async fn receipts_of(&self, id: &str) -> StoreResult<Vec<(String, Option<String>)>> {
        let rows = sqlx::query(
            "SELECT gateway_ref, receipt FROM sms_parts WHERE message_id = $1 ORDER BY gateway_ref",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("gateway_ref")?, r.try_get("receipt")?)))
            .collect()
    }

    async fn sms_retry(
        &self,
        c: &ClaimedSms,
        next_at: OffsetDateTime,
        error: &str,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE sms_outbox SET state = 'pending', next_at = $1, last_error = $2 \
             WHERE id = $3 AND state = 'sending' AND attempts = $4",
        )
        .bind(to_col(next_at))
        .bind(error)
        .bind(&c.id)
        .bind(c.attempts)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn sms_failed(&self, c: &ClaimedSms, error: &str) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE sms_outbox SET state = 'failed', sealed = NULL, last_error = $1 \
             WHERE id = $2 AND state = 'sending' AND attempts = $3",
        )
        .bind(error)
        .bind(&c.id)
        .bind(c.attempts)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn request_sms_state(&self, request_id: &str) -> StoreResult<Option<SmsState>> {
        let row = sqlx::query(
            "SELECT state FROM sms_outbox WHERE request_id = $1 \
             ORDER BY created_at DESC, id DESC LIMIT 1",
        )
        .bind(request_id)
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| {
            let state: String = r.try_get("state")?;
            state
                .parse()
                .map_err(|_| StoreError::Corrupt(format!("unknown SMS state {state}")))
        })
        .transpose()
    }
}
