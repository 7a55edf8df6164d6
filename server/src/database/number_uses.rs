//! The bound number at work: sign-in codes, the second factor's switch,
//! the messages written for each citizen, and notification opt-outs.

use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::Row;
use time::OffsetDateTime;

use super::account_tx::SqlAccountTx;
use super::accounts::parse_iin;
use super::bindings::parse_msisdn;
use super::code_tries::{self, Codes};
use super::time_col::{from_col, from_opt, to_col};
use super::Db;
use crate::domain::Iin;
use crate::ports::{NumberUseStore, NumberUseTx, SentMessage, SignInCode, StoreResult};

const CODE_COLUMNS: &str = "id, attempt_hash, attempt_started_at, iin, msisdn, code_hmac, \
                            created_at, expires_at, wrong_tries, used_at, voided_at";

fn sign_in_code(r: &AnyRow) -> StoreResult<SignInCode> {
    Ok(SignInCode {
        id: r.try_get("id")?,
        attempt_hash: r.try_get("attempt_hash")?,
        attempt_started_at: from_col(r.try_get("attempt_started_at")?)?,
        iin: parse_iin(&r.try_get::<String, _>("iin")?)?,
        msisdn: parse_msisdn(&r.try_get::<String, _>("msisdn")?)?,
        code_hmac: r.try_get("code_hmac")?,
        created_at: from_col(r.try_get("created_at")?)?,
        expires_at: from_col(r.try_get("expires_at")?)?,
        wrong_tries: u32::try_from(r.try_get::<i64, _>("wrong_tries")?).unwrap_or(u32::MAX),
        used_at: from_opt(r.try_get("used_at")?)?,
        voided_at: from_opt(r.try_get("voided_at")?)?,
    })
}

fn latest_code_query() -> String {
    format!(
        "SELECT {CODE_COLUMNS} FROM sign_in_codes WHERE attempt_hash = $1 \
         ORDER BY created_at DESC, id DESC LIMIT 1"
    )
}

fn count_and_oldest(r: &AnyRow) -> StoreResult<(u32, Option<OffsetDateTime>)> {
    Ok((
        u32::try_from(r.try_get::<i64, _>("n")?).unwrap_or(u32::MAX),
        from_opt(r.try_get::<Option<i64>, _>("oldest")?)?,
    ))
}

#[async_trait]
impl NumberUseStore for Db {
    async fn second_factor(&self, iin: &Iin) -> StoreResult<bool> {
        let on: Option<i64> =
            sqlx::query_scalar("SELECT second_factor FROM accounts WHERE iin = $1")
                .bind(iin.as_str())
                .fetch_optional(self.pool())
                .await?;
        Ok(on == Some(1))
    }

    async fn latest_sign_in_code(&self, attempt_hash: &str) -> StoreResult<Option<SignInCode>> {
        sqlx::query(&latest_code_query())
            .bind(attempt_hash)
            .fetch_optional(self.pool())
            .await?
            .as_ref()
            .map(sign_in_code)
            .transpose()
    }

    async fn messages_of(&self, iin: &Iin, limit: i64) -> StoreResult<Vec<SentMessage>> {
        let rows = sqlx::query(
            "SELECT id, msisdn, created_at, kind, topic, sender, body FROM sms_outbox \
             WHERE iin = $1 ORDER BY created_at DESC, id DESC LIMIT $2",
        )
        .bind(iin.as_str())
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(SentMessage {
                    id: r.try_get("id")?,
                    msisdn: parse_msisdn(&r.try_get::<String, _>("msisdn")?)?,
                    created_at: from_col(r.try_get("created_at")?)?,
                    kind: r.try_get::<Option<String>, _>("kind")?.unwrap_or_default(),
                    topic: r.try_get("topic")?,
                    sender: r.try_get("sender")?,
                    body: r.try_get("body")?,
                })
            })
            .collect()
    }

    async fn opt_outs(&self, iin: &Iin) -> StoreResult<Vec<String>> {
        Ok(sqlx::query_scalar(
            "SELECT purpose FROM notification_opt_outs WHERE iin = $1 ORDER BY purpose",
        )
        .bind(iin.as_str())
        .fetch_all(self.pool())
        .await?)
    }
}

#[async_trait]
impl NumberUseTx for SqlAccountTx {
    async fn second_factor(&mut self) -> StoreResult<bool> {
        let iin = self.iin().as_str().to_owned();
        let on: Option<i64> =
            sqlx::query_scalar("SELECT second_factor FROM accounts WHERE iin = $1")
                .bind(iin)
                .fetch_optional(self.conn())
                .await?;
        Ok(on == Some(1))
    }

    async fn set_second_factor(&mut self, on: bool) -> StoreResult<()> {
        let iin = self.iin().as_str().to_owned();
        sqlx::query("UPDATE accounts SET second_factor = $1 WHERE iin = $2")
            .bind(i64::from(on))
            .bind(iin)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    async fn end_other_sessions(&mut self, keep: &str) -> StoreResult<u64> {
        let iin = self.iin().as_str().to_owned();
        let done = sqlx::query("DELETE FROM sessions WHERE iin = $1 AND token_hash <> $2")
            .bind(iin)
            .bind(keep)
            .execute(self.conn())
            .await?;
        Ok(done.rows_affected())
    }

    async fn sign_in_codes_to(
        &mut self,
        msisdn: &crate::domain::Msisdn,
        since: OffsetDateTime,
    ) -> StoreResult<(u32, Option<OffsetDateTime>)> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM sign_in_codes \
             WHERE msisdn = $1 AND created_at > $2",
        )
        .bind(msisdn.as_str())
        .bind(to_col(since))
        .fetch_one(self.conn())
        .await?;
        count_and_oldest(&row)
    }

    async fn latest_sign_in_code(&mut self, attempt_hash: &str) -> StoreResult<Option<SignInCode>> {
        sqlx::query(&latest_code_query())
            .bind(attempt_hash)
            .fetch_optional(self.conn())
            .await?
            .as_ref()
            .map(sign_in_code)
            .transpose()
    }

    async fn add_sign_in_code(&mut self, c: &SignInCode) -> StoreResult<()> {
        sqlx::query(
            "UPDATE sign_in_codes SET voided_at = $1 \
             WHERE attempt_hash = $2 AND used_at IS NULL AND voided_at IS NULL",
        )
        .bind(to_col(c.created_at))
        .bind(&c.attempt_hash)
        .execute(self.conn())
        .await?;
        sqlx::query(&format!(
            "INSERT INTO sign_in_codes ({CODE_COLUMNS}) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, NULL)"
        ))
        .bind(&c.id)
        .bind(&c.attempt_hash)
        .bind(to_col(c.attempt_started_at))
        .bind(c.iin.as_str())
        .bind(c.msisdn.as_str())
        .bind(&c.code_hmac)
        .bind(to_col(c.created_at))
        .bind(to_col(c.expires_at))
        .bind(i64::from(c.wrong_tries))
        .execute(self.conn())
        .await?;
        Ok(())
    }

    async fn count_wrong_sign_in_try(
        &mut self,
        id: &str,
        now: OffsetDateTime,
        max_tries: u32,
    ) -> StoreResult<Option<u32>> {
        code_tries::count_wrong(self.conn(), Codes::SignIn, id, now, max_tries).await
    }

    async fn use_sign_in_code(
        &mut self,
        id: &str,
        now: OffsetDateTime,
        max_tries: u32,
    ) -> StoreResult<bool> {
        code_tries::use_code(self.conn(), Codes::SignIn, id, now, max_tries).await
    }

    async fn opted_out(&mut self, purpose: &str) -> StoreResult<bool> {
        let iin = self.iin().as_str().to_owned();
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT 1 FROM notification_opt_outs WHERE iin = $1 AND purpose = $2",
        )
        .bind(iin)
        .bind(purpose)
        .fetch_optional(self.conn())
        .await?;
        Ok(found.is_some())
    }

    async fn set_opt_out(
        &mut self,
        purpose: &str,
        out: bool,
        at: OffsetDateTime,
    ) -> StoreResult<bool> {
        let iin = self.iin().as_str().to_owned();
        let done = if out {
            sqlx::query(
                "INSERT INTO notification_opt_outs (iin, purpose, at) VALUES ($1, $2, $3) \
                 ON CONFLICT (iin, purpose) DO NOTHING",
            )
            .bind(iin)
            .bind(purpose)
            .bind(to_col(at))
            .execute(self.conn())
            .await?
        } else {
            sqlx::query("DELETE FROM notification_opt_outs WHERE iin = $1 AND purpose = $2")
                .bind(iin)
                .bind(purpose)
                .execute(self.conn())
                .await?
        };
        Ok(done.rows_affected() == 1)
    }

    async fn notifications_since(
        &mut self,
        since: OffsetDateTime,
        sender: Option<&str>,
    ) -> StoreResult<(u32, Option<OffsetDateTime>)> {
        let iin = self.iin().as_str().to_owned();
        let row = sqlx::query(
            "SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM sms_outbox \
             WHERE iin = $1 AND kind = 'notification' AND created_at > $2 \
             AND ($3 = '' OR sender = $3)",
        )
        .bind(iin)
        .bind(to_col(since))
        .bind(sender.unwrap_or(""))
        .fetch_one(self.conn())
        .await?;
        count_and_oldest(&row)
    }
}
