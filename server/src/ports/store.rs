//! Storage ports. One SQL implementation serves SQLite and PostgreSQL
//! (`crate::database`); the same contract tests run on both.

use async_trait::async_trait;
use time::OffsetDateTime;

use super::records::*;
use crate::domain::{Iin, Msisdn};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A uniqueness rule of the database refused the write.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

pub type StoreResult<T> = Result<T, StoreError>;

#[async_trait]
pub trait AccountStore: Send + Sync {
    async fn account(&self, iin: &Iin) -> StoreResult<Option<Account>>;
    /// Inserts the account unless one with its IIN exists; true if inserted.
    async fn insert_account_if_missing(
        &self,
        account: &Account,
        now: OffsetDateTime,
    ) -> StoreResult<bool>;
    async fn sign_in_failures(&self, iin: &Iin) -> StoreResult<SignInFailures>;
    async fn set_sign_in_failures(&self, iin: &Iin, failures: &SignInFailures) -> StoreResult<()>;
}

#[async_trait]
pub trait SessionStore: Send + Sync {
    async fn create_session(&self, session: &Session) -> StoreResult<()>;
    /// The account of a live session, if the token hash names one.
    async fn session_account(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> StoreResult<Option<Iin>>;
    async fn delete_session(&self, token_hash: &str) -> StoreResult<()>;
}

#[async_trait]
pub trait BindingStore: Send + Sync {
    async fn active_binding(&self, iin: &Iin) -> StoreResult<Option<Binding>>;
    /// Every binding of the account, newest first.
    async fn binding_history(&self, iin: &Iin) -> StoreResult<Vec<Binding>>;
    /// Ends the account's active binding (if any) and binds the new number, with
    /// the audit entry, in one transaction. The database refuses a second active
    /// number per account and a second account per number.
    async fn bind(&self, binding: &Binding, audit: &AuditEntry) -> StoreResult<()>;
}

#[async_trait]
pub trait OutboxStore: Send + Sync {
    async fn enqueue_sms(&self, message: &SmsMessage) -> StoreResult<()>;
    /// Every message, newest first.
    async fn outbox(&self) -> StoreResult<Vec<SmsMessage>>;
}

#[async_trait]
pub trait RegistryStore: Send + Sync {
    async fn upsert_subscriber(&self, s: &Subscriber) -> StoreResult<()>;
    async fn subscriber(&self, msisdn: &Msisdn) -> StoreResult<Option<Subscriber>>;
    async fn upsert_identity(&self, r: &IdentityRecord) -> StoreResult<()>;
    async fn identity(&self, iin: &Iin) -> StoreResult<Option<IdentityRecord>>;
}

#[async_trait]
pub trait AuditLog: Send + Sync {
    async fn append(&self, entry: &AuditEntry) -> StoreResult<()>;
    /// The latest entries, newest first.
    async fn recent(&self, limit: i64) -> StoreResult<Vec<AuditEntry>>;
}

/// Binding requests, their codes and consents. Every method that changes a
/// request is one transaction with its audit entry; state changes are
/// conditional on the state read, so two racing calls cannot both win.
#[async_trait]
pub trait RequestStore: Send + Sync {
    /// Starts a request with its first code. In the same transaction the
    /// account's earlier open requests are withdrawn (`withdraw`: each move
    /// with its audit entry) and their codes voided: one open request per
    /// account.
    async fn insert_request(
        &self,
        request: &BindingRequest,
        challenge: &OtpChallenge,
        withdraw: &[(StateChange, AuditEntry)],
        audit: &AuditEntry,
    ) -> StoreResult<()>;
    /// The account's open requests (awaiting a code or certification).
    async fn open_requests_of(&self, iin: &Iin) -> StoreResult<Vec<BindingRequest>>;
    async fn request(&self, id: &str) -> StoreResult<Option<BindingRequest>>;
    /// The newest code sent for the request.
    async fn latest_challenge(&self, request_id: &str) -> StoreResult<Option<OtpChallenge>>;
    /// A new code for an open request (resend); voids the previous one.
    async fn add_challenge(&self, challenge: &OtpChallenge, audit: &AuditEntry) -> StoreResult<()>;
    /// How many codes went to `msisdn` since `since`.
    async fn codes_sent_since(&self, msisdn: &Msisdn, since: OffsetDateTime) -> StoreResult<u32>;
    /// How many codes were sent at `iin`'s request since `since`, to any number.
    async fn codes_sent_for_account_since(
        &self,
        iin: &Iin,
        since: OffsetDateTime,
    ) -> StoreResult<u32>;
    /// Counts a wrong entry; voids the code and refuses the request when `refuse` is set.
    async fn record_wrong_code(
        &self,
        challenge_id: &str,
        refuse: Option<&StateChange>,
        audit: &AuditEntry,
    ) -> StoreResult<()>;
    /// Marks the code used and moves the request on, keeping the nonce to sign.
    async fn confirm_code(
        &self,
        challenge_id: &str,
        change: &StateChange,
        sign_nonce: &str,
        audit: &AuditEntry,
    ) -> StoreResult<bool>;
    /// Moves an open request to `change.to` if it is still in `change.from`; false if it was not.
    async fn change_state(&self, change: &StateChange, audit: &AuditEntry) -> StoreResult<bool>;
    /// Ends the account's active binding, binds the number and marks the request bound.
    async fn complete_binding(
        &self,
        change: &StateChange,
        binding: &Binding,
        audit: &AuditEntry,
    ) -> StoreResult<bool>;
    /// Open requests started before `started_before` (for expiry).
    async fn open_requests_started_before(
        &self,
        started_before: OffsetDateTime,
    ) -> StoreResult<Vec<BindingRequest>>;
    async fn grant_consent(&self, consent: &Consent, audit: &AuditEntry) -> StoreResult<()>;
    async fn revoke_consents(
        &self,
        iin: &Iin,
        at: OffsetDateTime,
        audit: &AuditEntry,
    ) -> StoreResult<()>;
    async fn active_consent(&self, iin: &Iin) -> StoreResult<Option<Consent>>;
}

/// A conditional move of one request from one state to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateChange {
    pub request_id: String,
    pub from: crate::domain::BindingState,
    pub to: crate::domain::BindingState,
    pub at: OffsetDateTime,
}
