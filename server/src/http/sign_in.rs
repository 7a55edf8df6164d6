//! `POST /auth/sign-in`: the sign-in form. Answers with a redirect either to
//! the cabinet (with the session cookie) or back to the form with an error code.

use axum::extract::rejection::FormRejection;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use super::{cookies, AppState};
use crate::domain::IinError;
use crate::services::sign_in::{sign_in, SignInError};

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    iin: String,
    #[serde(default)]
    password: String,
}

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
        SignInError::Unexpected(_) => "unexpected",
    }
}

pub async fn submit(
    State(state): State<AppState>,
    form: Result<Form<SignInForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return Redirect::to("/sign-in?error=malformed").into_response();
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
