//! A certificate request (PKCS#10, RFC 2986): its self-signature proves the
//! requester holds the private key of the public key it asks a certificate
//! for. Only the key is taken from it: the issuer writes the subject from
//! the identity register, never from the request.

use der::{Decode, Encode};
use spki::SubjectPublicKeyInfoOwned;
use x509_cert::request::CertReq;

use crate::algorithms::PublicKey;
use crate::SignatureError;

/// The largest request read (an RSA 4096 request is under 2 KiB).
pub const MAX_REQUEST: usize = 16 * 1024;

/// The public key of a well-formed request whose self-signature verifies,
/// with an algorithm this crate accepts (RSA, P-256, GOST 2015).
pub fn verified_key(der: &[u8]) -> Result<SubjectPublicKeyInfoOwned, SignatureError> {
    if der.len() > MAX_REQUEST {
        return Err(SignatureError::Malformed("the request is too large".into()));
    }
    let request = CertReq::from_der(der)
        .map_err(|e| SignatureError::Malformed(format!("certificate request: {e}")))?;
    let info = request
        .info
        .to_der()
        .map_err(|e| SignatureError::Malformed(format!("certificate request: {e}")))?;
    let key = PublicKey::from_spki(&request.info.public_key)?;
    let signature = request
        .signature
        .as_bytes()
        .ok_or_else(|| SignatureError::Malformed("certificate request signature".into()))?;
    key.verify(&request.algorithm, &info, signature)?;
    Ok(request.info.public_key)
}
