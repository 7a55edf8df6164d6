use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{Any, Executor, Row, Transaction};

use super::accounts::parse_iin;
use super::audit::append_with;
use super::time_col::{from_col, from_opt, to_col};
use super::{conflict_or, Db};
use crate::domain::{Channel, Iin, Msisdn};
use crate::ports::{AuditEntry, Binding, BindingEndReason, BindingStore, StoreError, StoreResult};

const COLUMNS: &str = "id, iin, msisdn, operator, channel, bound_at, ended_at, end_reason";

pub(super) fn parse_msisdn(s: &str) -> StoreResult<Msisdn> {
    Msisdn::parse(s).map_err(|e| StoreError::Corrupt(format!("stored number: {e}")))
}

fn binding(r: &AnyRow) -> StoreResult<Binding> {
    let reason: Option<String> = r.try_get("end_reason")?;
    Ok(Binding {
        id: r.try_get("id")?,
        iin: parse_iin(&r.try_get::<String, _>("iin")?)?,
        msisdn: parse_msisdn(&r.try_get::<String, _>("msisdn")?)?,
        operator: r.try_get("operator")?,
        channel: {
            let code: String = r.try_get("channel")?;
            Channel::from_code(&code)
                .ok_or_else(|| StoreError::Corrupt(format!("unknown channel {code}")))?
        },
        bound_at: from_col(r.try_get("bound_at")?)?,
        ended_at: from_opt(r.try_get("ended_at")?)?,
        end_reason: match reason {
            None => None,
            Some(code) => Some(
                BindingEndReason::from_code(&code)
                    .ok_or_else(|| StoreError::Corrupt(format!("binding end reason {code:?}")))?,
            ),
        },
    })
}

/// `INSERT` of every column of `b` (after `sql`'s `VALUES (...)`), ready to run.
fn insert<'q>(
    sql: &'q str,
    b: &'q Binding,
) -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>> {
    sqlx::query(sql)
        .bind(&b.id)
        .bind(b.iin.as_str())
        .bind(b.msisdn.as_str())
        .bind(&b.operator)
        .bind(b.channel.code())
        .bind(to_col(b.bound_at))
        .bind(b.ended_at.map(to_col))
        .bind(b.end_reason.map(|r| r.code()))
}

/// Ends the account's active binding and inserts `b`, inside `tx`. The
/// database's unique indexes refuse a number that is active elsewhere.
pub(super) async fn insert_binding_tx(
    tx: &mut Transaction<'_, Any>,
    b: &Binding,
) -> StoreResult<()> {
    sqlx::query(
        "UPDATE bindings SET ended_at = $1, end_reason = $2 WHERE iin = $3 AND ended_at IS NULL",
    )
    .bind(to_col(b.bound_at))
    .bind(BindingEndReason::Changed.code())
    .bind(b.iin.as_str())
    .execute(&mut **tx)
    .await?;
    let sql = format!("INSERT INTO bindings ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");
    insert(&sql, b)
        .execute(&mut **tx)
        .await
        .map_err(|e| conflict_or(e, "the number is bound to another account"))?;
    Ok(())
}

/// The active binding whose `column` (`iin` or `msisdn`) is `value`, through
/// the pool or a locked transaction.
pub(super) async fn select_active<'e, E: Executor<'e, Database = Any>>(
    exec: E,
    column: &'static str,
    value: &str,
) -> StoreResult<Option<Binding>> {
    debug_assert!(matches!(column, "iin" | "msisdn"));
    let sql = format!("SELECT {COLUMNS} FROM bindings WHERE {column} = $1 AND ended_at IS NULL");
    let row = sqlx::query(&sql).bind(value).fetch_optional(exec).await?;
    row.as_ref().map(binding).transpose()
}

#[async_trait]
impl BindingStore for Db {
    async fn active_binding(&self, iin: &Iin) -> StoreResult<Option<Binding>> {
        select_active(self.pool(), "iin", iin.as_str()).await
    }

    async fn binding_history(&self, iin: &Iin) -> StoreResult<Vec<Binding>> {
        let sql =
            // Times are whole seconds: a change within the second that bound the
            // old number ties on `bound_at`, so the one still active comes first.
            format!(
                "SELECT {COLUMNS} FROM bindings WHERE iin = $1 \
                 ORDER BY bound_at DESC, CASE WHEN ended_at IS NULL THEN 0 ELSE 1 END, ended_at DESC, id"
            );
        let rows = sqlx::query(&sql)
            .bind(iin.as_str())
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(binding).collect()
    }

    async fn bind(&self, b: &Binding, audit: &AuditEntry) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        insert_binding_tx(&mut tx, b).await?;
        append_with(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn insert_binding_if_missing(&self, b: &Binding) -> StoreResult<bool> {
        let sql = format!(
            "INSERT INTO bindings ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (id) DO NOTHING"
        );
        let done = insert(&sql, b)
            .execute(self.pool())
            .await
            .map_err(|e| conflict_or(e, "the number is bound to another account"))?;
        Ok(done.rows_affected() == 1)
    }
}
