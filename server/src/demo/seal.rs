//! Demo mode's seal: a fictional Ed25519 key pair in `server/demo-seal/`
//! that seals result documents in demo mode (and is trusted there only).

use ed25519_dalek::VerifyingKey;

use crate::documents::keys::public_keys;
use crate::documents::seal::{KeyError, Sealer};

pub const PRIVATE_KEY: &str = include_str!("../../demo-seal/seal.key.pem");
pub const PUBLIC_KEY: &str = include_str!("../../demo-seal/seal.pub.pem");
/// Where the repo keeps the pair (relative to the workspace root).
pub const DIR: &str = "server/demo-seal";

/// The demo sealer.
pub fn sealer() -> Result<Sealer, KeyError> {
    Sealer::from_pem(PRIVATE_KEY, "the demo seal key")
}

/// The demo key's public half.
pub fn public_key() -> Result<VerifyingKey, KeyError> {
    Ok(public_keys(PUBLIC_KEY, "the demo seal key")?[0])
}
