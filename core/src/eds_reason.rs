//! Why a signature was refused, in the words a citizen can act on: the
//! reasons the pages and the API show (their texts are in `i18n::eds`).

use serde::{Deserialize, Serialize};

/// Why a signature was refused, as the citizen can act on it.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum EdsReason {
    /// Damaged, over other content, or malformed.
    Invalid,
    /// Not issued under a trusted root, or the chain is not sound.
    Untrusted,
    Expired,
    NotYetValid,
    Revoked,
    /// An algorithm no longer accepted (GOST 34.310-2004).
    Unsupported,
    NoIin,
}
crate::coded!(EdsReason);
