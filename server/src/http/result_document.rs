//! The result document (appendix row 5) over HTTP: the citizen's download
//! of a finished request's sealed PDF, and the public page where anyone
//! checks an uploaded document's seal. Both are plain HTTP (a file goes
//! out, a file comes in), so they are axum handlers over the services.

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;

use super::error_page::escape;
use super::{cookies, error_page, AppState};
use crate::documents::seal::{SealError, MAX_FILE_BYTES};
use crate::domain::Iin;
use crate::services::result_document;
use app::citizen::Visitor;
use app::i18n::{document_texts, Lang};

/// The sealed PDF of the citizen's finished request `id`.
pub async fn download(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let citizen = match visitor {
        Visitor::SignedIn(citizen) => citizen,
        // The session could not be looked up (the database is down).
        Visitor::Unknown => {
            return error_page::page(StatusCode::SERVICE_UNAVAILABLE, &headers, |t| {
                t.err_unexpected
            })
        }
        Visitor::Anonymous => {
            return error_page::page(StatusCode::UNAUTHORIZED, &headers, |t| t.err_not_signed_in)
        }
    };
    let Some(sealer) = &state.seal.sealer else {
        let lang = cookies::request_lang(&headers);
        return error_page::text_page(
            StatusCode::SERVICE_UNAVAILABLE,
            lang,
            document_texts(lang).unavailable,
        );
    };
    let Ok(iin) = Iin::parse(&citizen.iin) else {
        return error_page::page(StatusCode::UNAUTHORIZED, &headers, |t| t.err_not_signed_in);
    };
    let lang = cookies::request_lang(&headers);
    match result_document::issue(&state.ports, sealer, &iin, &id, lang).await {
        Ok(Some(pdf)) => {
            let name = format!(
                "attachment; filename=\"nomir-result-{}.pdf\"",
                id.replace(['"', '\\'], "")
            );
            (
                [
                    (
                        header::CONTENT_TYPE,
                        HeaderValue::from_static("application/pdf"),
                    ),
                    (
                        header::CONTENT_DISPOSITION,
                        HeaderValue::from_str(&name)
                            .unwrap_or(HeaderValue::from_static("attachment")),
                    ),
                ],
                pdf,
            )
                .into_response()
        }
        Ok(None) => error_page::page(StatusCode::NOT_FOUND, &headers, |t| t.request_not_found),
        Err(e) => {
            tracing::error!(error = %e, "result document failed");
            error_page::page(StatusCode::INTERNAL_SERVER_ERROR, &headers, |t| {
                t.err_unexpected
            })
        }
    }
}

/// The check page, with a verdict once a file was checked.
fn check_page(status: StatusCode, lang: Lang, verdict: Option<(bool, String)>) -> Response {
    let t = lang.texts();
    let d = document_texts(lang);
    let verdict = verdict.map_or_else(String::new, |(valid, text)| {
        format!(
            "<div role=\"status\" class=\"{}\" data-testid=\"verdict\" data-valid=\"{valid}\"><p>{}</p></div>",
            if valid { "notice" } else { "error-summary" },
            text
        )
    });
    let html = format!(
        "<!DOCTYPE html><html lang=\"{code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · {service}</title></head><body><main>\
         <h1>{title}</h1>{verdict}<p>{intro}</p>\
         <form method=\"post\" action=\"/check-document\" enctype=\"multipart/form-data\">\
         <p><label for=\"document\">{label}</label><br>\
         <input id=\"document\" name=\"document\" type=\"file\" accept=\"application/pdf\" required></p>\
         <p><button type=\"submit\">{submit}</button></p></form>\
         <p><a href=\"/\">{home}</a> · {provider} · {contact}</p></main></body></html>",
        code = lang.code(),
        title = escape(d.check_title),
        service = escape(t.service_name),
        intro = escape(d.check_intro),
        label = escape(d.check_file_label),
        submit = escape(d.check_submit),
        home = escape(t.page_home_link),
        provider = escape(t.footer_provider),
        contact = escape(t.footer_contact),
    );
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        html,
    )
        .into_response()
}

pub async fn check_form(headers: HeaderMap) -> Response {
    check_page(StatusCode::OK, cookies::request_lang(&headers), None)
}

/// Checks an uploaded document's seal against the service's keys.
pub async fn check(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: Result<Multipart, MultipartRejection>,
) -> Response {
    let lang = cookies::request_lang(&headers);
    let d = document_texts(lang);
    let too_large = |headers: &HeaderMap| {
        error_page::page(StatusCode::PAYLOAD_TOO_LARGE, headers, |t| t.err_too_large)
    };
    let malformed = |headers: &HeaderMap| {
        error_page::page(StatusCode::BAD_REQUEST, headers, |t| t.err_malformed)
    };
    let Ok(mut form) = form else {
        return malformed(&headers);
    };
    let mut file = None;
    loop {
        match form.next_field().await {
            Ok(Some(field)) if field.name() == Some("document") => match field.bytes().await {
                Ok(bytes) => {
                    file = Some(bytes);
                    break;
                }
                Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                    return too_large(&headers)
                }
                Err(_) => return malformed(&headers),
            },
            Ok(Some(_)) => continue,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return too_large(&headers),
            Err(_) => return malformed(&headers),
        }
    }
    let Some(file) = file.filter(|f| !f.is_empty()) else {
        return check_page(
            StatusCode::BAD_REQUEST,
            lang,
            Some((false, escape(d.verdict_not_sealed))),
        );
    };
    match result_document::check(&file, &state.seal.trusted) {
        Ok(meta) => {
            let text = format!(
                "{} {}: <span class=\"mono\">{}</span>. {}: {}.",
                escape(d.verdict_valid),
                escape(d.request_number),
                escape(&meta.request_id),
                escape(d.issued_at),
                escape(&crate::documents::local_time(meta.issued_at)),
            );
            check_page(StatusCode::OK, lang, Some((true, text)))
        }
        Err(SealError::NotSealed) | Err(SealError::TooLarge) => check_page(
            StatusCode::UNPROCESSABLE_ENTITY,
            lang,
            Some((false, escape(d.verdict_not_sealed))),
        ),
        Err(SealError::UnknownKey) | Err(SealError::Altered) => check_page(
            StatusCode::UNPROCESSABLE_ENTITY,
            lang,
            Some((false, escape(d.verdict_invalid))),
        ),
    }
}

/// The largest upload the check takes (the seal's own limit, and room for the form).
pub const CHECK_BODY_LIMIT: usize = MAX_FILE_BYTES + 64 * 1024;
