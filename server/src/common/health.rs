use axum::extract::State;
use axum::http::StatusCode;

use super::AppState;
use crate::services::health::database_answers;

/// Liveness and database reachability, for load balancers.
pub async fn check(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match database_answers(&state.ports).await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
