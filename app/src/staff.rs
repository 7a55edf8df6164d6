//! Who is signed in to the back office. Like [`crate::citizen`], the
//! server resolves the staff cookie once per request and puts the outcome
//! in the request's extensions; the office's server functions read it.

use leptos::prelude::use_context;

use crate::error::PortalError;

/// A signed-in staff member: a login whose session the server has just checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Official {
    pub login: String,
    /// The session it was found by (sign-out ends it).
    pub session: String,
}

/// The staff session lookup's outcome for this request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaffVisitor {
    Anonymous,
    SignedIn(Official),
    /// The lookup failed (the database is down); the server logged why.
    Unknown,
}

/// The signed-in staff member, or the error the page shows.
pub fn signed_in() -> Result<Official, PortalError> {
    let visitor = use_context::<http::request::Parts>()
        .and_then(|p| p.extensions.get::<StaffVisitor>().cloned())
        .unwrap_or(StaffVisitor::Anonymous);
    match visitor {
        StaffVisitor::SignedIn(o) => Ok(o),
        StaffVisitor::Anonymous => Err(PortalError::StaffNotSignedIn),
        StaffVisitor::Unknown => Err(PortalError::Unexpected),
    }
}
