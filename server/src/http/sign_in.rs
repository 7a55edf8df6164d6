//! `POST /auth/sign-in`: the sign-in form. Answers with a redirect either to
//! the cabinet (with the session cookie) or back to the form with an error code.

use axum::extract::rejection::FormRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use super::{cookies, error_page, AppState};
use crate::domain::IinError;
use crate::domain::Localized;
use crate::services::sign_in::{sign_in, SignInError};

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    iin: String,
    #[serde(default)]
    password: String,
}

const TOO_LARGE: Localized = Localized {
    kk: "Форма тым үлкен. Оны қайта толтырыңыз.",
    ru: "Форма слишком большая. Заполните её ещё раз.",
    en: "The form is too large. Please fill it in again.",
};

/// The `?error=` code the sign-in page turns into a localized message.
fn error_code(e: &SignInError) -> &'static str {
    match e {
        SignInError::InvalidIin(IinError::Empty) => "iin_empty",
        SignInError::InvalidIin(IinError::NotDigits) => "iin_digits",
        SignInError::InvalidIin(IinError::WrongLength) => "iin_length",
        SignInError::InvalidIin(IinError::CheckDigit) => "iin_check",
        SignInError::InvalidIin(IinError::LegalEntity) => "iin_bin",
        SignInError::EmptyPassword => "password_empty",
        SignInError::BadCredentials => "credentials",
        SignInError::Locked { .. } => "locked",
        SignInError::Busy => "busy",
        SignInError::Unexpected(_) => "unexpected",
    }
}

pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: Result<Form<SignInForm>, FormRejection>,
) -> Response {
    let form = match form {
        Ok(Form(form)) => form,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return error_page::page(StatusCode::PAYLOAD_TOO_LARGE, &headers, TOO_LARGE);
        }
        Err(_) => return Redirect::to("/sign-in?error=malformed").into_response(),
    };
    match sign_in(&state.ports, &form.iin, &form.password).await {
        Ok(token) => {
            let cookie = cookies::session(token, state.settings.cookie_secure);
            ([(header::SET_COOKIE, cookie)], Redirect::to("/cabinet")).into_response()
        }
        Err(e) => {
            if let SignInError::Unexpected(cause) = &e {
                tracing::error!(error = %cause, "sign-in failed");
            }
            Redirect::to(&format!("/sign-in?error={}", error_code(&e))).into_response()
        }
    }
}
