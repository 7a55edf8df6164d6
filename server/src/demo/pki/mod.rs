//! The demo public-key infrastructure: a demo CA, AUTH and SIGN
//! certificates for every demo citizen, and the test certificates (expired,
//! untrusted root, revoked), the CA's CRL and an OCSP responder's
//! certificate, and the organisations' seal certificates
//! ([`organisation`]). `nomir demo-pki --out DIR` makes them; the repo keeps
//! them in `server/demo-pki/` as fixtures, trusted only in demo mode.

mod crl;
mod issue;
mod nca;
pub mod organisation;
mod sign;

pub use issue::{for_generated_person, generate, new_key, KeyKind};
pub use nca::DemoNca;
pub use sign::{sign_detached, KeyPair};

/// The trusted root bundle of demo mode.
pub const DEMO_ROOTS: &str = include_str!("../../../demo-pki/root-ca.pem");

/// The demo CA's CRL (DER), which demo mode checks signers against.
pub const DEMO_CRL: &[u8] = include_bytes!("../../../demo-pki/root-ca.crl");

/// Where the repo keeps the demo PKI (relative to the workspace root).
pub const DEMO_PKI_DIR: &str = "server/demo-pki";

/// The citizens' keys and certificates inside the demo PKI directory.
pub const CITIZENS_SUBDIR: &str = "citizens";

/// Where the demo signer finds the citizens' keys by default.
pub const DEMO_CITIZENS_DIR: &str = "server/demo-pki/citizens";

/// The demo CA's CRL, as the revocation sources take CRLs given as bytes
/// (empty outside demo mode).
pub fn demo_crls(demo: bool) -> Vec<Vec<u8>> {
    if demo {
        vec![DEMO_CRL.to_vec()]
    } else {
        Vec::new()
    }
}

/// The verifier of demo mode: the demo CA, checked against its CRL.
pub fn verifier() -> anyhow::Result<kz_eds::CmsVerifier> {
    let revocation = kz_eds::revocation_sources(kz_eds::RevocationSources {
        crl_bytes: demo_crls(true),
        ..Default::default()
    })?;
    kz_eds::CmsVerifier::from_pem(DEMO_ROOTS, revocation)
}
