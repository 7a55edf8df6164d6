//! Demo mode's seal: the demo provider's legal-entity certificate in
//! `server/demo-pki/` (issued by the demo CA, so trusted in demo mode
//! only), which signs result documents in demo mode.

use crate::documents::seal::{KeyError, Sealer};

pub const PRIVATE_KEY: &str = include_str!("../../demo-pki/provider-seal.key.pem");
pub const CERTIFICATE: &str = include_str!("../../demo-pki/provider-seal.pem");

/// The demo sealer.
pub fn sealer() -> Result<Sealer, KeyError> {
    Sealer::from_pem(PRIVATE_KEY, CERTIFICATE, "the demo provider's seal")
}
