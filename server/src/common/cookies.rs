//! Cookies the server sets: the session (HttpOnly, SameSite=Lax, Secure
//! unless configured off for plain-HTTP development), the EDS challenge's
//! binder and the language.

use axum::http::{HeaderMap, HeaderValue};
use cookie::{Cookie, SameSite};
use time::Duration;

use crate::services::session::SESSION_LIFETIME;
use crate::services::staff::STAFF_SESSION_LIFETIME;
use app::port::SetCookie;
use nomir_core::i18n::{Lang, LANG_COOKIE};
use nomir_core::wire::{EDS_BINDER_COOKIE, SESSION_COOKIE};
use nomir_core::wire_complaints::STAFF_COOKIE;

pub use app::cookies::read;

fn build(name: &'static str, value: String, max_age: Duration, secure: bool) -> String {
    build_with(name, value, max_age, secure, SameSite::Lax)
}

fn build_with(
    name: &'static str,
    value: String,
    max_age: Duration,
    secure: bool,
    same_site: SameSite,
) -> String {
    Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .secure(secure)
        .same_site(same_site)
        .max_age(max_age)
        .build()
        .to_string()
}

pub fn session(token: String, secure: bool) -> SetCookie {
    SetCookie(build(SESSION_COOKIE, token, SESSION_LIFETIME, secure))
}

pub fn clear_session(secure: bool) -> SetCookie {
    SetCookie(build(SESSION_COOKIE, String::new(), Duration::ZERO, secure))
}

/// A staff session: `SameSite=Strict`, so no other site's link or form
/// ever arrives signed in to the back office.
pub fn staff_session(token: String, secure: bool) -> SetCookie {
    SetCookie(build_with(
        STAFF_COOKIE,
        token,
        STAFF_SESSION_LIFETIME,
        secure,
        SameSite::Strict,
    ))
}

pub fn clear_staff_session(secure: bool) -> SetCookie {
    SetCookie(build_with(
        STAFF_COOKIE,
        String::new(),
        Duration::ZERO,
        secure,
        SameSite::Strict,
    ))
}

/// A password sign-in waiting for its SMS code: `SameSite=Strict` and
/// HttpOnly, for as long as a code and one new code may take.
pub fn sign_in_attempt(token: String, secure: bool) -> SetCookie {
    SetCookie(build_with(
        nomir_core::wire::SIGN_IN_ATTEMPT_COOKIE,
        token,
        crate::domain::otp::CODE_LIFETIME * 3,
        secure,
        SameSite::Strict,
    ))
}

pub fn clear_sign_in_attempt(secure: bool) -> SetCookie {
    SetCookie(build_with(
        nomir_core::wire::SIGN_IN_ATTEMPT_COOKIE,
        String::new(),
        Duration::ZERO,
        secure,
        SameSite::Strict,
    ))
}

/// The binder of an EDS sign-in challenge: `SameSite=Strict` and
/// HttpOnly, so only this browser, on this site, can use the challenge;
/// it lives as long as the challenge.
pub fn eds_binder(binder: String, secure: bool) -> SetCookie {
    SetCookie(build_with(
        EDS_BINDER_COOKIE,
        binder,
        crate::services::eds_sign_in::CHALLENGE_LIFETIME,
        secure,
        SameSite::Strict,
    ))
}

pub fn lang(lang: Lang, secure: bool) -> HeaderValue {
    let cookie = build(
        LANG_COOKIE,
        lang.code().to_owned(),
        Duration::days(365),
        secure,
    );
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The language the request asks for, Kazakh by default.
pub fn request_lang(headers: &HeaderMap) -> Lang {
    read(headers, LANG_COOKIE)
        .and_then(|c| Lang::from_code(&c))
        .unwrap_or_default()
}
