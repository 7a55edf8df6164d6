//! Types that cross the wire between the server and the pages.

use serde::{Deserialize, Serialize};

/// The cookie that holds the session token (HttpOnly; set by the server).
pub const SESSION_COOKIE: &str = "nomir_session";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CabinetView {
    pub name_cyrillic: String,
    pub name_latin: String,
    pub iin_masked: String,
    pub active: Option<BindingView>,
    pub history: Vec<BindingView>,
    /// When consent to access restricted personal data was given, if it stands.
    pub consent_given_at: Option<String>,
    /// The request in progress, if any, so the citizen can go back to it.
    pub open_request: Option<OpenRequestView>,
}

/// A request still in progress, as the cabinet links to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenRequestView {
    pub id: String,
    /// `+7 701 123 4567`
    pub number: String,
    /// Local time (Astana) the 10-minute term ends, `10:25`.
    pub term_ends_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BindingView {
    /// `+7 701 123 4567`
    pub number: String,
    pub operator: String,
    /// Local time (Astana), `25.11.2026 10:15`.
    pub bound_at: String,
    pub ended_at: Option<String>,
    /// It ended because the operator reassigned the number to someone else.
    pub reassigned: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneView {
    pub number: String,
    pub messages: Vec<SmsView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmsView {
    pub received_at: String,
    pub body: String,
}

/// A binding request as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestView {
    pub id: String,
    /// `+7 701 123 4567`
    pub number: String,
    pub is_change: bool,
    /// When the 10-minute term ends (Astana time, `HH:MM`).
    pub term_ends_at: String,
    pub step: RequestStep,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestStep {
    /// Waiting for the code sent by SMS.
    Code {
        valid_until: String,
        tries_left: u32,
        resend_at: String,
    },
    /// Waiting for the EDS: the document to sign (base64) and the signer's address.
    Sign {
        document_base64: String,
        iin: String,
        signer_url: String,
    },
    Bound {
        operator: String,
    },
    /// Refused: the reason and legal basis come from the translations.
    Refused {
        ground: crate::ground::RefusalGround,
    },
    Expired,
    /// Replaced by a newer request of the same account.
    Withdrawn,
}
