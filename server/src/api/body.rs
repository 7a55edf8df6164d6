//! Request bodies of the JSON API: a rejected body (wrong media type,
//! malformed, a missing, unknown or mistyped field, too large) is a
//! problem the client can act on, never a bare text answer.

use axum::extract::rejection::{FormRejection, JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use serde::de::DeserializeOwned;

use super::problem::{lang_of, Problem};
use nomir_core::api_problem::ApiProblem;

fn problem_of(status: StatusCode, text: &str, lang: nomir_core::i18n::Lang) -> Problem {
    let problem = match status {
        StatusCode::PAYLOAD_TOO_LARGE => ApiProblem::PayloadTooLarge,
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ApiProblem::UnsupportedMediaType,
        _ => ApiProblem::InvalidRequest,
    };
    let p = Problem::new(problem, lang);
    // serde names the field in its message: "missing field `x`", "unknown field `x`".
    match text.split('`').nth(1) {
        Some(field) if problem == ApiProblem::InvalidRequest => p.field(field),
        _ => p,
    }
}

/// A form body (`application/x-www-form-urlencoded`), as OAuth's token
/// endpoint takes.
pub struct ApiForm<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiForm<T> {
    type Rejection = Problem;

    async fn from_request(req: Request, state: &S) -> Result<Self, Problem> {
        let lang = lang_of(req.headers());
        match axum::Form::<T>::from_request(req, state).await {
            Ok(axum::Form(value)) => Ok(Self(value)),
            Err(e) => {
                let e: FormRejection = e;
                Err(problem_of(e.status(), &e.body_text(), lang))
            }
        }
    }
}

/// A JSON body (`application/json`).
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = Problem;

    async fn from_request(req: Request, state: &S) -> Result<Self, Problem> {
        let lang = lang_of(req.headers());
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(Self(value)),
            Err(e) => {
                let e: JsonRejection = e;
                Err(problem_of(e.status(), &e.body_text(), lang))
            }
        }
    }
}

/// A path's parameters (a request's id): one that cannot be read (its
/// percent-encoding is not UTF-8) is a problem too.
pub struct ApiPath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for ApiPath<T> {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Problem> {
        let lang = lang_of(&parts.headers);
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Self(value)),
            // A route without the parameters its handler reads: ours to mend.
            Err(PathRejection::MissingPathParams(e)) => {
                tracing::error!(error = %e, "a route lacks its path parameters");
                Err(Problem::new(ApiProblem::Internal, lang))
            }
            Err(e) => Err(problem_of(StatusCode::BAD_REQUEST, &e.body_text(), lang)),
        }
    }
}

/// Query parameters.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Problem> {
        let lang = lang_of(&parts.headers);
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(Self(value)),
            Err(e) => {
                let e: QueryRejection = e;
                Err(problem_of(e.status(), &e.body_text(), lang))
            }
        }
    }
}
