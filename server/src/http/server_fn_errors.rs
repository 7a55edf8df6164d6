//! Statuses for the server functions' (`/fn/...`) errors. The server-function
//! layer answers every error with a 500; the body is a [`PortalError`]
//! (JSON), which knows its own status: a 4xx for what the caller can fix,
//! 5xx only for ours. A body over the limit is refused before it is read.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::{error_page, MAX_BODY};
use app::error::PortalError;

/// The prefix of the server functions' routes.
pub const PREFIX: &str = "/fn/";

fn declared_length(request: &Request) -> Option<usize> {
    request
        .headers()
        .get(header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .parse()
        .ok()
}

/// A browser's form post (no WASM) reads a page; the WASM reads the error itself.
fn wants_html(request: &Request) -> bool {
    request
        .headers()
        .get(header::ACCEPT)
        .and_then(|a| a.to_str().ok())
        .is_some_and(|a| a.contains("text/html"))
}

fn json_error(error: PortalError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST);
    let body = serde_json::to_string(&error).unwrap_or_default();
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

pub async fn localize(request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with(PREFIX) {
        return next.run(request).await;
    }
    if declared_length(&request).is_some_and(|n| n > MAX_BODY) {
        return if wants_html(&request) {
            error_page::page(StatusCode::PAYLOAD_TOO_LARGE, request.headers(), |t| {
                t.err_too_large
            })
        } else {
            json_error(PortalError::TooLarge)
        };
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<PortalError>(&bytes) {
        if let Ok(status) = StatusCode::from_u16(error.status()) {
            if status.is_client_error() {
                tracing::info!(?error, %status, "a server function refused its input");
            }
            parts.status = status;
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}
