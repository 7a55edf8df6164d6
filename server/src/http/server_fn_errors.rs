//! Answers for bad input to the Leptos server functions (`/fn/...`). The
//! server-function layer reports a body it cannot read as a 500 carrying
//! serde's raw text (`Args|missing field ...`); the citizen gets a 4xx with
//! a localized message instead (413 for a body over the limit), and the raw
//! text goes to the log only.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use super::{error_page, MAX_BODY};
use crate::domain::Localized;

/// The prefix of the server functions' routes.
pub const PREFIX: &str = "/fn/";

const MALFORMED: Localized = Localized {
    kk: "Сұрау толық емес немесе қате құрылған. Бетке оралып, қайталап көріңіз.",
    ru: "Запрос неполный или составлен неверно. Вернитесь на страницу и попробуйте ещё раз.",
    en: "The request was incomplete or malformed. Go back to the page and try again.",
};

const TOO_LARGE: Localized = Localized {
    kk: "Сұрау тым үлкен. Бетке оралып, қайталап көріңіз.",
    ru: "Запрос слишком большой. Вернитесь на страницу и попробуйте ещё раз.",
    en: "The request is too large. Go back to the page and try again.",
};

const NOT_FOUND: Localized = Localized {
    kk: "Мұндай әрекет жоқ.",
    ru: "Такого действия нет.",
    en: "There is no such action.",
};

/// The status for a server function's encoded error, if it is the caller's fault.
pub fn status_of(encoded: &str) -> Option<StatusCode> {
    let (kind, text) = encoded.split_once('|')?;
    match kind {
        "Args" | "Deserialization" | "MissingArg" | "Request"
            if text.contains("length limit exceeded") =>
        {
            Some(StatusCode::PAYLOAD_TOO_LARGE)
        }
        "Args" | "Deserialization" | "MissingArg" | "Request" => Some(StatusCode::BAD_REQUEST),
        "Registration" => Some(StatusCode::NOT_FOUND),
        _ => None,
    }
}

fn declared_length(request: &Request) -> Option<usize> {
    request
        .headers()
        .get(header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .parse()
        .ok()
}

pub async fn localize(request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with(PREFIX) {
        return next.run(request).await;
    }
    let headers = request.headers().clone();
    if declared_length(&request).is_some_and(|n| n > MAX_BODY) {
        return error_page::page(StatusCode::PAYLOAD_TOO_LARGE, &headers, TOO_LARGE);
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let text = String::from_utf8_lossy(&bytes);
    match status_of(&text) {
        Some(status) => {
            tracing::info!(error = %text, %status, "bad input to a server function");
            let message = match status {
                StatusCode::PAYLOAD_TOO_LARGE => TOO_LARGE,
                StatusCode::NOT_FOUND => NOT_FOUND,
                _ => MALFORMED,
            };
            error_page::page(status, &headers, message)
        }
        None => Response::from_parts(parts, Body::from(bytes)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_callers_faults_are_4xx_and_ours_stay_500() {
        assert_eq!(
            status_of("Args|missing field `id`"),
            Some(StatusCode::BAD_REQUEST)
        );
        assert_eq!(
            status_of("Deserialization|length limit exceeded"),
            Some(StatusCode::PAYLOAD_TOO_LARGE)
        );
        assert_eq!(status_of("MissingArg|id"), Some(StatusCode::BAD_REQUEST));
        assert_eq!(status_of("ServerError|unexpected"), None);
        assert_eq!(status_of("no separator"), None);
    }
}
