//! The services' errors as an official can act on them in the back office.
//! Causes that are ours are logged here and reach the page as `Unexpected`.

use app::error::PortalError;

use crate::domain::complaint::{DecisionError, TextError};
use crate::services::office::OfficeError;
use crate::services::sign_in::SignInError;

pub fn unexpected(e: impl std::fmt::Display) -> PortalError {
    tracing::error!(error = %e, "back-office request failed");
    PortalError::Unexpected
}

/// A staff sign-in: a wrong login or password is one answer, on the login field.
pub fn staff_sign_in(e: SignInError) -> PortalError {
    match e {
        SignInError::InvalidIin(_) | SignInError::BadCredentials => PortalError::StaffCredentials,
        SignInError::EmptyPassword => PortalError::PasswordEmpty,
        SignInError::Locked { .. } => PortalError::LockedOut,
        SignInError::Busy => PortalError::Busy,
        // Staff sign in with a password alone (no bound number).
        SignInError::SecondFactor(e) => unexpected(e),
        SignInError::Unexpected(cause) => unexpected(cause),
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
        OfficeError::Reason(TextError::TooShort) => PortalError::ReasonsShort,
        OfficeError::Reason(TextError::TooLong) => PortalError::ReasonsLong,
        OfficeError::Unexpected(cause) => unexpected(cause),
    }
}
