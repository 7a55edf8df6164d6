use async_trait::async_trait;
use sqlx::Row;
use time::OffsetDateTime;

use super::accounts::parse_iin;
use super::audit::append_with;
use super::time_col::{from_col, from_opt, to_col};
use super::Db;
use crate::domain::api_client::ClientId;
use crate::domain::Iin;
use crate::ports::{
    AppSignInStore, AuditEntry, CitizenSession, SignInChallenge, StoreError, StoreResult,
};

#[async_trait]
impl AppSignInStore for Db {
    async fn insert_challenge(&self, c: &SignInChallenge) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        // Expired challenges and sessions are swept as new challenges come.
        let now = to_col(c.created_at);
        sqlx::query("DELETE FROM api_challenges WHERE expires_at <= $1")
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM api_citizen_sessions WHERE expires_at <= $1")
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO api_challenges (id, client_id, challenge, created_at, expires_at, used_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&c.id)
        .bind(c.client_id.as_str())
        .bind(&c.text)
        .bind(now)
        .bind(to_col(c.expires_at))
        .bind(c.used_at.map(to_col))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn challenge(&self, id: &str) -> StoreResult<Option<SignInChallenge>> {
        let row = sqlx::query(
            "SELECT id, client_id, challenge, created_at, expires_at, used_at FROM api_challenges WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| {
            let client: String = r.try_get("client_id")?;
            Ok(SignInChallenge {
                id: r.try_get("id")?,
                client_id: ClientId::parse(&client)
                    .map_err(|_| StoreError::Corrupt(format!("client id {client:?}")))?,
                text: r.try_get("challenge")?,
                created_at: from_col(r.try_get("created_at")?)?,
                expires_at: from_col(r.try_get("expires_at")?)?,
                used_at: from_opt(r.try_get("used_at")?)?,
            })
        })
        .transpose()
    }

    async fn claim_challenge(
        &self,
        challenge_id: &str,
        client_id: &ClientId,
        now: OffsetDateTime,
    ) -> StoreResult<Option<String>> {
        // One conditional update decides which of competing attempts goes on.
        let row = sqlx::query(
            "UPDATE api_challenges SET used_at = $1 \
             WHERE id = $2 AND client_id = $3 AND used_at IS NULL AND expires_at > $1 \
             RETURNING challenge",
        )
        .bind(to_col(now))
        .bind(challenge_id)
        .bind(client_id.as_str())
        .fetch_optional(self.pool())
        .await?;
        Ok(row
            .map(|r| r.try_get::<String, _>("challenge"))
            .transpose()?)
    }

    async fn claim_for_certificate(
        &self,
        challenge_id: &str,
        client_id: &ClientId,
        now: OffsetDateTime,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE api_challenges SET certificate_claimed_at = $1 \
             WHERE id = $2 AND client_id = $3 AND used_at IS NULL AND expires_at > $1 \
               AND certificate_claimed_at IS NULL",
        )
        .bind(to_col(now))
        .bind(challenge_id)
        .bind(client_id.as_str())
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn redeem_challenge(
        &self,
        challenge_id: &str,
        s: &CitizenSession,
        audit: &AuditEntry,
    ) -> StoreResult<bool> {
        let mut tx = self.pool().begin().await?;
        // The claimed challenge goes with the session it opened.
        let used = sqlx::query(
            "DELETE FROM api_challenges WHERE id = $1 AND client_id = $2 AND used_at IS NOT NULL",
        )
        .bind(challenge_id)
        .bind(s.client_id.as_str())
        .execute(&mut *tx)
        .await?;
        if used.rows_affected() != 1 {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO api_citizen_sessions (token_hash, client_id, iin, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&s.token_hash)
        .bind(s.client_id.as_str())
        .bind(s.iin.as_str())
        .bind(to_col(s.created_at))
        .bind(to_col(s.expires_at))
        .execute(&mut *tx)
        .await?;
        append_with(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn session_citizen(
        &self,
        token_hash: &str,
        client_id: &ClientId,
        now: OffsetDateTime,
    ) -> StoreResult<Option<Iin>> {
        let row = sqlx::query(
            "SELECT s.iin FROM api_citizen_sessions s JOIN api_clients c ON c.id = s.client_id \
             WHERE s.token_hash = $1 AND s.client_id = $2 AND s.expires_at > $3 AND c.revoked_at IS NULL",
        )
        .bind(token_hash)
        .bind(client_id.as_str())
        .bind(to_col(now))
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| parse_iin(&r.try_get::<String, _>("iin")?))
            .transpose()
    }
}
