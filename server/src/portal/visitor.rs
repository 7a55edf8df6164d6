//! Resolves the session cookie once per request: the outcome
//! ([`Visitor`]) goes into the request's extensions, where the server
//! functions and pages read it (`app::citizen`). The back office's staff
//! cookie likewise (`app::staff`). Nothing else reads the cookies.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::common::cookies;
use crate::services::{session, staff, Ports};
use app::citizen::{Citizen, Visitor};
use app::staff::{Official, StaffVisitor};
use nomir_core::wire::SESSION_COOKIE;
use nomir_core::wire_complaints::STAFF_COOKIE;

/// Files that never need to know who asks (the probes are routed outside).
fn needs_no_session(path: &str) -> bool {
    path.starts_with("/pkg/") || matches!(path, "/favicon.svg" | "/robots.txt")
}

pub async fn resolve(State(ports): State<Ports>, mut request: Request, next: Next) -> Response {
    if needs_no_session(request.uri().path()) {
        return next.run(request).await;
    }
    let visitor = match cookies::read(request.headers(), SESSION_COOKIE) {
        None => Visitor::Anonymous,
        Some(token) => match session::current(&ports, Some(&token)).await {
            Ok(Some(iin)) => Visitor::SignedIn(Citizen {
                iin: iin.as_str().to_owned(),
                session: token,
            }),
            Ok(None) => Visitor::Anonymous,
            Err(e) => {
                tracing::error!(error = %e, "session lookup failed");
                Visitor::Unknown
            }
        },
    };
    request.extensions_mut().insert(visitor);
    let staff = match cookies::read(request.headers(), STAFF_COOKIE) {
        None => StaffVisitor::Anonymous,
        Some(token) => match staff::current(&ports, &token).await {
            Ok(Some(member)) => StaffVisitor::SignedIn(Official {
                login: member.login,
                session: token,
            }),
            Ok(None) => StaffVisitor::Anonymous,
            Err(e) => {
                tracing::error!(error = %e, "staff session lookup failed");
                StaffVisitor::Unknown
            }
        },
    };
    request.extensions_mut().insert(staff);
    next.run(request).await
}
