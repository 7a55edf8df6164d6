//! The services' errors as the citizen can act on them on the portal's
//! pages ([`PortalError`]). Causes that are ours are logged here and reach
//! the page as `Unexpected`.

use app::error::PortalError;
use nomir_core::step_error::StepError;

use crate::domain::complaint::TextError;
use crate::services::answers::{self, Answer};
use crate::services::complaints::FileError;
use crate::services::eds_sign_in::EdsSignInError;
use crate::services::request_code::RequestCodeError;
use crate::services::second_factor::SecondFactorError;
use crate::services::sign_in::SignInError;
use crate::services::Unexpected;

pub fn unexpected(e: impl std::fmt::Display) -> PortalError {
    tracing::error!(error = %e, "portal request failed");
    PortalError::Unexpected
}

impl From<Unexpected> for PortalError {
    fn from(e: Unexpected) -> Self {
        unexpected(e)
    }
}

/// `Ok` when the request reached an outcome its page shows (a refusal
/// after the last try, the term's end, a binding); otherwise what to correct.
pub fn answer(a: Answer) -> Result<(), PortalError> {
    match a {
        Answer::Correct(e) => Err(PortalError::Step(e)),
        Answer::Shown => Ok(()),
        Answer::Fault(cause) => Err(unexpected(cause)),
    }
}

/// Starting a request: no answer is an outcome to show, since there is
/// no request yet (an ended one is the wrong step).
pub fn request_code(e: RequestCodeError) -> PortalError {
    match answers::request_code(e) {
        Answer::Correct(e) => PortalError::Step(e),
        Answer::Shown => PortalError::Step(StepError::WrongStep),
        Answer::Fault(cause) => unexpected(cause),
    }
}

pub fn sign_in(e: SignInError) -> PortalError {
    match e {
        SignInError::InvalidIin(e) => PortalError::Step(e.into()),
        SignInError::EmptyPassword => PortalError::PasswordEmpty,
        SignInError::BadCredentials => PortalError::WrongCredentials,
        SignInError::Locked { .. } => PortalError::LockedOut,
        SignInError::Busy => PortalError::Busy,
        SignInError::SecondFactor(e) => second_factor(e),
        SignInError::Unexpected(cause) => unexpected(cause),
    }
}

/// A sign-in code step, or the second factor's switch, that did not take.
pub fn second_factor(e: SecondFactorError) -> PortalError {
    use crate::domain::OtpCodeError;
    match e {
        SecondFactorError::NoBoundNumber => PortalError::NoNumberToSignIn,
        SecondFactorError::AttemptOver => PortalError::SignInCodeGone,
        SecondFactorError::InvalidCode(OtpCodeError::Empty) => StepError::CodeEmpty.into(),
        SecondFactorError::InvalidCode(OtpCodeError::Malformed) => StepError::CodeMalformed.into(),
        SecondFactorError::WrongCode { tries_left } => StepError::CodeWrong { tries_left }.into(),
        SecondFactorError::TooSoon { .. } => StepError::TooSoon.into(),
        SecondFactorError::SimSwapped { window_hours, .. } => StepError::SimSwapped {
            hours: window_hours,
        }
        .into(),
        SecondFactorError::OperatorUnavailable => StepError::OperatorUnavailable.into(),
        SecondFactorError::Unexpected(cause) => unexpected(cause),
    }
}

/// An EDS sign-in that did not open a session, as the citizen can act on it.
pub fn eds_sign_in(e: EdsSignInError) -> PortalError {
    match e {
        EdsSignInError::ChallengeUnusable => PortalError::ChallengeUnusable,
        EdsSignInError::Signature(e) if e.is_retryable() => {
            PortalError::Step(answers::retryable_signature(&e))
        }
        EdsSignInError::Signature(e) => PortalError::EdsRefused(answers::eds_reason(&e)),
        EdsSignInError::NotConfirmed => PortalError::NotConfirmedByRegister,
        EdsSignInError::Unavailable => PortalError::Step(StepError::SignatureCheckUnavailable),
        EdsSignInError::Unexpected(cause) => unexpected(cause),
    }
}

pub fn file_complaint(e: FileError) -> PortalError {
    match e {
        FileError::RequestNotFound => PortalError::Step(StepError::RequestNotFound),
        FileError::NotRefused => PortalError::NotRefused,
        FileError::OfficialNotInHistory => PortalError::OfficialUnknown,
        FileError::Text(TextError::TooShort) => PortalError::ComplaintTextShort,
        FileError::Text(TextError::TooLong) => PortalError::ComplaintTextLong,
        FileError::AlreadyUnderReview => PortalError::ComplaintUnderReview,
        FileError::Unexpected(cause) => unexpected(cause),
    }
}
