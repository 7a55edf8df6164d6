//! `POST /api/v1/citizen/challenges` and `/citizen/sessions`: the citizen
//! signs in to the e-government mobile app with EDS (Rules §6.1).

use axum::extract::State;
use axum::http::StatusCode;
use axum::{Extension, Json};

use super::idempotency::Unreplayable;
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::body::ApiJson;
use super::caller::{rate_limited, ApiCall};
use super::problem::{Problem, ProblemBody};
use super::views::rfc3339;
use crate::domain::api_client::Scope;
use crate::services::app_sign_in::{new_challenge, sign_in, AppSignInError, ChallengeError};
use crate::services::Ports;
use app::source::Source;
use nomir_core::api_problem::ApiProblem;

/// Only the e-government mobile app signs citizens in (its scopes).
fn app_only(call: &ApiCall) -> Result<(), Problem> {
    if call.caller.may(Scope::Bind) || call.caller.may(Scope::Change) {
        Ok(())
    } else {
        call.require(Scope::Bind)
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChallengeView {
    pub challenge_id: String,
    /// The bytes the citizen's authentication (AUTH) key signs (a detached CMS), base64.
    pub challenge_base64: String,
    pub expires_at: String,
}

#[utoipa::path(
    post,
    path = "/api/v1/citizen/challenges",
    tag = "mobile app",
    summary = "A one-time challenge for the citizen's EDS sign-in",
    responses(
        (status = 201, description = "Sign `challenge_base64` (decoded) with the citizen's authentication (AUTH) key", body = ChallengeView),
        (status = 401, body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "Not the mobile app's scope", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "Too many challenges from this source in a minute, or too many calls from this client; `Retry-After` says when to ask again", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn challenge(
    State(ports): State<Ports>,
    Extension(source): Extension<Source>,
    call: ApiCall,
) -> Result<(StatusCode, Json<ChallengeView>), Problem> {
    app_only(&call)?;
    let c = new_challenge(&ports, &call.caller.client.id, source.as_str())
        .await
        .map_err(|e| match e {
            ChallengeError::TooMany(retry_after) => rate_limited(call.lang, retry_after),
            ChallengeError::Unexpected(e) => Problem::internal(call.lang, &e),
        })?;
    Ok((
        StatusCode::CREATED,
        Json(ChallengeView {
            challenge_id: c.id,
            challenge_base64: base64::engine::general_purpose::STANDARD.encode(c.text),
            expires_at: rfc3339(c.expires_at),
        }),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionRequest {
    pub challenge_id: String,
    /// A detached CMS over the challenge's bytes, base64 (DER).
    pub cms_base64: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionView {
    /// Send it as `X-Citizen-Token` with this client's calls for the citizen.
    pub citizen_token: String,
    pub expires_at: String,
}

#[utoipa::path(
    post,
    path = "/api/v1/citizen/sessions",
    tag = "mobile app",
    summary = "Sign the citizen in with their EDS over a challenge",
    request_body = SessionRequest,
    responses(
        (status = 201, description = "The citizen's session with this app", body = SessionView),
        (status = 400, description = "Malformed, the challenge unusable, or the signature invalid", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "No account, or not the mobile app's scope", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "Another key is needed: the authentication (AUTH) key, not the signing key (`wrong_key_auth`), or the citizen's own rather than an organisation's (`legal_entity_key`)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 503, description = "The certificate's revocation status cannot be checked now; try again", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn session(
    State(ports): State<Ports>,
    call: ApiCall,
    ApiJson(body): ApiJson<SessionRequest>,
) -> Result<(StatusCode, Extension<Unreplayable>, Json<SessionView>), Problem> {
    app_only(&call)?;
    let lang = call.lang;
    let cms = base64::engine::general_purpose::STANDARD
        .decode(body.cms_base64.trim())
        .map_err(|_| Problem::new(ApiProblem::InvalidRequest, lang).field("cms_base64"))?;
    let session = sign_in(&ports, &call.caller.client.id, &body.challenge_id, &cms)
        .await
        .map_err(|e| match e {
            AppSignInError::ChallengeUnusable => {
                Problem::new(ApiProblem::ChallengeUnusable, lang).field("challenge_id")
            }
            AppSignInError::SignatureInvalid(e) if e.is_retryable() => {
                Problem::step(crate::services::answers::retryable_signature(&e), lang)
                    .field("cms_base64")
            }
            AppSignInError::SignatureInvalid(_) => {
                Problem::new(ApiProblem::SignatureInvalid, lang).field("cms_base64")
            }
            AppSignInError::NoAccount => Problem::new(ApiProblem::NoAccount, lang),
            AppSignInError::Unexpected(e) => Problem::internal(lang, &e),
        })?;
    // The answer holds the session's token: never stored for a replay.
    Ok((
        StatusCode::CREATED,
        Extension(Unreplayable),
        Json(SessionView {
            citizen_token: session.token,
            expires_at: rfc3339(session.expires_at),
        }),
    ))
}
