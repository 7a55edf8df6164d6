use async_trait::async_trait;
use sqlx::Row;
use time::OffsetDateTime;

use super::accounts::insert_account_with;
use super::accounts::parse_iin;
use super::audit::append_with;
use super::time_col::to_col;
use super::Db;
use crate::domain::Iin;
use crate::ports::{Account, AuditEntry, Session, SessionStore, StoreResult};

#[async_trait]
impl SessionStore for Db {
    async fn create_session(&self, s: &Session) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        // Expired sessions are swept whenever a new one starts.
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(to_col(s.created_at))
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, iin, created_at, expires_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(&s.token_hash)
        .bind(s.iin.as_str())
        .bind(to_col(s.created_at))
        .bind(to_col(s.expires_at))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn session_account(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> StoreResult<Option<Iin>> {
        let row = sqlx::query("SELECT iin FROM sessions WHERE token_hash = $1 AND expires_at > $2")
            .bind(token_hash)
            .bind(to_col(now))
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| parse_iin(&r.try_get::<String, _>("iin")?))
            .transpose()
    }

    async fn delete_session(&self, token_hash: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    async fn insert_portal_challenge(
        &self,
        id: &str,
        text: &str,
        binder_hash: &str,
        created_at: OffsetDateTime,
        expires_at: OffsetDateTime,
    ) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        sqlx::query("DELETE FROM portal_challenges WHERE expires_at <= $1")
            .bind(to_col(created_at))
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO portal_challenges (id, challenge, binder_hash, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(text)
        .bind(binder_hash)
        .bind(to_col(created_at))
        .bind(to_col(expires_at))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn claim_portal_challenge(
        &self,
        id: &str,
        binder_hash: &str,
        now: OffsetDateTime,
    ) -> StoreResult<Option<String>> {
        // One statement decides: of parallel attempts, one gets the text.
        let row = sqlx::query(
            "UPDATE portal_challenges SET used_at = $3 \
             WHERE id = $1 AND binder_hash = $2 AND used_at IS NULL AND expires_at > $3 \
             RETURNING challenge",
        )
        .bind(id)
        .bind(binder_hash)
        .bind(to_col(now))
        .fetch_optional(self.pool())
        .await?;
        Ok(row
            .map(|r| r.try_get::<String, _>("challenge"))
            .transpose()?)
    }

    async fn redeem_portal_challenge(
        &self,
        id: &str,
        now: OffsetDateTime,
        account: Option<(&Account, &AuditEntry)>,
        session: &Session,
        signed_in: &AuditEntry,
    ) -> StoreResult<bool> {
        let mut tx = self.pool().begin().await?;
        // The claimed challenge goes with the session it opened: it can
        // open no other.
        let used =
            sqlx::query("DELETE FROM portal_challenges WHERE id = $1 AND used_at IS NOT NULL")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        if used.rows_affected() != 1 {
            return Ok(false);
        }
        if let Some((a, opened)) = account {
            if insert_account_with(&mut *tx, a, now).await? {
                append_with(&mut tx, opened).await?;
            }
        }
        sqlx::query(
            "INSERT INTO sessions (token_hash, iin, created_at, expires_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(&session.token_hash)
        .bind(session.iin.as_str())
        .bind(to_col(session.created_at))
        .bind(to_col(session.expires_at))
        .execute(&mut *tx)
        .await?;
        append_with(&mut tx, signed_in).await?;
        tx.commit().await?;
        Ok(true)
    }
}
