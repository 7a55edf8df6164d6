//! The service dashboard as a CSV download, for staff only: the same
//! figures as the dashboard page (`services::dashboard`).

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde::Deserialize;

use crate::common::{error_page, AppState};
use crate::services::dashboard;
use app::staff::StaffVisitor;

#[derive(Deserialize)]
pub struct Period {
    days: Option<u32>,
}

pub async fn download(
    State(state): State<AppState>,
    Extension(visitor): Extension<StaffVisitor>,
    headers: HeaderMap,
    query: Result<Query<Period>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let official = match visitor {
        StaffVisitor::SignedIn(o) => o,
        StaffVisitor::Unknown => {
            return error_page::page(StatusCode::SERVICE_UNAVAILABLE, &headers, |t| {
                t.err_unexpected
            })
        }
        StaffVisitor::Anonymous => {
            return error_page::page(StatusCode::UNAUTHORIZED, &headers, |t| {
                t.complaints.err_staff_signed_out
            })
        }
    };
    let days = query
        .ok()
        .and_then(|Query(p)| p.days)
        .unwrap_or(dashboard::DEFAULT_DAYS);
    let text = match dashboard::export(&state.ports, &official.login, days).await {
        Ok(text) => text,
        Err(e) => {
            tracing::error!(error = %e, "dashboard export failed");
            return error_page::page(StatusCode::INTERNAL_SERVER_ERROR, &headers, |t| {
                t.err_unexpected
            });
        }
    };
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"nomir-dashboard.csv\""),
            ),
        ],
        text,
    )
        .into_response()
}
