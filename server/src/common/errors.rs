//! The services' errors as the citizen can act on them ([`PortalError`]).
//! Causes that are ours are logged here and reach the page as `Unexpected`.

use app::error::PortalError;

use crate::domain::complaint::{DecisionError, TextError};
use crate::domain::{IinError, MsisdnError, OtpCodeError};
use crate::services::certify::CertifyError;
use crate::services::complaints::FileError;
use crate::services::confirm_code::ConfirmCodeError;
use crate::services::office::OfficeError;
use crate::services::open_request::OpenRequestError;
use crate::services::request_code::RequestCodeError;
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

pub fn iin(e: IinError) -> PortalError {
    match e {
        IinError::Empty => PortalError::IinEmpty,
        IinError::NotDigits => PortalError::IinNotDigits,
        IinError::WrongLength => PortalError::IinLength,
        IinError::CheckDigit => PortalError::IinCheckDigit,
        IinError::LegalEntity => PortalError::IinOfBusiness,
    }
}

pub fn sign_in(e: SignInError) -> PortalError {
    match e {
        SignInError::InvalidIin(e) => iin(e),
        SignInError::EmptyPassword => PortalError::PasswordEmpty,
        SignInError::BadCredentials => PortalError::WrongCredentials,
        SignInError::Locked { .. } => PortalError::LockedOut,
        SignInError::Busy => PortalError::Busy,
        SignInError::Unexpected(cause) => unexpected(cause),
    }
}

/// A request that is not there, or not this citizen's.
fn open_request(e: OpenRequestError) -> PortalError {
    match e {
        OpenRequestError::NotFound => PortalError::RequestNotFound,
        // The page shows the outcome: ended or expired is not an error.
        OpenRequestError::Ended(_) | OpenRequestError::Expired => PortalError::WrongStep,
        OpenRequestError::Unexpected(cause) => unexpected(cause),
    }
}

pub fn request_code(e: RequestCodeError) -> PortalError {
    match e {
        RequestCodeError::InvalidNumber(MsisdnError::Empty) => PortalError::NumberEmpty,
        RequestCodeError::InvalidNumber(MsisdnError::InvalidCharacters) => {
            PortalError::NumberCharacters
        }
        RequestCodeError::InvalidNumber(MsisdnError::WrongLength | MsisdnError::TooLong) => {
            PortalError::NumberLength
        }
        RequestCodeError::InvalidNumber(MsisdnError::NotKazakh) => PortalError::NumberForeign,
        RequestCodeError::InvalidNumber(MsisdnError::Landline) => PortalError::NumberLandline,
        RequestCodeError::InvalidNumber(MsisdnError::NotMobile) => PortalError::NumberNotMobile,
        RequestCodeError::AlreadyBound => PortalError::AlreadyBound,
        RequestCodeError::TooSoon { .. } => PortalError::TooSoon,
        RequestCodeError::SmsUnavailable => PortalError::SmsUnavailable,
        RequestCodeError::NumberNotYours => PortalError::NumberNotYours,
        RequestCodeError::OperatorUnavailable => PortalError::OperatorUnavailable,
        RequestCodeError::OpenElsewhere => PortalError::OpenElsewhere,
        // The portal may do both; only an API client's scopes can refuse.
        RequestCodeError::PurposeNotAllowed(p) => unexpected(format!("portal refused {p:?}")),
        RequestCodeError::Request(e) => open_request(e),
        RequestCodeError::Unexpected(cause) => unexpected(cause),
    }
}

/// `Ok` when the request reached an outcome the page shows (a refusal
/// after the last try, the term's end); otherwise what to correct.
pub fn confirm_code(e: ConfirmCodeError) -> Result<(), PortalError> {
    Err(match e {
        ConfirmCodeError::TooManyTries
        | ConfirmCodeError::Request(OpenRequestError::Expired | OpenRequestError::Ended(_)) => {
            return Ok(())
        }
        ConfirmCodeError::Malformed(OtpCodeError::Empty) => PortalError::CodeEmpty,
        ConfirmCodeError::Malformed(OtpCodeError::Malformed) => PortalError::CodeMalformed,
        ConfirmCodeError::Wrong { tries_left } => PortalError::CodeWrong { tries_left },
        ConfirmCodeError::CodeExpired => PortalError::CodeExpired,
        ConfirmCodeError::NotAwaitingCode => PortalError::WrongStep,
        ConfirmCodeError::Request(e) => open_request(e),
        ConfirmCodeError::Unexpected(cause) => unexpected(cause),
    })
}

/// `Ok` for every outcome the request page shows (bound, refused, ended).
pub fn certify(e: CertifyError) -> Result<(), PortalError> {
    Err(match e {
        CertifyError::Refused(_)
        | CertifyError::NotAwaitingCertification
        | CertifyError::Request(OpenRequestError::Expired | OpenRequestError::Ended(_)) => {
            return Ok(())
        }
        CertifyError::Request(e) => open_request(e),
        CertifyError::Unavailable => {
            tracing::warn!("the signature check is unavailable");
            PortalError::SignatureCheckUnavailable
        }
        CertifyError::SignatureNotAccepted(e) => retryable_signature(&e),
        CertifyError::Unexpected(cause) => unexpected(cause),
    })
}

/// Resending on a request that has just ended is not an error: the page shows the outcome.
pub fn resend(e: RequestCodeError) -> Result<(), PortalError> {
    match e {
        RequestCodeError::Request(OpenRequestError::Expired | OpenRequestError::Ended(_)) => Ok(()),
        e => Err(request_code(e)),
    }
}

/// A staff sign-in: a wrong login or password is one answer, on the login field.
pub fn staff_sign_in(e: SignInError) -> PortalError {
    match e {
        SignInError::InvalidIin(_) | SignInError::BadCredentials => PortalError::StaffCredentials,
        other => sign_in(other),
    }
}

fn text(e: TextError, short: PortalError, long: PortalError) -> PortalError {
    match e {
        TextError::TooShort => short,
        TextError::TooLong => long,
    }
}

pub fn file_complaint(e: FileError) -> PortalError {
    match e {
        FileError::RequestNotFound => PortalError::RequestNotFound,
        FileError::NotRefused => PortalError::NotRefused,
        FileError::Text(e) => text(
            e,
            PortalError::ComplaintTextShort,
            PortalError::ComplaintTextLong,
        ),
        FileError::AlreadyUnderReview => PortalError::ComplaintUnderReview,
        FileError::Unexpected(cause) => unexpected(cause),
    }
}

pub fn office(e: OfficeError) -> PortalError {
    match e {
        OfficeError::NoQueue => PortalError::NoQueue,
        OfficeError::NotFound => PortalError::ComplaintNotFound,
        OfficeError::Decision(DecisionError::NotYourRole) => PortalError::NotYourRole,
        OfficeError::Decision(DecisionError::NotWaiting) | OfficeError::Moved => {
            PortalError::NotWaiting
        }
        OfficeError::Decision(DecisionError::SatisfyTooLate) => PortalError::SatisfyTooLate,
        OfficeError::Reason(e) => text(e, PortalError::ReasonsShort, PortalError::ReasonsLong),
        OfficeError::Unexpected(cause) => unexpected(cause),
    }
}

/// A signature the citizen can correct (another key) or retry later.
pub fn retryable_signature(e: &crate::ports::SignatureError) -> PortalError {
    use crate::ports::{KeyPurpose, SignatureError};
    match e {
        SignatureError::WrongKey {
            expected: KeyPurpose::Sign,
        } => PortalError::WrongKeySign,
        SignatureError::WrongKey {
            expected: KeyPurpose::Auth,
        } => PortalError::WrongKeyAuth,
        SignatureError::LegalEntity => PortalError::LegalEntityKey,
        _ => PortalError::SignatureCheckUnavailable,
    }
}

/// An EDS sign-in that did not open a session, as the citizen can act on it.
pub fn eds_sign_in(e: crate::services::eds_sign_in::EdsSignInError) -> PortalError {
    use crate::services::eds_sign_in::EdsSignInError;
    match e {
        EdsSignInError::ChallengeUnusable => PortalError::ChallengeUnusable,
        EdsSignInError::Signature(e) if e.is_retryable() => retryable_signature(&e),
        EdsSignInError::Signature(e) => PortalError::EdsRefused(eds_reason(&e)),
        EdsSignInError::NotConfirmed => PortalError::NotConfirmedByRegister,
        EdsSignInError::Unavailable => PortalError::SignatureCheckUnavailable,
        EdsSignInError::Unexpected(cause) => unexpected(cause),
    }
}

/// The reason a refused signature gives the citizen.
pub fn eds_reason(e: &crate::ports::SignatureError) -> nomir_core::eds_reason::EdsReason {
    use crate::ports::SignatureError as E;
    use nomir_core::eds_reason::EdsReason as R;
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
        | E::RevocationUnavailable(_)
        | E::CheckUnavailable(_) => R::Invalid,
    }
}
