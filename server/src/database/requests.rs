//! Binding requests, their one-time codes and consents.

use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{Any, Executor, Row, Transaction};
use time::OffsetDateTime;

use super::account_tx::SqlAccountTx;
use super::accounts::parse_iin;
use super::bindings::parse_msisdn;
use super::time_col::{from_col, from_opt, to_col};
use super::Db;
use crate::domain::{BindingState, Channel, Iin, Msisdn, Purpose};
use crate::ports::{
    AccountTx, BindingRequest, ChannelUse, CodeTx, Consent, OtpChallenge, RequestStore,
    StateChange, StoreError, StoreResult,
};

pub(super) const REQUEST_COLUMNS: &str =
    "id, iin, msisdn, channel, purpose, state, refusal_ground, started_at, updated_at, sign_nonce, client_id";
/// The states of a request that has not ended, as stored.
const OPEN_STATES: &str = "'awaiting_code', 'awaiting_certification', 'awaiting_signature'";
const CHALLENGE_COLUMNS: &str =
    "id, request_id, msisdn, code_hmac, created_at, expires_at, wrong_tries, used_at, voided_at";

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} {value:?}"))
}

fn request(r: &AnyRow) -> StoreResult<BindingRequest> {
    let state: String = r.try_get("state")?;
    let ground: Option<String> = r.try_get("refusal_ground")?;
    let channel: String = r.try_get("channel")?;
    let purpose: String = r.try_get("purpose")?;
    Ok(BindingRequest {
        id: r.try_get("id")?,
        iin: parse_iin(&r.try_get::<String, _>("iin")?)?,
        msisdn: parse_msisdn(&r.try_get::<String, _>("msisdn")?)?,
        channel: Channel::from_code(&channel).ok_or_else(|| corrupt("channel", &channel))?,
        purpose: Purpose::from_code(&purpose).ok_or_else(|| corrupt("purpose", &purpose))?,
        state: BindingState::from_code(&state, ground.as_deref())
            .ok_or_else(|| corrupt("state", &state))?,
        started_at: from_col(r.try_get("started_at")?)?,
        updated_at: from_col(r.try_get("updated_at")?)?,
        sign_nonce: r.try_get("sign_nonce")?,
        client_id: r
            .try_get::<Option<String>, _>("client_id")?
            .map(|c| {
                crate::domain::api_client::ClientId::parse(&c).map_err(|_| corrupt("client id", &c))
            })
            .transpose()?,
    })
}

fn challenge(r: &AnyRow) -> StoreResult<OtpChallenge> {
    Ok(OtpChallenge {
        id: r.try_get("id")?,
        request_id: r.try_get("request_id")?,
        msisdn: parse_msisdn(&r.try_get::<String, _>("msisdn")?)?,
        code_hmac: r.try_get("code_hmac")?,
        created_at: from_col(r.try_get("created_at")?)?,
        expires_at: from_col(r.try_get("expires_at")?)?,
        wrong_tries: u32::try_from(r.try_get::<i64, _>("wrong_tries")?).unwrap_or(u32::MAX),
        used_at: from_opt(r.try_get("used_at")?)?,
        voided_at: from_opt(r.try_get("voided_at")?)?,
    })
}

pub(super) async fn insert_challenge(
    tx: &mut Transaction<'_, Any>,
    c: &OtpChallenge,
) -> StoreResult<()> {
    sqlx::query(&format!(
        "INSERT INTO otp_challenges ({CHALLENGE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, NULL)"
    ))
    .bind(&c.id)
    .bind(&c.request_id)
    .bind(c.msisdn.as_str())
    .bind(&c.code_hmac)
    .bind(to_col(c.created_at))
    .bind(to_col(c.expires_at))
    .bind(i64::from(c.wrong_tries))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Voids the request's codes that are neither used nor voided yet.
pub(super) async fn void_live_codes_tx(
    tx: &mut Transaction<'_, Any>,
    request_id: &str,
    at: OffsetDateTime,
) -> StoreResult<()> {
    sqlx::query(
        "UPDATE otp_challenges SET voided_at = $1 \
         WHERE request_id = $2 AND used_at IS NULL AND voided_at IS NULL",
    )
    .bind(to_col(at))
    .bind(request_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Moves the request if it is still in `change.from`; true if it moved. A
/// request that ends keeps no live code.
pub(super) async fn change_state_tx(
    tx: &mut Transaction<'_, Any>,
    change: &StateChange,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE binding_requests SET state = $1, refusal_ground = $2, updated_at = $3 \
         WHERE id = $4 AND state = $5",
    )
    .bind(change.to.code())
    .bind(change.to.ground().map(|g| g.code()))
    .bind(to_col(change.at))
    .bind(&change.request_id)
    .bind(change.from.code())
    .execute(&mut **tx)
    .await?;
    let moved = done.rows_affected() == 1;
    if moved && change.to.is_ended() {
        void_live_codes_tx(tx, &change.request_id, change.at).await?;
    }
    Ok(moved)
}

#[async_trait]
impl RequestStore for Db {
    async fn lock_account(
        &self,
        iin: &Iin,
        number: Option<&Msisdn>,
    ) -> StoreResult<Box<dyn AccountTx>> {
        let mut tx = self.begin_write().await?;
        self.lock_account_row(&mut tx, iin).await?;
        let mut locked = SqlAccountTx::new(tx, iin.clone(), self.engine());
        if let Some(n) = number {
            locked.lock_number(n).await?;
        }
        Ok(Box::new(locked))
    }

    async fn open_requests_of(&self, iin: &Iin) -> StoreResult<Vec<BindingRequest>> {
        select_open_requests(self.pool(), iin).await
    }

    async fn request(&self, id: &str) -> StoreResult<Option<BindingRequest>> {
        select_request(self.pool(), id).await
    }

    async fn requests_of(&self, iin: &Iin, limit: i64) -> StoreResult<Vec<BindingRequest>> {
        let rows = sqlx::query(&format!(
            "SELECT {REQUEST_COLUMNS} FROM binding_requests WHERE iin = $1 \
             ORDER BY started_at DESC, id DESC LIMIT $2"
        ))
        .bind(iin.as_str())
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(request).collect()
    }

    async fn latest_challenge(&self, request_id: &str) -> StoreResult<Option<OtpChallenge>> {
        select_latest_challenge(self.pool(), request_id).await
    }

    async fn open_requests_started_before(
        &self,
        before: OffsetDateTime,
    ) -> StoreResult<Vec<BindingRequest>> {
        let sql = format!(
            "SELECT {REQUEST_COLUMNS} FROM binding_requests \
             WHERE state IN ({OPEN_STATES}) AND started_at <= $1"
        );
        let rows = sqlx::query(&sql)
            .bind(to_col(before))
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(request).collect()
    }

    async fn active_consent(&self, iin: &Iin) -> StoreResult<Option<Consent>> {
        select_active_consent(self.pool(), iin).await
    }

    async fn uses_of(&self, iin: &Iin) -> StoreResult<Vec<ChannelUse>> {
        let rows = sqlx::query(
            "SELECT channel, client_id, COUNT(*) AS started, \
             SUM(CASE WHEN state = 'bound' THEN 1 ELSE 0 END) AS bound, \
             MAX(started_at) AS last_started_at \
             FROM binding_requests WHERE iin = $1 \
             GROUP BY channel, client_id ORDER BY last_started_at DESC",
        )
        .bind(iin.as_str())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let channel: String = r.try_get("channel")?;
                let count = |name: &str| -> StoreResult<u32> {
                    let n: i64 = r.try_get(name)?;
                    u32::try_from(n).map_err(|_| corrupt(name, &n.to_string()))
                };
                Ok(ChannelUse {
                    channel: Channel::from_code(&channel)
                        .ok_or_else(|| corrupt("channel", &channel))?,
                    client_id: r
                        .try_get::<Option<String>, _>("client_id")?
                        .map(|c| {
                            crate::domain::api_client::ClientId::parse(&c)
                                .map_err(|_| corrupt("client id", &c))
                        })
                        .transpose()?,
                    started: count("started")?,
                    bound: count("bound")?,
                    last_started_at: from_col(r.try_get("last_started_at")?)?,
                })
            })
            .collect()
    }
}

// The reads both the pool and a locked transaction make, written once.

pub(super) async fn select_open_requests<'e, E: Executor<'e, Database = Any>>(
    exec: E,
    iin: &Iin,
) -> StoreResult<Vec<BindingRequest>> {
    let sql = format!(
        "SELECT {REQUEST_COLUMNS} FROM binding_requests \
         WHERE iin = $1 AND state IN ({OPEN_STATES}) ORDER BY started_at, id"
    );
    let rows = sqlx::query(&sql).bind(iin.as_str()).fetch_all(exec).await?;
    rows.iter().map(request).collect()
}

pub(super) async fn select_request<'e, E: Executor<'e, Database = Any>>(
    exec: E,
    id: &str,
) -> StoreResult<Option<BindingRequest>> {
    let sql = format!("SELECT {REQUEST_COLUMNS} FROM binding_requests WHERE id = $1");
    let row = sqlx::query(&sql).bind(id).fetch_optional(exec).await?;
    row.as_ref().map(request).transpose()
}

pub(super) async fn select_latest_challenge<'e, E: Executor<'e, Database = Any>>(
    exec: E,
    request_id: &str,
) -> StoreResult<Option<OtpChallenge>> {
    let sql = format!(
        "SELECT {CHALLENGE_COLUMNS} FROM otp_challenges WHERE request_id = $1 \
         ORDER BY created_at DESC, id DESC LIMIT 1"
    );
    let row = sqlx::query(&sql)
        .bind(request_id)
        .fetch_optional(exec)
        .await?;
    row.as_ref().map(challenge).transpose()
}

pub(super) async fn select_active_consent<'e, E: Executor<'e, Database = Any>>(
    exec: E,
    iin: &Iin,
) -> StoreResult<Option<Consent>> {
    let row = sqlx::query(
        "SELECT id, iin, granted_at, revoked_at FROM consents \
         WHERE iin = $1 AND revoked_at IS NULL ORDER BY granted_at DESC LIMIT 1",
    )
    .bind(iin.as_str())
    .fetch_optional(exec)
    .await?;
    row.as_ref().map(consent).transpose()
}

fn consent(r: &AnyRow) -> StoreResult<Consent> {
    Ok(Consent {
        id: r.try_get("id")?,
        iin: parse_iin(&r.try_get::<String, _>("iin")?)?,
        granted_at: from_col(r.try_get("granted_at")?)?,
        revoked_at: from_opt(r.try_get("revoked_at")?)?,
    })
}

#[cfg(test)]
mod tests {
    use super::OPEN_STATES;
    use crate::domain::{BindingState, EndReason};

    #[test]
    fn the_stored_open_states_are_the_domains_open_states() {
        for s in [
            BindingState::AwaitingCode,
            BindingState::AwaitingCertification,
            BindingState::AwaitingSignature,
            BindingState::Bound,
            BindingState::Ended(EndReason::PersonDeceased),
            BindingState::Expired,
            BindingState::Withdrawn,
        ] {
            let listed = OPEN_STATES.contains(&format!("'{}'", s.code()));
            assert_eq!(listed, !s.is_ended(), "{s:?}");
        }
    }
}
