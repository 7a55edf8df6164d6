use axum::extract::State;
use axum::http::StatusCode;

use super::AppState;
use crate::services::health::{database_answers, warnings};

/// Liveness and database reachability, for load balancers: `ok`, and a
/// `warning` line when the operator should see to something (what, only
/// in the log: this answer is public).
pub async fn check(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match database_answers(&state.ports).await {
        Ok(()) => {
            let found = warnings(&state.ports).await;
            for w in &found {
                tracing::warn!(warning = %w, "health check");
            }
            if found.is_empty() {
                (StatusCode::OK, "ok")
            } else {
                (StatusCode::OK, "ok\nwarning: see the log")
            }
        }
        Err(e) => {
            tracing::error!(error = %e, "health check: database unavailable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

/// Readiness, for orchestrators and load balancers: 200 when this instance
/// can take requests, 503 when it cannot, with each check on a line: the
/// database answers, and this instance's SMS delivery worker is turning
/// (a stalled one would leave its delayed messages to the others).
pub async fn ready(State(state): State<AppState>) -> (StatusCode, String) {
    let mut ready = true;
    let mut lines = Vec::new();
    match database_answers(&state.ports).await {
        Ok(()) => lines.push("database: ok".to_owned()),
        Err(e) => {
            tracing::error!(error = %e, "readiness: database unavailable");
            ready = false;
            lines.push("database: unavailable".to_owned());
        }
    }
    let age = state.ports.sms_worker.age(time::OffsetDateTime::now_utc());
    if age > crate::services::sms_delivery::STALLED_AFTER {
        tracing::error!(
            seconds = age.whole_seconds(),
            "readiness: the SMS worker has stalled"
        );
        ready = false;
        lines.push(format!("sms worker: stalled ({} s)", age.whole_seconds()));
    } else {
        lines.push("sms worker: ok".to_owned());
    }
    let head = if ready { "ready" } else { "not ready" };
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, format!("{head}\n{}\n", lines.join("\n")))
}
