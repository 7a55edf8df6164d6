//! What can go wrong in a portal or back-office action, as the person can
//! act on it: the UI's error, for its server functions and pages. The
//! procedure's own errors are the core's [`StepError`], which the JSON API
//! answers with problems of its own. The pages translate it with an
//! exhaustive match ([`PortalError::message`]), so a new variant does not
//! compile until Kazakh, Russian and English have it.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::i18n::Texts;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PortalError {
    /// A step of the procedure the citizen can correct or wait out; the
    /// API answers the same errors with its own problems.
    Step(StepError),
    /// The session ended or never began: sign in.
    NotSignedIn,
    PasswordEmpty,
    WrongCredentials,
    /// Too many failed sign-ins: wait.
    LockedOut,
    /// Too many sign-ins at once: try again in a minute.
    Busy,
    /// No such permission of this citizen's, or it is revoked already.
    PermissionNotFound,
    /// The EDS sign-in challenge is used, expired or unknown: sign again.
    ChallengeUnusable,
    /// The EDS sign-in signature is refused, for this reason.
    EdsRefused(EdsReason),
    /// A first EDS sign-in: the identity register does not confirm the person.
    NotConfirmedByRegister,
    /// A complaint's text is under 10 characters.
    ComplaintTextShort,
    ComplaintTextLong,
    /// An official's reasons are under 10 characters.
    ReasonsShort,
    ReasonsLong,
    /// What the complaint is about was not chosen.
    AboutMissing,
    /// To whom the complaint goes was not chosen.
    AddresseeMissing,
    /// No decision was chosen.
    DecisionMissing,
    /// A refusal is complained about, but the request was not refused.
    NotRefused,
    /// The complaint names an official not in the request's history.
    OfficialUnknown,
    /// A complaint about this request is under review already.
    ComplaintUnderReview,
    /// No such complaint in the caller's view.
    ComplaintNotFound,
    /// The official's role does not take this decision.
    NotYourRole,
    /// The complaint is no longer waiting for this decision.
    NotWaiting,
    /// The provider's 3 working days to satisfy in full have passed.
    SatisfyTooLate,
    /// Wrong staff login or password.
    StaffCredentials,
    /// No staff session: sign in to the back office.
    StaffNotSignedIn,
    /// The staff member's role has no queue of complaints.
    NoQueue,
    /// The second factor is on but no number is bound: sign in with EDS.
    NoNumberToSignIn,
    /// Turning the second factor on needs a bound number.
    NeedsBoundNumber,
    /// The sign-in waiting for its code is over: sign in again.
    SignInCodeGone,
    /// No optional notification purpose by that code.
    PurposeUnknown,
    /// The form could not be read.
    Malformed,
    TooLarge,
    /// The service could not be reached (the network, or the server is down).
    Unreachable,
    /// Our fault; the server logged the cause.
    Unexpected,
}

pub use nomir_core::eds_reason::EdsReason;
pub use nomir_core::step_error::StepError;
use nomir_core::step_error::StepField;

impl From<StepError> for PortalError {
    fn from(e: StepError) -> Self {
        Self::Step(e)
    }
}

/// The form field an error belongs to, for `aria-invalid` and the error summary's link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Iin,
    Password,
    Number,
    Code,
    Login,
    ComplaintText,
    Reasons,
    About,
    Addressee,
    Decision,
}

impl Field {
    pub fn id(self) -> &'static str {
        match self {
            Field::Iin => "iin",
            Field::Password => "password",
            Field::Number => "number",
            Field::Code => "code",
            Field::Login => "login",
            Field::ComplaintText => "complaint-text",
            Field::Reasons => "reasons",
            Field::About => "about",
            Field::Addressee => "to",
            Field::Decision => "decision",
        }
    }
}

impl PortalError {
    /// What the citizen reads, in the language of `t`.
    pub fn message(self, t: &Texts) -> String {
        let text = match self {
            Self::Step(e) => return e.message(t),
            Self::NotSignedIn => t.err_not_signed_in,
            Self::PasswordEmpty => t.err_password_empty,
            Self::WrongCredentials => t.err_credentials,
            Self::LockedOut => t.err_locked,
            Self::Busy => t.err_busy,
            Self::PermissionNotFound => t.err_permission_not_found,
            Self::ChallengeUnusable => t.eds.err_challenge,
            Self::EdsRefused(reason) => (t.eds.reason)(reason),
            Self::NotConfirmedByRegister => t.eds.err_not_confirmed,
            Self::ComplaintTextShort => t.complaints.err_text_short,
            Self::ComplaintTextLong => t.complaints.err_text_long,
            Self::ReasonsShort => t.complaints.err_reasons_short,
            Self::ReasonsLong => t.complaints.err_reasons_long,
            Self::AboutMissing => t.complaints.err_about_missing,
            Self::AddresseeMissing => t.complaints.err_to_missing,
            Self::DecisionMissing => t.complaints.err_decision_missing,
            Self::NotRefused => t.complaints.err_not_refused,
            Self::OfficialUnknown => t.complaints.err_official_unknown,
            Self::ComplaintUnderReview => t.complaints.err_under_review,
            Self::ComplaintNotFound => t.complaints.err_not_found,
            Self::NotYourRole => t.complaints.err_not_your_role,
            Self::NotWaiting => t.complaints.err_not_waiting,
            Self::SatisfyTooLate => t.complaints.err_satisfy_late,
            Self::StaffCredentials => t.complaints.err_staff_credentials,
            Self::StaffNotSignedIn => t.complaints.err_staff_signed_out,
            Self::NoQueue => t.complaints.err_no_queue,
            Self::NoNumberToSignIn => t.err_no_number_to_sign_in,
            Self::NeedsBoundNumber => t.err_needs_number,
            Self::SignInCodeGone => t.err_sign_in_code_gone,
            Self::PurposeUnknown => t.err_purpose_unknown,
            Self::Malformed => t.err_malformed,
            Self::TooLarge => t.err_too_large,
            Self::Unreachable => t.err_unreachable,
            Self::Unexpected => t.err_unexpected,
        };
        text.to_owned()
    }

    /// The field to correct, if the error is about one.
    pub fn field(self) -> Option<Field> {
        match self {
            Self::Step(e) => e.field().map(|f| match f {
                StepField::Iin => Field::Iin,
                StepField::Number => Field::Number,
                StepField::Code => Field::Code,
            }),
            Self::WrongCredentials => Some(Field::Iin),
            Self::PasswordEmpty => Some(Field::Password),
            Self::StaffCredentials => Some(Field::Login),
            Self::ComplaintTextShort | Self::ComplaintTextLong => Some(Field::ComplaintText),
            Self::ReasonsShort | Self::ReasonsLong => Some(Field::Reasons),
            Self::AboutMissing => Some(Field::About),
            Self::AddresseeMissing | Self::OfficialUnknown => Some(Field::Addressee),
            Self::DecisionMissing => Some(Field::Decision),
            _ => None,
        }
    }

    /// The HTTP status a server function answers with for this error.
    pub fn status(self) -> u16 {
        match self {
            Self::Step(e) => e.status(),
            Self::NotSignedIn | Self::StaffNotSignedIn => 401,
            Self::NotYourRole
            | Self::NoQueue
            | Self::NotConfirmedByRegister
            | Self::NoNumberToSignIn => 403,
            Self::PermissionNotFound | Self::ComplaintNotFound => 404,
            Self::ComplaintUnderReview
            | Self::NotWaiting
            | Self::SatisfyTooLate
            | Self::ChallengeUnusable
            | Self::NeedsBoundNumber
            | Self::SignInCodeGone => 409,
            Self::TooLarge => 413,
            Self::LockedOut => 429,
            Self::Busy | Self::Unreachable => 503,
            Self::EdsRefused(_) => 422,
            Self::Unexpected => 500,
            _ => 400,
        }
    }
}

impl std::fmt::Display for PortalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for PortalError {}

impl FromServerFnError for PortalError {
    type Encoder = JsonEncoding;

    /// The server-function layer's own failures, as the citizen can act on them.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(m)
            | ServerFnErrorErr::Deserialization(m)
            | ServerFnErrorErr::MissingArg(m)
                if m.contains("length limit exceeded") =>
            {
                Self::TooLarge
            }
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Serialization(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => Self::Malformed,
            ServerFnErrorErr::Registration(_) => Self::Malformed,
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => Self::Unreachable,
            ServerFnErrorErr::ServerError(_) | ServerFnErrorErr::MiddlewareError(_) => {
                Self::Unexpected
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn every_error_reads_differently_in_each_language() {
        let all = [
            PortalError::NotSignedIn,
            PortalError::Step(StepError::IinCheckDigit),
            PortalError::Step(StepError::CodeWrong { tries_left: 2 }),
            PortalError::Unreachable,
        ];
        for e in all {
            let [kk, ru, en] = Lang::ALL.map(|l| e.message(l.texts()));
            assert!(!kk.is_empty() && kk != ru && ru != en, "{e:?}");
        }
        assert!(PortalError::Step(StepError::CodeWrong { tries_left: 2 })
            .message(Lang::En.texts())
            .ends_with(": 2."));
        assert_eq!(
            PortalError::Step(StepError::NumberLandline).field(),
            Some(Field::Number)
        );
    }

    #[test]
    fn the_server_function_layers_failures_map_to_what_the_citizen_can_do() {
        let e = |x| PortalError::from_server_fn_error(x);
        assert_eq!(
            e(ServerFnErrorErr::Args("missing field `iin`".into())),
            PortalError::Malformed
        );
        assert_eq!(
            e(ServerFnErrorErr::Deserialization(
                "length limit exceeded".into()
            )),
            PortalError::TooLarge
        );
        assert_eq!(
            e(ServerFnErrorErr::Request("offline".into())),
            PortalError::Unreachable
        );
        assert_eq!(
            e(ServerFnErrorErr::ServerError("x".into())),
            PortalError::Unexpected
        );
    }

    #[test]
    fn errors_travel_as_json_and_come_back_the_same() {
        let e = PortalError::Step(StepError::CodeWrong { tries_left: 1 });
        assert_eq!(PortalError::de(e.ser()), e);
        assert_eq!(e.status(), 400);
        assert_eq!(PortalError::NotSignedIn.status(), 401);
    }
}
