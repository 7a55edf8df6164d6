use async_trait::async_trait;
use sqlx::Row;

use super::bindings::parse_msisdn;
use super::time_col::{from_col, to_col};
use super::Db;
use crate::ports::{OutboxStore, SmsMessage, StoreResult};

#[async_trait]
impl OutboxStore for Db {
    async fn enqueue_sms(&self, m: &SmsMessage) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO sms_outbox (id, msisdn, body, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(&m.id)
        .bind(m.msisdn.as_str())
        .bind(&m.body)
        .bind(to_col(m.created_at))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    async fn outbox(&self) -> StoreResult<Vec<SmsMessage>> {
        let rows = sqlx::query(
            "SELECT id, msisdn, body, created_at FROM sms_outbox ORDER BY created_at DESC, id DESC",
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
}
