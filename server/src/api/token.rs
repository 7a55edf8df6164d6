//! `POST /api/v1/token`: the client-credentials grant (RFC 6749 §4.4), the
//! client authenticated with HTTP Basic (§2.3.1). Our client ids and the
//! secrets we generate use only characters that form-encoding leaves as
//! they are, so the Basic credentials are read as they come.

use app::source::Source;
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use headers::authorization::{Basic, Credentials};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::body::ApiForm;
use super::caller::rate_limited;
use super::problem::{lang_of, Problem, ProblemBody};
use crate::services::api_clients::{issue_token, TokenError};
use crate::services::Ports;
use nomir_core::api_problem::ApiProblem;

/// The token request's form fields.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    /// Must be `client_credentials`.
    #[schema(example = "client_credentials")]
    pub grant_type: String,
    /// Space-separated scopes; all of the client's when left out.
    #[schema(example = "bind change")]
    pub scope: Option<String>,
}

/// RFC 6749 §5.1.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenResponse {
    pub access_token: String,
    #[schema(example = "Bearer")]
    pub token_type: &'static str,
    /// Seconds the token lives.
    #[schema(example = 600)]
    pub expires_in: i64,
    #[schema(example = "bind change")]
    pub scope: String,
}

/// HTTP Basic credentials, if the `Authorization` header holds them (the
/// decoder itself expects to be given only a Basic value).
pub(super) fn basic(headers: &HeaderMap) -> Option<Basic> {
    let value = headers.get(header::AUTHORIZATION)?;
    let scheme = value.as_bytes().get(..6)?;
    if scheme.eq_ignore_ascii_case(b"basic ") {
        Basic::decode(value)
    } else {
        None
    }
}

#[utoipa::path(
    post,
    path = "/api/v1/token",
    tag = "auth",
    summary = "Get an access token (client credentials)",
    description = "RFC 6749 §4.4. Authenticate with HTTP Basic: the client id and its secret. \
                   The token lives 10 minutes; the call counts against the client's rate.",
    request_body(content = TokenRequest, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, description = "A bearer token", body = TokenResponse),
        (status = 400, description = "Malformed request, unsupported grant type or invalid scope", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "Client authentication failed", body = ProblemBody, content_type = "application/problem+json"),
        (status = 415, description = "Not a form body", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "The client's calls per minute are used up, or too many attempts from this source or for this client id (before any secret is checked); `Retry-After` says when to try again", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("client_basic" = []))
)]
pub async fn issue(
    State(ports): State<Ports>,
    Extension(source): Extension<Source>,
    headers: HeaderMap,
    ApiForm(form): ApiForm<TokenRequest>,
) -> Result<Response, Problem> {
    let lang = lang_of(&headers);
    let invalid_client = || {
        Problem::new(ApiProblem::InvalidClient, lang)
            .header(header::WWW_AUTHENTICATE, "Basic realm=\"nomir\"")
    };
    let credentials = basic(&headers).ok_or_else(invalid_client)?;
    if form.grant_type != "client_credentials" {
        return Err(Problem::new(ApiProblem::UnsupportedGrantType, lang).field("grant_type"));
    }
    let issued = issue_token(
        &ports,
        credentials.username(),
        credentials.password(),
        form.scope.as_deref(),
        source.as_str(),
    )
    .await
    .map_err(|e| match e {
        TokenError::InvalidClient => invalid_client(),
        TokenError::InvalidScope => Problem::new(ApiProblem::InvalidScope, lang).field("scope"),
        TokenError::RateLimited { retry_after } => rate_limited(lang, retry_after),
        TokenError::Busy => Problem::new(ApiProblem::Busy, lang).header(header::RETRY_AFTER, "1"),
        TokenError::Unexpected(e) => Problem::internal(lang, &e),
    })?;
    let body = TokenResponse {
        access_token: issued.token,
        token_type: "Bearer",
        expires_in: issued.expires_in.whole_seconds(),
        scope: issued.scopes.to_string(),
    };
    // RFC 6749 §5.1: tokens are never cached.
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(body)).into_response())
}
