//! The JSON API under `/api/v1`, for the e-government mobile app and banks'
//! apps (SPEC §3.2, §3.3). Handlers are thin: they read the call, ask the
//! same services the portal uses, and answer JSON or an RFC 9457 problem.

mod body;
mod caller;
mod client;
pub mod openapi;
mod problem;
mod token;

use std::any::Any;

use axum::body::Body;
use axum::http::{HeaderMap, Response};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;

use crate::http::AppState;
use app::api_problem::ApiProblem;
use app::i18n::Lang;
pub use problem::{Problem, PROBLEM_JSON};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/token", post(token::issue))
        .route("/client", get(client::show))
        .route("/openapi.json", get(openapi::document))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
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
