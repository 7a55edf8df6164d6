//! Kazakh electronic digital signatures, verified in pure Rust: the CMS
//! that NCALayer (or `openssl cms`) returns, checked against trusted roots
//! as the NCA of the Republic of Kazakhstan issues them (Nomir's Rules
//! §5.1, §5.2). Usable on its own: give [`CmsVerifier`] the roots (PEM)
//! and a [`RevocationCheck`] (CRLs and OCSP: [`revocation_sources`]), and
//! ask it whether a CMS is an individual's signature over a document.
//!
//! - `vocabulary`: the key purpose, the signer, the refusal reasons, the trait;
//! - `input`: DER, PEM or base64 within size and nesting limits;
//! - `algorithms` (+ `gost`): RSA-SHA256, ECDSA P-256, GOST R 34.10-2015
//!   with Streebog; the legacy GOST 2004 refused as unsupported;
//! - `chain`: the path to a trusted root by key identifiers and signatures,
//!   validity at signing time and now, CA constraints, critical extensions;
//! - `usage`: the signing or the authentication key of an individual, or
//!   the signing key of an organisation (a seal);
//! - `revocation`: CRLs and OCSP, behind `revocation_port`;
//! - `verify`: the CMS itself, attached or detached, and the order of checks;
//! - `bounded`: the verifier off the async workers, a bounded pool, a time limit.

mod algorithms;
pub mod bounded;
mod chain;
pub mod csr;
pub mod gost;
pub mod input;
pub mod names;
pub mod oids;
pub mod revocation;
pub mod revocation_port;
mod revocation_sources;
mod usage;
mod verify;
mod vocabulary;

pub use bounded::BoundedVerifier;
pub use names::iin_of;
pub use revocation_port::{NoRevocationSource, RevocationCheck};
pub use revocation_sources::{revocation_sources, AnyAlgorithm, RevocationSources};
pub use verify::{CmsVerifier, Verified};
pub use vocabulary::{KeyPurpose, Sealed, SignatureError, SignatureVerifier, Signer};

/// Whether `issuer`'s key made `signature` over `tbs` with `algorithm`
/// (any algorithm the verifier accepts): for CRLs, OCSP answers, benchmarks.
pub fn check_signature(
    issuer: &x509_cert::Certificate,
    algorithm: &spki::AlgorithmIdentifierOwned,
    tbs: &[u8],
    signature: &[u8],
) -> bool {
    algorithms::PublicKey::from_spki(&issuer.tbs_certificate.subject_public_key_info)
        .is_ok_and(|key| key.verify(algorithm, tbs, signature).is_ok())
}
