//! Why a signature was refused, in the words a citizen can act on: the
//! reasons the pages and the API show (their texts are in `i18n::eds`).

use serde::{Deserialize, Serialize};

/// Why a signature was refused, as the citizen can act on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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

impl EdsReason {
    pub fn code(self) -> &'static str {
        match self {
            Self::Invalid => "invalid",
            Self::Untrusted => "untrusted",
            Self::Expired => "expired",
            Self::NotYetValid => "not_yet_valid",
            Self::Revoked => "revoked",
            Self::Unsupported => "unsupported",
            Self::NoIin => "no_iin",
        }
    }
}
