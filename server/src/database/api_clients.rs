use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::Row;
use time::OffsetDateTime;

use super::audit::append_with;
use super::time_col::{from_col, from_opt, to_col};
use super::{conflict_or, Db};
use crate::domain::api_client::{ClientId, Scopes};
use crate::ports::{ApiClient, ApiClientStore, ApiToken, AuditEntry, StoreError, StoreResult};

const CLIENT_COLUMNS: &str =
    "c.id, c.name, c.kind, c.secret_hash, c.scopes, c.calls_per_minute, c.created_at, c.revoked_at";

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("{what}: {value:?}"))
}

fn client_id(s: &str) -> StoreResult<ClientId> {
    ClientId::parse(s).map_err(|_| corrupt("client id", s))
}

fn scopes(s: &str) -> StoreResult<Scopes> {
    Scopes::parse(s).map_err(|_| corrupt("scopes", s))
}

fn client(r: &AnyRow) -> StoreResult<ApiClient> {
    let kind: String = r.try_get("kind")?;
    let calls: i64 = r.try_get("calls_per_minute")?;
    Ok(ApiClient {
        id: client_id(&r.try_get::<String, _>("id")?)?,
        name: r.try_get("name")?,
        kind: kind.parse().map_err(|_| corrupt("client kind", &kind))?,
        secret_hash: r.try_get("secret_hash")?,
        scopes: scopes(&r.try_get::<String, _>("scopes")?)?,
        calls_per_minute: u32::try_from(calls).map_err(|_| corrupt("calls", &calls.to_string()))?,
        created_at: from_col(r.try_get("created_at")?)?,
        revoked_at: from_opt(r.try_get("revoked_at")?)?,
    })
}

/// One INSERT for both inserts; `tail` says what to do on a taken id.
fn insert_client_sql(tail: &str) -> String {
    format!(
        "INSERT INTO api_clients (id, name, kind, secret_hash, scopes, calls_per_minute, created_at, revoked_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) {tail}"
    )
}

fn bind_client<'q>(
    q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    c: &'q ApiClient,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    let kind: &'static str = c.kind.into();
    q.bind(c.id.as_str())
        .bind(&c.name)
        .bind(kind)
        .bind(&c.secret_hash)
        .bind(c.scopes.to_string())
        .bind(i64::from(c.calls_per_minute))
        .bind(to_col(c.created_at))
        .bind(c.revoked_at.map(to_col))
}

#[async_trait]
impl ApiClientStore for Db {
    async fn insert_client(&self, c: &ApiClient, audit: &AuditEntry) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        let sql = insert_client_sql("");
        bind_client(sqlx::query(&sql), c)
            .execute(&mut *tx)
            .await
            .map_err(|e| conflict_or(e, "client id taken"))?;
        append_with(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn insert_client_if_missing(&self, c: &ApiClient) -> StoreResult<bool> {
        let sql = insert_client_sql("ON CONFLICT (id) DO NOTHING");
        let done = bind_client(sqlx::query(&sql), c)
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn client(&self, id: &ClientId) -> StoreResult<Option<ApiClient>> {
        let sql = format!("SELECT {CLIENT_COLUMNS} FROM api_clients c WHERE c.id = $1");
        let row = sqlx::query(&sql)
            .bind(id.as_str())
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(client).transpose()
    }

    async fn clients(&self) -> StoreResult<Vec<ApiClient>> {
        let sql = format!("SELECT {CLIENT_COLUMNS} FROM api_clients c ORDER BY c.id");
        let rows = sqlx::query(&sql).fetch_all(self.pool()).await?;
        rows.iter().map(client).collect()
    }

    async fn revoke_client(&self, id: &ClientId, audit: &AuditEntry) -> StoreResult<bool> {
        let mut tx = self.pool().begin().await?;
        let done = sqlx::query(
            "UPDATE api_clients SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
        )
        .bind(to_col(audit.at))
        .bind(id.as_str())
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        sqlx::query("DELETE FROM api_tokens WHERE client_id = $1")
            .bind(id.as_str())
            .execute(&mut *tx)
            .await?;
        append_with(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn insert_token(&self, t: &ApiToken) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        // Expired tokens and past minutes' counts are swept as tokens are issued.
        sqlx::query("DELETE FROM api_tokens WHERE expires_at <= $1")
            .bind(to_col(t.issued_at))
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM api_call_counts WHERE minute_start < $1")
            .bind(to_col(t.issued_at) - 3600)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO api_tokens (token_hash, client_id, scopes, issued_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&t.token_hash)
        .bind(t.client_id.as_str())
        .bind(t.scopes.to_string())
        .bind(to_col(t.issued_at))
        .bind(to_col(t.expires_at))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn live_token(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> StoreResult<Option<(ApiToken, ApiClient)>> {
        let sql = format!(
            "SELECT t.token_hash, t.scopes AS token_scopes, t.issued_at, t.expires_at, {CLIENT_COLUMNS} \
             FROM api_tokens t JOIN api_clients c ON c.id = t.client_id \
             WHERE t.token_hash = $1 AND t.expires_at > $2 AND c.revoked_at IS NULL"
        );
        let row = sqlx::query(&sql)
            .bind(token_hash)
            .bind(to_col(now))
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| {
            let c = client(&r)?;
            let token = ApiToken {
                token_hash: r.try_get("token_hash")?,
                client_id: c.id.clone(),
                scopes: scopes(&r.try_get::<String, _>("token_scopes")?)?,
                issued_at: from_col(r.try_get("issued_at")?)?,
                expires_at: from_col(r.try_get("expires_at")?)?,
            };
            Ok((token, c))
        })
        .transpose()
    }

    async fn count_call(
        &self,
        client_id: &ClientId,
        minute_start: OffsetDateTime,
        limit: u32,
    ) -> StoreResult<Option<u32>> {
        // One statement: the row is created at 1, or raised by one while
        // under the limit; a call over the limit matches no row to update.
        let row = sqlx::query(
            "INSERT INTO api_call_counts (client_id, minute_start, calls) VALUES ($1, $2, 1) \
             ON CONFLICT (client_id, minute_start) DO UPDATE SET calls = api_call_counts.calls + 1 \
             WHERE api_call_counts.calls < $3 \
             RETURNING calls",
        )
        .bind(client_id.as_str())
        .bind(to_col(minute_start))
        .bind(i64::from(limit))
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| {
            let calls: i64 = r.try_get("calls")?;
            u32::try_from(calls).map_err(|_| corrupt("calls", &calls.to_string()))
        })
        .transpose()
    }
}
