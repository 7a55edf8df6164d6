use axum::extract::State;
use axum::http::StatusCode;

use super::AppState;

/// Liveness and database reachability, for load balancers.
pub async fn check(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match state.ports.audit.recent(1).await {
        Ok(_) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
