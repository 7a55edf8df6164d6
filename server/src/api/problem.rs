//! RFC 9457 problem details for every error of the JSON API, with the
//! `detail` in the language of `Accept-Language` (kk by default, ru, en),
//! from the same translations as the pages.

use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use app::api_problem::ApiProblem;
use app::i18n::Lang;

pub const PROBLEM_JSON: &str = "application/problem+json";

/// The language a client asks for: the first of kk, ru, en in its
/// `Accept-Language` preference order (a region such as `ru-RU` counts as
/// its language), else Kazakh.
pub fn lang_of(headers: &HeaderMap) -> Lang {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            accept_language::parse(v).into_iter().find_map(|tag| {
                let primary = tag.split('-').next().unwrap_or_default();
                Lang::from_code(&primary.to_ascii_lowercase())
            })
        })
        .unwrap_or_default()
}

/// The body of a problem, as the OpenAPI document describes it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemBody {
    /// A URI reference naming the problem; stable, one per kind.
    #[serde(rename = "type")]
    #[schema(example = "/api/v1/problems/invalid_token")]
    pub kind: String,
    /// A short English summary of the kind of problem.
    pub title: &'static str,
    pub status: u16,
    /// What happened and what to do, in the language asked for.
    pub detail: &'static str,
    /// The OAuth error code (RFC 6749 §5.2, RFC 6750 §3.1), also for the
    /// problems OAuth does not name.
    pub error: &'static str,
    /// The offending field or parameter, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// An API error, answered as `application/problem+json`.
#[derive(Debug)]
pub struct Problem {
    pub problem: ApiProblem,
    lang: Lang,
    field: Option<String>,
    headers: Vec<(HeaderName, HeaderValue)>,
}

impl Problem {
    pub fn new(problem: ApiProblem, lang: Lang) -> Self {
        Self {
            problem,
            lang,
            field: None,
            headers: Vec::new(),
        }
    }

    /// Our own fault: logged here with its cause, answered without it.
    pub fn internal(lang: Lang, cause: &dyn std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "API call failed");
        Self::new(ApiProblem::Internal, lang)
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn header(mut self, name: HeaderName, value: &str) -> Self {
        if let Ok(v) = HeaderValue::from_str(value) {
            self.headers.push((name, v));
        }
        self
    }

    pub fn body(&self) -> ProblemBody {
        ProblemBody {
            kind: self.problem.type_uri(),
            title: self.problem.title(),
            status: self.problem.status(),
            detail: (self.lang.texts().problem_detail)(self.problem),
            error: self.problem.slug(),
            field: self.field.clone(),
        }
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.problem.status()).unwrap_or(StatusCode::BAD_REQUEST);
        let body = serde_json::to_string(&self.body()).unwrap_or_default();
        let mut response = (status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        headers.insert(
            header::CONTENT_LANGUAGE,
            HeaderValue::from_static(self.lang.code()),
        );
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        for (name, value) in self.headers {
            headers.insert(name, value);
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_str(value).unwrap(),
        );
        h
    }

    #[test]
    fn the_language_follows_accept_language_and_defaults_to_kazakh() {
        assert_eq!(lang_of(&HeaderMap::new()), Lang::Kk);
        assert_eq!(lang_of(&with("ru-RU,ru;q=0.9,en;q=0.5")), Lang::Ru);
        assert_eq!(lang_of(&with("de, en;q=0.4")), Lang::En);
        assert_eq!(lang_of(&with("de")), Lang::Kk);
        assert_eq!(lang_of(&with("en;q=0.2, ru;q=0.8")), Lang::Ru);
    }

    #[test]
    fn every_problem_has_a_detail_in_every_language() {
        for p in ApiProblem::ALL {
            for l in Lang::ALL {
                assert!(!(l.texts().problem_detail)(p).is_empty());
            }
            assert!(p.status() >= 400);
        }
    }
}
