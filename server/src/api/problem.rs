//! RFC 9457 problem details for every error of the JSON API, with the
//! `detail` in the language of `Accept-Language` (kk by default, ru, en),
//! from the same translations as the pages.

use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use time::OffsetDateTime;
use utoipa::ToSchema;

use nomir_core::api_problem::ApiProblem;
use nomir_core::i18n::Lang;
use nomir_core::step_error::{StepError, StepField};

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

/// The whole seconds from `now` to `at`, rounded up; at least 1 (a time
/// already past still asks for a second, never 0 or a negative number).
pub fn retry_after_seconds(at: OffsetDateTime, now: OffsetDateTime) -> i64 {
    let wait = at - now;
    let whole = wait.whole_seconds();
    let ceiling = if wait.subsec_nanoseconds() > 0 {
        whole.saturating_add(1)
    } else {
        whole
    };
    ceiling.max(1)
}

/// The body of a problem, as the OpenAPI document describes it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemBody {
    /// A URI reference naming the problem; stable, one per kind.
    #[serde(rename = "type")]
    #[schema(example = "/api/v1/problems/invalid_token")]
    pub kind: String,
    /// A short English summary of the kind of problem.
    pub title: String,
    pub status: u16,
    /// What happened and what to do, in the language asked for.
    pub detail: String,
    /// The problem's code: the OAuth error code (RFC 6749 §5.2, RFC 6750
    /// §3.1) where OAuth names one, else the last part of `type`.
    pub error: &'static str,
    /// The offending field or parameter, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// After a wrong code: how many tries the request has left.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tries_left: Option<u32>,
}

/// What the problem is: one of the API's own, or a step of the procedure
/// that the citizen (through the app or the bank) can correct.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Api(ApiProblem),
    Step(StepError),
    Complaint(ComplaintProblem),
}

/// What a citizen can correct in a complaint filed through the app
/// (Rules ch. 3), in the words the portal's form uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComplaintProblem {
    TextShort,
    TextLong,
    /// A refusal is complained about, but the request was not refused.
    NotRefused,
    /// A complaint about this request is under review already.
    UnderReview,
    /// No such complaint of this citizen's.
    NotFound,
    /// `official` names no official in the request's history.
    OfficialUnknown,
}

impl ComplaintProblem {
    fn code(self) -> &'static str {
        match self {
            Self::TextShort => "complaint_text_short",
            Self::TextLong => "complaint_text_long",
            Self::NotRefused => "not_refused",
            Self::UnderReview => "complaint_under_review",
            Self::NotFound => "complaint_not_found",
            Self::OfficialUnknown => "official_unknown",
        }
    }

    fn status(self) -> u16 {
        match self {
            Self::TextShort | Self::TextLong => 400,
            Self::OfficialUnknown => 422,
            Self::NotFound => 404,
            Self::NotRefused | Self::UnderReview => 409,
        }
    }

    fn detail(self, lang: Lang) -> &'static str {
        let t = lang.texts().complaints;
        match self {
            Self::TextShort => t.err_text_short,
            Self::TextLong => t.err_text_long,
            Self::NotRefused => t.err_not_refused,
            Self::UnderReview => t.err_under_review,
            Self::NotFound => t.err_not_found,
            Self::OfficialUnknown => t.err_official_unknown,
        }
    }
}

/// The request body's member a step error is about, as the API names it.
fn member(field: StepField) -> &'static str {
    match field {
        StepField::Iin => "iin",
        StepField::Number => "number",
        StepField::Code => "code",
    }
}

/// An API error, answered as `application/problem+json`.
#[derive(Debug)]
pub struct Problem {
    kind: Kind,
    lang: Lang,
    field: Option<String>,
    headers: Vec<(HeaderName, HeaderValue)>,
}

impl Problem {
    pub fn new(problem: ApiProblem, lang: Lang) -> Self {
        Self {
            kind: Kind::Api(problem),
            lang,
            field: None,
            headers: Vec::new(),
        }
    }

    /// A step of the procedure the citizen can correct, naming the body's
    /// member it is about. A limit's `Retry-After` is added by
    /// [`Self::retry_at`], from the time the service gave.
    pub fn step(error: StepError, lang: Lang) -> Self {
        Self {
            kind: Kind::Step(error),
            lang,
            field: error.field().map(|f| member(f).to_owned()),
            headers: Vec::new(),
        }
    }

    /// A complaint's problem; a text too short or long is about `text`.
    pub fn complaint(problem: ComplaintProblem, lang: Lang) -> Self {
        let field = match problem {
            ComplaintProblem::TextShort | ComplaintProblem::TextLong => Some("text".to_owned()),
            ComplaintProblem::OfficialUnknown => Some("official".to_owned()),
            _ => None,
        };
        Self {
            kind: Kind::Complaint(problem),
            lang,
            field,
            headers: Vec::new(),
        }
    }

    fn status(&self) -> u16 {
        match self.kind {
            Kind::Api(p) => p.status(),
            Kind::Step(e) => e.status(),
            Kind::Complaint(c) => c.status(),
        }
    }

    /// Our own fault: logged here with its cause, answered without it.
    /// Our failure: logged, and answered 500; or, when the database cannot
    /// be reached (a restart, a lost connection), 503 with a retry in 5 s.
    pub fn internal(lang: Lang, cause: &dyn Cause) -> Self {
        if cause.is_outage() {
            tracing::warn!(error = %cause, "API call failed: the database is unavailable");
            return Self::new(ApiProblem::Unavailable, lang).header(header::RETRY_AFTER, "5");
        }
        tracing::error!(error = %cause, "API call failed");
        Self::new(ApiProblem::Internal, lang)
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// `Retry-After` saying when the client may try again: the seconds
    /// from `now` to `at`, rounded up, at least 1. For an answer whose
    /// service said when, such as a code asked for too soon.
    pub fn retry_at(self, at: OffsetDateTime, now: OffsetDateTime) -> Self {
        let seconds = retry_after_seconds(at, now);
        self.header(header::RETRY_AFTER, &seconds.to_string())
    }

    pub fn header(mut self, name: HeaderName, value: &str) -> Self {
        if let Ok(v) = HeaderValue::from_str(value) {
            self.headers.push((name, v));
        }
        self
    }

    pub fn body(&self) -> ProblemBody {
        let (error, title, detail, tries_left) = match self.kind {
            Kind::Api(p) => (
                p.slug(),
                p.title().to_owned(),
                (self.lang.texts().problem_detail)(p).to_owned(),
                None,
            ),
            Kind::Complaint(c) => (
                c.code(),
                c.detail(Lang::En).to_owned(),
                c.detail(self.lang).to_owned(),
                None,
            ),
            Kind::Step(e) => {
                let english = Lang::En.texts();
                let (title, tries) = match e {
                    StepError::CodeWrong { tries_left } => {
                        (english.err_code_wrong.to_owned(), Some(tries_left))
                    }
                    e => (e.message(english), None),
                };
                (e.code(), title, e.message(self.lang.texts()), tries)
            }
        };
        ProblemBody {
            kind: format!("/api/v1/problems/{error}"),
            title,
            status: self.status(),
            detail,
            error,
            field: self.field.clone(),
            tries_left,
        }
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status()).unwrap_or(StatusCode::BAD_REQUEST);
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

/// What went wrong on our side, and whether it is the database being
/// unreachable (which passes) rather than a fault.
pub trait Cause: std::fmt::Display {
    fn is_outage(&self) -> bool {
        false
    }
}

impl Cause for crate::ports::StoreError {
    fn is_outage(&self) -> bool {
        matches!(self, crate::ports::StoreError::Unavailable(_))
    }
}

impl Cause for crate::services::Unexpected {
    fn is_outage(&self) -> bool {
        self.0
            .downcast_ref::<crate::ports::StoreError>()
            .is_some_and(Cause::is_outage)
    }
}

impl Cause for &str {}
impl Cause for anyhow::Error {}

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
    fn retry_after_is_the_wait_rounded_up_and_at_least_a_second() {
        use time::macros::datetime;
        use time::Duration;
        let now = datetime!(2026-11-25 05:04:00 UTC);
        assert_eq!(retry_after_seconds(now + Duration::seconds(60), now), 60);
        assert_eq!(
            retry_after_seconds(now + Duration::milliseconds(59_001), now),
            60
        );
        assert_eq!(retry_after_seconds(now + Duration::milliseconds(1), now), 1);
        assert_eq!(retry_after_seconds(now + Duration::hours(1), now), 3600);
        assert_eq!(retry_after_seconds(now, now), 1);
        assert_eq!(retry_after_seconds(now - Duration::hours(5), now), 1);
        let p = Problem::step(StepError::TooSoon, Lang::En)
            .retry_at(now + Duration::milliseconds(41_500), now);
        let r = p.into_response();
        let values: Vec<_> = r.headers().get_all(header::RETRY_AFTER).iter().collect();
        assert_eq!(values, ["42"]);
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
