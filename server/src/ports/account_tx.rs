//! A write transaction that holds one account's lock (and, if named, one
//! number's): the unit in which every limit and state change of the
//! procedure is decided (SPEC §3.5, §7).
//!
//! Competing requests for the same account, or codes to the same number,
//! queue behind the lock, on one server or on several sharing one
//! PostgreSQL; so a count read inside the transaction is still true when
//! the transaction writes. Dropped without [`AccountTx::commit`], it rolls
//! back and leaves nothing half-written.
//!
//! Its parts are traits of their own, each about one thing (codes,
//! requests, bindings, consent, banks' permissions); [`AccountTx`] is all
//! of them with the audit entry and the commit, as one transaction must be.

use async_trait::async_trait;
use time::OffsetDateTime;

use super::records::{
    AuditEntry, Binding, BindingEndReason, BindingRequest, Consent, DocumentPermission,
    OtpChallenge,
};
use super::store::{StateChange, StoreResult};
use crate::domain::Msisdn;

/// How many codes went out, read under the locks. A bank's codes count
/// against that bank's own limits, never the citizen's: with a bank, only
/// its codes are counted; without, only codes of the citizen's own
/// channels (the portal, the mobile app).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CodeCounts {
    /// Codes sent to the number since the given time, for any account.
    pub to_number: u32,
    /// Codes sent at the locked account's request since then, to any number.
    pub for_account: u32,
    /// When the oldest of each was sent (the limit eases an hour later).
    pub oldest_to_number: Option<OffsetDateTime>,
    pub oldest_for_account: Option<OffsetDateTime>,
}

/// The codes of the locked account and number: their limits, sending, entry.
#[async_trait]
pub trait CodeTx: Send {
    /// Takes the number's lock too (always after the account's): codes to
    /// one number, from any account, queue behind it.
    async fn lock_number(&mut self, msisdn: &Msisdn) -> StoreResult<()>;
    /// Codes sent since `since` (see [`CodeCounts`]): `bank`'s own, or
    /// with `None` those of the citizen's own channels.
    async fn code_counts(
        &mut self,
        msisdn: &Msisdn,
        since: OffsetDateTime,
        bank: Option<&crate::domain::api_client::ClientId>,
    ) -> StoreResult<CodeCounts>;
    /// The newest code sent for the request.
    async fn latest_challenge(&mut self, request_id: &str) -> StoreResult<Option<OtpChallenge>>;
    /// A new code for the request; voids its earlier live codes.
    async fn add_challenge(&mut self, challenge: &OtpChallenge) -> StoreResult<()>;
    /// Counts one wrong entry of a live code, in one conditional statement:
    /// only while the code is unused, not voided, not expired at `now` and
    /// under `max_tries`; the entry that reaches `max_tries` voids it. The
    /// new count, or `None` if the code was no longer live.
    async fn count_wrong_try(
        &mut self,
        challenge_id: &str,
        now: OffsetDateTime,
        max_tries: u32,
    ) -> StoreResult<Option<u32>>;
    /// Marks a live code used, on the same conditions as
    /// [`count_wrong_try`](AccountTx::count_wrong_try); false if it was not live.
    async fn use_code(
        &mut self,
        challenge_id: &str,
        now: OffsetDateTime,
        max_tries: u32,
    ) -> StoreResult<bool>;
}

/// The account's binding requests and their states.
#[async_trait]
pub trait RequestTx: Send {
    /// The account's open requests (awaiting a code or certification).
    async fn open_requests(&mut self) -> StoreResult<Vec<BindingRequest>>;
    async fn request(&mut self, id: &str) -> StoreResult<Option<BindingRequest>>;
    async fn insert_request(&mut self, request: &BindingRequest) -> StoreResult<()>;
    /// Moves the request if it is still in `change.from`; true if it moved.
    /// A move to an ended state voids the request's live codes.
    async fn change_state(&mut self, change: &StateChange) -> StoreResult<bool>;
    async fn set_sign_nonce(&mut self, request_id: &str, nonce: &str) -> StoreResult<()>;
}

/// Bindings: the account's, a number's, and their changes.
#[async_trait]
pub trait BindingTx: Send {
    /// The account's active binding.
    async fn active_binding(&mut self) -> StoreResult<Option<Binding>>;
    /// The active binding of `msisdn`, whoever's it is.
    async fn binding_of_number(&mut self, msisdn: &Msisdn) -> StoreResult<Option<Binding>>;
    /// Locks these bindings' rows, in one fixed order (by id), before they
    /// change: a binding of another account (a recycled number) is changed
    /// without that account's lock, so two such swaps must not lock each
    /// other's rows in opposite orders.
    async fn lock_bindings(&mut self, ids: &[&str]) -> StoreResult<()>;
    /// Ends an active binding with its reason; false if it had ended.
    async fn end_binding(
        &mut self,
        binding_id: &str,
        at: OffsetDateTime,
        reason: BindingEndReason,
    ) -> StoreResult<bool>;
    /// Binds the number, ending the account's active binding as changed.
    /// The database refuses a number active on another account
    /// ([`StoreError::Conflict`](super::StoreError::Conflict)).
    async fn insert_binding(&mut self, binding: &Binding) -> StoreResult<()>;
}

/// The account's consent to the collection and processing of personal data.
#[async_trait]
pub trait ConsentTx: Send {
    async fn active_consent(&mut self) -> StoreResult<Option<Consent>>;
    async fn grant_consent(&mut self, consent: &Consent) -> StoreResult<()>;
    /// Revokes the account's active consents; their ids.
    async fn revoke_consents(&mut self, at: OffsetDateTime) -> StoreResult<Vec<String>>;
    /// Undoes a step that failed before it took effect: the consents it
    /// revoked stand again, and the one it granted is gone.
    async fn reinstate_consents(&mut self, ids: &[String]) -> StoreResult<()>;
    async fn remove_consent(&mut self, id: &str) -> StoreResult<()>;
}

/// Banks' permissions asked for with a request.
#[async_trait]
pub trait PermissionTx: Send {
    /// Records a bank's permission asked for with a request (not yet granted).
    async fn insert_permission(&mut self, permission: &DocumentPermission) -> StoreResult<()>;
    /// Grants the permissions asked for with the request (its binding was
    /// just made, in this transaction); how many.
    async fn grant_permissions_of(
        &mut self,
        request_id: &str,
        at: OffsetDateTime,
    ) -> StoreResult<u64>;
}

/// The whole transaction: every part above, its audit entries, and the commit.
#[async_trait]
pub trait AccountTx:
    CodeTx + RequestTx + BindingTx + ConsentTx + PermissionTx + super::NumberUseTx + Send
{
    async fn audit(&mut self, entry: &AuditEntry) -> StoreResult<()>;
    /// Writes a message to the outbox with the decision that causes it.
    async fn enqueue_sms(&mut self, message: &super::store::OutgoingSms) -> StoreResult<()>;
    async fn commit(self: Box<Self>) -> StoreResult<()>;
}
