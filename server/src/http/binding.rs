//! The cabinet's form posts for binding a number (Rules §5.2, §8): get a
//! code, enter it, ask for a new one, revoke consent. Each answers with a
//! redirect to the page that shows the outcome (`?error=` for input errors),
//! so the forms work the same with or without the WASM.

use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use super::{cookies, AppState};
use crate::domain::{Iin, MsisdnError, OtpCodeError};
use crate::services::confirm_code::{confirm_code, ConfirmCodeError};
use crate::services::open_request::OpenRequestError;
use crate::services::request_code::{request_code, resend_code, RequestCodeError};
use crate::services::{consent, session};
use app::wire::SESSION_COOKIE;

/// The signed-in citizen, if any.
pub async fn signed_in(state: &AppState, headers: &HeaderMap) -> Option<Iin> {
    let token = cookies::read(headers, SESSION_COOKIE);
    match session::current(&state.ports, token.as_deref()).await {
        Ok(who) => who,
        Err(e) => {
            tracing::error!(error = %e, "session lookup failed");
            None
        }
    }
}

fn to(path: String) -> Response {
    Redirect::to(&path).into_response()
}

#[derive(Deserialize)]
pub struct NumberForm {
    #[serde(default)]
    number: String,
    #[serde(default)]
    consent: Option<String>,
}

fn number_error(e: &RequestCodeError) -> &'static str {
    match e {
        RequestCodeError::InvalidNumber(MsisdnError::Empty) => "number_empty",
        RequestCodeError::InvalidNumber(MsisdnError::InvalidCharacters) => "number_chars",
        RequestCodeError::InvalidNumber(MsisdnError::WrongLength | MsisdnError::TooLong) => {
            "number_length"
        }
        RequestCodeError::InvalidNumber(MsisdnError::NotKazakh) => "number_foreign",
        RequestCodeError::InvalidNumber(MsisdnError::Landline) => "number_landline",
        RequestCodeError::InvalidNumber(MsisdnError::NotMobile) => "number_not_mobile",
        RequestCodeError::AlreadyBound => "already_bound",
        RequestCodeError::TooSoon { .. } => "too_soon",
        RequestCodeError::SmsUnavailable => "sms_unavailable",
        RequestCodeError::Request(_) => "step",
        RequestCodeError::Unexpected(_) => "unexpected",
    }
}

/// `POST /cabinet/number`: "Get verification code".
pub async fn submit_number(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: Result<Form<NumberForm>, FormRejection>,
) -> Response {
    let Some(iin) = signed_in(&state, &headers).await else {
        return to("/sign-in".into());
    };
    let Ok(Form(form)) = form else {
        return to("/cabinet?error=malformed".into());
    };
    match request_code(&state.ports, &iin, &form.number, form.consent.is_some()).await {
        Ok(sent) => to(format!("/cabinet/request/{}", sent.request_id)),
        Err(e) => {
            if let RequestCodeError::Unexpected(cause) = &e {
                tracing::error!(error = %cause, "get code failed");
            }
            to(format!("/cabinet?error={}#number", number_error(&e)))
        }
    }
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

/// A request id as it may appear in a path: anything else is not ours.
fn request_path(id: &str) -> Option<String> {
    (id.len() <= 64 && id.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-'))
        .then(|| format!("/cabinet/request/{id}"))
}

/// `POST /cabinet/request/{id}/code`: the code from the SMS.
pub async fn submit_code(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    form: Result<Form<CodeForm>, FormRejection>,
) -> Response {
    let Some(iin) = signed_in(&state, &headers).await else {
        return to("/sign-in".into());
    };
    let Some(page) = request_path(&id) else {
        return to("/cabinet?error=step".into());
    };
    let Ok(Form(form)) = form else {
        return to(format!("{page}?error=malformed"));
    };
    let error = match confirm_code(&state.ports, &iin, &id, &form.code).await {
        Ok(_) | Err(ConfirmCodeError::TooManyTries) => return to(page),
        Err(ConfirmCodeError::Request(OpenRequestError::Expired | OpenRequestError::Ended(_))) => {
            return to(page)
        }
        Err(ConfirmCodeError::Request(OpenRequestError::NotFound)) => {
            return to("/cabinet?error=step".into())
        }
        Err(ConfirmCodeError::Malformed(OtpCodeError::Empty)) => "code_empty",
        Err(ConfirmCodeError::Malformed(OtpCodeError::Malformed)) => "code_malformed",
        Err(ConfirmCodeError::Wrong { .. }) => "code_wrong",
        Err(ConfirmCodeError::CodeExpired) => "code_expired",
        Err(ConfirmCodeError::NotAwaitingCode) => "step",
        Err(
            ConfirmCodeError::Request(OpenRequestError::Unexpected(e))
            | ConfirmCodeError::Unexpected(e),
        ) => {
            tracing::error!(error = %e, "code check failed");
            "unexpected"
        }
    };
    to(format!("{page}?error={error}"))
}

/// `POST /cabinet/request/{id}/resend`: a new code.
pub async fn resend(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let Some(iin) = signed_in(&state, &headers).await else {
        return to("/sign-in".into());
    };
    let Some(page) = request_path(&id) else {
        return to("/cabinet?error=step".into());
    };
    match resend_code(&state.ports, &iin, &id).await {
        Ok(_)
        | Err(RequestCodeError::Request(OpenRequestError::Expired | OpenRequestError::Ended(_))) => {
            to(page)
        }
        Err(e) => to(format!("{page}?error={}", number_error(&e))),
    }
}

/// `POST /cabinet/consent/revoke`.
pub async fn revoke_consent(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(iin) = signed_in(&state, &headers).await else {
        return to("/sign-in".into());
    };
    match consent::revoke(&state.ports, &iin).await {
        Ok(()) => to("/cabinet?consent=revoked".into()),
        Err(e) => {
            tracing::error!(error = %e, "consent revocation failed");
            to("/cabinet?error=unexpected".into())
        }
    }
}
