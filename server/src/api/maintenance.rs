//! Appendix row 7 in the API: during a maintenance window every call but
//! the API's own description answers 503 `maintenance` with `Retry-After`
//! (seconds until the window ends).

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::problem::{lang_of, Problem};
use crate::domain::maintenance::Notice;
use crate::services::{maintenance, Ports};
use nomir_core::api_problem::ApiProblem;

pub async fn gate(State(ports): State<Ports>, request: Request, next: Next) -> Response {
    let described = matches!(request.uri().path(), "/openapi.json" | "/docs");
    if !described {
        if let Some(Notice::Paused { until }) = maintenance::notice(&ports).await {
            let lang = lang_of(request.headers());
            return Problem::new(ApiProblem::Maintenance, lang)
                .retry_at(until, ports.clock.now())
                .into_response();
        }
    }
    next.run(request).await
}
