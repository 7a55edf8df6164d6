//! The bound number at work: codes for signing in with it (the second
//! factor), the messages each citizen received, and the notification
//! purposes a citizen turned off.

use async_trait::async_trait;
use time::OffsetDateTime;

use super::store::StoreResult;
use crate::domain::{Iin, Msisdn};

/// A sign-in code at rest (its HMAC), one of a sign-in attempt's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInCode {
    pub id: String,
    /// The SHA-256 of the attempt's token (the browser's cookie).
    pub attempt_hash: String,
    /// When the attempt's first code was sent (the attempt ends 15 minutes on).
    pub attempt_started_at: OffsetDateTime,
    pub iin: Iin,
    /// The bound number it went to.
    pub msisdn: Msisdn,
    pub code_hmac: String,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    pub wrong_tries: u32,
    pub used_at: Option<OffsetDateTime>,
    pub voided_at: Option<OffsetDateTime>,
}

/// One message written for a citizen, as the cabinet lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentMessage {
    pub id: String,
    pub msisdn: Msisdn,
    pub created_at: OffsetDateTime,
    /// `domain::sms::SmsKind`'s code.
    pub kind: String,
    /// A notification's purpose.
    pub topic: Option<String>,
    /// The state service that sent a notification.
    pub sender: Option<String>,
    /// The journal's text (a code's digits masked outside demo mode).
    pub body: String,
}

/// Reads outside any account's lock.
#[async_trait]
pub trait NumberUseStore: Send + Sync {
    /// Whether a password sign-in to the account needs a code too.
    async fn second_factor(&self, iin: &Iin) -> StoreResult<bool>;
    /// The newest code of a sign-in attempt, by the attempt's hash (to
    /// find whose account to lock; read again under the lock).
    async fn latest_sign_in_code(&self, attempt_hash: &str) -> StoreResult<Option<SignInCode>>;
    /// The newest messages written for the citizen, newest first.
    async fn messages_of(&self, iin: &Iin, limit: i64) -> StoreResult<Vec<SentMessage>>;
    /// The purposes the citizen turned off.
    async fn opt_outs(&self, iin: &Iin) -> StoreResult<Vec<String>>;
}

/// The same, and their changes, under the account's lock (part of
/// [`AccountTx`](super::AccountTx)).
#[async_trait]
pub trait NumberUseTx: Send {
    async fn second_factor(&mut self) -> StoreResult<bool>;
    async fn set_second_factor(&mut self, on: bool) -> StoreResult<()>;
    /// Ends the account's sessions but the one of `keep` (a token's hash).
    async fn end_other_sessions(&mut self, keep: &str) -> StoreResult<u64>;
    /// Sign-in codes sent to `msisdn` since `since`, and when the oldest was.
    async fn sign_in_codes_to(
        &mut self,
        msisdn: &Msisdn,
        since: OffsetDateTime,
    ) -> StoreResult<(u32, Option<OffsetDateTime>)>;
    async fn latest_sign_in_code(&mut self, attempt_hash: &str) -> StoreResult<Option<SignInCode>>;
    /// A new code for the attempt; voids the attempt's earlier live codes.
    async fn add_sign_in_code(&mut self, code: &SignInCode) -> StoreResult<()>;
    /// Counts one wrong entry of a live code in one conditional statement
    /// (unused, not voided, not expired at `now`, under `max_tries`); the
    /// entry that reaches `max_tries` voids it. The new count, or `None`
    /// if the code was no longer live.
    async fn count_wrong_sign_in_try(
        &mut self,
        id: &str,
        now: OffsetDateTime,
        max_tries: u32,
    ) -> StoreResult<Option<u32>>;
    /// Marks a live code used, on the same conditions; false if it was not live.
    async fn use_sign_in_code(
        &mut self,
        id: &str,
        now: OffsetDateTime,
        max_tries: u32,
    ) -> StoreResult<bool>;
    async fn opted_out(&mut self, purpose: &str) -> StoreResult<bool>;
    /// Turns a purpose off (`out`) or on again; true if that changed anything.
    async fn set_opt_out(
        &mut self,
        purpose: &str,
        out: bool,
        at: OffsetDateTime,
    ) -> StoreResult<bool>;
    /// Notifications written for the account since `since`, from `sender`
    /// only if given; and when the oldest of them was.
    async fn notifications_since(
        &mut self,
        since: OffsetDateTime,
        sender: Option<&str>,
    ) -> StoreResult<(u32, Option<OffsetDateTime>)>;
}
