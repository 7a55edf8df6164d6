//! Complaints through the mobile app (Rules ch. 3): the signed-in citizen
//! files one about a request of theirs, lists theirs and reads one, over
//! the same service, deadlines and rules as the portal's form.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::body::{ApiJson, ApiPath};
use super::citizen::CitizenCall;
use super::problem::{ComplaintProblem, Problem, ProblemBody};
use super::views::rfc3339;
use crate::domain::complaint::{local_date, Addressee, TextError};
use crate::ports::Complaint;
use crate::services::complaints::{self, FileError};
use crate::services::Ports;
use nomir_core::step_error::StepError;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewComplaint {
    /// The request complained about (one of the citizen's).
    pub request_id: String,
    /// `refusal`, `action` or `inaction`.
    #[schema(example = "refusal")]
    pub about: String,
    /// `provider` (the service provider, which reviews it in 5 working
    /// days or forwards it in 3), `official` (the provider's official whose
    /// decision it concerns, named in `official`; as the provider) or
    /// `authorized_body` (the authorized body for the quality of public
    /// services, 15 working days).
    #[schema(example = "provider")]
    pub to: String,
    /// With `to: official`: the official's login, one of the request's
    /// `officials` (those who took a decision on a complaint about it).
    #[serde(default)]
    pub official: Option<String>,
    /// What happened and what the citizen asks for (10 to 4000 characters).
    pub text: String,
}

/// A complaint and where it stands.
#[derive(Debug, Serialize, ToSchema)]
pub struct ComplaintView {
    pub id: String,
    /// The registration number.
    #[schema(example = "ZH-2026-000042")]
    pub number: String,
    pub request_id: String,
    pub about: &'static str,
    /// `provider`, `official` or `authorized_body`.
    pub to: &'static str,
    /// The official's login, for `to: official`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub official: Option<String>,
    /// `at_provider`, `at_reviewer`, `satisfied`, `upheld` or `rejected`.
    pub status: &'static str,
    pub filed_at: String,
    /// Satisfy in full or forward to the reviewing body by (`YYYY-MM-DD`,
    /// complaints to the provider only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forward_by: Option<String>,
    /// Reviewed by (`YYYY-MM-DD`, working days in Kazakhstan).
    pub review_by: String,
    /// The deadlines are counted past the last year the working-day
    /// calendar lists, and will be counted again (never earlier).
    pub deadlines_provisional: bool,
    /// The deadline of the present state has passed without a decision.
    pub overdue: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decided_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision_reason: Option<String>,
    /// Court is the next step (after a decision, or the review's last day
    /// passed without one), unless the law provides otherwise.
    pub court_next: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ComplaintsView {
    /// The citizen's complaints, newest first.
    pub complaints: Vec<ComplaintView>,
}

fn view(c: &Complaint, ports: &Ports) -> ComplaintView {
    let today = local_date(ports.clock.now());
    let overdue = c.deadlines.overdue(c.state, today);
    ComplaintView {
        id: c.id.clone(),
        number: c.number.clone(),
        request_id: c.request_id.clone(),
        about: c.subject.code(),
        to: c.addressee.code(),
        official: c.official.clone(),
        status: c.state.code(),
        filed_at: rfc3339(c.filed_at),
        forward_by: c.deadlines.forward_by.map(|d| d.to_string()),
        review_by: c.deadlines.review_by.to_string(),
        deadlines_provisional: c.deadlines.provisional,
        overdue,
        decided_at: c.decided_at.map(rfc3339),
        decision_reason: c.decision_reason.clone(),
        court_next: c.deadlines.court_is_next(c.state, today),
    }
}

#[utoipa::path(
    post,
    path = "/api/v1/citizen/complaints",
    tag = "mobile app",
    summary = "File a complaint about one of the citizen's requests (Rules ch. 3)",
    request_body = NewComplaint,
    params(("X-Citizen-Token" = String, Header)),
    responses(
        (status = 201, description = "Registered, with its number and deadlines", body = ComplaintView),
        (status = 400, description = "`text` too short or too long, or `about`/`to` unknown", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such request of this citizen's", body = ProblemBody, content_type = "application/problem+json"),
        (status = 409, description = "A refusal is complained about but the request was not refused, or a complaint about it to the same addressee is under review already", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "`official_unknown`: `official` names no official in the request's history", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn file(
    State(ports): State<Ports>,
    c: CitizenCall,
    ApiJson(body): ApiJson<NewComplaint>,
) -> Result<(StatusCode, Json<ComplaintView>), Problem> {
    let lang = c.call.lang;
    let invalid = |field: &str| {
        Problem::new(nomir_core::api_problem::ApiProblem::InvalidRequest, lang).field(field)
    };
    let subject = crate::domain::complaint::Subject::from_code(&body.about)
        .ok_or_else(|| invalid("about"))?;
    let addressee = Addressee::from_code(&body.to).ok_or_else(|| invalid("to"))?;
    let filed = complaints::file(
        &ports,
        &c.iin,
        &body.request_id,
        subject,
        addressee,
        body.official.as_deref(),
        &body.text,
    )
    .await
    .map_err(|e| match e {
        FileError::RequestNotFound => Problem::step(StepError::RequestNotFound, lang),
        FileError::NotRefused => Problem::complaint(ComplaintProblem::NotRefused, lang),
        FileError::OfficialNotInHistory => {
            Problem::complaint(ComplaintProblem::OfficialUnknown, lang)
        }
        FileError::Text(TextError::TooShort) => {
            Problem::complaint(ComplaintProblem::TextShort, lang)
        }
        FileError::Text(TextError::TooLong) => Problem::complaint(ComplaintProblem::TextLong, lang),
        FileError::AlreadyUnderReview => Problem::complaint(ComplaintProblem::UnderReview, lang),
        FileError::Unexpected(e) => Problem::internal(lang, &e),
    })?;
    Ok((StatusCode::CREATED, Json(view(&filed, &ports))))
}

#[utoipa::path(
    get,
    path = "/api/v1/citizen/complaints",
    tag = "mobile app",
    summary = "The citizen's complaints",
    params(("X-Citizen-Token" = String, Header)),
    responses((status = 200, body = ComplaintsView)),
    security(("bearer" = []))
)]
pub async fn list(
    State(ports): State<Ports>,
    c: CitizenCall,
) -> Result<Json<ComplaintsView>, Problem> {
    let list = complaints::list(&ports, &c.iin)
        .await
        .map_err(|e| Problem::internal(c.call.lang, &e))?;
    Ok(Json(ComplaintsView {
        complaints: list.iter().map(|x| view(x, &ports)).collect(),
    }))
}

#[utoipa::path(
    get,
    path = "/api/v1/citizen/complaints/{id}",
    tag = "mobile app",
    summary = "One of the citizen's complaints",
    params(("id" = String, Path), ("X-Citizen-Token" = String, Header)),
    responses(
        (status = 200, body = ComplaintView),
        (status = 404, description = "No such complaint of this citizen's", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn show(
    State(ports): State<Ports>,
    c: CitizenCall,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<ComplaintView>, Problem> {
    let lang = c.call.lang;
    complaints::one(&ports, &c.iin, &id)
        .await
        .map_err(|e| Problem::internal(lang, &e))?
        .map(|x| Json(view(&x, &ports)))
        .ok_or_else(|| Problem::complaint(ComplaintProblem::NotFound, lang))
}

/// An official a complaint may be addressed to (`to: official`).
#[derive(Debug, Serialize, ToSchema)]
pub struct OfficialView {
    #[schema(example = "official.demo")]
    pub login: String,
    pub name: String,
}

#[utoipa::path(
    get,
    path = "/api/v1/citizen/binding-requests/{id}/officials",
    tag = "mobile app",
    summary = "The provider's officials in a request's history, to address a complaint to (Rules §10)",
    params(("id" = String, Path), ("X-Citizen-Token" = String, Header)),
    responses(
        (status = 200, description = "Those who forwarded or decided a complaint about the request; often none", body = [OfficialView]),
    ),
    security(("bearer" = []))
)]
pub async fn officials(
    State(ports): State<Ports>,
    c: CitizenCall,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Vec<OfficialView>>, Problem> {
    let officials = complaints::officials_of(&ports, &c.iin, &id)
        .await
        .map_err(|e| Problem::internal(c.call.lang, &e))?;
    Ok(Json(
        officials
            .into_iter()
            .map(|m| OfficialView {
                login: m.login,
                name: m.name,
            })
            .collect(),
    ))
}
