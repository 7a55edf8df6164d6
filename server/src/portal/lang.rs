//! `GET /lang/{code}?next=/path`: keeps the chosen language in a cookie and
//! goes back to the page the citizen was on.

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::common::{cookies, error_page, AppState};
use nomir_core::i18n::Lang;

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

/// A path on this site to go back to; anything else goes home: other sites,
/// `//host`, backslashes, and any space or control character (browsers drop
/// tabs and newlines from URLs, so `/\t/evil.example` would become `//evil.example`).
pub fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && p.len() <= 512
                && p.bytes().all(|b| b.is_ascii_graphic() && b != b'\\') =>
        {
            p
        }
        _ => "/",
    }
}

pub async fn switch(
    State(state): State<AppState>,
    code: Result<Path<String>, PathRejection>,
    next: Result<Query<Next>, QueryRejection>,
    headers: HeaderMap,
) -> Response {
    let Some(lang) = code.ok().and_then(|Path(c)| Lang::from_code(&c)) else {
        return error_page::page(StatusCode::NOT_FOUND, &headers, |t| t.page_unknown_language);
    };
    let next = next.ok().and_then(|Query(n)| n.next);
    let target = safe_next(next.as_deref()).to_owned();
    let cookie = cookies::lang(lang, state.cookie_secure);
    ([(header::SET_COOKIE, cookie)], Redirect::to(&target)).into_response()
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next(Some("/cabinet")), "/cabinet");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(None), "/");
        assert_eq!(safe_next(Some("/\t/evil.example")), "/");
        assert_eq!(safe_next(Some("/\n")), "/");
        assert_eq!(safe_next(Some("/ /x")), "/");
        assert_eq!(safe_next(Some("/\u{7f}")), "/");
        assert_eq!(
            safe_next(Some("/cabinet/request/abc?x=1")),
            "/cabinet/request/abc?x=1"
        );
    }
}
