//! [`AccountTx`] over one SQL transaction that holds the account's lock
//! (see `locks.rs`). Every statement runs inside it; nothing is visible to
//! anyone else until `commit`.

use async_trait::async_trait;
use sqlx::Row;
use time::OffsetDateTime;

use super::audit::append_with;
use super::bindings::{self, insert_binding_tx};
use super::code_tries::{self, Codes};
use super::locks::{lock_number_row, Tx};
use super::permissions;
use super::requests::{
    self, change_state_tx, insert_challenge, void_live_codes_tx, REQUEST_COLUMNS,
};
use super::time_col::{from_opt, to_col};
use super::Engine;
use crate::domain::{Iin, Msisdn, REQUEST_TERM};
use crate::ports::{
    AccountTx, AuditEntry, Binding, BindingEndReason, BindingRequest, BindingTx, CodeCounts,
    CodeTx, Consent, ConsentTx, DocumentPermission, OtpChallenge, PermissionTx, RequestTx,
    StateChange, StoreResult,
};

pub(super) struct SqlAccountTx {
    tx: Tx,
    iin: Iin,
    engine: Engine,
    /// Audit entries, appended at commit: the chain's head is then always
    /// the last lock the transaction takes, so it never waits for a row
    /// while holding the head another transaction waits for.
    audit: Vec<AuditEntry>,
}

impl SqlAccountTx {
    pub(super) fn new(tx: Tx, iin: Iin, engine: Engine) -> Self {
        Self {
            tx,
            iin,
            engine,
            audit: Vec::new(),
        }
    }

    /// The locked account.
    pub(super) fn iin(&self) -> &Iin {
        &self.iin
    }

    /// The transaction's connection, for statements of other modules.
    pub(super) fn conn(&mut self) -> &mut sqlx::AnyConnection {
        &mut self.tx
    }
}

fn count(row: &sqlx::any::AnyRow) -> StoreResult<u32> {
    Ok(u32::try_from(row.try_get::<i64, _>("n")?).unwrap_or(u32::MAX))
}

#[async_trait]
impl CodeTx for SqlAccountTx {
    async fn lock_number(&mut self, msisdn: &Msisdn) -> StoreResult<()> {
        lock_number_row(&mut self.tx, msisdn).await
    }

    async fn code_counts(
        &mut self,
        msisdn: &Msisdn,
        since: OffsetDateTime,
        bank: Option<&crate::domain::api_client::ClientId>,
    ) -> StoreResult<CodeCounts> {
        // Whose codes count: the bank's own, or the citizen's own channels'.
        let whose = if bank.is_some() {
            "r.channel = 'bank' AND r.client_id = $4"
        } else {
            "r.channel <> 'bank' AND $4 = ''"
        };
        let bank = bank.map_or("", |c| c.as_str());
        // A code is only ever sent while its request is open: within its
        // 10-minute term, lengthened by maintenance breaks (at most a day
        // each; two are allowed for) — the bound keeps the index usable.
        let opened_after = since - REQUEST_TERM - 2 * crate::domain::maintenance::LONGEST;
        let to_number = sqlx::query(&format!(
            "SELECT COUNT(*) AS n, MIN(c.created_at) AS oldest FROM otp_challenges c \
             JOIN binding_requests r ON r.id = c.request_id \
             WHERE c.msisdn = $1 AND r.started_at > $2 AND c.created_at > $3 AND {whose}"
        ))
        .bind(msisdn.as_str())
        .bind(to_col(opened_after))
        .bind(to_col(since))
        .bind(bank)
        .fetch_one(&mut *self.tx)
        .await?;
        let for_account = sqlx::query(&format!(
            "SELECT COUNT(*) AS n, MIN(c.created_at) AS oldest FROM otp_challenges c \
             JOIN binding_requests r ON r.id = c.request_id \
             WHERE r.iin = $1 AND r.started_at > $2 AND c.created_at > $3 AND {whose}"
        ))
        .bind(self.iin.as_str())
        .bind(to_col(opened_after))
        .bind(to_col(since))
        .bind(bank)
        .fetch_one(&mut *self.tx)
        .await?;
        let oldest = |row: &sqlx::any::AnyRow| -> StoreResult<Option<OffsetDateTime>> {
            from_opt(row.try_get::<Option<i64>, _>("oldest")?)
        };
        Ok(CodeCounts {
            to_number: count(&to_number)?,
            for_account: count(&for_account)?,
            oldest_to_number: oldest(&to_number)?,
            oldest_for_account: oldest(&for_account)?,
        })
    }

    async fn latest_challenge(&mut self, request_id: &str) -> StoreResult<Option<OtpChallenge>> {
        requests::select_latest_challenge(&mut *self.tx, request_id).await
    }

    async fn add_challenge(&mut self, c: &OtpChallenge) -> StoreResult<()> {
        void_live_codes_tx(&mut self.tx, &c.request_id, c.created_at).await?;
        insert_challenge(&mut self.tx, c).await
    }

    async fn count_wrong_try(
        &mut self,
        challenge_id: &str,
        now: OffsetDateTime,
        max_tries: u32,
    ) -> StoreResult<Option<u32>> {
        code_tries::count_wrong(&mut self.tx, Codes::Binding, challenge_id, now, max_tries).await
    }

    async fn use_code(
        &mut self,
        challenge_id: &str,
        now: OffsetDateTime,
        max_tries: u32,
    ) -> StoreResult<bool> {
        code_tries::use_code(&mut self.tx, Codes::Binding, challenge_id, now, max_tries).await
    }
}

#[async_trait]
impl RequestTx for SqlAccountTx {
    async fn open_requests(&mut self) -> StoreResult<Vec<BindingRequest>> {
        requests::select_open_requests(&mut *self.tx, &self.iin).await
    }

    async fn request(&mut self, id: &str) -> StoreResult<Option<BindingRequest>> {
        requests::select_request(&mut *self.tx, id).await
    }

    async fn insert_request(&mut self, r: &BindingRequest) -> StoreResult<()> {
        sqlx::query(&format!(
            "INSERT INTO binding_requests ({REQUEST_COLUMNS}) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
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
        .bind(r.client_id.as_ref().map(|c| c.as_str()))
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn change_state(&mut self, change: &StateChange) -> StoreResult<bool> {
        change_state_tx(&mut self.tx, change).await
    }

    async fn set_sign_nonce(&mut self, request_id: &str, nonce: &str) -> StoreResult<()> {
        sqlx::query("UPDATE binding_requests SET sign_nonce = $1 WHERE id = $2")
            .bind(nonce)
            .bind(request_id)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }
}

#[async_trait]
impl BindingTx for SqlAccountTx {
    async fn active_binding(&mut self) -> StoreResult<Option<Binding>> {
        bindings::select_active(&mut *self.tx, "iin", self.iin.as_str()).await
    }

    async fn binding_of_number(&mut self, msisdn: &Msisdn) -> StoreResult<Option<Binding>> {
        bindings::select_active(&mut *self.tx, "msisdn", msisdn.as_str()).await
    }

    async fn lock_bindings(&mut self, ids: &[&str]) -> StoreResult<()> {
        // SQLite's immediate transaction already excludes every other writer.
        if self.engine == Engine::Postgres {
            let mut sorted = ids.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            for id in sorted {
                sqlx::query("SELECT id FROM bindings WHERE id = $1 FOR UPDATE")
                    .bind(id)
                    .fetch_optional(&mut *self.tx)
                    .await?;
            }
        }
        Ok(())
    }

    async fn end_binding(
        &mut self,
        binding_id: &str,
        at: OffsetDateTime,
        reason: BindingEndReason,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE bindings SET ended_at = $1, end_reason = $2 WHERE id = $3 AND ended_at IS NULL",
        )
        .bind(to_col(at))
        .bind(reason.code())
        .bind(binding_id)
        .execute(&mut *self.tx)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn insert_binding(&mut self, b: &Binding) -> StoreResult<()> {
        insert_binding_tx(&mut self.tx, b).await
    }
}

#[async_trait]
impl ConsentTx for SqlAccountTx {
    async fn active_consent(&mut self) -> StoreResult<Option<Consent>> {
        requests::select_active_consent(&mut *self.tx, &self.iin).await
    }

    async fn grant_consent(&mut self, c: &Consent) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO consents (id, iin, purpose, granted_at, revoked_at) \
             VALUES ($1, $2, $3, $4, NULL)",
        )
        .bind(&c.id)
        .bind(c.iin.as_str())
        .bind("restricted_personal_data")
        .bind(to_col(c.granted_at))
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn revoke_consents(&mut self, at: OffsetDateTime) -> StoreResult<Vec<String>> {
        let rows = sqlx::query(
            "UPDATE consents SET revoked_at = $1 WHERE iin = $2 AND revoked_at IS NULL RETURNING id",
        )
        .bind(to_col(at))
        .bind(self.iin.as_str())
        .fetch_all(&mut *self.tx)
        .await?;
        rows.iter()
            .map(|r| Ok(r.try_get::<String, _>("id")?))
            .collect()
    }

    async fn reinstate_consents(&mut self, ids: &[String]) -> StoreResult<()> {
        for id in ids {
            sqlx::query("UPDATE consents SET revoked_at = NULL WHERE id = $1 AND iin = $2")
                .bind(id)
                .bind(self.iin.as_str())
                .execute(&mut *self.tx)
                .await?;
        }
        Ok(())
    }

    async fn remove_consent(&mut self, id: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM consents WHERE id = $1 AND iin = $2")
            .bind(id)
            .bind(self.iin.as_str())
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }
}

#[async_trait]
impl PermissionTx for SqlAccountTx {
    async fn insert_permission(&mut self, p: &DocumentPermission) -> StoreResult<()> {
        permissions::insert_permission_with(&mut *self.tx, p).await
    }

    async fn grant_permissions_of(
        &mut self,
        request_id: &str,
        at: OffsetDateTime,
    ) -> StoreResult<u64> {
        permissions::grant_of_request_with(&mut *self.tx, request_id, at).await
    }
}

#[async_trait]
impl AccountTx for SqlAccountTx {
    async fn enqueue_sms(&mut self, message: &crate::ports::OutgoingSms) -> StoreResult<()> {
        super::outbox::insert_outgoing(&mut self.tx, message).await
    }

    async fn audit(&mut self, entry: &AuditEntry) -> StoreResult<()> {
        self.audit.push(entry.clone());
        Ok(())
    }

    async fn commit(self: Box<Self>) -> StoreResult<()> {
        let mut this = *self;
        for entry in &this.audit {
            append_with(&mut this.tx, entry).await?;
        }
        this.tx.commit().await?;
        Ok(())
    }
}
