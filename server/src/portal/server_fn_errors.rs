//! Statuses for the server functions' (`/fn/...`) errors. The server-function
//! layer answers every error with a 500; the body is a [`PortalError`]
//! (JSON), which knows its own status: a 4xx for what the caller can fix,
//! 5xx only for ours. A body over the limit is refused before it is read.
//!
//! Without the WASM a failed form post goes back to its page with the error
//! in the address (`__path`, `__err`), appended to the page's address as the
//! browser reports it. Posted again from that page, the next error would be
//! appended beside the old one; the old one is taken off the `Referer` first.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::common::{error_page, MAX_BODY};
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

/// The query parameters the server-function layer writes an error into.
const ERROR_PARAMS: [&str; 2] = ["__path", "__err"];

/// The page's address without an earlier error in it.
fn without_error(referer: &str) -> Option<String> {
    let mut url = url::Url::parse(referer).ok()?;
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| !ERROR_PARAMS.contains(&k.as_ref()))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().clear().extend_pairs(kept);
    }
    Some(url.into())
}

fn clean_referer(request: &mut Request) {
    let cleaned = request
        .headers()
        .get(header::REFERER)
        .and_then(|r| r.to_str().ok())
        .filter(|r| ERROR_PARAMS.iter().any(|p| r.contains(p)))
        .and_then(without_error)
        .and_then(|r| HeaderValue::from_str(&r).ok());
    if let Some(value) = cleaned {
        request.headers_mut().insert(header::REFERER, value);
    }
}

pub async fn localize(mut request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with(PREFIX) {
        return next.run(request).await;
    }
    clean_referer(&mut request);
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

#[cfg(test)]
mod tests {
    use super::without_error;

    #[test]
    fn an_earlier_error_is_taken_off_the_page_address() {
        let clean = |r: &str| without_error(r).unwrap();
        assert_eq!(
            clean("http://x/sign-in?__path=%2Ffn%2Fsign_in&__err=abc"),
            "http://x/sign-in"
        );
        assert_eq!(
            clean("http://x/a?next=%2Fcabinet&__path=p&__err=e&__path=q&__err=f&b=1"),
            "http://x/a?next=%2Fcabinet&b=1"
        );
        assert_eq!(clean("http://x/a?b=1"), "http://x/a?b=1");
        assert!(without_error("not a url").is_none());
    }
}
