use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{Any, Executor, Row};
use time::OffsetDateTime;

use super::accounts::parse_iin;
use super::audit::{append_with, commit_if_one_changed};
use super::time_col::{from_col, from_opt, to_col};
use super::Db;
use crate::domain::api_client::ClientId;
use crate::domain::permission::DocumentScope;
use crate::domain::Iin;
use crate::ports::{AuditEntry, DocumentPermission, PermissionStore, StoreError, StoreResult};

const COLUMNS: &str =
    "id, client_id, iin, scope, request_id, asked_at, granted_at, expires_at, revoked_at, consent_stated";

/// Inserts a permission inside whatever transaction or pool `exec` is.
pub(super) async fn insert_permission_with<'e, E: Executor<'e, Database = Any>>(
    exec: E,
    p: &DocumentPermission,
) -> StoreResult<()> {
    sqlx::query(&format!(
        "INSERT INTO document_permissions ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
    ))
    .bind(&p.id)
    .bind(p.client_id.as_str())
    .bind(p.iin.as_str())
    .bind(p.scope.to_string())
    .bind(p.request_id.as_deref())
    .bind(to_col(p.asked_at))
    .bind(p.granted_at.map(to_col))
    .bind(to_col(p.expires_at))
    .bind(p.revoked_at.map(to_col))
    .bind(i64::from(p.consent_stated))
    .execute(exec)
    .await?;
    Ok(())
}

/// Grants the permissions asked for with `request_id`, inside `exec`.
pub(super) async fn grant_of_request_with<'e, E: Executor<'e, Database = Any>>(
    exec: E,
    request_id: &str,
    at: OffsetDateTime,
) -> StoreResult<u64> {
    let done = sqlx::query(
        "UPDATE document_permissions SET granted_at = $1 WHERE request_id = $2 AND granted_at IS NULL",
    )
    .bind(to_col(at))
    .bind(request_id)
    .execute(exec)
    .await?;
    Ok(done.rows_affected())
}

fn permission(r: &AnyRow) -> StoreResult<DocumentPermission> {
    let client: String = r.try_get("client_id")?;
    let scope: String = r.try_get("scope")?;
    Ok(DocumentPermission {
        id: r.try_get("id")?,
        client_id: ClientId::parse(&client)
            .map_err(|_| StoreError::Corrupt(format!("client id {client:?}")))?,
        iin: parse_iin(&r.try_get::<String, _>("iin")?)?,
        scope: DocumentScope::parse(&scope)
            .map_err(|_| StoreError::Corrupt(format!("document scope {scope:?}")))?,
        request_id: r.try_get("request_id")?,
        asked_at: from_col(r.try_get("asked_at")?)?,
        granted_at: from_opt(r.try_get("granted_at")?)?,
        expires_at: from_col(r.try_get("expires_at")?)?,
        revoked_at: from_opt(r.try_get("revoked_at")?)?,
        consent_stated: r.try_get::<i64, _>("consent_stated")? != 0,
    })
}

#[async_trait]
impl PermissionStore for Db {
    async fn grant_now(&self, p: &DocumentPermission, audit: &AuditEntry) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        insert_permission_with(&mut *tx, p).await?;
        append_with(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn permissions_of(&self, iin: &Iin) -> StoreResult<Vec<DocumentPermission>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM document_permissions WHERE iin = $1 ORDER BY asked_at DESC, id DESC"
        ))
        .bind(iin.as_str())
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(permission).collect()
    }

    async fn permissions_of_request(
        &self,
        request_id: &str,
    ) -> StoreResult<Vec<DocumentPermission>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM document_permissions WHERE request_id = $1 ORDER BY id"
        ))
        .bind(request_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(permission).collect()
    }

    async fn revoke_permission(
        &self,
        id: &str,
        iin: &Iin,
        audit: &AuditEntry,
    ) -> StoreResult<bool> {
        let mut tx = self.pool().begin().await?;
        let done = sqlx::query(
            "UPDATE document_permissions SET revoked_at = $1 WHERE id = $2 AND iin = $3 AND revoked_at IS NULL",
        )
        .bind(to_col(audit.at))
        .bind(id)
        .bind(iin.as_str())
        .execute(&mut *tx)
        .await?;
        commit_if_one_changed(tx, done, audit).await
    }
}
