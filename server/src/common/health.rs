use axum::extract::State;
use axum::http::StatusCode;

use super::AppState;
use crate::services::health::{database_answers, readiness, warnings};

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
/// can take requests, 503 when it cannot, with each check on a line
/// (`services::health::readiness`).
pub async fn ready(State(state): State<AppState>) -> (StatusCode, String) {
    let r = readiness(&state.ports).await;
    let (status, head) = if r.ready {
        (StatusCode::OK, "ready")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "not ready")
    };
    (status, format!("{head}\n{}\n", r.lines.join("\n")))
}
