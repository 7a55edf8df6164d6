//! The mobile app's binding (Rules §6.2–§6.3, §8): the signed-in citizen's
//! number and consent, the SMS code, then biometrics; the same services,
//! limits and refusals as the portal, with the channel recorded.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::body::{ApiJson, ApiPath};
use super::citizen::CitizenCall;
use super::problem::{Problem, ProblemBody};
use super::step_problems;
use super::views::{binding_view, request_view, BindingView, RequestView};
use crate::domain::api_client::Scope;
use crate::domain::Channel;
use crate::services::answers;
use crate::services::certify::{certify_after_biometrics, CertifyError};
use crate::services::confirm_code::confirm_code;
use crate::services::request_code::{request_code_from, Origin, RequestCodeError};
use crate::services::resend_code::resend_code;
use crate::services::{request_status, Ports};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use nomir_core::api_problem::ApiProblem;
use nomir_core::step_error::StepError;

/// The request as it stands now, or 404.
async fn current(ports: &Ports, c: &CitizenCall, id: &str) -> Result<Json<RequestView>, Problem> {
    match request_status::view_at(ports, &c.iin, id, Channel::MobileApp).await {
        Ok(Some(status)) => Ok(Json(request_view(status, c.call.lang))),
        Ok(None) => Err(Problem::step(StepError::RequestNotFound, c.call.lang)),
        Err(e) => Err(Problem::internal(c.call.lang, &e)),
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRequest {
    /// The subscriber number, e.g. `+77011234567` or `8 701 123 45 67`.
    pub number: String,
    /// The citizen's consent to access restricted personal data (ground 2);
    /// without it the request is refused at the checks.
    pub consent: bool,
}

#[utoipa::path(
    post,
    path = "/api/v1/citizen/binding-requests",
    tag = "mobile app",
    summary = "Start binding (or changing) the citizen's number; the code goes by SMS",
    request_body = NewRequest,
    params(("X-Citizen-Token" = String, Header, description = "The citizen's session with this app")),
    responses(
        (status = 201, description = "The code was sent", body = RequestView),
        (status = 400, description = "Not a Kazakh mobile number", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "The client's token, or the citizen's session, is not valid", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "The token lacks `bind` (first number) or `change` (a new number)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 409, description = "This number is bound already", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "No code was sent: the mobile operator does not attribute the number to the citizen (`number_not_yours`), or the number's SIM card changed within the SIM swap window (`sim_swapped`; `Retry-After` says when a code can go to it)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "A limit on codes was reached; `Retry-After` says when the next may be sent", body = ProblemBody, content_type = "application/problem+json"),
        (status = 503, description = "The SMS or the operators' registry is unavailable; nothing was started", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn start(
    State(ports): State<Ports>,
    c: CitizenCall,
    ApiJson(body): ApiJson<NewRequest>,
) -> Result<(StatusCode, Json<RequestView>), Problem> {
    let origin = Origin {
        channel: Channel::MobileApp,
        client: Some(&c.call.caller.client.id),
        may_bind: c.call.caller.may(Scope::Bind),
        may_change: c.call.caller.may(Scope::Change),
    };
    let sent = request_code_from(&ports, &c.iin, &body.number, body.consent, origin, None)
        .await
        .map_err(|e| match e {
            RequestCodeError::PurposeNotAllowed(p) => {
                let scope = match p {
                    crate::domain::Purpose::Bind => Scope::Bind,
                    crate::domain::Purpose::Change | crate::domain::Purpose::Confirm => {
                        Scope::Change
                    }
                };
                c.call
                    .require(scope)
                    .err()
                    .unwrap_or_else(|| Problem::new(ApiProblem::InsufficientScope, c.call.lang))
            }
            e => step_problems::not_started(e, c.call.lang, ports.clock.now()),
        })?;
    let view = current(&ports, &c, &sent.request_id).await?;
    Ok((StatusCode::CREATED, view))
}

#[utoipa::path(
    get,
    path = "/api/v1/citizen/binding-requests/{id}",
    tag = "mobile app",
    summary = "Where the request stands",
    params(("id" = String, Path), ("X-Citizen-Token" = String, Header)),
    responses(
        (status = 200, body = RequestView),
        (status = 404, description = "No such request of this citizen's", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn show(
    State(ports): State<Ports>,
    c: CitizenCall,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<RequestView>, Problem> {
    current(&ports, &c, &id).await
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeEntry {
    /// The six digits from the SMS.
    pub code: String,
}

#[utoipa::path(
    post,
    path = "/api/v1/citizen/binding-requests/{id}/code",
    tag = "mobile app",
    summary = "Enter the code; then biometrics are awaited",
    request_body = CodeEntry,
    params(("id" = String, Path), ("X-Citizen-Token" = String, Header)),
    responses(
        (status = 200, description = "Confirmed (state `awaiting_biometrics`), or `not_performed` after the third wrong code", body = RequestView),
        (status = 400, description = "A wrong code (`tries_left`), or an expired or malformed one", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, body = ProblemBody, content_type = "application/problem+json"),
        (status = 409, description = "The request is not at this step", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn code(
    State(ports): State<Ports>,
    c: CitizenCall,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<CodeEntry>,
) -> Result<Json<RequestView>, Problem> {
    if let Err(e) = confirm_code(&ports, &c.iin, &id, &body.code).await {
        step_problems::answer(answers::confirm_code(e), c.call.lang)?;
    }
    current(&ports, &c, &id).await
}

#[utoipa::path(
    post,
    path = "/api/v1/citizen/binding-requests/{id}/resend",
    tag = "mobile app",
    summary = "Send a new code (after a minute; hourly limits apply)",
    params(("id" = String, Path), ("X-Citizen-Token" = String, Header)),
    responses(
        (status = 200, body = RequestView),
        (status = 429, body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn resend(
    State(ports): State<Ports>,
    c: CitizenCall,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<RequestView>, Problem> {
    if let Err(e) = resend_code(&ports, &c.iin, &id).await {
        step_problems::resent(e, c.call.lang, ports.clock.now())?;
    }
    current(&ports, &c, &id).await
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BiometricsEntry {
    /// The biometric provider's assertion: a compact JWS (ES256) naming
    /// the citizen's IIN (`sub`), the request's `biometric_nonce`,
    /// `liveness`, `score`, `iat` and `exp`.
    pub assertion: String,
}

#[utoipa::path(
    post,
    path = "/api/v1/citizen/binding-requests/{id}/biometrics",
    tag = "mobile app",
    summary = "Pass biometrics; the checks run and the number is bound, or the request ends `refused` (row 9) or `not_performed` (a change of number then awaits the citizen's EDS)",
    request_body = BiometricsEntry,
    params(("id" = String, Path), ("X-Citizen-Token" = String, Header)),
    responses(
        (status = 200, description = "The outcome: `bound`, or `refused` (row 9) or `not_performed` with its reason and basis in `ending`; for a change of number (Rules §8), `awaiting_signature` with `document_base64`, which the citizen's EDS signs at `…/signature`", body = RequestView),
        (status = 404, body = ProblemBody, content_type = "application/problem+json"),
        (status = 409, description = "The code is not confirmed yet", body = ProblemBody, content_type = "application/problem+json"),
        (status = 503, description = "The biometric provider or a register is unavailable; retry", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn biometrics(
    State(ports): State<Ports>,
    c: CitizenCall,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<BiometricsEntry>,
) -> Result<Json<RequestView>, Problem> {
    super::biometrics::certify(
        &ports,
        &c.iin,
        &id,
        &body.assertion,
        Channel::MobileApp,
        c.call.lang,
    )
    .await?;
    current(&ports, &c, &id).await
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignatureEntry {
    /// The detached CMS (base64) made with the citizen's EDS signing key
    /// over the request's `document_base64`, as NCALayer makes it.
    pub cms_base64: String,
}

#[utoipa::path(
    post,
    path = "/api/v1/citizen/binding-requests/{id}/signature",
    tag = "mobile app",
    summary = "Sign a change of number with EDS (after the biometrics, Rules §8); the checks run and the number is bound, or the request ends `refused` (row 9) or `not_performed`",
    request_body = SignatureEntry,
    params(("id" = String, Path), ("X-Citizen-Token" = String, Header)),
    responses(
        (status = 200, description = "The outcome: `bound`, or `not_performed` with its reason in `ending` (a signature that does not verify, or another person's), or `refused` on a row 9 ground", body = RequestView),
        (status = 400, description = "`cms_base64` is not base64", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, body = ProblemBody, content_type = "application/problem+json"),
        (status = 409, description = "The request does not await a signature", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "The authentication key or a legal entity's key was used: sign with the citizen's personal signing key; the request waits", body = ProblemBody, content_type = "application/problem+json"),
        (status = 503, description = "The signature check or a register is unavailable; retry", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn signature(
    State(ports): State<Ports>,
    c: CitizenCall,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<SignatureEntry>,
) -> Result<Json<RequestView>, Problem> {
    let lang = c.call.lang;
    let compact: String = body
        .cms_base64
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let cms = BASE64
        .decode(compact.as_bytes())
        .map_err(|_| Problem::new(ApiProblem::InvalidRequest, lang).field("cms_base64"))?;
    match certify_after_biometrics(&ports, &c.iin, &id, &cms).await {
        // Still open means not at this step: the biometrics come first.
        Err(CertifyError::NotAwaitingCertification) => awaits_signature(&ports, &c, &id).await?,
        Err(e) => step_problems::answer(answers::certify(e), lang)?,
        Ok(_) => {}
    }
    current(&ports, &c, &id).await
}

/// After a signature that found the request at another step: an ended
/// request shows its outcome; an open one is the wrong step (409).
async fn awaits_signature(ports: &Ports, c: &CitizenCall, id: &str) -> Result<(), Problem> {
    match request_status::view_at(ports, &c.iin, id, Channel::MobileApp).await {
        Ok(Some(s)) if !s.request.state.is_ended() => {
            Err(Problem::step(StepError::WrongStep, c.call.lang))
        }
        Ok(_) => Ok(()),
        Err(e) => Err(Problem::internal(c.call.lang, &e)),
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProfileView {
    /// The bound number, or null.
    pub binding: Option<BindingView>,
}

#[utoipa::path(
    get,
    path = "/api/v1/citizen/binding",
    tag = "mobile app",
    summary = "The citizen's bound number, as the app's profile shows it",
    params(("X-Citizen-Token" = String, Header)),
    responses((status = 200, body = ProfileView)),
    security(("bearer" = []))
)]
pub async fn binding(
    State(ports): State<Ports>,
    c: CitizenCall,
) -> Result<Json<ProfileView>, Problem> {
    let active = crate::services::cabinet::active_binding(&ports, &c.iin)
        .await
        .map_err(|e| Problem::internal(c.call.lang, &e))?;
    Ok(Json(ProfileView {
        binding: active.map(binding_view),
    }))
}
