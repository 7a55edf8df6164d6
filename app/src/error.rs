//! What can go wrong in a portal action, as the citizen can act on it. One
//! type for the server functions, the pages and the server crate: the pages
//! translate it with an exhaustive match ([`PortalError::message`]), so a
//! new variant does not compile until Kazakh, Russian and English have it.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::i18n::Texts;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PortalError {
    /// The session ended or never began: sign in.
    NotSignedIn,
    IinEmpty,
    IinNotDigits,
    IinLength,
    IinCheckDigit,
    /// A business identification number: the service is for individuals.
    IinOfBusiness,
    PasswordEmpty,
    WrongCredentials,
    /// Too many failed sign-ins: wait.
    LockedOut,
    /// Too many sign-ins at once: try again in a minute.
    Busy,
    NumberEmpty,
    NumberCharacters,
    NumberLength,
    NumberForeign,
    NumberLandline,
    NumberNotMobile,
    /// The number is already this account's.
    AlreadyBound,
    /// A limit on codes was reached: wait before asking again.
    TooSoon,
    /// The SMS could not be sent: nothing was changed.
    SmsUnavailable,
    /// The mobile operator does not attribute the number to this citizen,
    /// so no code is sent to it (Rules §5.3; a code never goes to a
    /// stranger's phone).
    NumberNotYours,
    /// The mobile operators' registry cannot be reached: nothing was sent.
    OperatorUnavailable,
    /// The citizen has a request open in another channel, which a bank's
    /// call may not withdraw.
    OpenElsewhere,
    CodeEmpty,
    CodeMalformed,
    /// A wrong code; the request stays open while tries are left.
    CodeWrong {
        tries_left: u32,
    },
    /// The code's 5 minutes passed: ask for a new one.
    CodeExpired,
    /// The request is not at the step this action belongs to (another tab moved it on).
    WrongStep,
    /// No such request of this citizen's.
    RequestNotFound,
    /// No such permission of this citizen's, or it is revoked already.
    PermissionNotFound,
    /// The signature could not be checked just now (the checking service is down).
    SignatureCheckUnavailable,
    /// The authentication key was chosen where the signing key is needed.
    WrongKeySign,
    /// The signing key was chosen where the authentication key is needed.
    WrongKeyAuth,
    /// A legal entity's (employee's) key: the citizen's personal key is needed.
    LegalEntityKey,
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
    /// The form could not be read.
    Malformed,
    TooLarge,
    /// The service could not be reached (the network, or the server is down).
    Unreachable,
    /// Our fault; the server logged the cause.
    Unexpected,
}

pub use nomir_core::eds_reason::EdsReason;

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
            Self::NotSignedIn => t.err_not_signed_in,
            Self::IinEmpty => t.err_iin_empty,
            Self::IinNotDigits => t.err_iin_digits,
            Self::IinLength => t.err_iin_length,
            Self::IinCheckDigit => t.err_iin_check,
            Self::IinOfBusiness => t.err_iin_bin,
            Self::PasswordEmpty => t.err_password_empty,
            Self::WrongCredentials => t.err_credentials,
            Self::LockedOut => t.err_locked,
            Self::Busy => t.err_busy,
            Self::NumberEmpty => t.err_number_empty,
            Self::NumberCharacters => t.err_number_chars,
            Self::NumberLength => t.err_number_length,
            Self::NumberForeign => t.err_number_foreign,
            Self::NumberLandline => t.err_number_landline,
            Self::NumberNotMobile => t.err_number_not_mobile,
            Self::AlreadyBound => t.err_already_bound,
            Self::TooSoon => t.err_too_soon,
            Self::SmsUnavailable => t.err_sms_unavailable,
            Self::NumberNotYours => t.err_number_not_yours,
            Self::OperatorUnavailable => t.err_operator_unavailable,
            Self::OpenElsewhere => t.err_open_elsewhere,
            Self::CodeEmpty => t.err_code_empty,
            Self::CodeMalformed => t.err_code_malformed,
            Self::CodeWrong { tries_left } => {
                return format!("{} {}: {tries_left}.", t.err_code_wrong, t.tries_left)
            }
            Self::CodeExpired => t.err_code_expired,
            Self::WrongStep => t.err_step,
            Self::RequestNotFound => t.request_not_found,
            Self::PermissionNotFound => t.err_permission_not_found,
            Self::SignatureCheckUnavailable => t.err_signature_check_unavailable,
            Self::WrongKeySign => t.err_wrong_key_sign,
            Self::WrongKeyAuth => t.err_wrong_key_auth,
            Self::LegalEntityKey => t.err_legal_entity_key,
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
            Self::ComplaintUnderReview => t.complaints.err_under_review,
            Self::ComplaintNotFound => t.complaints.err_not_found,
            Self::NotYourRole => t.complaints.err_not_your_role,
            Self::NotWaiting => t.complaints.err_not_waiting,
            Self::SatisfyTooLate => t.complaints.err_satisfy_late,
            Self::StaffCredentials => t.complaints.err_staff_credentials,
            Self::StaffNotSignedIn => t.complaints.err_staff_signed_out,
            Self::NoQueue => t.complaints.err_no_queue,
            Self::Malformed => t.err_malformed,
            Self::TooLarge => t.err_too_large,
            Self::Unreachable => t.err_unreachable,
            Self::Unexpected => t.err_unexpected,
        };
        text.to_owned()
    }

    /// The field to correct, if the error is about one.
    /// A stable name for the API's problem `type` (snake case of the variant).
    pub fn code(self) -> &'static str {
        match self {
            Self::NotSignedIn => "not_signed_in",
            Self::IinEmpty => "iin_empty",
            Self::IinNotDigits => "iin_not_digits",
            Self::IinLength => "iin_length",
            Self::IinCheckDigit => "iin_check_digit",
            Self::IinOfBusiness => "iin_of_business",
            Self::PasswordEmpty => "password_empty",
            Self::WrongCredentials => "wrong_credentials",
            Self::LockedOut => "locked_out",
            Self::Busy => "busy",
            Self::NumberEmpty => "number_empty",
            Self::NumberCharacters => "number_characters",
            Self::NumberLength => "number_length",
            Self::NumberForeign => "number_foreign",
            Self::NumberLandline => "number_landline",
            Self::NumberNotMobile => "number_not_mobile",
            Self::AlreadyBound => "already_bound",
            Self::TooSoon => "too_soon",
            Self::SmsUnavailable => "sms_unavailable",
            Self::NumberNotYours => "number_not_yours",
            Self::OperatorUnavailable => "operator_unavailable",
            Self::OpenElsewhere => "open_elsewhere",
            Self::CodeEmpty => "code_empty",
            Self::CodeMalformed => "code_malformed",
            Self::CodeWrong { .. } => "code_wrong",
            Self::CodeExpired => "code_expired",
            Self::WrongStep => "wrong_step",
            Self::RequestNotFound => "request_not_found",
            Self::PermissionNotFound => "permission_not_found",
            Self::SignatureCheckUnavailable => "signature_check_unavailable",
            Self::WrongKeySign => "wrong_key_sign",
            Self::WrongKeyAuth => "wrong_key_auth",
            Self::LegalEntityKey => "legal_entity_key",
            Self::ChallengeUnusable => "challenge_unusable",
            Self::EdsRefused(_) => "eds_refused",
            Self::NotConfirmedByRegister => "not_confirmed_by_register",
            Self::ComplaintTextShort => "complaint_text_short",
            Self::ComplaintTextLong => "complaint_text_long",
            Self::ReasonsShort => "reasons_short",
            Self::ReasonsLong => "reasons_long",
            Self::AboutMissing => "about_missing",
            Self::AddresseeMissing => "addressee_missing",
            Self::DecisionMissing => "decision_missing",
            Self::NotRefused => "not_refused",
            Self::ComplaintUnderReview => "complaint_under_review",
            Self::ComplaintNotFound => "complaint_not_found",
            Self::NotYourRole => "not_your_role",
            Self::NotWaiting => "not_waiting",
            Self::SatisfyTooLate => "satisfy_too_late",
            Self::StaffCredentials => "staff_credentials",
            Self::StaffNotSignedIn => "staff_not_signed_in",
            Self::NoQueue => "no_queue",
            Self::Malformed => "malformed",
            Self::TooLarge => "too_large",
            Self::Unreachable => "unreachable",
            Self::Unexpected => "unexpected",
        }
    }

    pub fn field(self) -> Option<Field> {
        match self {
            Self::IinEmpty
            | Self::IinNotDigits
            | Self::IinLength
            | Self::IinCheckDigit
            | Self::IinOfBusiness
            | Self::WrongCredentials => Some(Field::Iin),
            Self::PasswordEmpty => Some(Field::Password),
            Self::NumberEmpty
            | Self::NumberCharacters
            | Self::NumberLength
            | Self::NumberForeign
            | Self::NumberLandline
            | Self::NumberNotMobile
            | Self::NumberNotYours
            | Self::AlreadyBound => Some(Field::Number),
            Self::CodeEmpty | Self::CodeMalformed | Self::CodeWrong { .. } | Self::CodeExpired => {
                Some(Field::Code)
            }
            Self::StaffCredentials => Some(Field::Login),
            Self::ComplaintTextShort | Self::ComplaintTextLong => Some(Field::ComplaintText),
            Self::ReasonsShort | Self::ReasonsLong => Some(Field::Reasons),
            Self::AboutMissing => Some(Field::About),
            Self::AddresseeMissing => Some(Field::Addressee),
            Self::DecisionMissing => Some(Field::Decision),
            _ => None,
        }
    }

    /// The HTTP status a server function answers with for this error.
    pub fn status(self) -> u16 {
        match self {
            Self::NotSignedIn | Self::StaffNotSignedIn => 401,
            Self::NotYourRole | Self::NoQueue => 403,
            Self::RequestNotFound | Self::PermissionNotFound | Self::ComplaintNotFound => 404,
            Self::AlreadyBound
            | Self::OpenElsewhere
            | Self::WrongStep
            | Self::ComplaintUnderReview
            | Self::NotWaiting
            | Self::SatisfyTooLate => 409,
            Self::TooLarge => 413,
            Self::LockedOut | Self::TooSoon => 429,
            Self::Busy
            | Self::SmsUnavailable
            | Self::OperatorUnavailable
            | Self::SignatureCheckUnavailable
            | Self::Unreachable => 503,
            Self::WrongKeySign
            | Self::WrongKeyAuth
            | Self::LegalEntityKey
            | Self::EdsRefused(_)
            | Self::NumberNotYours => 422,
            Self::NotConfirmedByRegister => 403,
            Self::ChallengeUnusable => 409,
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
            PortalError::IinCheckDigit,
            PortalError::CodeWrong { tries_left: 2 },
            PortalError::Unreachable,
        ];
        for e in all {
            let [kk, ru, en] = Lang::ALL.map(|l| e.message(l.texts()));
            assert!(!kk.is_empty() && kk != ru && ru != en, "{e:?}");
        }
        assert!(PortalError::CodeWrong { tries_left: 2 }
            .message(Lang::En.texts())
            .ends_with(": 2."));
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
        let e = PortalError::CodeWrong { tries_left: 1 };
        assert_eq!(PortalError::de(e.ser()), e);
        assert_eq!(e.status(), 400);
        assert_eq!(PortalError::NotSignedIn.status(), 401);
    }
}
