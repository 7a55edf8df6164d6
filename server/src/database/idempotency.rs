use async_trait::async_trait;
use sqlx::Row;
use time::OffsetDateTime;

use super::time_col::to_col;
use super::Db;
use crate::ports::{IdempotencyStore, KeyState, StoreError, StoreResult, StoredAnswer};

#[async_trait]
impl IdempotencyStore for Db {
    async fn reserve_key(
        &self,
        client: &str,
        key: &str,
        fingerprint: &str,
        now: OffsetDateTime,
        forget_before: OffsetDateTime,
    ) -> StoreResult<KeyState> {
        sqlx::query("DELETE FROM api_idempotency WHERE created_at < $1")
            .bind(to_col(forget_before))
            .execute(self.pool())
            .await?;
        let reserved = sqlx::query(
            "INSERT INTO api_idempotency (client_id, key, fingerprint, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (client_id, key) DO NOTHING",
        )
        .bind(client)
        .bind(key)
        .bind(fingerprint)
        .bind(to_col(now))
        .execute(self.pool())
        .await?;
        if reserved.rows_affected() == 1 {
            return Ok(KeyState::Reserved);
        }
        let row = sqlx::query(
            "SELECT fingerprint, status, content_type, body FROM api_idempotency WHERE client_id = $1 AND key = $2",
        )
        .bind(client)
        .bind(key)
        .fetch_optional(self.pool())
        .await?;
        // Released between the insert and this read: the caller may try again.
        let Some(row) = row else {
            return Ok(KeyState::InProgress);
        };
        if row.try_get::<String, _>("fingerprint")? != fingerprint {
            return Ok(KeyState::OtherRequest);
        }
        match row.try_get::<Option<i64>, _>("status")? {
            None => Ok(KeyState::InProgress),
            Some(status) => Ok(KeyState::Done(StoredAnswer {
                status: u16::try_from(status)
                    .map_err(|_| StoreError::Corrupt(format!("status {status}")))?,
                content_type: row
                    .try_get::<Option<String>, _>("content_type")?
                    .unwrap_or_default(),
                body: row
                    .try_get::<Option<String>, _>("body")?
                    .unwrap_or_default(),
            })),
        }
    }

    async fn complete_key(&self, client: &str, key: &str, a: &StoredAnswer) -> StoreResult<()> {
        sqlx::query(
            "UPDATE api_idempotency SET status = $1, content_type = $2, body = $3 WHERE client_id = $4 AND key = $5",
        )
        .bind(i64::from(a.status))
        .bind(&a.content_type)
        .bind(&a.body)
        .bind(client)
        .bind(key)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    async fn release_key(&self, client: &str, key: &str) -> StoreResult<()> {
        sqlx::query(
            "DELETE FROM api_idempotency WHERE client_id = $1 AND key = $2 AND status IS NULL",
        )
        .bind(client)
        .bind(key)
        .execute(self.pool())
        .await?;
        Ok(())
    }
}
