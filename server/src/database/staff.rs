use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{Any, Executor, Row};
use time::OffsetDateTime;

use super::audit::append_with;
use super::time_col::{from_col, to_col};
use super::Db;
use crate::domain::complaint::Role;
use crate::ports::{AuditEntry, StaffMember, StaffSession, StaffStore, StoreError, StoreResult};

fn member(r: &AnyRow) -> StoreResult<StaffMember> {
    let role: String = r.try_get("role")?;
    Ok(StaffMember {
        login: r.try_get("login")?,
        name: r.try_get("name")?,
        role: Role::from_code(&role)
            .ok_or_else(|| StoreError::Corrupt(format!("role {role:?}")))?,
        password_hash: r.try_get("password_hash")?,
        created_at: from_col(r.try_get("created_at")?)?,
    })
}

/// Inserts `m` unless its login is taken, inside whatever transaction or
/// pool `exec` is; true if inserted.
async fn insert_with<'e, E: Executor<'e, Database = Any>>(
    exec: E,
    m: &StaffMember,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "INSERT INTO staff (login, name, role, password_hash, created_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (login) DO NOTHING",
    )
    .bind(&m.login)
    .bind(&m.name)
    .bind(m.role.code())
    .bind(&m.password_hash)
    .bind(to_col(m.created_at))
    .execute(exec)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[async_trait]
impl StaffStore for Db {
    async fn staff_member(&self, login: &str) -> StoreResult<Option<StaffMember>> {
        let row = sqlx::query(
            "SELECT login, name, role, password_hash, created_at FROM staff WHERE login = $1",
        )
        .bind(login)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(member).transpose()
    }

    async fn insert_staff_if_missing(&self, m: &StaffMember) -> StoreResult<bool> {
        insert_with(self.pool(), m).await
    }

    async fn add_staff(&self, m: &StaffMember, audit: &AuditEntry) -> StoreResult<bool> {
        let mut tx = self.pool().begin().await?;
        if !insert_with(&mut *tx, m).await? {
            return Ok(false);
        }
        append_with(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn staff_list(&self) -> StoreResult<Vec<StaffMember>> {
        let rows = sqlx::query(
            "SELECT login, name, role, password_hash, created_at FROM staff ORDER BY login",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(member).collect()
    }

    async fn create_staff_session(&self, s: &StaffSession, audit: &AuditEntry) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        // Expired sessions are swept whenever a new one starts.
        sqlx::query("DELETE FROM staff_sessions WHERE expires_at <= $1")
            .bind(to_col(s.created_at))
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO staff_sessions (token_hash, login, created_at, expires_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(&s.token_hash)
        .bind(&s.login)
        .bind(to_col(s.created_at))
        .bind(to_col(s.expires_at))
        .execute(&mut *tx)
        .await?;
        append_with(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn staff_session(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> StoreResult<Option<StaffMember>> {
        let row = sqlx::query(
            "SELECT s.login, s.name, s.role, s.password_hash, s.created_at \
             FROM staff_sessions x JOIN staff s ON s.login = x.login \
             WHERE x.token_hash = $1 AND x.expires_at > $2",
        )
        .bind(token_hash)
        .bind(to_col(now))
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(member).transpose()
    }

    async fn delete_staff_session(&self, token_hash: &str, audit: &AuditEntry) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        sqlx::query("DELETE FROM staff_sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&mut *tx)
            .await?;
        append_with(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(())
    }
}
