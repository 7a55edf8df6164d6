//! How a procedure step's error reaches the citizen, the same on every
//! channel: something to correct or wait out ([`StepError`]), an outcome
//! the request itself now shows, or our own fault. Each channel wraps the
//! answer in its own error type (the portal's `PortalError`, the API's
//! problems); what is particular to a channel (the API's `Retry-After`,
//! its scopes) it matches before asking here.

use nomir_core::eds_reason::EdsReason;
use nomir_core::step_error::StepError;

use super::certify::CertifyError;
use super::confirm_code::ConfirmCodeError;
use super::open_request::OpenRequestError;
use super::request_code::RequestCodeError;
use super::Unexpected;
use crate::ports::{KeyPurpose, SignatureError};

/// What a channel answers a step's error with.
#[derive(Debug)]
pub enum Answer {
    /// The citizen can correct this, or wait it out.
    Correct(StepError),
    /// The request reached an outcome (refused, ended, expired, bound)
    /// that the request's own view shows: not an error to the citizen.
    Shown,
    /// Our fault: the channel logs it and says so, without the cause.
    Fault(Unexpected),
}

fn fault(cause: impl std::fmt::Display) -> Answer {
    Answer::Fault(Unexpected(anyhow::anyhow!("{cause}")))
}

/// A request that is not there, or not this citizen's; an ended one is
/// the wrong step for anything but reading it.
fn open_request(e: OpenRequestError) -> Answer {
    match e {
        OpenRequestError::NotFound => Answer::Correct(StepError::RequestNotFound),
        OpenRequestError::Ended(_) | OpenRequestError::Expired => {
            Answer::Correct(StepError::WrongStep)
        }
        OpenRequestError::Unexpected(cause) => Answer::Fault(cause),
    }
}

/// "Get verification code". A purpose the channel may not start is the
/// channel's to answer (an API client's scope); reaching here it is a fault.
pub fn request_code(e: RequestCodeError) -> Answer {
    let step = match e {
        RequestCodeError::InvalidNumber(e) => e.into(),
        RequestCodeError::AlreadyBound => StepError::AlreadyBound,
        RequestCodeError::TooSoon { .. } => StepError::TooSoon,
        RequestCodeError::SmsUnavailable => StepError::SmsUnavailable,
        RequestCodeError::NumberNotYours => StepError::NumberNotYours,
        RequestCodeError::SimRecentlySwapped { window_hours, .. } => StepError::SimSwapped {
            hours: window_hours,
        },
        RequestCodeError::OperatorUnavailable => StepError::OperatorUnavailable,
        RequestCodeError::OpenElsewhere => StepError::OpenElsewhere,
        RequestCodeError::PurposeNotAllowed(p) => return fault(format!("refused {p:?}")),
        RequestCodeError::Request(e) => return open_request(e),
        RequestCodeError::Unexpected(cause) => return Answer::Fault(cause),
    };
    Answer::Correct(step)
}

/// A new code asked for on a request that has just ended: the request shows it.
pub fn resend(e: RequestCodeError) -> Answer {
    match e {
        RequestCodeError::Request(OpenRequestError::Expired | OpenRequestError::Ended(_)) => {
            Answer::Shown
        }
        e => request_code(e),
    }
}

/// The code entered; the last wrong try and the term's end are outcomes.
pub fn confirm_code(e: ConfirmCodeError) -> Answer {
    match e {
        ConfirmCodeError::TooManyTries
        | ConfirmCodeError::Request(OpenRequestError::Expired | OpenRequestError::Ended(_)) => {
            Answer::Shown
        }
        ConfirmCodeError::Malformed(e) => Answer::Correct(e.into()),
        ConfirmCodeError::Wrong { tries_left } => {
            Answer::Correct(StepError::CodeWrong { tries_left })
        }
        ConfirmCodeError::CodeExpired => Answer::Correct(StepError::CodeExpired),
        ConfirmCodeError::NotAwaitingCode => Answer::Correct(StepError::WrongStep),
        ConfirmCodeError::Request(e) => open_request(e),
        ConfirmCodeError::Unexpected(cause) => Answer::Fault(cause),
    }
}

/// Certification: a refusal, a binding or the term's end is an outcome.
pub fn certify(e: CertifyError) -> Answer {
    match e {
        CertifyError::Ended(_)
        | CertifyError::NotAwaitingCertification
        | CertifyError::Request(OpenRequestError::Expired | OpenRequestError::Ended(_)) => {
            Answer::Shown
        }
        CertifyError::Request(e) => open_request(e),
        CertifyError::Unavailable => {
            tracing::warn!("the signature check is unavailable");
            Answer::Correct(StepError::SignatureCheckUnavailable)
        }
        CertifyError::SignatureNotAccepted(e) => Answer::Correct(retryable_signature(&e)),
        CertifyError::Unexpected(cause) => Answer::Fault(cause),
    }
}

/// A signature the citizen can correct (another key) or retry later.
pub fn retryable_signature(e: &SignatureError) -> StepError {
    match e {
        SignatureError::WrongKey {
            expected: KeyPurpose::Sign,
        } => StepError::WrongKeySign,
        SignatureError::WrongKey {
            expected: KeyPurpose::Auth,
        } => StepError::WrongKeyAuth,
        SignatureError::LegalEntity => StepError::LegalEntityKey,
        _ => StepError::SignatureCheckUnavailable,
    }
}

/// The reason a refused signature gives the citizen.
pub fn eds_reason(e: &SignatureError) -> EdsReason {
    use EdsReason as R;
    use SignatureError as E;
    match e {
        E::Expired => R::Expired,
        E::NotYetValid => R::NotYetValid,
        E::Revoked(_) | E::RevocationUnknown => R::Revoked,
        E::UnsupportedAlgorithm(_) => R::Unsupported,
        E::NoIin => R::NoIin,
        E::UntrustedChain
        | E::NotACertificationAuthority
        | E::LeafIsCa
        | E::UnknownCriticalExtension(_) => R::Untrusted,
        E::Malformed(_) | E::TooLarge(_) | E::ContentMismatch | E::BadSignature => R::Invalid,
        E::WrongKey { .. }
        | E::LegalEntity
        | E::NotAnOrganisation
        | E::NotAcceptedSeal
        | E::RevocationUnavailable(_)
        | E::CheckUnavailable(_) => R::Invalid,
    }
}
