//! Resolves the session cookie once per request: the outcome
//! ([`Visitor`]) goes into the request's extensions, where the server
//! functions and pages read it (`app::citizen`). Nothing else reads the cookie.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use super::cookies;
use crate::services::{session, Ports};
use app::citizen::{Citizen, Visitor};
use app::wire::SESSION_COOKIE;

/// Files and probes that never need to know who asks.
fn needs_no_session(path: &str) -> bool {
    path.starts_with("/pkg/") || matches!(path, "/favicon.svg" | "/robots.txt" | "/health")
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
    next.run(request).await
}
