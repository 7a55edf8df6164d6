//! `GET /api/v1/docs`: a readable page of the API, made from the same
//! OpenAPI document as `/api/v1/openapi.json` (operation texts are the
//! document's, in English; the page around them is in the reader's
//! language). Plain HTML, no script: no documentation bundle to fetch.

use axum::http::HeaderMap;
use axum::response::Html;
use utoipa::openapi::path::Operation;
use utoipa::openapi::RefOr;
use utoipa::OpenApi;

use super::openapi::ApiDoc;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn operation(method: &str, path: &str, op: &Operation, t: &nomir_core::i18n::Texts) -> String {
    let summary = op.summary.as_deref().unwrap_or_default();
    let description = op
        .description
        .as_deref()
        .map(|d| format!("<p>{}</p>", escape(d)))
        .unwrap_or_default();
    let body = op
        .request_body
        .as_ref()
        .map(|b| {
            let types: Vec<String> = b.content.keys().map(|k| escape(k)).collect();
            format!(
                "<p>{}: <code>{}</code></p>",
                t.api_docs_request_body,
                types.join(", ")
            )
        })
        .unwrap_or_default();
    let responses: String = op
        .responses
        .responses
        .iter()
        .map(|(status, r)| {
            let text = match r {
                RefOr::T(r) => escape(&r.description),
                RefOr::Ref(r) => escape(&r.ref_location),
            };
            format!("<li><code>{}</code> {text}</li>", escape(status))
        })
        .collect();
    format!(
        "<section><h3><code>{method} {path}</code></h3><p>{summary}</p>{description}{body}\
         <h4>{responses_title}</h4><ul>{responses}</ul></section>",
        path = escape(path),
        summary = escape(summary),
        responses_title = t.api_docs_responses,
    )
}

pub async fn page(headers: HeaderMap) -> Html<String> {
    let lang = crate::common::cookies::request_lang(&headers);
    let t = lang.texts();
    let doc = ApiDoc::openapi();
    let intro = doc.info.description.as_deref().unwrap_or_default();
    let mut sections = String::new();
    for (path, item) in &doc.paths.paths {
        for (method, op) in [("GET", &item.get), ("POST", &item.post)] {
            if let Some(op) = op {
                sections.push_str(&operation(method, path, op, t));
            }
        }
    }
    Html(format!(
        "<!DOCTYPE html><html lang=\"{code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} — {service}</title></head><body><main>\
         <h1>{title}</h1><p>{lead}</p><p>{intro}</p>\
         <p><a href=\"/api/v1/openapi.json\">{download}</a></p>\
         <h2>{operations}</h2>{sections}</main></body></html>",
        code = lang.code(),
        title = t.api_docs_title,
        service = t.service_name,
        lead = t.api_docs_intro,
        intro = escape(intro),
        download = t.api_docs_download,
        operations = t.api_docs_operations,
    ))
}
