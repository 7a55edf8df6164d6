//! Where a request comes from: the peer's IP address, as the server saw
//! it. The limits that come before expensive work (sign-ins, challenges,
//! uploads) are kept per source, so one flood does not shut others out.

use leptos::prelude::use_context;

/// The peer address of the request being served (its text form), put in
/// the request's extensions by the server. "unknown" where none was seen.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Source(pub String);

impl Source {
    pub fn unknown() -> Self {
        Self("unknown".to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The source of the request being served.
pub fn source() -> Source {
    use_context::<http::request::Parts>()
        .and_then(|p| p.extensions.get::<Source>().cloned())
        .unwrap_or_else(Source::unknown)
}
