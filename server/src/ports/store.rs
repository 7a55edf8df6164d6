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
    /// The database cannot be reached: a lost or refused connection, a
    /// restart, no free connection in time. It passes; the call can be
    /// tried again. The driver's error stays in `database/`, which maps it
    /// here once; its text is kept for the log.
    #[error("the database is unavailable: {0}")]
    Unavailable(String),
    /// The database refused a statement (a fault of ours, not a passing one).
    #[error("the database failed: {0}")]
    Failed(String),
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
    /// The failure record of `key` (see [`crate::services::sign_in::failure_key`]).
    async fn sign_in_failures(&self, key: &str) -> StoreResult<SignInFailures>;
    /// Reserves one sign-in attempt for `key` (an IIN, or `staff:` and a
    /// staff login), in one transaction that locks
    /// its failure record (created on first use): `next` (the service's rule)
    /// gets the stored record and returns it with this attempt counted, or
    /// `None` to refuse the attempt (locked out; nothing is written).
    /// Returns the stored record and the new one, if any.
    async fn reserve_sign_in_attempt(
        &self,
        key: &str,
        next: &(dyn for<'f> Fn(&'f SignInFailures) -> Option<SignInFailures> + Send + Sync),
    ) -> StoreResult<(SignInFailures, Option<SignInFailures>)>;
    async fn clear_sign_in_failures(&self, key: &str) -> StoreResult<()>;
    /// Forgets failure records whose window started before `before` and
    /// whose lock (if any) has ended by `now`; how many.
    async fn forget_sign_in_failures(
        &self,
        before: OffsetDateTime,
        now: OffsetDateTime,
    ) -> StoreResult<u64>;
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
    /// Stores a sign-in challenge, sweeping expired ones. `binder_hash`
    /// ties it to the browser that asked for it.
    async fn insert_portal_challenge(
        &self,
        id: &str,
        text: &str,
        binder_hash: &str,
        created_at: OffsetDateTime,
        expires_at: OffsetDateTime,
    ) -> StoreResult<()>;
    /// Claims the challenge for one attempt, in one conditional UPDATE
    /// (unused, unexpired at `now`, bound to `binder_hash`): its text, or
    /// `None` if it cannot be used. A claimed challenge is spent whatever
    /// the signature turns out to be; of parallel claims, one wins.
    async fn claim_portal_challenge(
        &self,
        id: &str,
        binder_hash: &str,
        now: OffsetDateTime,
    ) -> StoreResult<Option<String>>;
    /// In one transaction: consumes the claimed challenge (once: false,
    /// with nothing written, if it is not there claimed), opens `account`
    /// if given and missing (with `opened`, its audit entry), starts
    /// `session` and appends `signed_in`.
    async fn redeem_portal_challenge(
        &self,
        id: &str,
        now: OffsetDateTime,
        account: Option<(&Account, &AuditEntry)>,
        session: &Session,
        signed_in: &AuditEntry,
    ) -> StoreResult<bool>;
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
    /// Inserts a past or present binding unless one with its id exists (demo
    /// data); true if inserted.
    async fn insert_binding_if_missing(&self, binding: &Binding) -> StoreResult<bool>;
}

#[async_trait]
pub trait OutboxStore: Send + Sync {
    /// Writes a message for delivery on its own (a decision's message is
    /// written in the decision's transaction instead).
    async fn enqueue_sms(&self, message: &OutgoingSms) -> StoreResult<()>;
    /// Every message delivered, newest first (the journal; the demo phone).
    async fn outbox(&self) -> StoreResult<Vec<SmsMessage>>;
    /// The newest message delivered to `msisdn` (the demo phone's screen
    /// for one number).
    async fn newest_sent_to(&self, msisdn: &Msisdn) -> StoreResult<Option<SmsMessage>>;
    /// Claims one waiting message (`pending`) until `lease_until`; `None`
    /// if another worker has it or it is done.
    async fn claim_sms(
        &self,
        id: &str,
        lease_until: OffsetDateTime,
    ) -> StoreResult<Option<ClaimedSms>>;
    /// Claims up to `limit` messages due now (waiting past their next try,
    /// or claimed by a worker whose lease ran out), each by one worker
    /// only, even across instances (`FOR UPDATE SKIP LOCKED`).
    async fn claim_due_sms(
        &self,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
        limit: i64,
    ) -> StoreResult<Vec<ClaimedSms>>;
    /// A claimed message was taken by the gateway: sent, its sealed text
    /// erased. Each of these three changes holds only for the claim it
    /// names (`attempts` is the claim's token): a worker whose lease ran
    /// out changes nothing another worker now holds.
    async fn sms_sent(
        &self,
        claim: &ClaimedSms,
        at: OffsetDateTime,
        gateway_refs: &[String],
    ) -> StoreResult<bool>;
    /// A claimed message waits for another try at `next_at`.
    async fn sms_retry(
        &self,
        claim: &ClaimedSms,
        next_at: OffsetDateTime,
        error: &str,
    ) -> StoreResult<bool>;
    /// A claimed message is given up, its sealed text erased.
    async fn sms_failed(&self, claim: &ClaimedSms, error: &str) -> StoreResult<bool>;
    /// Where the latest message about a request stands, if it has one.
    async fn request_sms_state(&self, request_id: &str) -> StoreResult<Option<SmsState>>;
    /// A gateway's delivery receipt for the part it called `gateway_ref`
    /// (`DELIVRD`, `UNDELIV` …), kept even if the part is not yet recorded
    /// sent; `false` when no sent message has that part (yet).
    async fn record_receipt(
        &self,
        gateway_ref: &str,
        status: &str,
        at: OffsetDateTime,
    ) -> StoreResult<bool>;
    /// The parts of message `id` as the gateway named them, with their receipts.
    async fn receipts_of(&self, id: &str) -> StoreResult<Vec<(String, Option<String>)>>;
}

/// The message that tells of a record by the number it is given in the
/// transaction (a complaint's registration number).
pub type NewsOfNumber<'a> = dyn Fn(&str) -> OutgoingSms + Send + Sync + 'a;

/// A message as a decision writes it, to be delivered by the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingSms {
    /// Also the idempotency key toward the gateway.
    pub id: String,
    pub msisdn: crate::domain::Msisdn,
    /// The journal's text (digits masked outside demo mode).
    pub body: String,
    /// The text to send, encrypted (`services::sms_seal`).
    pub sealed: String,
    pub created_at: OffsetDateTime,
    /// When delivery stops being tried.
    pub give_up_at: OffsetDateTime,
    /// The binding request it is about, if any.
    pub request_id: Option<String>,
    /// Whose message it is (the cabinet lists it), if an account's.
    pub iin: Option<crate::domain::Iin>,
    /// `domain::sms::SmsKind`'s code.
    pub kind: String,
    /// A notification's purpose.
    pub topic: Option<String>,
    /// The state service that sent a notification.
    pub sender: Option<String>,
}

/// A message a delivery worker holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedSms {
    pub id: String,
    pub msisdn: crate::domain::Msisdn,
    pub sealed: String,
    /// Tries so far, this one included.
    pub attempts: i64,
    pub give_up_at: OffsetDateTime,
    pub request_id: Option<String>,
}

/// Where a message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumString, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum SmsState {
    Pending,
    Sending,
    Sent,
    Failed,
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
    /// The entries about `subject` from `from` to `to`, oldest first (a case file).
    async fn about(
        &self,
        subject: &str,
        from: OffsetDateTime,
        to: OffsetDateTime,
    ) -> StoreResult<Vec<AuditEntry>>;
    /// Every hash chain's head, in chain order.
    async fn heads(&self) -> StoreResult<Vec<crate::domain::audit_chain::Head>>;
    /// Keeps an anchor: the statement and its detached CMS, base64.
    async fn add_anchor(
        &self,
        at: OffsetDateTime,
        statement: &str,
        signature: &str,
    ) -> StoreResult<()>;
}

/// Binding requests, their codes and consents. Reads here see committed
/// data and decide nothing; every change that a limit or a state depends on
/// goes through [`AccountTx`](super::AccountTx), which holds the account's lock.
#[async_trait]
pub trait RequestStore: Send + Sync {
    /// Begins a write transaction holding the lock of `iin`'s account and,
    /// if given, of `number`: always the account first, then the number.
    async fn lock_account(
        &self,
        iin: &Iin,
        number: Option<&Msisdn>,
    ) -> StoreResult<Box<dyn super::AccountTx>>;
    /// The account's open requests (awaiting a code or certification).
    async fn open_requests_of(&self, iin: &Iin) -> StoreResult<Vec<BindingRequest>>;
    /// How each channel (and API client) has used the account: requests
    /// started and bound, and the latest start; the latest use first.
    async fn uses_of(&self, iin: &Iin) -> StoreResult<Vec<ChannelUse>>;
    async fn request(&self, id: &str) -> StoreResult<Option<BindingRequest>>;
    /// The account's latest `limit` requests, newest first.
    async fn requests_of(&self, iin: &Iin, limit: i64) -> StoreResult<Vec<BindingRequest>>;
    /// The newest code sent for the request.
    async fn latest_challenge(&self, request_id: &str) -> StoreResult<Option<OtpChallenge>>;
    /// Open requests started before `started_before` (for expiry).
    async fn open_requests_started_before(
        &self,
        started_before: OffsetDateTime,
    ) -> StoreResult<Vec<BindingRequest>>;
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

/// The JSON API's clients, their tokens and their call counts.
#[async_trait]
pub trait ApiClientStore: Send + Sync {
    /// Registers a client with its audit entry, in one transaction; a
    /// client id taken already is a [`StoreError::Conflict`].
    async fn insert_client(&self, client: &ApiClient, audit: &AuditEntry) -> StoreResult<()>;
    /// Registers a client unless its id is taken (demo data); true if inserted.
    async fn insert_client_if_missing(&self, client: &ApiClient) -> StoreResult<bool>;
    async fn client(
        &self,
        id: &crate::domain::api_client::ClientId,
    ) -> StoreResult<Option<ApiClient>>;
    /// Every client, by id.
    async fn clients(&self) -> StoreResult<Vec<ApiClient>>;
    /// Revokes a client that is not revoked yet, ends its tokens and writes
    /// the audit entry, in one transaction; false if there was none to revoke.
    async fn revoke_client(
        &self,
        id: &crate::domain::api_client::ClientId,
        audit: &AuditEntry,
    ) -> StoreResult<bool>;
    /// Stores a token, sweeping expired ones.
    async fn insert_token(&self, token: &ApiToken) -> StoreResult<()>;
    /// The live token with this hash and its client, if the client is not revoked.
    async fn live_token(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> StoreResult<Option<(ApiToken, ApiClient)>>;
    /// Counts one call of the client in the minute starting at
    /// `minute_start` unless it has made `limit` already, in one statement;
    /// the new count, or `None` if the limit was reached.
    async fn count_call(
        &self,
        client_id: &crate::domain::api_client::ClientId,
        minute_start: OffsetDateTime,
        limit: u32,
    ) -> StoreResult<Option<u32>>;
}

/// Citizens signing in to an API client's app with EDS.
#[async_trait]
pub trait AppSignInStore: Send + Sync {
    /// Stores a challenge, sweeping expired challenges and sessions.
    async fn insert_challenge(&self, challenge: &SignInChallenge) -> StoreResult<()>;
    async fn challenge(&self, id: &str) -> StoreResult<Option<SignInChallenge>>;
    /// Claims the challenge for one attempt, in one conditional UPDATE
    /// (unused, unexpired at `now`, of this client): its text, or `None`.
    /// A claimed challenge is spent whatever the signature turns out to be.
    async fn claim_challenge(
        &self,
        challenge_id: &str,
        client_id: &crate::domain::api_client::ClientId,
        now: OffsetDateTime,
    ) -> StoreResult<Option<String>>;
    /// Claims the challenge (unused for sign-in, unexpired at `now`, of this
    /// client) for its one certificate issuance, in one conditional UPDATE;
    /// false if it cannot be, or was claimed so before.
    async fn claim_for_certificate(
        &self,
        challenge_id: &str,
        client_id: &crate::domain::api_client::ClientId,
        now: OffsetDateTime,
    ) -> StoreResult<bool>;
    /// Consumes the claimed challenge (once, of this client) and starts
    /// the session with its audit entry, in one transaction; false if the
    /// challenge is not there claimed (nothing is written then).
    async fn redeem_challenge(
        &self,
        challenge_id: &str,
        session: &CitizenSession,
        audit: &AuditEntry,
    ) -> StoreResult<bool>;
    /// The citizen of a live session of this client, if its client is not revoked.
    async fn session_citizen(
        &self,
        token_hash: &str,
        client_id: &crate::domain::api_client::ClientId,
        now: OffsetDateTime,
    ) -> StoreResult<Option<Iin>>;
}

/// Banks' permissions to view citizens' documents, outside a binding.
#[async_trait]
pub trait PermissionStore: Send + Sync {
    /// Records a permission already granted, with its audit entry, in one
    /// transaction (for data loads and tests: the service grants a bank's
    /// permission only in the binding's transaction, after the citizen's
    /// code and biometrics).
    async fn grant_now(
        &self,
        permission: &DocumentPermission,
        audit: &AuditEntry,
    ) -> StoreResult<()>;
    /// Every permission of the citizen, newest first.
    async fn permissions_of(&self, iin: &Iin) -> StoreResult<Vec<DocumentPermission>>;
    /// The permissions asked for with a request.
    async fn permissions_of_request(
        &self,
        request_id: &str,
    ) -> StoreResult<Vec<DocumentPermission>>;
    /// Revokes the citizen's permission if it is not revoked yet, with the
    /// audit entry, in one transaction; false if there was none to revoke.
    async fn revoke_permission(&self, id: &str, iin: &Iin, audit: &AuditEntry)
        -> StoreResult<bool>;
}

/// An answer kept for an idempotency key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAnswer {
    pub status: u16,
    pub content_type: String,
    pub body: String,
}

/// What an idempotency key holds when a call comes with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyState {
    /// The key was free and is now reserved for this call.
    Reserved,
    /// Another call with this key is running.
    InProgress,
    /// The key was used with another request.
    OtherRequest,
    /// The key's call is done; its answer.
    Done(StoredAnswer),
    /// The principal's client holds as many keys as it may; the oldest
    /// was reserved at `oldest`.
    TooMany { oldest: OffsetDateTime },
}

/// The JSON API's idempotency keys, per client.
#[async_trait]
pub trait IdempotencyStore: Send + Sync {
    /// Reserves `key` of `client` (a principal: an API client, or a
    /// client's citizen) for the request with `fingerprint` in one
    /// statement (competing calls: one reserves), unless the API client
    /// `owner` already holds `max_keys` keys; or says what it holds. Keys
    /// older than `forget_before` are swept first.
    #[allow(clippy::too_many_arguments)]
    async fn reserve_key(
        &self,
        owner: &str,
        client: &str,
        key: &str,
        fingerprint: &str,
        now: OffsetDateTime,
        forget_before: OffsetDateTime,
        max_keys: i64,
    ) -> StoreResult<KeyState>;
    /// Keeps the answer of the call that reserved the key.
    async fn complete_key(&self, client: &str, key: &str, answer: &StoredAnswer)
        -> StoreResult<()>;
    /// Frees a reserved key whose call should be retried (not authorized, rate limited, our fault).
    async fn release_key(&self, client: &str, key: &str) -> StoreResult<()>;
}

/// The back office's staff and their sessions.
#[async_trait]
pub trait StaffStore: Send + Sync {
    async fn staff_member(&self, login: &str) -> StoreResult<Option<StaffMember>>;
    /// Inserts a staff member unless the login is taken (demo data); true if inserted.
    async fn insert_staff_if_missing(&self, member: &StaffMember) -> StoreResult<bool>;
    /// Adds a staff member with its audit entry, in one transaction; false
    /// (nothing written) if the login is taken.
    async fn add_staff(&self, member: &StaffMember, audit: &AuditEntry) -> StoreResult<bool>;
    /// Every staff member, by login.
    async fn staff_list(&self) -> StoreResult<Vec<StaffMember>>;
    /// Starts a session with its audit entry, in one transaction.
    async fn create_staff_session(
        &self,
        session: &StaffSession,
        audit: &AuditEntry,
    ) -> StoreResult<()>;
    /// The staff member of a live session, if the token hash names one.
    async fn staff_session(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> StoreResult<Option<StaffMember>>;
    async fn delete_staff_session(&self, token_hash: &str, audit: &AuditEntry) -> StoreResult<()>;
}

/// Whose queue of complaints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Queue {
    /// Complaints addressed to the provider, and those addressed to this
    /// official by name.
    Provider { official: String },
    /// Complaints forwarded to the reviewing body or addressed to it.
    Reviewer,
}

/// Complaints (Rules ch. 3).
#[async_trait]
pub trait ComplaintStore: Send + Sync {
    /// Registers the complaint under the next number of `year`, with the
    /// audit entry (its `detail` gets ` number=…` appended), in one
    /// transaction; returns the number. A complaint under review for the
    /// same request is a [`StoreError::Conflict`].
    async fn register_complaint(
        &self,
        complaint: &Complaint,
        year: i32,
        audit: &AuditEntry,
        sms: Option<&NewsOfNumber<'_>>,
    ) -> StoreResult<String>;
    async fn complaint(&self, id: &str) -> StoreResult<Option<Complaint>>;
    /// The citizen's complaints, newest first.
    async fn complaints_of(&self, iin: &Iin) -> StoreResult<Vec<Complaint>>;
    /// A queue: those waiting first, by their due date; then the decided, newest first.
    async fn queue(&self, queue: Queue, limit: i64) -> StoreResult<Vec<Complaint>>;
    /// Applies an official's decision if the complaint is still in `from`,
    /// with the audit entry, in one conditional update and one
    /// transaction; false if it had moved on (nothing is written then).
    async fn decide_complaint(
        &self,
        id: &str,
        from: crate::domain::complaint::ComplaintState,
        change: &ComplaintChange,
        audit: &AuditEntry,
        sms: Option<&OutgoingSms>,
    ) -> StoreResult<bool>;
    /// The undecided complaints whose deadlines are provisional (counted
    /// past the calendar's last year), oldest first.
    async fn provisional_complaints(&self) -> StoreResult<Vec<Complaint>>;
    /// Sets an undecided complaint's provisional deadlines to `deadlines`,
    /// with the audit entry, in one conditional update: only if it is
    /// still undecided and provisional, and never to an earlier review
    /// day; false if nothing was written.
    async fn recount_deadlines(
        &self,
        id: &str,
        deadlines: &crate::domain::complaint::Deadlines,
        audit: &AuditEntry,
    ) -> StoreResult<bool>;
    /// How many undecided complaints have provisional deadlines.
    async fn provisional_count(&self) -> StoreResult<u64>;
    /// Marks provisional the undecided complaints whose review day falls
    /// after `last_day` (the calendar's last listed day); how many.
    async fn mark_provisional_after(&self, last_day: time::Date) -> StoreResult<u64>;
}
