//! State services notify citizens at their bound number (the purpose the
//! Rules bind a number for). The answer is `queued`, `no_bound_number` or
//! `opted_out`, never the number; every call needs an `Idempotency-Key`,
//! so a retry never sends a second SMS.

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::body::ApiJson;
use super::caller::ApiCall;
use super::idempotency::IDEMPOTENCY_KEY;
use super::problem::{Problem, ProblemBody};
use crate::domain::api_client::Scope;
use crate::domain::notification::{NotificationText, TextError};
use crate::domain::{Iin, IinError};
use crate::services::notifications::{self, Notice, NotifyError, Outcome};
use crate::services::Ports;
use nomir_core::api_problem::ApiProblem;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewNotification {
    /// The citizen's IIN.
    #[schema(example = "900515410001", pattern = "^[0-9]{12}$")]
    pub iin: String,
    /// A purpose from `GET /api/v1/notification-purposes`.
    #[schema(example = "document-ready", pattern = "^[a-z][a-z0-9-]{1,39}$")]
    pub purpose: String,
    /// The text in Kazakh, at most 160 characters; links only with `notify-with-links`.
    #[schema(
        example = "Жеке куәлігіңіз дайын. ХҚКО-дан алыңыз.",
        min_length = 1,
        max_length = 160
    )]
    pub text_kk: String,
    /// The text in Russian, at most 160 characters.
    #[schema(
        example = "Ваше удостоверение личности готово. Получите его в ЦОН.",
        min_length = 1,
        max_length = 160
    )]
    pub text_ru: String,
}

/// What became of the notification. Never the number.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationView {
    /// `queued` (it goes to the citizen's bound number), `no_bound_number`
    /// (the citizen has none, or no account: the same answer), or
    /// `opted_out` (the citizen turned this optional purpose off).
    #[schema(example = "queued")]
    pub status: &'static str,
    /// The message's id, when queued.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

#[utoipa::path(
    post,
    path = "/api/v1/notifications",
    tag = "state service",
    summary = "Notify a citizen at their bound number",
    request_body = NewNotification,
    params(("Idempotency-Key" = String, Header, description = "Required: one key per notification; a retry with the same key is answered without a second SMS")),
    responses(
        (status = 202, description = "Queued for the bound number", body = NotificationView),
        (status = 200, description = "Not sent: `no_bound_number` or `opted_out`", body = NotificationView),
        (status = 400, description = "The IIN or the body is malformed", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "The client's token is not valid", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "The token lacks `notify`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "The text is not valid (`notification_text_invalid`), holds a link the client may not send (`links_not_allowed`), or the purpose is unknown (`purpose_unknown`)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 428, description = "No `Idempotency-Key`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "The client's calls per minute (`rate_limited`) or the citizen's notifications (`citizen_rate_limited`, 3 an hour from one service, 10 a day from all) are used up; `Retry-After` says when", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn send(
    State(ports): State<Ports>,
    call: ApiCall,
    headers: HeaderMap,
    ApiJson(body): ApiJson<NewNotification>,
) -> Result<(StatusCode, Json<NotificationView>), Problem> {
    call.require(Scope::Notify)?;
    let lang = call.lang;
    if !headers.contains_key(IDEMPOTENCY_KEY) {
        return Err(Problem::new(ApiProblem::IdempotencyKeyRequired, lang));
    }
    let iin = Iin::parse(&body.iin)
        .map_err(|e: IinError| Problem::step(nomir_core::step_error::StepError::from(e), lang))?;
    let links = call.caller.may(Scope::NotifyWithLinks);
    let text = NotificationText::parse(&body.text_kk, &body.text_ru, links).map_err(|e| {
        Problem::new(
            match e {
                TextError::Link(_) => ApiProblem::LinksNotAllowed,
                _ => ApiProblem::NotificationTextInvalid,
            },
            lang,
        )
    })?;
    let notice = Notice {
        client: &call.caller.client.id,
        iin: &iin,
        purpose: &body.purpose,
        text,
    };
    let outcome = notifications::notify(&ports, notice)
        .await
        .map_err(|e| match e {
            NotifyError::UnknownPurpose => Problem::new(ApiProblem::PurposeUnknown, lang),
            NotifyError::CitizenLimit { retry_at } => {
                let wait = (retry_at - ports.clock.now()).whole_seconds().max(1);
                Problem::new(ApiProblem::CitizenRateLimited, lang)
                    .header(header::RETRY_AFTER, &wait.to_string())
            }
            NotifyError::Unexpected(cause) => Problem::internal(lang, &cause),
        })?;
    Ok(match outcome {
        Outcome::Queued { id } => (
            StatusCode::ACCEPTED,
            Json(NotificationView {
                status: "queued",
                id: Some(id),
            }),
        ),
        Outcome::NoBoundNumber => (
            StatusCode::OK,
            Json(NotificationView {
                status: "no_bound_number",
                id: None,
            }),
        ),
        Outcome::OptedOut => (
            StatusCode::OK,
            Json(NotificationView {
                status: "opted_out",
                id: None,
            }),
        ),
    })
}

/// One purpose a notification may be sent for.
#[derive(Debug, Serialize, ToSchema)]
pub struct PurposeView {
    #[schema(example = "tax-reminder")]
    pub code: String,
    /// Whether the citizen may turn it off.
    pub optional: bool,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
}

#[utoipa::path(
    get,
    path = "/api/v1/notification-purposes",
    tag = "state service",
    summary = "The purposes notifications may be sent for",
    responses(
        (status = 200, body = [PurposeView]),
        (status = 401, description = "The client's token is not valid", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "The token lacks `notify`", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn purposes(
    State(ports): State<Ports>,
    call: ApiCall,
) -> Result<Json<Vec<PurposeView>>, Problem> {
    call.require(Scope::Notify)?;
    Ok(Json(
        notifications::purposes(&ports)
            .into_iter()
            .map(|p| PurposeView {
                code: p.code.to_string(),
                optional: p.optional,
                name_kk: p.name_kk,
                name_ru: p.name_ru,
                name_en: p.name_en,
            })
            .collect(),
    ))
}
