//! A bank's app (Rules §7, SPEC §3.3): the bank asks to view the citizen's
//! digital documents; the permission takes effect only after the citizen's
//! code (to the number the bank holds, which becomes or stays the bound
//! one) and biometrics. Then the bank sees its permissions, and a
//! revocation at once.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::{IntoParams, ToSchema};

use super::body::{ApiJson, ApiPath, ApiQuery};
use super::caller::ApiCall;
use super::problem::{Problem, ProblemBody};
use super::step_problems;
use super::views::{request_view, rfc3339, RequestView};
use crate::domain::api_client::Scope;
use crate::domain::permission::PermissionError;
use crate::domain::{BindingState, Channel, EndReason, Iin};
use crate::ports::DocumentPermission;
use crate::services::answers;
use crate::services::bank::{self, BankAsk, BankError};
use crate::services::confirm_code::confirm_code_at_bank;
use crate::services::{request_status, Ports};
use nomir_core::api_problem::ApiProblem;
use nomir_core::step_error::StepError;

/// A permission as the bank sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PermissionView {
    pub id: String,
    #[schema(example = json!(["identity-card", "passport"]))]
    pub documents: Vec<&'static str>,
    /// `pending` (its binding is not done), `in_force`, `revoked`,
    /// `expired`, or `not_granted` (its request ended unbound).
    pub state: &'static str,
    pub asked_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub granted_at: Option<String>,
    pub expires_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<String>,
}

fn permission_view(
    p: &DocumentPermission,
    now: OffsetDateTime,
    request_open: bool,
) -> PermissionView {
    PermissionView {
        state: p.status(now, request_open).code(),
        id: p.id.clone(),
        documents: p.scope.iter().map(|k| k.into()).collect(),
        asked_at: rfc3339(p.asked_at),
        granted_at: p.granted_at.map(rfc3339),
        expires_at: rfc3339(p.expires_at),
        revoked_at: p.revoked_at.map(rfc3339),
    }
}

/// The bank's request and the permission asked with it.
#[derive(Debug, Serialize, ToSchema)]
pub struct BankView {
    /// The request; its `purpose` is shown only once the citizen has
    /// entered the code (before that it would tell the bank whether the
    /// number is the bound one).
    pub request: RequestView,
    pub permission: PermissionView,
}

fn bank_only(call: &ApiCall) -> Result<(), Problem> {
    call.require(Scope::BindWithDocumentsPermission)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PermissionAsk {
    /// Space-separated: `identity-card`, `passport`, `driver-licence`, `vehicle-registration`.
    #[schema(example = "identity-card passport")]
    pub documents: String,
    /// RFC 3339; in the future, within a year.
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime, example = "2027-05-25T00:00:00Z")]
    pub expires_at: OffsetDateTime,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BankRequest {
    #[schema(example = "851102310000")]
    pub iin: String,
    /// The number the bank holds for the citizen.
    #[schema(example = "+77471234569")]
    pub number: String,
    /// The citizen's consent to access restricted personal data (ground 2).
    pub consent: bool,
    pub permission: PermissionAsk,
}

async fn view_of(
    ports: &Ports,
    call: &ApiCall,
    p: DocumentPermission,
) -> Result<BankView, Problem> {
    let now = ports.clock.now();
    let Some(id) = p.request_id.clone() else {
        // Permissions granted at once (before every grant needed the
        // citizen's own act) have no request to show.
        return Err(Problem::step(StepError::RequestNotFound, call.lang));
    };
    let status = request_status::view(ports, &p.iin, &id)
        .await
        .map_err(|e| Problem::internal(call.lang, &e))?
        .ok_or_else(|| Problem::step(StepError::RequestNotFound, call.lang))?;
    let open = !status.request.state.is_ended();
    // The purpose (`confirm` for the bound number) is told only once the
    // citizen has proved the code: before, or if that is not known (the
    // request ended before its code), it would tell the bank which
    // number is bound.
    let code_proved = match status.request.state {
        BindingState::AwaitingCertification
        | BindingState::AwaitingSignature
        | BindingState::Bound => true,
        BindingState::Ended(reason) => reason != EndReason::CodeNotConfirmed,
        _ => false,
    };
    let mut request = request_view(status, call.lang);
    if !code_proved {
        request.purpose = None;
    }
    Ok(BankView {
        permission: permission_view(&p, now, open),
        request,
    })
}

#[utoipa::path(
    post,
    path = "/api/v1/bank/binding-requests",
    tag = "bank",
    summary = "Ask to view the citizen's documents; the code goes to the bank's number",
    description = "The permission takes effect only after the citizen's code and biometrics, \
                   also when the bank's number is the bound one already (then the binding stays). \
                   The answer is the same whoever the citizen is and whatever number is bound.",
    request_body = BankRequest,
    responses(
        (status = 201, description = "The code was sent to the bank's number", body = BankView),
        (status = 400, description = "A bad IIN, number, documents or expiry", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "Not a bank's scope", body = ProblemBody, content_type = "application/problem+json"),
        (status = 409, description = "The citizen has a request open in another channel (`open_elsewhere`)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "No code was sent: the operator does not attribute the number to a citizen of this IIN who can use the service (`number_not_yours`), or the number's SIM card changed within the SIM swap window (`sim_swapped`; `Retry-After` says when a code can go to it)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "This bank's limit on codes", body = ProblemBody, content_type = "application/problem+json"),
        (status = 503, description = "The SMS or the operators' registry is unavailable", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn start(
    State(ports): State<Ports>,
    call: ApiCall,
    ApiJson(body): ApiJson<BankRequest>,
) -> Result<(StatusCode, Json<BankView>), Problem> {
    bank_only(&call)?;
    let lang = call.lang;
    let ask = BankAsk {
        iin: body.iin,
        number: body.number,
        documents: body.permission.documents,
        expires_at: body.permission.expires_at,
        consent: body.consent,
    };
    let client = call.caller.client.id.clone();
    let sent = bank::start(&ports, &client, ask)
        .await
        .map_err(|e| match e {
            BankError::InvalidIin(e) => Problem::step(e.into(), lang),
            BankError::Permission(PermissionError::EmptyOrUnknownScope) => {
                Problem::new(ApiProblem::InvalidRequest, lang).field("permission.documents")
            }
            BankError::Permission(PermissionError::BadExpiry) => {
                Problem::new(ApiProblem::InvalidRequest, lang).field("permission.expires_at")
            }
            BankError::Code(e) => step_problems::not_started(e, lang, ports.clock.now()),
            BankError::Unexpected(e) => Problem::internal(lang, &e),
        })?;
    let permission = bank::bank_request(&ports, &client, &sent.request_id)
        .await
        .map_err(|e| Problem::internal(lang, &e))?
        .ok_or_else(|| {
            Problem::internal(lang, &"the permission asked with a request is missing")
        })?;
    Ok((
        StatusCode::CREATED,
        Json(view_of(&ports, &call, permission).await?),
    ))
}

/// The bank's own request, or 404 (also for another client's).
async fn own(ports: &Ports, call: &ApiCall, id: &str) -> Result<DocumentPermission, Problem> {
    bank_only(call)?;
    bank::bank_request(ports, &call.caller.client.id, id)
        .await
        .map_err(|e| Problem::internal(call.lang, &e))?
        .ok_or_else(|| Problem::step(StepError::RequestNotFound, call.lang))
}

#[utoipa::path(
    get,
    path = "/api/v1/bank/binding-requests/{id}",
    tag = "bank",
    summary = "Where the bank's request and its permission stand",
    params(("id" = String, Path)),
    responses(
        (status = 200, body = BankView),
        (status = 404, description = "No such request of this bank's", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn show(
    State(ports): State<Ports>,
    call: ApiCall,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<BankView>, Problem> {
    let p = own(&ports, &call, &id).await?;
    Ok(Json(view_of(&ports, &call, p).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BankCode {
    /// The six digits the citizen received on the bank's number.
    pub code: String,
}

#[utoipa::path(
    post,
    path = "/api/v1/bank/binding-requests/{id}/code",
    tag = "bank",
    summary = "The code the citizen entered in the bank's app",
    request_body = BankCode,
    params(("id" = String, Path)),
    responses(
        (status = 200, description = "Confirmed (`awaiting_biometrics`), or `not_performed` after the third wrong code", body = BankView),
        (status = 400, description = "A wrong (`tries_left`), expired or malformed code", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn code(
    State(ports): State<Ports>,
    call: ApiCall,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<BankCode>,
) -> Result<Json<BankView>, Problem> {
    let p = own(&ports, &call, &id).await?;
    if let Err(e) = confirm_code_at_bank(&ports, &p.iin, &id, &body.code).await {
        step_problems::answer(answers::confirm_code(e), call.lang)?;
    }
    let p = own(&ports, &call, &id).await?;
    Ok(Json(view_of(&ports, &call, p).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BankBiometrics {
    /// The biometric provider's assertion (compact JWS) for the request's `biometric_nonce`.
    pub assertion: String,
}

#[utoipa::path(
    post,
    path = "/api/v1/bank/binding-requests/{id}/biometrics",
    tag = "bank",
    summary = "The citizen's biometrics; on success the number is bound and the permission granted",
    request_body = BankBiometrics,
    params(("id" = String, Path)),
    responses(
        (status = 200, description = "Bound with the permission in force, or `refused` (row 9) or `not_performed`, with its reason in `ending`", body = BankView),
        (status = 404, body = ProblemBody, content_type = "application/problem+json"),
        (status = 409, description = "The code is not confirmed yet", body = ProblemBody, content_type = "application/problem+json"),
        (status = 503, body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn biometrics(
    State(ports): State<Ports>,
    call: ApiCall,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<BankBiometrics>,
) -> Result<Json<BankView>, Problem> {
    let p = own(&ports, &call, &id).await?;
    super::biometrics::certify(
        &ports,
        &p.iin,
        &id,
        &body.assertion,
        Channel::Bank,
        call.lang,
    )
    .await?;
    let p = own(&ports, &call, &id).await?;
    Ok(Json(view_of(&ports, &call, p).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct Citizen {
    /// The citizen's IIN (a query parameter, so that it stays out of the logs).
    pub iin: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PermissionsView {
    pub permissions: Vec<PermissionView>,
}

#[utoipa::path(
    get,
    path = "/api/v1/bank/permissions",
    tag = "bank",
    summary = "This bank's permissions for a citizen; a revocation shows at once",
    params(Citizen),
    responses(
        (status = 200, body = PermissionsView),
        (status = 400, description = "Not a valid IIN", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn permissions(
    State(ports): State<Ports>,
    call: ApiCall,
    ApiQuery(who): ApiQuery<Citizen>,
) -> Result<Json<PermissionsView>, Problem> {
    bank_only(&call)?;
    let lang = call.lang;
    let iin = Iin::parse(&who.iin).map_err(|e| Problem::step(e.into(), lang))?;
    let list = bank::permissions(&ports, &call.caller.client.id, &iin)
        .await
        .map_err(|e| Problem::internal(lang, &e))?;
    let now = ports.clock.now();
    let mut views = Vec::with_capacity(list.len());
    for p in &list {
        let open = match &p.request_id {
            Some(id) if p.granted_at.is_none() => request_status::view(&ports, &iin, id)
                .await
                .map_err(|e| Problem::internal(lang, &e))?
                .is_some_and(|s| !s.request.state.is_ended()),
            _ => false,
        };
        views.push(permission_view(p, now, open));
    }
    Ok(Json(PermissionsView { permissions: views }))
}
