//! `POST /demo/clock` (demo mode only): moves the demo's clock forward, so
//! the 10-minute term can be seen to expire without waiting.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use time::Duration;

use super::AppState;

#[derive(Deserialize)]
pub struct Advance {
    minutes: i64,
}

pub async fn advance(
    State(state): State<AppState>,
    query: Result<Query<Advance>, QueryRejection>,
) -> StatusCode {
    let Some(clock) = &state.demo_clock else {
        return StatusCode::NOT_FOUND;
    };
    let Ok(Query(a)) = query else {
        return StatusCode::BAD_REQUEST;
    };
    if !(1..=24 * 60).contains(&a.minutes) {
        return StatusCode::BAD_REQUEST;
    }
    clock.advance(Duration::minutes(a.minutes));
    tracing::warn!(minutes = a.minutes, "demo clock moved forward");
    StatusCode::NO_CONTENT
}
