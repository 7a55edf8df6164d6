//! `POST /auth/sign-out`: ends the session and clears the cookie.

use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Redirect, Response};

use super::{cookies, AppState};
use crate::services::session;
use app::wire::SESSION_COOKIE;

pub async fn submit(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let token = cookies::read(&headers, SESSION_COOKIE);
    if let Err(e) = session::sign_out(&state.ports, token.as_deref()).await {
        tracing::error!(error = %e, "sign-out failed");
    }
    let cookie = cookies::clear_session(state.settings.cookie_secure);
    (
        [(header::SET_COOKIE, cookie)],
        Redirect::to("/sign-in?signed_out=1"),
    )
        .into_response()
}
