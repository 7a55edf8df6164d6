//! The demo phone: the SMS outbox, grouped by number, and one number's
//! newest message as JSON for load runs (demo mode only).

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;

use crate::common::cookies::request_lang;
use crate::common::AppState;
use crate::domain::Msisdn;
use crate::ports::SmsMessage;
use crate::services::{Ports, Unexpected};
use nomir_core::step_error::StepError;

/// Messages grouped by number, numbers in order of their latest message.
pub async fn inbox(ports: &Ports) -> Result<Vec<(String, Vec<SmsMessage>)>, Unexpected> {
    let mut groups: Vec<(String, Vec<SmsMessage>)> = Vec::new();
    for m in ports.outbox.outbox().await? {
        let key = m.msisdn.as_str().to_owned();
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(m),
            None => groups.push((key, vec![m])),
        }
    }
    Ok(groups)
}

#[derive(Deserialize)]
pub struct Number {
    number: String,
}

/// `GET /demo/phone/newest?number=+7…`: `{"text": …}` of the newest message
/// delivered to the number; 404 when there is none, or outside demo mode;
/// 400 with the reason, in the reader's language, for a number that is
/// missing or not a Kazakh mobile number.
pub async fn newest(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<Number>, QueryRejection>,
) -> Response {
    if state.demo_clock.is_none() {
        return StatusCode::NOT_FOUND.into_response();
    }
    let msisdn = match query {
        Ok(Query(q)) => Msisdn::parse(&q.number).map_err(StepError::from),
        Err(_) => Err(StepError::NumberEmpty),
    };
    let msisdn = match msisdn {
        Ok(m) => m,
        Err(e) => {
            let t = request_lang(&headers).texts();
            return (StatusCode::BAD_REQUEST, e.message(t)).into_response();
        }
    };
    match state.ports.outbox.newest_sent_to(&msisdn).await {
        Ok(Some(m)) => Json(serde_json::json!({ "text": m.body })).into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "demo phone");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}
