//! The procedure's service errors as the API answers them: the shared
//! [`answers`] in the API's own problems, with what only the API adds
//! (`Retry-After` from the limit's own time).

use time::OffsetDateTime;

use nomir_core::i18n::Lang;
use nomir_core::step_error::StepError;

use super::problem::Problem;
use crate::services::answers::{self, Answer};
use crate::services::request_code::RequestCodeError;

/// `Ok` when the request reached an outcome its view shows (refused,
/// ended, bound); otherwise the problem to correct, or our fault.
pub fn answer(a: Answer, lang: Lang) -> Result<(), Problem> {
    match a {
        Answer::Correct(e) => Err(Problem::step(e, lang)),
        Answer::Shown => Ok(()),
        Answer::Fault(cause) => Err(Problem::internal(lang, &cause)),
    }
}

/// A request that could not be started: a limit says in `Retry-After`
/// when the client may try again (up to an hour away).
pub fn not_started(e: RequestCodeError, lang: Lang, now: OffsetDateTime) -> Problem {
    match e {
        RequestCodeError::TooSoon { retry_at } => {
            Problem::step(StepError::TooSoon, lang).retry_at(retry_at, now)
        }
        // The client may try again once the SIM swap window has passed.
        RequestCodeError::SimRecentlySwapped {
            codes_from,
            window_hours,
        } => Problem::step(
            StepError::SimSwapped {
                hours: window_hours,
            },
            lang,
        )
        .retry_at(codes_from, now),
        // No request yet, so nothing of it can show.
        e => match answers::request_code(e) {
            Answer::Correct(e) => Problem::step(e, lang),
            Answer::Shown => Problem::step(StepError::WrongStep, lang),
            Answer::Fault(cause) => Problem::internal(lang, &cause),
        },
    }
}

/// A new code asked for: a limit as when starting; a request that has
/// just ended answers with its view.
pub fn resent(e: RequestCodeError, lang: Lang, now: OffsetDateTime) -> Result<(), Problem> {
    match e {
        RequestCodeError::TooSoon { .. } => Err(not_started(e, lang, now)),
        e => answer(answers::resend(e), lang),
    }
}
