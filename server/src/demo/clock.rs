//! `POST /demo/clock?minutes=N` (demo mode only): moves the demo's clock
//! forward, so the 10-minute term can be seen to expire without waiting.
//! At most a day per call and 30 days in total; every page then says the
//! clock was moved.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use time::Duration;

use crate::common::{error_page, AppState};

#[derive(Deserialize)]
pub struct Advance {
    minutes: i64,
}

pub async fn advance(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<Advance>, QueryRejection>,
) -> Response {
    let Some(clock) = &state.demo_clock else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let step = query
        .ok()
        .map(|Query(a)| a.minutes)
        .filter(|m| (1..=24 * 60).contains(m));
    let Some(minutes) = step else {
        return error_page::page(StatusCode::BAD_REQUEST, &headers, |t| {
            t.page_demo_clock_step
        });
    };
    if clock.advance(Duration::minutes(minutes)).is_err() {
        return error_page::page(StatusCode::BAD_REQUEST, &headers, |t| {
            t.page_demo_clock_step
        });
    }
    tracing::warn!(minutes, total = %clock.offset(), "demo clock moved forward");
    StatusCode::NO_CONTENT.into_response()
}
