//! Who is signed in. The server resolves the session cookie once per HTTP
//! request (a middleware) and puts the outcome in the request's extensions;
//! server functions and pages read it from there, never the cookie.

use leptos::prelude::use_context;

use crate::error::PortalError;

/// A signed-in citizen: an IIN whose session the server has just checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citizen {
    /// The 12-digit IIN.
    pub iin: String,
    /// The session it was found by (sign-out ends it).
    pub session: String,
}

/// The session lookup's outcome for this request, as the server stored it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Visitor {
    /// No session cookie, or one naming a session that has ended.
    Anonymous,
    SignedIn(Citizen),
    /// The lookup failed (the database is down); the server logged why.
    Unknown,
}

/// The visitor of the request being served.
pub fn visitor() -> Visitor {
    use_context::<http::request::Parts>()
        .and_then(|p| p.extensions.get::<Visitor>().cloned())
        .unwrap_or(Visitor::Anonymous)
}

/// The signed-in citizen, or the error the citizen reads.
pub fn signed_in() -> Result<Citizen, PortalError> {
    match visitor() {
        Visitor::SignedIn(c) => Ok(c),
        Visitor::Anonymous => Err(PortalError::NotSignedIn),
        Visitor::Unknown => Err(PortalError::Unexpected),
    }
}
