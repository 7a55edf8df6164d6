//! `Idempotency-Key` on the API's POSTs: the same key with the same
//! request gets the first answer again (`Idempotent-Replayed: true`), the
//! same key with another request is a 422, and a retry while the first
//! call runs is a 409. Keys belong to a client (its token's, or the Basic
//! user's for the token endpoint) and are kept a day. The key is reserved
//! in the database before the call runs, so competing retries run it once.

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use time::Duration;

use super::problem::{lang_of, Problem};
use crate::http::MAX_BODY;
use crate::ports::{KeyState, StoredAnswer};
use crate::services::session::token_hash;
use crate::services::Ports;
use app::api_problem::ApiProblem;

pub const IDEMPOTENCY_KEY: &str = "idempotency-key";
const REPLAYED: &str = "idempotent-replayed";
/// How long a key and its answer are kept.
pub const KEY_LIFETIME: Duration = Duration::hours(24);

/// The client a call names: its bearer token's, or the Basic user.
async fn client_of(ports: &Ports, headers: &HeaderMap) -> Option<String> {
    if let Some(basic) = super::token::basic(headers) {
        return Some(format!("basic:{}", basic.username()));
    }
    let value = headers.get(header::AUTHORIZATION)?;
    let token = value.to_str().ok()?.split_once(' ')?.1.trim();
    let (_, client) = ports
        .api_clients
        .live_token(&token_hash(token), ports.clock.now())
        .await
        .ok()??;
    Some(client.id.to_string())
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
    let Some(client) = client_of(&ports, request.headers()).await else {
        // Not authenticated: the call fails on its own, and keeps nothing.
        return next.run(request).await;
    };
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_BODY).await else {
        return Problem::new(ApiProblem::PayloadTooLarge, lang).into_response();
    };
    let request = Request::from_parts(parts, Body::from(bytes.clone()));
    let print = fingerprint(&request, &bytes);
    let now = ports.clock.now();
    let state = ports
        .idempotency
        .reserve_key(&client, &key, &print, now, now - KEY_LIFETIME)
        .await;
    match state {
        Err(e) => Problem::internal(lang, &e).into_response(),
        Ok(KeyState::OtherRequest) => Problem::new(ApiProblem::IdempotencyKeyReused, lang)
            .field("Idempotency-Key")
            .into_response(),
        Ok(KeyState::InProgress) => Problem::new(ApiProblem::IdempotencyInProgress, lang)
            .header(header::RETRY_AFTER, "1")
            .into_response(),
        Ok(KeyState::Done(answer)) => replay(answer),
        Ok(KeyState::Reserved) => {
            let response = next.run(request).await;
            let status = response.status().as_u16();
            if !keeps(status) {
                if let Err(e) = ports.idempotency.release_key(&client, &key).await {
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
            if let Err(e) = ports.idempotency.complete_key(&client, &key, &answer).await {
                tracing::error!(error = %e, "could not keep an idempotent answer");
            }
            parts
                .headers
                .insert(REPLAYED, HeaderValue::from_static("false"));
            Response::from_parts(parts, Body::from(bytes))
        }
    }
}
