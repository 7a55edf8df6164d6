//! Grounds on which a request ends without a binding. Each has a reason and
//! a legal basis in the translations (`Texts::ground_reason`, `ground_basis`),
//! so every refusal is reasoned (appendix row 5) in Kazakh, Russian and
//! English (appendix rows 5 and 9, Rules §9).

use serde::{Deserialize, Serialize};

/// Why a request was refused. Stored by its [`code`](RefusalGround::code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RefusalGround {
    /// Ground 1: the identity register holds no record of this IIN.
    IdentityNotFound,
    /// Ground 1: the register holds no valid identity document.
    IdentityDocumentInvalid,
    /// Ground 1: the register records the person as deceased.
    PersonDeceased,
    /// Ground 2: no consent to access restricted personal data.
    ConsentMissing,
    /// The mobile operator does not confirm the number as this citizen's.
    OperatorDoesNotConfirm,
    /// Rules §9: the one-time password was not confirmed.
    CodeNotConfirmed,
    /// Rules §9: biometric authentication failed (app and bank channels).
    BiometricsFailed,
    /// Rules §5.2: the request was not certified with a valid EDS.
    SignatureInvalid,
    /// Appendix row 3: the request was not completed within its term.
    TermExpired,
}

impl RefusalGround {
    pub const ALL: [RefusalGround; 9] = [
        Self::IdentityNotFound,
        Self::IdentityDocumentInvalid,
        Self::PersonDeceased,
        Self::ConsentMissing,
        Self::OperatorDoesNotConfirm,
        Self::CodeNotConfirmed,
        Self::BiometricsFailed,
        Self::SignatureInvalid,
        Self::TermExpired,
    ];

    /// Stable identifier for storage and the API.
    pub fn code(self) -> &'static str {
        match self {
            Self::IdentityNotFound => "identity_not_found",
            Self::IdentityDocumentInvalid => "identity_document_invalid",
            Self::PersonDeceased => "person_deceased",
            Self::ConsentMissing => "consent_missing",
            Self::OperatorDoesNotConfirm => "operator_does_not_confirm",
            Self::CodeNotConfirmed => "code_not_confirmed",
            Self::BiometricsFailed => "biometrics_failed",
            Self::SignatureInvalid => "signature_invalid",
            Self::TermExpired => "term_expired",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.code() == code)
    }
}
