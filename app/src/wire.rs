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
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BindingView {
    /// `+7 701 123 4567`
    pub number: String,
    pub operator: String,
    /// Local time (Astana), `25.11.2026 10:15`.
    pub bound_at: String,
    pub ended_at: Option<String>,
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
