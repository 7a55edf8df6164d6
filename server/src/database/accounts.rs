use async_trait::async_trait;
use sqlx::Row;
use time::OffsetDateTime;

use super::time_col::{from_opt, to_col};
use super::Db;
use crate::domain::Iin;
use crate::ports::{Account, AccountStore, SignInFailures, StoreError, StoreResult};

pub(super) fn parse_iin(s: &str) -> StoreResult<Iin> {
    Iin::parse(s).map_err(|e| StoreError::Corrupt(format!("stored IIN: {e}")))
}

/// Inserts the account unless its IIN has one; true if inserted.
pub(super) async fn insert_account_with<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    exec: E,
    a: &Account,
    now: OffsetDateTime,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "INSERT INTO accounts (iin, name_cyrillic, name_latin, password_hash, created_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (iin) DO NOTHING",
    )
    .bind(a.iin.as_str())
    .bind(&a.name_cyrillic)
    .bind(&a.name_latin)
    .bind(&a.password_hash)
    .bind(to_col(now))
    .execute(exec)
    .await?;
    Ok(done.rows_affected() == 1)
}

fn failures(r: &sqlx::any::AnyRow) -> StoreResult<SignInFailures> {
    Ok(SignInFailures {
        count: u32::try_from(r.try_get::<i64, _>("failures")?).unwrap_or(u32::MAX),
        window_started_at: from_opt(r.try_get("window_started_at")?)?,
        locked_until: from_opt(r.try_get("locked_until")?)?,
    })
}

#[async_trait]
impl AccountStore for Db {
    async fn account(&self, iin: &Iin) -> StoreResult<Option<Account>> {
        let row = sqlx::query(
            "SELECT iin, name_cyrillic, name_latin, password_hash FROM accounts WHERE iin = $1",
        )
        .bind(iin.as_str())
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| {
            Ok(Account {
                iin: parse_iin(&r.try_get::<String, _>("iin")?)?,
                name_cyrillic: r.try_get("name_cyrillic")?,
                name_latin: r.try_get("name_latin")?,
                password_hash: r.try_get("password_hash")?,
            })
        })
        .transpose()
    }

    async fn insert_account_if_missing(
        &self,
        a: &Account,
        now: OffsetDateTime,
    ) -> StoreResult<bool> {
        insert_account_with(self.pool(), a, now).await
    }

    async fn sign_in_failures(&self, key: &str) -> StoreResult<SignInFailures> {
        let row = sqlx::query(
            "SELECT failures, window_started_at, locked_until FROM sign_in_failures WHERE iin = $1",
        )
        .bind(key)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref()
            .map(failures)
            .transpose()
            .map(Option::unwrap_or_default)
    }

    async fn reserve_sign_in_attempt(
        &self,
        key: &str,
        next: &(dyn for<'f> Fn(&'f SignInFailures) -> Option<SignInFailures> + Send + Sync),
    ) -> StoreResult<(SignInFailures, Option<SignInFailures>)> {
        let mut tx = self.begin_write().await?;
        // The upsert that updates locks the record (created on first use)
        // until commit, so parallel attempts are counted one after another.
        let row = sqlx::query(
            "INSERT INTO sign_in_failures (iin, failures, window_started_at, locked_until) \
             VALUES ($1, 0, NULL, NULL) ON CONFLICT (iin) DO UPDATE SET iin = excluded.iin \
             RETURNING failures, window_started_at, locked_until",
        )
        .bind(key)
        .fetch_one(&mut *tx)
        .await?;
        let stored = failures(&row)?;
        let Some(new) = next(&stored) else {
            return Ok((stored, None));
        };
        sqlx::query(
            "UPDATE sign_in_failures SET failures = $1, window_started_at = $2, locked_until = $3 \
             WHERE iin = $4",
        )
        .bind(i64::from(new.count))
        .bind(new.window_started_at.map(to_col))
        .bind(new.locked_until.map(to_col))
        .bind(key)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok((stored, Some(new)))
    }

    async fn clear_sign_in_failures(&self, key: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM sign_in_failures WHERE iin = $1")
            .bind(key)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    async fn forget_sign_in_failures(
        &self,
        before: OffsetDateTime,
        now: OffsetDateTime,
    ) -> StoreResult<u64> {
        let done = sqlx::query(
            "DELETE FROM sign_in_failures WHERE window_started_at < $1 \
             AND (locked_until IS NULL OR locked_until <= $2)",
        )
        .bind(to_col(before))
        .bind(to_col(now))
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected())
    }
}
