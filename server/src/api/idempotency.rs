//! `Idempotency-Key` on the API's POSTs: the same key with the same
//! request gets the first answer again (`Idempotent-Replayed: true`), the
//! same key with another request is a 422, and a retry while the first
//! call runs is a 409. Keys belong to the authenticated principal: the
//! client of a live bearer token, and the citizen of a valid
//! `X-Citizen-Token` where the call carries one, so one citizen's key never
//! answers another's call. Calls that are not authenticated (the token
//! endpoint's Basic credentials are checked only by the handler) are never
//! stored, and neither is an answer that carries a secret (marked
//! [`Unreplayable`]). Keys are kept a day, at most
//! [`idempotency::MAX_KEYS`] per client (`services/idempotency.rs`).
//! The key is reserved in the database before the call runs, so competing
//! retries run it once.

use super::problem::{lang_of, Problem};
use crate::common::MAX_BODY;
use crate::ports::{KeyState, StoredAnswer};
use crate::services::idempotency::{self, KEY_LIFETIME};
use crate::services::{api_clients, Ports};
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use nomir_core::api_problem::ApiProblem;
use sha2::{Digest, Sha256};

pub const IDEMPOTENCY_KEY: &str = "idempotency-key";
const REPLAYED: &str = "idempotent-replayed";

/// Put in a response's extensions by a handler whose answer carries a
/// secret (a citizen's session token): such an answer is never stored.
#[derive(Debug, Clone, Copy)]
pub struct Unreplayable;

/// The authenticated principal of a call: the client of its live bearer
/// token, with the citizen of its `X-Citizen-Token` if it carries one.
/// `None` when the call is not authenticated (no bearer token, a dead one,
/// Basic credentials, or a citizen token that is not this client's).
/// Returns the API client's id and the principal.
async fn principal_of(ports: &Ports, headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return None;
    }
    let client = api_clients::client_of_token(ports, token.trim())
        .await
        .ok()??;
    let Some(citizen_token) = headers.get(super::citizen::CITIZEN_TOKEN) else {
        return Some((client.id.to_string(), client.id.to_string()));
    };
    let citizen_token = citizen_token.to_str().ok()?;
    let iin = crate::services::app_sign_in::citizen(ports, &client.id, citizen_token)
        .await
        .ok()??;
    let principal = format!("{}/citizen:{}", client.id, iin.as_str());
    Some((client.id.to_string(), principal))
}

fn fingerprint(request: &Request, body: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(request.method().as_str());
    h.update([0]);
    h.update(request.uri().path_and_query().map_or("", |p| p.as_str()));
    h.update([0]);
    h.update(body);
    hex::encode(h.finalize())
}

fn replay(answer: StoredAnswer) -> Response {
    let mut response = (
        axum::http::StatusCode::from_u16(answer.status).unwrap_or(axum::http::StatusCode::OK),
        answer.body,
    )
        .into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&answer.content_type) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(REPLAYED, HeaderValue::from_static("true"));
    response
}

/// Whether an answer is kept for replay: the call ran and decided (a
/// success, or a refusal of its content); not when it was not authorized,
/// was rate limited or failed on our side, so that a retry runs it.
fn keeps(status: u16) -> bool {
    (200..500).contains(&status) && !matches!(status, 401 | 403 | 408 | 429)
}

pub async fn middleware(State(ports): State<Ports>, request: Request, next: Next) -> Response {
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    let Some(key) = request.headers().get(IDEMPOTENCY_KEY).cloned() else {
        return next.run(request).await;
    };
    let lang = lang_of(request.headers());
    let key = match key.to_str() {
        Ok(k) if (1..=255).contains(&k.len()) => k.to_owned(),
        _ => {
            return Problem::new(ApiProblem::InvalidRequest, lang)
                .field("Idempotency-Key")
                .into_response()
        }
    };
    let Some((owner, client)) = principal_of(&ports, request.headers()).await else {
        // Not authenticated: the call fails on its own, and keeps nothing.
        return next.run(request).await;
    };
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_BODY).await else {
        return Problem::new(ApiProblem::PayloadTooLarge, lang).into_response();
    };
    let request = Request::from_parts(parts, Body::from(bytes.clone()));
    let print = fingerprint(&request, &bytes);
    let (state, now) = match idempotency::reserve(&ports, &owner, &client, &key, &print).await {
        Ok(reserved) => reserved,
        Err(e) => return Problem::internal(lang, &e).into_response(),
    };
    match state {
        KeyState::OtherRequest => Problem::new(ApiProblem::IdempotencyKeyReused, lang)
            .field("Idempotency-Key")
            .into_response(),
        KeyState::InProgress => Problem::new(ApiProblem::IdempotencyInProgress, lang)
            .header(header::RETRY_AFTER, "1")
            .into_response(),
        KeyState::Done(answer) => replay(answer),
        KeyState::TooMany { oldest } => {
            let wait = (oldest + KEY_LIFETIME - now).whole_seconds().max(1);
            super::caller::rate_limited(lang, wait.unsigned_abs())
                .field("Idempotency-Key")
                .into_response()
        }
        KeyState::Reserved => {
            let response = next.run(request).await;
            let status = response.status().as_u16();
            if !keeps(status) || response.extensions().get::<Unreplayable>().is_some() {
                if let Err(e) = idempotency::release(&ports, &client, &key).await {
                    tracing::error!(error = %e, "could not release an idempotency key");
                }
                return response;
            }
            let (mut parts, body) = response.into_parts();
            let Ok(bytes) = to_bytes(body, usize::MAX).await else {
                return Problem::new(ApiProblem::Internal, lang).into_response();
            };
            let answer = StoredAnswer {
                status,
                content_type: parts
                    .headers
                    .get(header::CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_owned(),
                body: String::from_utf8_lossy(&bytes).into_owned(),
            };
            if let Err(e) = idempotency::complete(&ports, &client, &key, &answer).await {
                tracing::error!(error = %e, "could not keep an idempotent answer");
            }
            parts
                .headers
                .insert(REPLAYED, HeaderValue::from_static("false"));
            Response::from_parts(parts, Body::from(bytes))
        }
    }
}
