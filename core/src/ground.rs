//! Grounds on which a request ends without a binding. Each has a reason and
//! a legal basis in the translations (`Texts::ground_reason`, `ground_basis`),
//! so every refusal is reasoned (appendix row 5) in Kazakh, Russian and
//! English (appendix rows 5 and 9, Rules §9).

use serde::{Deserialize, Serialize};

/// Why a request was refused. Stored by its [`code`](RefusalGround::code).
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
crate::coded!(RefusalGround);
