//! The bearer token of an API call (RFC 6750 §2.1), checked once per call,
//! with the call counted against the client's rate.

use axum::extract::FromRequestParts;
use axum::http::{header, request::Parts};

use super::problem::{lang_of, Problem};
use crate::common::AppState;
use crate::domain::api_client::Scope;
use crate::services::api_clients::{authorize, CallError, Caller};
use nomir_core::api_problem::ApiProblem;
use nomir_core::i18n::Lang;

/// An authorized call: who calls, and the language its answers are in.
pub struct ApiCall {
    pub caller: Caller,
    pub lang: Lang,
}

impl ApiCall {
    /// Refuses the call unless its token holds `scope`.
    pub fn require(&self, scope: Scope) -> Result<(), Problem> {
        if self.caller.may(scope) {
            Ok(())
        } else {
            Err(
                Problem::new(ApiProblem::InsufficientScope, self.lang).header(
                    header::WWW_AUTHENTICATE,
                    &format!(
                        "Bearer realm=\"nomir\", error=\"insufficient_scope\", scope=\"{scope}\""
                    ),
                ),
            )
        }
    }
}

fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

impl FromRequestParts<AppState> for ApiCall {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Problem> {
        let lang = lang_of(&parts.headers);
        let invalid = || {
            Problem::new(ApiProblem::InvalidToken, lang).header(
                header::WWW_AUTHENTICATE,
                "Bearer realm=\"nomir\", error=\"invalid_token\"",
            )
        };
        let token = bearer(parts).ok_or_else(invalid)?;
        match authorize(&state.ports, token).await {
            Ok(caller) => Ok(Self { caller, lang }),
            Err(CallError::InvalidToken) => Err(invalid()),
            Err(CallError::RateLimited { retry_after }) => Err(rate_limited(lang, retry_after)),
            Err(CallError::Unexpected(e)) => Err(Problem::internal(lang, &e)),
        }
    }
}

/// 429 with the seconds until the client's next minute starts.
pub fn rate_limited(lang: Lang, retry_after: u64) -> Problem {
    Problem::new(ApiProblem::RateLimited, lang)
        .header(header::RETRY_AFTER, &retry_after.to_string())
}
