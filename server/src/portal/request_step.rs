//! `GET /cabinet/request/{id}/step`: which step the citizen's request is
//! at, as a small JSON object (`{"step":"sign"}`; at the code step with the
//! service's times: `{"step":"code","now":…,"term_ends":…,"resend_at":…}`,
//! Unix seconds), for the code step's
//! island to learn of a change made elsewhere (the code entered in another
//! tab, the request finished in the app, its term over) without a reload.
//! The owner's only: anyone else gets 404, as for a request that does not
//! exist; signed out, 401. Reading it ends an overdue request, as the
//! page itself does.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;

use crate::common::AppState;
use crate::domain::Iin;
use crate::services::request_status;
use app::citizen::Visitor;
use nomir_core::wire::RequestStep;

/// The step's stable name.
pub fn step_name(step: &RequestStep) -> &'static str {
    match step {
        RequestStep::Code { .. } => "code",
        RequestStep::Sign { .. } => "sign",
        RequestStep::InApp => "in_app",
        RequestStep::AtBank => "at_bank",
        RequestStep::Bound { .. } => "bound",
        RequestStep::Ended { .. } => "ended",
        RequestStep::Expired => "expired",
        RequestStep::Withdrawn => "withdrawn",
    }
}

fn json(status: StatusCode, body: String) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

pub async fn step(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    id: Result<Path<String>, PathRejection>,
) -> Response {
    let citizen = match visitor {
        Visitor::SignedIn(citizen) => citizen,
        Visitor::Unknown => {
            return json(
                StatusCode::SERVICE_UNAVAILABLE,
                r#"{"error":"unavailable"}"#.into(),
            )
        }
        Visitor::Anonymous => {
            return json(
                StatusCode::UNAUTHORIZED,
                r#"{"error":"not_signed_in"}"#.into(),
            )
        }
    };
    let Ok(iin) = Iin::parse(&citizen.iin) else {
        return json(
            StatusCode::UNAUTHORIZED,
            r#"{"error":"not_signed_in"}"#.into(),
        );
    };
    // An id that cannot be read (not UTF-8) names no request.
    let Ok(Path(id)) = id else {
        return json(StatusCode::NOT_FOUND, r#"{"error":"not_found"}"#.into());
    };
    match request_status::view(&state.ports, &iin, &id).await {
        Ok(Some(status)) => {
            let now = state.ports.clock.now();
            let step = super::views::step(&status, "", now);
            let body = match &step {
                // The code step's times too: the term may have grown (a
                // maintenance break), and the island re-learns the clock.
                RequestStep::Code { clock, .. } => format!(
                    r#"{{"step":"code","now":{},"term_ends":{},"resend_at":{}}}"#,
                    clock.now, clock.term_ends, clock.resend_at
                ),
                other => format!(r#"{{"step":"{}"}}"#, step_name(other)),
            };
            json(StatusCode::OK, body)
        }
        Ok(None) => json(StatusCode::NOT_FOUND, r#"{"error":"not_found"}"#.into()),
        Err(e) => {
            tracing::error!(error = %e, "request step could not be read");
            json(
                StatusCode::SERVICE_UNAVAILABLE,
                r#"{"error":"unavailable"}"#.into(),
            )
        }
    }
}
