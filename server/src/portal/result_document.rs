//! The result document (appendix row 5) over HTTP: the citizen's download
//! of a finished request's sealed PDF, and the public page where anyone
//! checks an uploaded document's seal. Both are plain HTTP (a file goes
//! out, a file comes in), so they are axum handlers over the services.

use std::time::Duration;

use axum::body::{Body, HttpBody};
use axum::extract::multipart::MultipartError;
use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;

use crate::common::error_page::escape;
use crate::common::slots::{Full, Slots};
use crate::common::{cookies, error_page, AppState};
use crate::documents::seal::{Checked, SealError, Upload, MAX_FILE_BYTES};
use crate::domain::Iin;
use crate::services::result_document::{self, IssueError};
use app::citizen::Visitor;
use app::source::Source;
use nomir_core::i18n::{document_texts, Lang};

/// The sealed PDF of the citizen's finished request `id`.
pub async fn download(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    id: Result<Path<String>, PathRejection>,
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
    // An id that cannot be read (not UTF-8) names no request.
    let Ok(Path(id)) = id else {
        return error_page::page(StatusCode::NOT_FOUND, &headers, |t| t.request_not_found);
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
        Err(IssueError::TooMany(seconds)) => {
            let mut page = error_page::text_page(
                StatusCode::TOO_MANY_REQUESTS,
                lang,
                document_texts(lang).too_many,
            );
            page.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
            page
        }
        Err(IssueError::Unexpected(e)) => {
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

/// How many checks run at once, in all and per source (the request's
/// [`Source`]).
///
/// The seal's signature covers the whole file but its own `/Contents`,
/// whose place is said near the file's end (see
/// [`crate::documents::seal::Upload`]), so a check cannot hash the file
/// as it comes and forget it: it keeps one buffer of at most
/// [`MAX_FILE_BYTES`] per upload, filled chunk by chunk and checked in
/// place. The bound on memory is therefore this one: at most
/// `CHECKS_AT_ONCE` buffers exist (8 × 5 MiB, with growth ≈ 60 MiB at
/// worst), however many uploads arrive; the others are answered 503 (or
/// 429 for a source that already has its share) without being kept.
pub const CHECKS_AT_ONCE: usize = 8;
pub const CHECKS_PER_SOURCE: usize = 2;
/// What a check that found no place tells the client to wait (seconds).
const CHECK_RETRY_AFTER: &str = "5";
/// How long an upload may take once it holds a place (5 MiB in a minute
/// is 85 kB/s), so that slow uploads cannot hold every place.
pub const CHECK_UPLOAD_DEADLINE: Duration = Duration::from_secs(60);
/// How long a refused upload's body is read (and thrown away) so that the
/// client, still sending, gets the answer rather than a reset connection.
const DRAIN_DEADLINE: Duration = Duration::from_secs(10);

/// The limits on checks, one per server.
pub fn check_slots() -> Slots {
    Slots::new(CHECKS_AT_ONCE, CHECKS_PER_SOURCE)
}

/// Reads and throws away what is left of `body` (at most the check's body
/// limit, for at most [`DRAIN_DEADLINE`]), a chunk at a time.
async fn drain(mut body: Body) {
    let read_all = async {
        let mut read = 0usize;
        while let Some(Ok(frame)) =
            std::future::poll_fn(|cx| std::pin::Pin::new(&mut body).poll_frame(cx)).await
        {
            read = read.saturating_add(frame.data_ref().map_or(0, |d| d.len()));
            if read > CHECK_BODY_LIMIT {
                break;
            }
        }
    };
    let _ = tokio::time::timeout(DRAIN_DEADLINE, read_all).await;
}

/// Why an upload was not read to its end.
enum ReadError {
    Malformed,
    TooLarge,
}

/// The `document` field of the form, read a chunk at a time into one
/// bounded buffer; `None` when the form has no such field.
async fn read_document(form: &mut Multipart) -> Result<Option<Upload>, ReadError> {
    let status = |e: MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ReadError::TooLarge
        } else {
            ReadError::Malformed
        }
    };
    loop {
        match form.next_field().await.map_err(status)? {
            Some(mut field) if field.name() == Some("document") => {
                let mut upload = Upload::new();
                while let Some(chunk) = field.chunk().await.map_err(status)? {
                    upload.push(&chunk).map_err(|_| ReadError::TooLarge)?;
                }
                return Ok(Some(upload));
            }
            Some(_) => continue,
            None => return Ok(None),
        }
    }
}

/// Checks an uploaded document's seal against the service's keys.
pub async fn check(State(state): State<AppState>, request: Request) -> Response {
    let headers = request.headers().clone();
    let lang = cookies::request_lang(&headers);
    let d = document_texts(lang);
    let source = request
        .extensions()
        .get::<Source>()
        .cloned()
        .unwrap_or_else(Source::unknown);
    let _slot = match state.check_slots.try_take(&source) {
        Ok(slot) => slot,
        Err(full) => {
            drain(request.into_body()).await;
            let (status, text) = match full {
                Full::Source => (StatusCode::TOO_MANY_REQUESTS, d.check_too_many),
                Full::All => (StatusCode::SERVICE_UNAVAILABLE, d.check_busy),
            };
            let mut response = error_page::text_page(status, lang, text);
            response.headers_mut().insert(
                header::RETRY_AFTER,
                HeaderValue::from_static(CHECK_RETRY_AFTER),
            );
            return response;
        }
    };
    let too_large = |headers: &HeaderMap| {
        error_page::page(StatusCode::PAYLOAD_TOO_LARGE, headers, |t| t.err_too_large)
    };
    let malformed = |headers: &HeaderMap| {
        error_page::page(StatusCode::BAD_REQUEST, headers, |t| t.err_malformed)
    };
    let Ok(mut form) = Multipart::from_request(request, &state).await else {
        return malformed(&headers);
    };
    let file = match tokio::time::timeout(CHECK_UPLOAD_DEADLINE, read_document(&mut form)).await {
        Ok(Ok(file)) => file,
        Ok(Err(ReadError::TooLarge)) => return too_large(&headers),
        Ok(Err(ReadError::Malformed)) => return malformed(&headers),
        Err(_) => {
            return error_page::text_page(StatusCode::REQUEST_TIMEOUT, lang, d.check_too_slow)
        }
    };
    let Some(file) = file.filter(|f| !f.is_empty()) else {
        return check_page(
            StatusCode::BAD_REQUEST,
            lang,
            Some((false, escape(d.verdict_not_sealed))),
        );
    };
    let checked =
        result_document::check_upload(&state.ports, file, state.seal.provider.as_ref()).await;
    let (status, valid, text) = match checked {
        Ok(Checked { meta, sealed }) => {
            let mut text = format!(
                "{} {}: <span class=\"mono\">{}</span>. {}: {}. {}: {} ({} {}).",
                escape(d.verdict_valid),
                escape(d.request_number),
                escape(&meta.request_id),
                escape(d.issued_at),
                escape(&crate::documents::local_time(meta.issued_at)),
                escape(d.seal_key),
                escape(&sealed.organisation),
                "BIN",
                escape(&sealed.bin),
            );
            if sealed.bin == crate::demo::pki::organisation::PROVIDER.bin {
                text = format!("{text} {}", escape(d.demo_seal_note));
            }
            (StatusCode::OK, true, text)
        }
        Err(SealError::NotSealed) | Err(SealError::TooLarge) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            false,
            escape(d.verdict_not_sealed),
        ),
        Err(SealError::Untrusted(_)) | Err(SealError::Altered) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            false,
            escape(d.verdict_invalid),
        ),
        Err(SealError::CannotCheckNow(why)) => {
            tracing::warn!(%why, "a document check could not be decided");
            let mut response = check_page(
                StatusCode::SERVICE_UNAVAILABLE,
                lang,
                Some((false, escape(d.check_unavailable))),
            );
            response.headers_mut().insert(
                header::RETRY_AFTER,
                HeaderValue::from_static(CHECK_RETRY_AFTER),
            );
            return response;
        }
    };
    check_page(status, lang, Some((valid, text)))
}

/// The largest upload the check takes (the seal's own limit, and room for the form).
pub const CHECK_BODY_LIMIT: usize = MAX_FILE_BYTES + 64 * 1024;
