//! Electronic digital signatures (Rules §5.2): verification of the CMS that
//! NCALayer (or the demo signer) returns, against a set of trusted roots.
//!
//! Checked here: the CMS structure, one signer, the content or the detached
//! digest against the request's document, the RSA-SHA256 signature over the
//! signed attributes, the chain to a trusted root (signatures, validity
//! dates, CA basic constraints), and that the leaf is an individual's
//! signing certificate naming an IIN. Revocation (CRL/OCSP), timestamps and
//! GOST algorithms are not checked yet.

mod chain;
pub mod names;
mod verify;

pub mod oids;

pub use names::iin_of;
pub use verify::CmsVerifier;
