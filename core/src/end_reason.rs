//! Why a request ended without a binding. Appendix row 5: the result is the
//! bound number or a reasoned refusal, and row 9 lists the only two grounds
//! for a refusal. Every other ending is not a refusal: the service was "not
//! performed" because a step the Rules require did not happen, and the
//! reason says which. Each reason has a text and the rule it rests on in the
//! translations (`Texts::ground_reason`, `ground_basis`), in Kazakh, Russian
//! and English.

use serde::{Deserialize, Serialize};

/// Why a request ended without a binding. Stored by its [`code`](EndReason::code);
/// [`is_refusal`](EndReason::is_refusal) says which of the two outcomes it is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum EndReason {
    /// Refusal, row 9 ground 1: the identity register holds no record of this IIN.
    IdentityNotFound,
    /// Refusal, row 9 ground 1: the register holds no valid identity document.
    IdentityDocumentInvalid,
    /// Refusal, row 9 ground 1: the register records the person as deceased.
    PersonDeceased,
    /// Refusal, row 9 ground 2: no consent to access restricted personal data.
    ConsentMissing,
    /// Not performed: the mobile operator does not attribute the number to
    /// this citizen (the number must be "provided by the mobile operator").
    OperatorDoesNotConfirm,
    /// Not performed: another account's binding of the number began after
    /// this request did, so this request cannot take the number.
    NumberTakenMeanwhile,
    /// Not performed, Rules §9: the one-time password was not confirmed.
    CodeNotConfirmed,
    /// Not performed, Rules §9: biometric authentication failed.
    BiometricsFailed,
    /// Not performed, Rules §5.2: the request was not certified with a valid EDS.
    SignatureInvalid,
    /// Not performed, appendix row 3: the request was not completed within its term.
    TermExpired,
}
crate::coded!(EndReason);

impl EndReason {
    /// Whether this ending is a refusal of the service on one of row 9's two
    /// grounds; every other ending is "not performed".
    pub fn is_refusal(self) -> bool {
        matches!(
            self,
            Self::IdentityNotFound
                | Self::IdentityDocumentInvalid
                | Self::PersonDeceased
                | Self::ConsentMissing
        )
    }

    /// The outcome's stable code: `refused` or `not_performed`.
    pub fn outcome_code(self) -> &'static str {
        if self.is_refusal() {
            "refused"
        } else {
            "not_performed"
        }
    }
}
