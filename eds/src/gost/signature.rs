//! The GOST R 34.10-2012 signature: byte layouts, the Streebog digest and
//! the verification equation of §6.2.

use num_bigint::BigUint;
use num_traits::{One, Zero};
use streebog::{Digest, Streebog256, Streebog512};

use super::curves::Curve;
use super::field::{params, params256, Params};

/// How the key and the signature are laid out in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layout {
    /// RFC 4491/RFC 9215 (OpenSSL gost-engine, CryptoPro): public key = x‖y each
    /// little-endian (the octets inside the OCTET STRING inside the subjectPublicKey
    /// BIT STRING), signature = s‖r each big-endian.
    Rfc4491,
    /// Kalkan / NCA RK: public key x‖y each little-endian; signature r‖s each
    /// little-endian (the byte reverse of the RFC form).
    ///
    /// Not yet checked against a signature made by real Kalkan/NCALayer software: the
    /// tests only prove it is the exact byte reverse of [`Layout::Rfc4491`].
    Kalkan,
}

/// Why a verification failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GostError {
    /// Key, digest or signature has the wrong number of bytes for the curve.
    BadLength,
    /// The public key is not a point of the curve.
    PointNotOnCurve,
    /// r or s not in 1..q-1, or a key coordinate not below p.
    OutOfRange,
    /// Well-formed, but the signature does not match.
    BadSignature,
}

impl std::fmt::Display for GostError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            GostError::BadLength => "GOST: wrong key, digest or signature length",
            GostError::PointNotOnCurve => "GOST: public key is not on the curve",
            GostError::OutOfRange => "GOST: value out of range",
            GostError::BadSignature => "GOST: signature does not verify",
        })
    }
}

impl std::error::Error for GostError {}

/// Streebog-256 (GOST R 34.11-2012, 256-bit output), bytes as the hash outputs them.
pub fn streebog256(data: &[u8]) -> [u8; 32] {
    Streebog256::digest(data).into()
}

/// Streebog-512 (GOST R 34.11-2012, 512-bit output), bytes as the hash outputs them.
pub fn streebog512(data: &[u8]) -> [u8; 64] {
    Streebog512::digest(data).into()
}

/// Returns the `x ‖ y` key octets from the DER OCTET STRING that forms the content of
/// the subjectPublicKey BIT STRING (after its leading unused-bits byte `00`):
/// `04 40 <64 bytes>` (256-bit keys) or `04 81 80 <128 bytes>` (512-bit keys).
pub fn public_key_from_octet_string(der: &[u8]) -> Option<&[u8]> {
    match der {
        [0x04, 0x40, rest @ ..] if rest.len() == 0x40 => Some(rest),
        [0x04, 0x81, 0x80, rest @ ..] if rest.len() == 0x80 => Some(rest),
        _ => None,
    }
}

/// Verifies `signature` over `message`: hashes the message with Streebog of the curve's
/// size (256 → Streebog-256, 512 → Streebog-512), reads the digest as a little-endian
/// integer e (as gost-engine and CryptoPro do), e = e mod q, e = 1 if zero, and checks
/// the GOST R 34.10-2012 verification equation.
pub fn verify(
    curve: Curve,
    layout: Layout,
    public_key: &[u8],
    message: &[u8],
    signature: &[u8],
) -> Result<(), GostError> {
    if curve.bits() == 512 {
        verify_digest(curve, layout, public_key, &streebog512(message), signature)
    } else {
        verify_digest(curve, layout, public_key, &streebog256(message), signature)
    }
}

/// Same as [`verify`], given the already-computed Streebog digest (for CMS with signed
/// attributes: the digest of the DER of the signed attributes, re-tagged as SET `31`).
/// The digest must be 32 bytes for 256-bit curves and 64 bytes for 512-bit curves.
/// (Checking the CMS `messageDigest` attribute against the content is the caller's job.)
pub fn verify_digest(
    curve: Curve,
    layout: Layout,
    public_key: &[u8],
    digest: &[u8],
    signature: &[u8],
) -> Result<(), GostError> {
    let n = curve.coordinate_len();
    if public_key.len() != 2 * n || signature.len() != 2 * n || digest.len() != n {
        return Err(GostError::BadLength);
    }
    let qx = BigUint::from_bytes_le(&public_key[..n]);
    let qy = BigUint::from_bytes_le(&public_key[n..]);
    let (r, s) = match layout {
        Layout::Rfc4491 => (
            BigUint::from_bytes_be(&signature[n..]),
            BigUint::from_bytes_be(&signature[..n]),
        ),
        Layout::Kalkan => (
            BigUint::from_bytes_le(&signature[..n]),
            BigUint::from_bytes_le(&signature[n..]),
        ),
    };
    let e = BigUint::from_bytes_le(digest);
    if curve.bits() == 512 {
        verify_integers(params(curve), &qx, &qy, &e, &r, &s)
    } else {
        verify_integers(params256(curve), &qx, &qy, &e, &r, &s)
    }
}

/// The verification algorithm of GOST R 34.10-2012 §6.2 on integers.
pub(super) fn verify_integers<const L: usize>(
    c: &Params<L>,
    qx: &BigUint,
    qy: &BigUint,
    e: &BigUint,
    r: &BigUint,
    s: &BigUint,
) -> Result<(), GostError> {
    if qx >= &c.p || qy >= &c.p {
        return Err(GostError::OutOfRange);
    }
    if !c.on_curve(qx, qy) {
        return Err(GostError::PointNotOnCurve);
    }
    if r.is_zero() || r >= &c.q || s.is_zero() || s >= &c.q {
        return Err(GostError::OutOfRange);
    }
    let mut e = e % &c.q;
    if e.is_zero() {
        e = BigUint::one();
    }
    let v = c.invert_mod_q(&e).ok_or(GostError::BadSignature)?; // q is prime: never None
    let z1 = (s * &v) % &c.q;
    let z2 = ((&c.q - r) * &v) % &c.q;
    // tc26 256-A and 512-C on their Edwards form; a key the map has no
    // value for (the point of order 2) on the Weierstrass form.
    let edwards = c.edwards.as_ref().and_then(|ed| {
        let q = ed.point_of(c, qx, qy)?;
        Some(ed.x_is(c, &ed.mul2(c, &z1, &z2, &q), r))
    });
    let matches = edwards.unwrap_or_else(|| {
        let point = c.mul2(&z1, &z2, &c.jac(&(qx.clone(), qy.clone())));
        c.x_is(&point, r)
    });
    if matches {
        Ok(())
    } else {
        Err(GostError::BadSignature)
    }
}
