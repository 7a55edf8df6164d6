//! Small localized pages for answers given outside the Leptos app.

use std::any::Any;

use axum::body::Body;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::domain::Localized;

const INTERNAL: Localized = Localized {
    kk: "Біз жақта қате орын алды. Кейінірек қайталаңыз немесе 1414 нөміріне қоңырау шалыңыз.",
    ru: "Произошла ошибка на нашей стороне. Попробуйте позже или позвоните по номеру 1414.",
    en: "Something went wrong on our side. Please try again later or call 1414.",
};

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A plain page with `message` in the request's language.
pub fn page(status: StatusCode, headers: &HeaderMap, message: Localized) -> Response {
    let lang = super::cookies::request_lang(headers).code();
    let text = escape(message.get(lang));
    let html = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>Nomir</title></head>\
         <body><main><h1>{text}</h1><p><a href=\"/\">Nomir</a> · 1414, 8-800-080-7777</p></main></body></html>"
    );
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        html,
    )
        .into_response()
}

/// What a panic turns into: a 500 with no detail (the cause is logged).
pub fn panic_response(_err: Box<dyn Any + Send + 'static>) -> Response<Body> {
    tracing::error!("a request handler panicked");
    page(
        StatusCode::INTERNAL_SERVER_ERROR,
        &HeaderMap::new(),
        INTERNAL,
    )
}
