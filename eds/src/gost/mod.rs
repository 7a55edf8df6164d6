//! Verification of GOST R 34.10-2012 (= GOST R 34.10-2015, = GOST 34.10-2015 used in
//! Kazakhstan) signatures with Streebog (GOST R 34.11-2012) hashing.
//!
//! Used to check citizens' signatures made by NCALayer/Kalkan and by OpenSSL's
//! gost-engine (CMS SignedData, X.509 certificates). Only *verification* is implemented,
//! and it only touches public data (public key, message, signature), so nothing here
//! needs to be constant-time.
//!
//! # Why the curve arithmetic is hand-written
//! No maintained Rust crate verifies GOST R 34.10-2012 signatures on these curves:
//! RustCrypto has only the `streebog` hash released (used here), no GOST signature
//! crate. The little elliptic-curve arithmetic that verification needs (Weierstrass
//! curves in Jacobian coordinates, interleaved wNAF double-scalar multiplication) is
//! therefore written below, on `crypto-bigint`'s fixed-size limbs (`field`): plain,
//! variable-time, easy to audit. tc26 256-A and 512-C are checked on their twisted
//! Edwards form (`edwards`), which needs fewer products a step, and the one inversion
//! modulo q is a binary extended Euclid on the same limbs (`inverse`).
//!
//! # Curve parameters
//! Keys and signatures name points in short Weierstrass form `y² = x³ + a·x + b (mod p)`, with the
//! parameters of RFC 4357 §11.4 (CryptoPro A/B/C, 1.2.643.2.2.35.x) and RFC 7836
//! appendix A (tc26 sets; the twisted-Edwards sets 256-A and 512-C are taken in their
//! published Weierstrass form, and their d from appendix A.2). The test curves are those of GOST R 34.10-2012
//! appendix A = RFC 7091 §7. Tests check that each base point lies on its curve and
//! that `q·P = O`, and an interop test checks every set against OpenSSL's gost-engine.
//!
//! # Byte layouts
//! * Public key: `x ‖ y`, each coordinate little-endian, `n` = 32 or 64 bytes each: the
//!   octets inside the OCTET STRING inside the subjectPublicKey BIT STRING (RFC 4491 /
//!   RFC 9215); see [`public_key_from_octet_string`].
//! * Signature: see [`Layout`]. OpenSSL gost-engine (`openssl dgst -sign` and the CMS
//!   SignerInfo signature OCTET STRING) produce raw `s ‖ r`, each big-endian, no DER.
//! * Digest: the Streebog output bytes read as a little-endian integer `e` (as
//!   gost-engine and CryptoPro do).

//!
//! # Where things are
//! * `curves`: the parameter sets, by OID;
//! * `field`: modular and point arithmetic, double-scalar multiplication;
//! * `edwards`: the same on the twisted Edwards form of tc26 256-A and 512-C;
//! * `inverse`: e⁻¹ modulo q;
//! * `signature`: byte layouts, Streebog, the verification equation.

mod curves;
mod edwards;
mod field;
mod inverse;
mod karatsuba;
mod signature;
#[cfg(test)]
mod tests;

pub use curves::Curve;
pub use signature::{
    public_key_from_octet_string, streebog256, streebog512, verify, verify_digest, GostError,
    Layout,
};
