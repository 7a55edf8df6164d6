//! Plain records that cross the store ports.

use time::OffsetDateTime;

use crate::domain::{Iin, Msisdn};

/// A citizen's portal account (§2.7).
#[derive(Debug, Clone)]
pub struct Account {
    pub iin: Iin,
    /// Name in Cyrillic, as the register holds it (shown in kk and ru).
    pub name_cyrillic: String,
    /// Name in Latin letters (shown in en).
    pub name_latin: String,
    /// Argon2id PHC string.
    pub password_hash: String,
}

/// A server-side session; the cookie holds a token, the store only its hash.
#[derive(Debug, Clone)]
pub struct Session {
    pub token_hash: String,
    pub iin: Iin,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

/// Failed sign-ins for one IIN within the current window.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SignInFailures {
    pub count: u32,
    pub window_started_at: Option<OffsetDateTime>,
    pub locked_until: Option<OffsetDateTime>,
}

/// A number bound to an account, current (`ended_at` empty) or past.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub id: String,
    pub iin: Iin,
    pub msisdn: Msisdn,
    pub operator: String,
    /// Where the request that bound it came from.
    pub channel: crate::domain::Channel,
    pub bound_at: OffsetDateTime,
    pub ended_at: Option<OffsetDateTime>,
    /// Why it ended, once it has.
    pub end_reason: Option<BindingEndReason>,
}

/// Why a binding ended.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum BindingEndReason {
    /// The citizen bound another number (Rules §8).
    Changed,
    /// The mobile operator now attributes the number to someone else, who
    /// bound it: the operator is the authority on whose a number is.
    OperatorReassigned,
}
crate::coded!(BindingEndReason);

/// A text message in the outbox (the embedded SMS gateway).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmsMessage {
    pub id: String,
    pub msisdn: Msisdn,
    pub body: String,
    pub created_at: OffsetDateTime,
}

/// One row of the operator subscriber registry (number → subscriber).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscriber {
    pub msisdn: Msisdn,
    pub operator: String,
    pub iin: Iin,
    /// When the number's SIM card last changed, if the operator told.
    pub sim_changed_at: Option<OffsetDateTime>,
}

pub use crate::domain::IdentityStatus;

/// One record of the identity register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityRecord {
    pub iin: Iin,
    pub name_cyrillic: String,
    pub name_latin: String,
    pub status: IdentityStatus,
    /// The date the status dates from (document expiry, death), ISO 8601.
    pub status_since: Option<String>,
}

/// One append-only audit entry: who decided what about whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: OffsetDateTime,
    pub actor: String,
    pub action: crate::domain::audit::AuditAction,
    pub subject: String,
    pub detail: String,
}

impl AuditEntry {
    /// The one way an entry is made: `actor` did `action` about `subject`.
    pub fn new(
        at: OffsetDateTime,
        actor: crate::domain::audit::Actor<'_>,
        action: crate::domain::audit::AuditAction,
        subject: impl Into<String>,
        detail: String,
    ) -> Self {
        Self {
            at,
            actor: actor.name(),
            action,
            subject: subject.into(),
            detail,
        }
    }
}

/// A binding request as stored (Rules §5–§9).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindingRequest {
    pub id: String,
    pub iin: Iin,
    pub msisdn: Msisdn,
    pub channel: crate::domain::Channel,
    pub purpose: crate::domain::Purpose,
    pub state: crate::domain::BindingState,
    pub started_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
    /// The nonce of the document to certify, set once the code is confirmed.
    pub sign_nonce: Option<String>,
    /// The API client that started it (the mobile app, a bank); `None` on the portal.
    pub client_id: Option<crate::domain::api_client::ClientId>,
}

/// One code sent for a request; only its HMAC is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtpChallenge {
    pub id: String,
    pub request_id: String,
    pub msisdn: Msisdn,
    pub code_hmac: String,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    pub wrong_tries: u32,
    pub used_at: Option<OffsetDateTime>,
    pub voided_at: Option<OffsetDateTime>,
}

/// Consent to access restricted personal data (Law on Personal Data, art. 8).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consent {
    pub id: String,
    pub iin: Iin,
    pub granted_at: OffsetDateTime,
    pub revoked_at: Option<OffsetDateTime>,
}

/// A registered API client; its secret is kept as an Argon2 hash only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiClient {
    pub id: crate::domain::api_client::ClientId,
    pub name: String,
    pub kind: crate::domain::api_client::ClientKind,
    pub secret_hash: String,
    pub scopes: crate::domain::api_client::Scopes,
    pub calls_per_minute: u32,
    pub created_at: OffsetDateTime,
    pub revoked_at: Option<OffsetDateTime>,
}

/// A bearer token issued to a client; the store keeps its SHA-256 only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub token_hash: String,
    pub client_id: crate::domain::api_client::ClientId,
    pub scopes: crate::domain::api_client::Scopes,
    pub issued_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

/// A one-time text an app's citizen signs with EDS to sign in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInChallenge {
    pub id: String,
    pub client_id: crate::domain::api_client::ClientId,
    /// What the citizen's key signs (its UTF-8 bytes).
    pub text: String,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    pub used_at: Option<OffsetDateTime>,
}

/// A citizen signed in to one client's app; the store keeps the token's SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitizenSession {
    pub token_hash: String,
    pub client_id: crate::domain::api_client::ClientId,
    pub iin: Iin,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

/// A bank's permission to view the citizen's digital documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentPermission {
    pub id: String,
    pub client_id: crate::domain::api_client::ClientId,
    pub iin: Iin,
    pub scope: crate::domain::permission::DocumentScope,
    /// The bank's binding request that grants it, if one was needed.
    pub request_id: Option<String>,
    pub asked_at: OffsetDateTime,
    /// When it took effect; `None` while its request is open (or if the
    /// request ended unbound: then it never does).
    pub granted_at: Option<OffsetDateTime>,
    pub expires_at: OffsetDateTime,
    pub revoked_at: Option<OffsetDateTime>,
    /// The consent to access restricted personal data that the bank
    /// reported with its request: the bank's statement, kept here and
    /// checked for this request only, never written over the citizen's
    /// own consent record.
    pub consent_stated: bool,
}

impl DocumentPermission {
    /// Where it stands at `now`, given whether its request is still open.
    pub fn status(
        &self,
        now: OffsetDateTime,
        request_open: bool,
    ) -> crate::domain::permission::PermissionStatus {
        crate::domain::permission::status(
            self.granted_at,
            self.revoked_at,
            self.expires_at,
            now,
            request_open,
        )
    }
}

/// How one channel (and API client) has used an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelUse {
    pub channel: crate::domain::Channel,
    pub client_id: Option<crate::domain::api_client::ClientId>,
    pub started: u32,
    pub bound: u32,
    pub last_started_at: OffsetDateTime,
}

/// A member of the back office's staff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffMember {
    pub login: String,
    pub name: String,
    pub role: crate::domain::complaint::Role,
    /// Argon2id PHC string.
    pub password_hash: String,
    pub created_at: OffsetDateTime,
}

/// A staff member's session; the cookie holds a token, the store its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffSession {
    pub token_hash: String,
    pub login: String,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

/// A complaint about a request (Rules ch. 3, §10).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Complaint {
    pub id: String,
    /// The registration number (given by the store when it registers it).
    pub number: String,
    pub iin: Iin,
    pub request_id: String,
    pub subject: crate::domain::complaint::Subject,
    pub addressee: crate::domain::complaint::Addressee,
    /// The official's login, when addressed to an official.
    pub official: Option<String>,
    pub body: String,
    pub state: crate::domain::complaint::ComplaintState,
    /// Received and registered (one moment here).
    pub filed_at: OffsetDateTime,
    pub deadlines: crate::domain::complaint::Deadlines,
    pub forwarded_at: Option<OffsetDateTime>,
    pub forwarded_by: Option<String>,
    pub forward_note: Option<String>,
    /// What was forwarded with it: the request and its audit trail (JSON).
    pub case_file: Option<String>,
    pub decided_at: Option<OffsetDateTime>,
    pub decided_by: Option<String>,
    pub decision_reason: Option<String>,
}

/// An official's decision as the store writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplaintChange {
    pub to: crate::domain::complaint::ComplaintState,
    pub at: OffsetDateTime,
    pub by: String,
    pub reason: String,
    /// Set when forwarding.
    pub case_file: Option<String>,
}
