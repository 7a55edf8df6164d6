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
        let done = sqlx::query(
            "INSERT INTO accounts (iin, name_cyrillic, name_latin, password_hash, created_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (iin) DO NOTHING",
        )
        .bind(a.iin.as_str())
        .bind(&a.name_cyrillic)
        .bind(&a.name_latin)
        .bind(&a.password_hash)
        .bind(to_col(now))
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn sign_in_failures(&self, iin: &Iin) -> StoreResult<SignInFailures> {
        let row = sqlx::query(
            "SELECT failures, window_started_at, locked_until FROM sign_in_failures WHERE iin = $1",
        )
        .bind(iin.as_str())
        .fetch_optional(self.pool())
        .await?;
        let Some(r) = row else {
            return Ok(SignInFailures::default());
        };
        Ok(SignInFailures {
            count: u32::try_from(r.try_get::<i64, _>("failures")?).unwrap_or(u32::MAX),
            window_started_at: from_opt(r.try_get("window_started_at")?)?,
            locked_until: from_opt(r.try_get("locked_until")?)?,
        })
    }

    async fn set_sign_in_failures(&self, iin: &Iin, f: &SignInFailures) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO sign_in_failures (iin, failures, window_started_at, locked_until) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (iin) DO UPDATE SET \
             failures = excluded.failures, window_started_at = excluded.window_started_at, \
             locked_until = excluded.locked_until",
        )
        .bind(iin.as_str())
        .bind(i64::from(f.count))
        .bind(f.window_started_at.map(to_col))
        .bind(f.locked_until.map(to_col))
        .execute(self.pool())
        .await?;
        Ok(())
    }
}
