//! What the API answers about requests and bindings: times in RFC 3339
//! (UTC), numbers in E.164, endings with their reason and rule in
//! the language asked for.

use serde::Serialize;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;
use utoipa::ToSchema;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;

use crate::domain::otp::{resend_allowed_at, MAX_WRONG_ATTEMPTS};
use crate::domain::BindingState;
use crate::ports::Binding;
use crate::services::request_status::RequestStatus;
use nomir_core::i18n::Lang;

pub fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

/// The code step's limits.
#[derive(Debug, Serialize, ToSchema)]
pub struct CodeView {
    pub valid_until: String,
    pub tries_left: u32,
    /// When a new code may be asked for.
    pub resend_at: String,
    /// Where the code's SMS stands: `sent`, `delayed` (the gateway has not
    /// taken it yet; it is tried again) or `not_delivered` (given up: ask
    /// for a new code).
    #[schema(example = "sent")]
    pub sms: &'static str,
}

/// Why the request ended unbound: a reasoned refusal on a row 9 ground
/// (appendix rows 5 and 9), or the service not performed because a step
/// the Rules require did not happen.
#[derive(Debug, Serialize, ToSchema)]
pub struct EndingView {
    /// `refused` (row 9) or `not_performed`.
    #[schema(example = "not_performed")]
    pub outcome: &'static str,
    #[schema(example = "biometrics_failed")]
    pub ground: &'static str,
    pub reason: &'static str,
    pub basis: &'static str,
}

/// A binding request and where it stands.
#[derive(Debug, Serialize, ToSchema)]
pub struct RequestView {
    pub id: String,
    #[schema(example = "+77011234567")]
    pub number: String,
    /// `portal`, `mobile_app` or `bank`.
    pub channel: &'static str,
    /// `bind`, `change`, or `confirm` (a bank's request for the number
    /// that is bound already).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purpose: Option<&'static str>,
    /// `awaiting_code`, `awaiting_biometrics`, `awaiting_signature`,
    /// `bound`, `refused` (row 9), `not_performed`, `expired` or `withdrawn`. `awaiting_signature`:
    /// the citizen's EDS is awaited, at `…/signature` for a change of
    /// number after its biometrics; a request started on the portal is
    /// signed on the portal.
    pub state: &'static str,
    pub started_at: String,
    /// The request ends unbound unless completed by then (10 minutes).
    pub term_ends_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<CodeView>,
    /// While biometrics are awaited: the nonce the biometric provider must
    /// put in its assertion.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub biometric_nonce: Option<String>,
    /// While a signature is awaited (a change of number in the app, after
    /// the biometrics, Rules §8): the document to sign with the citizen's
    /// EDS signing key, base64; the detached CMS goes to `…/signature`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_base64: Option<String>,
    /// Why the request ended unbound (also for `expired`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ending: Option<EndingView>,
    /// The number's operator, once bound.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
}

pub fn request_view(status: RequestStatus, lang: Lang) -> RequestView {
    let r = status.request;
    let t = lang.texts();
    let state = match r.state {
        BindingState::AwaitingCode => "awaiting_code",
        BindingState::AwaitingCertification if r.channel == crate::domain::Channel::Portal => {
            "awaiting_signature"
        }
        BindingState::AwaitingCertification => "awaiting_biometrics",
        BindingState::AwaitingSignature => "awaiting_signature",
        BindingState::Bound => "bound",
        BindingState::Ended(reason) => reason.outcome_code(),
        BindingState::Expired => "expired",
        BindingState::Withdrawn => "withdrawn",
    };
    let code = status.challenge.map(|c| CodeView {
        valid_until: rfc3339(c.expires_at),
        tries_left: MAX_WRONG_ATTEMPTS.saturating_sub(c.wrong_tries),
        resend_at: rfc3339(resend_allowed_at(c.created_at)),
        sms: crate::services::sms_delivery::notice(status.sms).code(),
    });
    let ending = r.state.ending().map(|reason| EndingView {
        outcome: reason.outcome_code(),
        ground: reason.code(),
        reason: (t.ground_reason)(reason),
        basis: (t.ground_basis)(reason),
    });
    RequestView {
        number: r.msisdn.as_str().to_owned(),
        channel: r.channel.code(),
        purpose: Some(r.purpose.code()),
        state,
        started_at: rfc3339(r.started_at),
        term_ends_at: rfc3339(status.term_ends_at),
        code,
        document_base64: (state == "awaiting_signature")
            .then(|| status.document.as_deref().map(|d| BASE64.encode(d)))
            .flatten(),
        biometric_nonce: (state == "awaiting_biometrics")
            .then_some(r.sign_nonce)
            .flatten(),
        ending,
        operator: status.operator,
        id: r.id,
    }
}

/// The citizen's bound number, as the app's profile shows it (Rules §6.3).
#[derive(Debug, Serialize, ToSchema)]
pub struct BindingView {
    #[schema(example = "+77011234567")]
    pub number: String,
    pub operator: String,
    pub channel: String,
    pub bound_at: String,
}

pub fn binding_view(b: Binding) -> BindingView {
    BindingView {
        number: b.msisdn.as_str().to_owned(),
        operator: b.operator,
        channel: b.channel.code().to_owned(),
        bound_at: rfc3339(b.bound_at),
    }
}
