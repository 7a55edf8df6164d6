//! A mobile operator's CAMARA APIs as these tests need them: OAuth 2.0
//! client credentials (`/oauth2/token`), KYC Match
//! (`/kyc-match/v0.3/match`) and SIM Swap (`/sim-swap/v1/retrieve-date`),
//! with the request and answer fields and the error shape of the
//! published OpenAPI definitions, and knobs to make it fail.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Form, Json, Router};
use nomir::config::CamaraSettings;
use serde_json::{json, Value};

pub const CLIENT_ID: &str = "nomir";
pub const CLIENT_SECRET: &str = "operator-secret-1";

#[derive(Default)]
pub struct Operator {
    /// Number (E.164) → the subscriber's IIN.
    pub subscribers: Mutex<HashMap<String, String>>,
    /// Number → its latest SIM change (RFC 3339).
    pub swaps: Mutex<HashMap<String, String>>,
    tokens: Mutex<HashSet<String>>,
    pub tokens_issued: AtomicU32,
    /// Calls that reached KYC Match or SIM Swap.
    pub api_calls: AtomicU32,
    /// The next this many API calls answer 503.
    pub fail_next: AtomicU32,
    /// Every API answer waits this long.
    pub delay_ms: AtomicU64,
    /// KYC Match answers "not_available".
    pub not_available: AtomicBool,
    /// KYC Match attributes every number to whoever is asked about.
    pub anyone: AtomicBool,
}

impl Operator {
    pub fn subscriber(&self, number: &str, iin: &str) {
        self.subscribers
            .lock()
            .unwrap()
            .insert(number.into(), iin.into());
    }

    pub fn swapped(&self, number: &str, at: time::OffsetDateTime) {
        let at = at
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap();
        self.swaps.lock().unwrap().insert(number.into(), at);
    }

    /// Every token it gave is refused from now on (as after a key rotation).
    pub fn revoke_tokens(&self) {
        self.tokens.lock().unwrap().clear();
    }
}

fn camara_error(status: StatusCode, code: &str, message: &str) -> Response {
    let body = json!({ "status": status.as_u16(), "code": code, "message": message });
    (status, Json(body)).into_response()
}

async fn token(
    State(op): State<Arc<Operator>>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    use base64::Engine;
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"))
    );
    let auth = headers.get("authorization").and_then(|v| v.to_str().ok());
    if auth != Some(expected.as_str())
        || form.get("grant_type").map(String::as_str) != Some("client_credentials")
    {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({"error": "invalid_client"})),
        )
            .into_response();
    }
    let token = uuid::Uuid::new_v4().to_string();
    op.tokens.lock().unwrap().insert(token.clone());
    op.tokens_issued.fetch_add(1, Ordering::SeqCst);
    Json(json!({"access_token": token, "token_type": "Bearer", "expires_in": 3600})).into_response()
}

/// The checks every API call passes first: a live token, a number in
/// E.164, then the knobs.
async fn admit(op: &Operator, headers: &HeaderMap, body: &Value) -> Result<String, Response> {
    let bearer = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    if !op.tokens.lock().unwrap().contains(bearer) {
        return Err(camara_error(
            StatusCode::UNAUTHORIZED,
            "UNAUTHENTICATED",
            "Request not authenticated due to missing, invalid, or expired credentials.",
        ));
    }
    op.api_calls.fetch_add(1, Ordering::SeqCst);
    let delay = op.delay_ms.load(Ordering::SeqCst);
    if delay > 0 {
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    if op
        .fail_next
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok()
    {
        return Err(camara_error(
            StatusCode::SERVICE_UNAVAILABLE,
            "UNAVAILABLE",
            "Service unavailable.",
        ));
    }
    let number = body["phoneNumber"].as_str().unwrap_or_default();
    let e164 = number.len() > 5
        && number.starts_with('+')
        && number[1..].bytes().all(|b| b.is_ascii_digit());
    if !e164 {
        return Err(camara_error(
            StatusCode::BAD_REQUEST,
            "INVALID_ARGUMENT",
            "Client specified an invalid argument, request body or query param.",
        ));
    }
    Ok(number.to_owned())
}

async fn kyc_match(
    State(op): State<Arc<Operator>>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    let number = match admit(&op, &headers, &body).await {
        Ok(n) => n,
        Err(answer) => return answer,
    };
    if op.anyone.load(Ordering::SeqCst) {
        return Json(json!({ "idDocumentMatch": "true" })).into_response();
    }
    let Some(holder) = op.subscribers.lock().unwrap().get(&number).cloned() else {
        return camara_error(
            StatusCode::NOT_FOUND,
            "IDENTIFIER_NOT_FOUND",
            "Device identifier not found.",
        );
    };
    let answer = match body["idDocument"].as_str() {
        _ if op.not_available.load(Ordering::SeqCst) => "not_available",
        Some(id) if id == holder => "true",
        Some(_) => "false",
        None => "not_available",
    };
    Json(json!({ "idDocumentMatch": answer })).into_response()
}

async fn retrieve_date(
    State(op): State<Arc<Operator>>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    let number = match admit(&op, &headers, &body).await {
        Ok(n) => n,
        Err(answer) => return answer,
    };
    let latest = op.swaps.lock().unwrap().get(&number).cloned();
    Json(json!({ "latestSimChange": latest })).into_response()
}

/// Starts an operator on a free port; its base address.
pub async fn start(op: Arc<Operator>) -> String {
    let app = Router::new()
        .route("/oauth2/token", post(token))
        .route("/kyc-match/v0.3/match", post(kyc_match))
        .route("/sim-swap/v1/retrieve-date", post(retrieve_date))
        .with_state(op);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    base
}

/// The settings of one operator named `name` at `base` for `ranges`.
pub fn operator_settings(
    name: &str,
    base: &str,
    ranges: &[&str],
) -> nomir::config::OperatorSettings {
    nomir::config::OperatorSettings {
        name: name.into(),
        ranges: ranges.iter().map(|r| r.to_string()).collect(),
        kyc_match_url: format!("{base}/kyc-match/v0.3").parse().unwrap(),
        sim_swap_url: format!("{base}/sim-swap/v1").parse().unwrap(),
        credentials: nomir::config::ClientCredentials {
            token_url: format!("{base}/oauth2/token").parse().unwrap(),
            client_id: CLIENT_ID.into(),
            client_secret: CLIENT_SECRET.into(),
            scope: Some("kyc-match:match sim-swap:retrieve-date".into()),
        },
    }
}

/// Quick limits, so that failure tests stay short.
pub fn quick() -> nomir::adapters::resilient::Resilience {
    nomir::adapters::resilient::Resilience {
        timeout: Duration::from_millis(300),
        attempts: 2,
        trip_after: 3,
        open_for: Duration::from_millis(400),
    }
}

pub fn settings(operators: Vec<nomir::config::OperatorSettings>) -> CamaraSettings {
    CamaraSettings {
        operators,
        ported: Vec::new(),
        resilience: quick(),
    }
}
