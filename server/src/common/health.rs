use axum::extract::State;
use axum::http::StatusCode;

use super::AppState;
use crate::services::health::{database_answers, warnings};

/// Liveness and database reachability, for load balancers: `ok`, then a
/// `warning:` line for each thing the operator should see to.
pub async fn check(State(state): State<AppState>) -> (StatusCode, String) {
    match database_answers(&state.ports).await {
        Ok(()) => {
            let mut body = "ok".to_owned();
            for w in warnings(&state.ports).await {
                tracing::warn!(warning = %w, "health check");
                body.push_str("\nwarning: ");
                body.push_str(&w);
            }
            (StatusCode::OK, body)
        }
        Err(e) => {
            tracing::error!(error = %e, "health check: database unavailable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "database unavailable".to_owned(),
            )
        }
    }
}
