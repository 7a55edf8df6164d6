use async_trait::async_trait;
use sqlx::Row;
use time::OffsetDateTime;

use super::accounts::parse_iin;
use super::time_col::to_col;
use super::Db;
use crate::domain::Iin;
use crate::ports::{Session, SessionStore, StoreResult};

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
}
