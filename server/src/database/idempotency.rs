use async_trait::async_trait;
use sqlx::Row;
use time::OffsetDateTime;

use super::time_col::to_col;
use super::Db;
use crate::ports::{IdempotencyStore, KeyState, StoreError, StoreResult, StoredAnswer};

/// How long a reservation without an answer holds its key.
const ABANDONED_AFTER_SECONDS: i64 = 120;

#[async_trait]
impl IdempotencyStore for Db {
    async fn reserve_key(
        &self,
        owner: &str,
        client: &str,
        key: &str,
        fingerprint: &str,
        now: OffsetDateTime,
        forget_before: OffsetDateTime,
        max_keys: i64,
    ) -> StoreResult<KeyState> {
        sqlx::query("DELETE FROM api_idempotency WHERE created_at < $1")
            .bind(to_col(forget_before))
            .execute(self.pool())
            .await?;
        // A reservation whose call never answered (its instance died, or
        // the database went away before the release) is not "in progress"
        // for a day: after two minutes, longer than any call, it is free.
        sqlx::query(
            "DELETE FROM api_idempotency WHERE client_id = $1 AND key = $2 \
             AND status IS NULL AND created_at < $3",
        )
        .bind(client)
        .bind(key)
        .bind(to_col(now) - ABANDONED_AFTER_SECONDS)
        .execute(self.pool())
        .await?;
        // One statement: the count and the insert see the same rows (on
        // PostgreSQL, calls racing past the bound can exceed it by at most
        // their own number, never grow it without end).
        let reserved = sqlx::query(
            "INSERT INTO api_idempotency (owner, client_id, key, fingerprint, created_at) \
             SELECT $1, $2, $3, $4, $5 \
             WHERE (SELECT COUNT(*) FROM api_idempotency WHERE owner = $1) < $6 \
             ON CONFLICT (client_id, key) DO NOTHING",
        )
        .bind(owner)
        .bind(client)
        .bind(key)
        .bind(fingerprint)
        .bind(to_col(now))
        .bind(max_keys)
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
        // No such key: the client holds too many, or the key was released
        // between the insert and this read (the caller may try again).
        let Some(row) = row else {
            let oldest: Option<i64> =
                sqlx::query_scalar("SELECT MIN(created_at) FROM api_idempotency WHERE owner = $1")
                    .bind(owner)
                    .fetch_one(self.pool())
                    .await?;
            return Ok(match oldest {
                Some(t) => KeyState::TooMany {
                    oldest: super::time_col::from_col(t)?,
                },
                None => KeyState::InProgress,
            });
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
