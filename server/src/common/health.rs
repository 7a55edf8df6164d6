use axum::extract::State;
use axum::http::StatusCode;

use super::AppState;
use crate::ports::StoreError;

/// Liveness and database reachability, for load balancers.
pub async fn check(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match state.ports.audit.recent(1).await {
        // A row this build cannot read (an action written by a newer
        // instance sharing the database) still proves the database answers.
        Ok(_) | Err(StoreError::Corrupt(_)) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
