//! Certificate checks: RSA-SHA256 signatures between certificates, validity
//! dates, and the path from a leaf to a trusted root.

use der::Encode;
use rsa::pkcs1v15::{Signature, VerifyingKey};
use rsa::pkcs8::DecodePublicKey;
use rsa::signature::Verifier;
use rsa::RsaPublicKey;
use sha2::Sha256;
use time::OffsetDateTime;
use x509_cert::ext::pkix::BasicConstraints;
use x509_cert::Certificate;

use super::oids::{RSA_ENCRYPTION, SHA256_WITH_RSA};
use crate::ports::SignatureError;

/// The longest chain accepted (leaf, intermediates, root).
const MAX_DEPTH: usize = 5;

pub fn rsa_key(cert: &Certificate) -> Result<VerifyingKey<Sha256>, SignatureError> {
    let spki = &cert.tbs_certificate.subject_public_key_info;
    if spki.algorithm.oid != RSA_ENCRYPTION {
        return Err(SignatureError::UnsupportedAlgorithm(
            spki.algorithm.oid.to_string(),
        ));
    }
    let der = spki
        .to_der()
        .map_err(|e| SignatureError::Malformed(e.to_string()))?;
    let key = RsaPublicKey::from_public_key_der(&der)
        .map_err(|e| SignatureError::Malformed(e.to_string()))?;
    Ok(VerifyingKey::new(key))
}

/// Verifies an RSA PKCS#1 v1.5 SHA-256 signature over `message`.
pub fn verify_rsa(
    key: &VerifyingKey<Sha256>,
    message: &[u8],
    signature: &[u8],
) -> Result<(), SignatureError> {
    let signature = Signature::try_from(signature).map_err(|_| SignatureError::BadSignature)?;
    key.verify(message, &signature)
        .map_err(|_| SignatureError::BadSignature)
}

/// Whether `issuer` signed `cert`.
fn issued_by(cert: &Certificate, issuer: &Certificate) -> bool {
    if cert.tbs_certificate.issuer != issuer.tbs_certificate.subject
        || cert.signature_algorithm.oid != SHA256_WITH_RSA
    {
        return false;
    }
    let (Ok(key), Ok(tbs)) = (rsa_key(issuer), cert.tbs_certificate.to_der()) else {
        return false;
    };
    let Some(signature) = cert.signature.as_bytes() else {
        return false;
    };
    verify_rsa(&key, &tbs, signature).is_ok()
}

pub fn valid_at(cert: &Certificate, at: OffsetDateTime) -> bool {
    let validity = &cert.tbs_certificate.validity;
    let secs = |t: x509_cert::time::Time| {
        i64::try_from(t.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
    };
    let now = at.unix_timestamp();
    secs(validity.not_before) <= now && now <= secs(validity.not_after)
}

fn is_ca(cert: &Certificate) -> bool {
    matches!(cert.tbs_certificate.get::<BasicConstraints>(), Ok(Some((_, bc))) if bc.ca)
}

/// Checks that `leaf` chains to one of `roots`, possibly through `pool`
/// (the certificates that came with the signature), every link valid at `at`.
pub fn verify_path(
    leaf: &Certificate,
    pool: &[Certificate],
    roots: &[Certificate],
    at: OffsetDateTime,
) -> Result<(), SignatureError> {
    if !valid_at(leaf, at) {
        return Err(SignatureError::CertificateNotValidNow);
    }
    let mut current = leaf.clone();
    for _ in 0..MAX_DEPTH {
        if let Some(root) = roots.iter().find(|r| issued_by(&current, r)) {
            return if valid_at(root, at) {
                Ok(())
            } else {
                Err(SignatureError::UntrustedChain)
            };
        }
        let Some(next) = pool
            .iter()
            .find(|c| *c != &current && is_ca(c) && issued_by(&current, c))
        else {
            return Err(SignatureError::UntrustedChain);
        };
        if !valid_at(next, at) {
            return Err(SignatureError::UntrustedChain);
        }
        current = next.clone();
    }
    Err(SignatureError::UntrustedChain)
}
