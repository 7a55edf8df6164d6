//! Small localized pages for answers given outside the Leptos app.

use std::any::Any;

use axum::body::Body;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use nomir_core::i18n::Texts;

/// Text made safe to put in HTML.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A plain page with the text `message` picks from the request's language.
pub fn page(
    status: StatusCode,
    headers: &HeaderMap,
    message: fn(&Texts) -> &'static str,
) -> Response {
    let lang = super::cookies::request_lang(headers);
    text_page(status, lang, message(lang.texts()))
}

/// A plain page saying `text` in `lang`.
pub fn text_page(status: StatusCode, lang: nomir_core::i18n::Lang, text: &str) -> Response {
    let t = lang.texts();
    let (text, home, contact) = (
        escape(text),
        escape(t.page_home_link),
        escape(t.footer_contact),
    );
    let html = format!(
        "<!DOCTYPE html><html lang=\"{code}\"><head><meta charset=\"utf-8\"><title>{service}</title></head>\
         <body><main><h1>{text}</h1><p><a href=\"/\">{home}</a> · {contact}</p></main></body></html>",
        code = lang.code(),
        service = t.service_name,
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
    page(StatusCode::INTERNAL_SERVER_ERROR, &HeaderMap::new(), |t| {
        t.err_unexpected
    })
}
