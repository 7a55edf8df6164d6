//! Binding requests, their one-time codes and consents.

use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};
use time::OffsetDateTime;

use super::accounts::parse_iin;
use super::audit::append_with;
use super::bindings::{insert_binding_tx, parse_msisdn};
use super::time_col::{from_col, from_opt, to_col};
use super::Db;
use crate::domain::{BindingState, Channel, Iin, Msisdn, Purpose};
use crate::ports::{
    AuditEntry, Binding, BindingRequest, Consent, OtpChallenge, RequestStore, StateChange,
    StoreError, StoreResult,
};

const REQUEST_COLUMNS: &str =
    "id, iin, msisdn, channel, purpose, state, refusal_ground, started_at, updated_at, sign_nonce";
/// The states of a request that has not ended, as stored.
const OPEN_STATES: &str = "'awaiting_code', 'awaiting_certification'";
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

async fn insert_challenge(tx: &mut Transaction<'_, Any>, c: &OtpChallenge) -> StoreResult<()> {
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
async fn void_live_codes_tx(
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

/// Moves the request if it is still in `change.from`; true if it moved.
async fn change_state_tx(tx: &mut Transaction<'_, Any>, change: &StateChange) -> StoreResult<bool> {
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
    Ok(done.rows_affected() == 1)
}

#[async_trait]
impl RequestStore for Db {
    async fn insert_request(
        &self,
        r: &BindingRequest,
        c: &OtpChallenge,
        withdraw: &[(StateChange, AuditEntry)],
        audit: &AuditEntry,
    ) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        for (change, entry) in withdraw {
            if change_state_tx(&mut tx, change).await? {
                void_live_codes_tx(&mut tx, &change.request_id, change.at).await?;
                append_with(&mut *tx, entry).await?;
            }
        }
        sqlx::query(&format!(
            "INSERT INTO binding_requests ({REQUEST_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
        ))
        .bind(&r.id)
        .bind(r.iin.as_str())
        .bind(r.msisdn.as_str())
        .bind(r.channel.code())
        .bind(r.purpose.code())
        .bind(r.state.code())
        .bind(r.state.ground().map(|g| g.code()))
        .bind(to_col(r.started_at))
        .bind(to_col(r.updated_at))
        .bind(r.sign_nonce.as_deref())
        .execute(&mut *tx)
        .await?;
        insert_challenge(&mut tx, c).await?;
        append_with(&mut *tx, audit).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn open_requests_of(&self, iin: &Iin) -> StoreResult<Vec<BindingRequest>> {
        let sql = format!(
            "SELECT {REQUEST_COLUMNS} FROM binding_requests \
             WHERE iin = $1 AND state IN ({OPEN_STATES}) ORDER BY started_at, id"
        );
        let rows = sqlx::query(&sql)
            .bind(iin.as_str())
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(request).collect()
    }

    async fn request(&self, id: &str) -> StoreResult<Option<BindingRequest>> {
        let sql = format!("SELECT {REQUEST_COLUMNS} FROM binding_requests WHERE id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(request).transpose()
    }

    async fn latest_challenge(&self, request_id: &str) -> StoreResult<Option<OtpChallenge>> {
        let sql = format!(
            "SELECT {CHALLENGE_COLUMNS} FROM otp_challenges WHERE request_id = $1 \
             ORDER BY created_at DESC, id DESC LIMIT 1"
        );
        let row = sqlx::query(&sql)
            .bind(request_id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(challenge).transpose()
    }

    async fn add_challenge(&self, c: &OtpChallenge, audit: &AuditEntry) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        void_live_codes_tx(&mut tx, &c.request_id, c.created_at).await?;
        insert_challenge(&mut tx, c).await?;
        append_with(&mut *tx, audit).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn codes_sent_since(&self, msisdn: &Msisdn, since: OffsetDateTime) -> StoreResult<u32> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n FROM otp_challenges WHERE msisdn = $1 AND created_at > $2",
        )
        .bind(msisdn.as_str())
        .bind(to_col(since))
        .fetch_one(self.pool())
        .await?;
        Ok(u32::try_from(row.try_get::<i64, _>("n")?).unwrap_or(u32::MAX))
    }

    async fn codes_sent_for_account_since(
        &self,
        iin: &Iin,
        since: OffsetDateTime,
    ) -> StoreResult<u32> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n FROM otp_challenges c \
             JOIN binding_requests r ON r.id = c.request_id \
             WHERE r.iin = $1 AND r.started_at > $2 AND c.created_at > $3",
        )
        .bind(iin.as_str())
        // A code is only ever sent while its request is open.
        .bind(to_col(since - crate::domain::REQUEST_TERM))
        .bind(to_col(since))
        .fetch_one(self.pool())
        .await?;
        Ok(u32::try_from(row.try_get::<i64, _>("n")?).unwrap_or(u32::MAX))
    }

    async fn record_wrong_code(
        &self,
        challenge_id: &str,
        refuse: Option<&StateChange>,
        audit: &AuditEntry,
    ) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        sqlx::query("UPDATE otp_challenges SET wrong_tries = wrong_tries + 1 WHERE id = $1")
            .bind(challenge_id)
            .execute(&mut *tx)
            .await?;
        if let Some(change) = refuse {
            sqlx::query("UPDATE otp_challenges SET voided_at = $1 WHERE id = $2")
                .bind(to_col(change.at))
                .bind(challenge_id)
                .execute(&mut *tx)
                .await?;
            change_state_tx(&mut tx, change).await?;
        }
        append_with(&mut *tx, audit).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn confirm_code(
        &self,
        challenge_id: &str,
        change: &StateChange,
        nonce: &str,
        audit: &AuditEntry,
    ) -> StoreResult<bool> {
        let mut tx = self.pool().begin().await?;
        let used = sqlx::query(
            "UPDATE otp_challenges SET used_at = $1 WHERE id = $2 AND used_at IS NULL AND voided_at IS NULL",
        )
        .bind(to_col(change.at))
        .bind(challenge_id)
        .execute(&mut *tx)
        .await?;
        if used.rows_affected() != 1 || !change_state_tx(&mut tx, change).await? {
            return Ok(false);
        }
        sqlx::query("UPDATE binding_requests SET sign_nonce = $1 WHERE id = $2")
            .bind(nonce)
            .bind(&change.request_id)
            .execute(&mut *tx)
            .await?;
        append_with(&mut *tx, audit).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn change_state(&self, change: &StateChange, audit: &AuditEntry) -> StoreResult<bool> {
        let mut tx = self.pool().begin().await?;
        if !change_state_tx(&mut tx, change).await? {
            return Ok(false);
        }
        append_with(&mut *tx, audit).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn complete_binding(
        &self,
        change: &StateChange,
        b: &Binding,
        audit: &AuditEntry,
    ) -> StoreResult<bool> {
        let mut tx = self.pool().begin().await?;
        if !change_state_tx(&mut tx, change).await? {
            return Ok(false);
        }
        insert_binding_tx(&mut tx, b).await?;
        append_with(&mut *tx, audit).await?;
        tx.commit().await?;
        Ok(true)
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

    async fn grant_consent(&self, c: &Consent, audit: &AuditEntry) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        sqlx::query("INSERT INTO consents (id, iin, purpose, granted_at, revoked_at) VALUES ($1, $2, $3, $4, NULL)")
            .bind(&c.id)
            .bind(c.iin.as_str())
            .bind("restricted_personal_data")
            .bind(to_col(c.granted_at))
            .execute(&mut *tx)
            .await?;
        append_with(&mut *tx, audit).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn revoke_consents(
        &self,
        iin: &Iin,
        at: OffsetDateTime,
        audit: &AuditEntry,
    ) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        let done = sqlx::query(
            "UPDATE consents SET revoked_at = $1 WHERE iin = $2 AND revoked_at IS NULL",
        )
        .bind(to_col(at))
        .bind(iin.as_str())
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() > 0 {
            append_with(&mut *tx, audit).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn active_consent(&self, iin: &Iin) -> StoreResult<Option<Consent>> {
        let row = sqlx::query(
            "SELECT id, iin, granted_at, revoked_at FROM consents WHERE iin = $1 AND revoked_at IS NULL \
             ORDER BY granted_at DESC LIMIT 1",
        )
        .bind(iin.as_str())
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| {
            Ok(Consent {
                id: r.try_get("id")?,
                iin: parse_iin(&r.try_get::<String, _>("iin")?)?,
                granted_at: from_col(r.try_get("granted_at")?)?,
                revoked_at: from_opt(r.try_get("revoked_at")?)?,
            })
        })
        .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::OPEN_STATES;
    use crate::domain::{BindingState, RefusalGround};

    #[test]
    fn the_stored_open_states_are_the_domains_open_states() {
        for s in [
            BindingState::AwaitingCode,
            BindingState::AwaitingCertification,
            BindingState::Bound,
            BindingState::Refused(RefusalGround::PersonDeceased),
            BindingState::Expired,
            BindingState::Withdrawn,
        ] {
            let listed = OPEN_STATES.contains(&format!("'{}'", s.code()));
            assert_eq!(listed, !s.is_ended(), "{s:?}");
        }
    }
}
