//! What a citizen can correct or wait out in the binding procedure, in
//! any channel: the portal shows it on the page (wrapped in the UI's
//! `PortalError`), the JSON API answers it as a problem of its own. Each
//! channel names the field itself; this type knows no form.

use serde::{Deserialize, Serialize};

use crate::domain::{IinError, MsisdnError, OtpCodeError};
use crate::i18n::Texts;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepError {
    IinEmpty,
    IinNotDigits,
    IinLength,
    IinCheckDigit,
    /// A business identification number: the service is for individuals.
    IinOfBusiness,
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
    /// The number's SIM card changed within the last `hours` hours: no
    /// code goes to it until they pass (`domain::sim_swap`).
    SimSwapped {
        hours: u16,
    },
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
    /// The signature could not be checked just now (the checking service is down).
    SignatureCheckUnavailable,
    /// The authentication key was chosen where the signing key is needed.
    WrongKeySign,
    /// The signing key was chosen where the authentication key is needed.
    WrongKeyAuth,
    /// A legal entity's (employee's) key: the citizen's personal key is needed.
    LegalEntityKey,
}

/// The kind of value a step error is about; each channel names its own field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepField {
    Iin,
    Number,
    Code,
}

impl StepError {
    /// What the citizen reads, in the language of `t`.
    pub fn message(self, t: &Texts) -> String {
        let text = match self {
            Self::IinEmpty => t.err_iin_empty,
            Self::IinNotDigits => t.err_iin_digits,
            Self::IinLength => t.err_iin_length,
            Self::IinCheckDigit => t.err_iin_check,
            Self::IinOfBusiness => t.err_iin_bin,
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
            Self::SimSwapped { hours } => {
                return t.err_sim_swapped.replace("{hours}", &hours.to_string())
            }
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
            Self::SignatureCheckUnavailable => t.err_signature_check_unavailable,
            Self::WrongKeySign => t.err_wrong_key_sign,
            Self::WrongKeyAuth => t.err_wrong_key_auth,
            Self::LegalEntityKey => t.err_legal_entity_key,
        };
        text.to_owned()
    }

    /// A stable name (snake case of the variant): the API's problem `type`.
    pub fn code(self) -> &'static str {
        match self {
            Self::IinEmpty => "iin_empty",
            Self::IinNotDigits => "iin_not_digits",
            Self::IinLength => "iin_length",
            Self::IinCheckDigit => "iin_check_digit",
            Self::IinOfBusiness => "iin_of_business",
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
            Self::SimSwapped { .. } => "sim_swapped",
            Self::OperatorUnavailable => "operator_unavailable",
            Self::OpenElsewhere => "open_elsewhere",
            Self::CodeEmpty => "code_empty",
            Self::CodeMalformed => "code_malformed",
            Self::CodeWrong { .. } => "code_wrong",
            Self::CodeExpired => "code_expired",
            Self::WrongStep => "wrong_step",
            Self::RequestNotFound => "request_not_found",
            Self::SignatureCheckUnavailable => "signature_check_unavailable",
            Self::WrongKeySign => "wrong_key_sign",
            Self::WrongKeyAuth => "wrong_key_auth",
            Self::LegalEntityKey => "legal_entity_key",
        }
    }

    /// The value to correct, if the error is about one.
    pub fn field(self) -> Option<StepField> {
        match self {
            Self::IinEmpty
            | Self::IinNotDigits
            | Self::IinLength
            | Self::IinCheckDigit
            | Self::IinOfBusiness => Some(StepField::Iin),
            Self::NumberEmpty
            | Self::NumberCharacters
            | Self::NumberLength
            | Self::NumberForeign
            | Self::NumberLandline
            | Self::NumberNotMobile
            | Self::NumberNotYours
            | Self::SimSwapped { .. }
            | Self::AlreadyBound => Some(StepField::Number),
            Self::CodeEmpty | Self::CodeMalformed | Self::CodeWrong { .. } | Self::CodeExpired => {
                Some(StepField::Code)
            }
            _ => None,
        }
    }

    /// The HTTP status the error is answered with, on every channel.
    pub fn status(self) -> u16 {
        match self {
            Self::RequestNotFound => 404,
            Self::AlreadyBound | Self::OpenElsewhere | Self::WrongStep => 409,
            Self::TooSoon => 429,
            Self::SmsUnavailable | Self::OperatorUnavailable | Self::SignatureCheckUnavailable => {
                503
            }
            Self::WrongKeySign
            | Self::WrongKeyAuth
            | Self::LegalEntityKey
            | Self::NumberNotYours
            | Self::SimSwapped { .. } => 422,
            _ => 400,
        }
    }
}

impl From<IinError> for StepError {
    fn from(e: IinError) -> Self {
        match e {
            IinError::Empty => Self::IinEmpty,
            IinError::NotDigits => Self::IinNotDigits,
            IinError::WrongLength => Self::IinLength,
            IinError::CheckDigit => Self::IinCheckDigit,
            IinError::LegalEntity => Self::IinOfBusiness,
        }
    }
}

impl From<MsisdnError> for StepError {
    fn from(e: MsisdnError) -> Self {
        match e {
            MsisdnError::Empty => Self::NumberEmpty,
            MsisdnError::InvalidCharacters => Self::NumberCharacters,
            MsisdnError::WrongLength | MsisdnError::TooLong => Self::NumberLength,
            MsisdnError::NotKazakh => Self::NumberForeign,
            MsisdnError::Landline => Self::NumberLandline,
            MsisdnError::NotMobile => Self::NumberNotMobile,
        }
    }
}

impl From<OtpCodeError> for StepError {
    fn from(e: OtpCodeError) -> Self {
        match e {
            OtpCodeError::Empty => Self::CodeEmpty,
            OtpCodeError::Malformed => Self::CodeMalformed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_wrong_code_says_how_many_tries_are_left_in_every_language() {
        for l in Lang::ALL {
            let m = StepError::CodeWrong { tries_left: 2 }.message(l.texts());
            assert!(m.ends_with(": 2."), "{m}");
        }
    }

    #[test]
    fn a_recent_sim_change_names_its_window_in_every_language() {
        for l in Lang::ALL {
            let m = StepError::SimSwapped { hours: 48 }.message(l.texts());
            assert!(m.contains("48") && !m.contains('{'), "{m}");
        }
    }

    #[test]
    fn value_errors_name_the_value_they_are_about() {
        assert_eq!(
            StepError::from(IinError::CheckDigit).field(),
            Some(StepField::Iin)
        );
        assert_eq!(
            StepError::from(MsisdnError::Landline).field(),
            Some(StepField::Number)
        );
        assert_eq!(
            StepError::from(OtpCodeError::Malformed).field(),
            Some(StepField::Code)
        );
        assert_eq!(StepError::WrongStep.field(), None);
        assert_eq!(StepError::TooSoon.status(), 429);
    }
}
