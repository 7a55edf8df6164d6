//! The JSON API under `/api/v1`, for the e-government mobile app and banks'
//! apps (SPEC §3.2, §3.3). Handlers are thin: they read the call, ask the
//! same services the portal uses, and answer JSON or an RFC 9457 problem.

mod app_sign_in;
mod bank;
mod binding_requests;
mod biometrics;
mod body;
mod caller;
mod certificates;
mod citizen;
mod client;
mod complaints;
mod docs;
#[cfg(fuzzing)]
pub mod fuzz_bodies;
mod idempotency;
mod maintenance;
mod notifications;
pub mod openapi;
mod problem;
mod step_problems;
mod token;
mod views;

use std::any::Any;

use axum::body::Body;
use axum::http::{HeaderMap, Response};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;

use crate::common::AppState;
use nomir_core::api_problem::ApiProblem;
use nomir_core::i18n::Lang;
pub use problem::{Problem, PROBLEM_JSON};

pub fn router(ports: crate::services::Ports) -> Router<AppState> {
    Router::new()
        .route("/token", post(token::issue))
        .route("/client", get(client::show))
        .route("/citizen/challenges", post(app_sign_in::challenge))
        .route("/citizen/sessions", post(app_sign_in::session))
        .route("/citizen/certificates", post(certificates::issue))
        .route("/citizen/binding", get(binding_requests::binding))
        .route("/citizen/binding-requests", post(binding_requests::start))
        .route("/bank/binding-requests", post(bank::start))
        .route("/bank/binding-requests/{id}", get(bank::show))
        .route("/bank/binding-requests/{id}/code", post(bank::code))
        .route(
            "/bank/binding-requests/{id}/biometrics",
            post(bank::biometrics),
        )
        .route("/bank/permissions", get(bank::permissions))
        .route("/notifications", post(notifications::send))
        .route("/notification-purposes", get(notifications::purposes))
        .route(
            "/citizen/binding-requests/{id}",
            get(binding_requests::show),
        )
        .route(
            "/citizen/binding-requests/{id}/code",
            post(binding_requests::code),
        )
        .route(
            "/citizen/binding-requests/{id}/resend",
            post(binding_requests::resend),
        )
        .route(
            "/citizen/binding-requests/{id}/biometrics",
            post(binding_requests::biometrics),
        )
        .route(
            "/citizen/binding-requests/{id}/signature",
            post(binding_requests::signature),
        )
        .route(
            "/citizen/complaints",
            post(complaints::file).get(complaints::list),
        )
        .route("/citizen/complaints/{id}", get(complaints::show))
        .route(
            "/citizen/binding-requests/{id}/officials",
            get(complaints::officials),
        )
        .route("/openapi.json", get(openapi::document))
        .route("/docs", get(docs::page))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            ports.clone(),
            idempotency::middleware,
        ))
        // Outside the idempotency layer: a paused call is not remembered.
        .layer(axum::middleware::from_fn_with_state(
            ports,
            maintenance::gate,
        ))
        .layer(CatchPanicLayer::custom(panicked))
}

async fn not_found(headers: HeaderMap) -> Problem {
    Problem::new(ApiProblem::NotFound, problem::lang_of(&headers))
}

async fn method_not_allowed(headers: HeaderMap) -> Problem {
    Problem::new(ApiProblem::MethodNotAllowed, problem::lang_of(&headers))
}

fn panicked(_err: Box<dyn Any + Send + 'static>) -> Response<Body> {
    tracing::error!("an API handler panicked");
    Problem::new(ApiProblem::Internal, Lang::default()).into_response()
}
