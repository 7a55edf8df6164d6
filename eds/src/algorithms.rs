//! The signature and digest algorithms accepted, by object identifier:
//! RSA PKCS#1 v1.5 with SHA-256, ECDSA P-256 with SHA-256, and GOST R
//! 34.10-2015 (256 and 512 bits) with Streebog, under both the Kazakh
//! (Kalkan) and the international (TC 26) identifiers. The legacy GOST
//! 34.310-2004 keys are refused as unsupported.

use der::asn1::ObjectIdentifier;
use der::{Decode, Encode};
use p256::ecdsa::signature::Verifier as _;
use rsa::pkcs8::DecodePublicKey;
use sha2::{Digest as _, Sha256};
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

use super::gost::{self, Curve, Layout};
use super::oids::*;
use crate::SignatureError;

/// A message digest a CMS may use for its signed attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DigestAlg {
    Sha256,
    Streebog256,
    Streebog512,
}

impl DigestAlg {
    pub fn from_oid(oid: ObjectIdentifier) -> Result<Self, SignatureError> {
        match oid {
            SHA256 => Ok(Self::Sha256),
            KZ_STREEBOG_256 | TC26_STREEBOG_256 => Ok(Self::Streebog256),
            KZ_STREEBOG_512 | TC26_STREEBOG_512 => Ok(Self::Streebog512),
            other => Err(unsupported(other)),
        }
    }

    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            Self::Sha256 => Sha256::digest(data).to_vec(),
            Self::Streebog256 => gost::streebog256(data).to_vec(),
            Self::Streebog512 => gost::streebog512(data).to_vec(),
        }
    }
}

fn unsupported(oid: ObjectIdentifier) -> SignatureError {
    let text = oid.to_string();
    if text.starts_with(KZ_GOST_2004_ARC) || oid == KZ_GOST_2004_DIGEST {
        SignatureError::UnsupportedAlgorithm(format!(
            "{text} (GOST 34.310-2004, no longer accepted)"
        ))
    } else {
        SignatureError::UnsupportedAlgorithm(text)
    }
}

/// A public key we can verify with, read from a certificate.
#[derive(Debug, Clone)]
pub enum PublicKey {
    Rsa(rsa::pkcs1v15::VerifyingKey<Sha256>),
    P256(p256::ecdsa::VerifyingKey),
    Gost {
        curve: Curve,
        layout: Layout,
        point: Vec<u8>,
    },
}

impl PublicKey {
    pub fn from_spki(spki: &SubjectPublicKeyInfoOwned) -> Result<Self, SignatureError> {
        let bad = |e: &dyn std::fmt::Display| SignatureError::Malformed(format!("public key: {e}"));
        let der = spki.to_der().map_err(|e| bad(&e))?;
        match spki.algorithm.oid {
            RSA_ENCRYPTION => {
                let key = rsa::RsaPublicKey::from_public_key_der(&der).map_err(|e| bad(&e))?;
                Ok(Self::Rsa(rsa::pkcs1v15::VerifyingKey::new(key)))
            }
            EC_PUBLIC_KEY => {
                let curve = spki
                    .algorithm
                    .parameters
                    .as_ref()
                    .and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
                if curve != Some(PRIME256V1) {
                    return Err(SignatureError::UnsupportedAlgorithm(
                        "ECDSA on a curve other than P-256".into(),
                    ));
                }
                let key =
                    p256::ecdsa::VerifyingKey::from_public_key_der(&der).map_err(|e| bad(&e))?;
                Ok(Self::P256(key))
            }
            oid @ (KZ_GOST_2015_256_KEY | KZ_GOST_2015_512_KEY | TC26_GOST_256_KEY
            | TC26_GOST_512_KEY) => {
                let layout = if matches!(oid, KZ_GOST_2015_256_KEY | KZ_GOST_2015_512_KEY) {
                    Layout::Kalkan
                } else {
                    Layout::Rfc4491
                };
                let curve = gost_curve(&spki.algorithm, oid)?;
                let bits = spki.subject_public_key.raw_bytes();
                Ok(Self::Gost {
                    curve,
                    layout,
                    point: gost_point(bits, curve.bits()),
                })
            }
            other => Err(unsupported(other)),
        }
    }

    /// The algorithm's name as the verdict shows it.
    pub fn name(&self) -> String {
        match self {
            Self::Rsa(_) => "RSA-SHA256".into(),
            Self::P256(_) => "ECDSA-P256-SHA256".into(),
            Self::Gost { curve, .. } => format!("GOST-2015-{}", curve.bits()),
        }
    }

    /// Checks `signature` over `message` made with `algorithm` (the
    /// signature algorithm identifier of a certificate, CRL or SignerInfo).
    pub fn verify(
        &self,
        algorithm: &AlgorithmIdentifierOwned,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), SignatureError> {
        let digest = signature_digest(self, algorithm.oid)?;
        self.verify_digested(digest, &digest.digest(message), message, signature)
    }

    /// As `verify`, with the message's digest already computed (a CMS
    /// signature over its signed attributes is checked this way for GOST).
    fn verify_digested(
        &self,
        _alg: DigestAlg,
        digest: &[u8],
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), SignatureError> {
        let ok = match self {
            Self::Rsa(key) => rsa::pkcs1v15::Signature::try_from(signature)
                .is_ok_and(|s| key.verify(message, &s).is_ok()),
            Self::P256(key) => p256::ecdsa::Signature::from_der(signature)
                .or_else(|_| p256::ecdsa::Signature::from_slice(signature))
                .is_ok_and(|s| key.verify(message, &s).is_ok()),
            Self::Gost {
                curve,
                layout,
                point,
            } => gost::verify_digest(*curve, *layout, point, digest, signature).is_ok(),
        };
        if ok {
            Ok(())
        } else {
            Err(SignatureError::BadSignature)
        }
    }
}

/// The digest a signature algorithm implies for this key, refusing
/// algorithm identifiers that do not fit the key.
fn signature_digest(key: &PublicKey, oid: ObjectIdentifier) -> Result<DigestAlg, SignatureError> {
    match (key, oid) {
        (PublicKey::Rsa(_), SHA256_WITH_RSA | RSA_ENCRYPTION) => Ok(DigestAlg::Sha256),
        (PublicKey::P256(_), ECDSA_WITH_SHA256) => Ok(DigestAlg::Sha256),
        // A CMS signer may name the key's algorithm instead (as
        // rsaEncryption for RSA); OpenSSL's GOST engine does.
        (PublicKey::Gost { curve, .. }, oid)
            if matches!(
                oid,
                KZ_GOST_2015_256_SIG
                    | KZ_GOST_2015_512_SIG
                    | TC26_GOST_256_SIG
                    | TC26_GOST_512_SIG
                    | KZ_GOST_2015_256_KEY
                    | KZ_GOST_2015_512_KEY
                    | TC26_GOST_256_KEY
                    | TC26_GOST_512_KEY
            ) =>
        {
            let want_512 = matches!(
                oid,
                KZ_GOST_2015_512_SIG | TC26_GOST_512_SIG | KZ_GOST_2015_512_KEY | TC26_GOST_512_KEY
            );
            match (curve.bits(), want_512) {
                (256, false) => Ok(DigestAlg::Streebog256),
                (512, true) => Ok(DigestAlg::Streebog512),
                _ => Err(SignatureError::UnsupportedAlgorithm(format!(
                    "{oid} with a {}-bit key",
                    curve.bits()
                ))),
            }
        }
        (_, oid) => Err(unsupported(oid)),
    }
}

/// The curve of a GOST key: from its parameters (TC 26 or Kazakh
/// parameter-set identifiers), or the key size's set A when absent.
fn gost_curve(
    alg: &AlgorithmIdentifierOwned,
    key: ObjectIdentifier,
) -> Result<Curve, SignatureError> {
    #[derive(der::Sequence)]
    struct Params {
        set: ObjectIdentifier,
        #[asn1(optional = "true")]
        digest: Option<ObjectIdentifier>,
    }
    let set = alg
        .parameters
        .as_ref()
        .and_then(|p| p.to_der().ok())
        .and_then(|der| Params::from_der(&der).ok())
        .map(|p| p.set.to_string());
    let wide = matches!(key, KZ_GOST_2015_512_KEY | TC26_GOST_512_KEY);
    let curve = match set.as_deref() {
        // The Kazakh parameter sets map to TC 26's set A (RFC 7836).
        Some("1.2.398.3.10.1.1.2.1.1") | None if !wide => Some(Curve::Tc26_256A),
        Some("1.2.398.3.10.1.1.2.2.1") | None if wide => Some(Curve::Tc26_512A),
        Some(other) => Curve::from_oid_str(other),
        None => None,
    };
    match curve {
        Some(c) if (c.bits() == 512) == wide => Ok(c),
        _ => Err(SignatureError::UnsupportedAlgorithm(format!(
            "GOST parameter set {}",
            set.unwrap_or_default()
        ))),
    }
}

/// The point bytes (x‖y) of a GOST key: inside an OCTET STRING (RFC 4491)
/// or bare.
fn gost_point(bits: &[u8], size: usize) -> Vec<u8> {
    match der::asn1::OctetString::from_der(bits) {
        Ok(inner) if inner.as_bytes().len() == size / 4 => inner.as_bytes().to_vec(),
        _ => bits.to_vec(),
    }
}

/// Checks a CMS signer's signature over the DER of its signed attributes,
/// with the digest algorithm the signer declared.
pub fn verify_signer(
    key: &PublicKey,
    digest: DigestAlg,
    signature_algorithm: &AlgorithmIdentifierOwned,
    signed_attributes: &[u8],
    signature: &[u8],
) -> Result<(), SignatureError> {
    let implied = signature_digest(key, signature_algorithm.oid)?;
    if implied != digest {
        return Err(SignatureError::UnsupportedAlgorithm(format!(
            "{} with digest {digest:?}",
            signature_algorithm.oid
        )));
    }
    key.verify_digested(
        digest,
        &digest.digest(signed_attributes),
        signed_attributes,
        signature,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use der::asn1::BitString;

    fn spki(oid: &str, key: &[u8]) -> SubjectPublicKeyInfoOwned {
        SubjectPublicKeyInfoOwned {
            algorithm: AlgorithmIdentifierOwned {
                oid: ObjectIdentifier::new_unwrap(oid),
                parameters: None,
            },
            subject_public_key: BitString::from_bytes(key).unwrap(),
        }
    }

    #[test]
    fn legacy_gost_2004_and_unknown_keys_are_unsupported_not_malformed() {
        let legacy = PublicKey::from_spki(&spki("1.2.398.3.10.1.1.1.1", &[0x04; 66])).unwrap_err();
        assert!(
            matches!(&legacy, SignatureError::UnsupportedAlgorithm(m) if m.contains("2004")),
            "{legacy:?}"
        );
        let dsa = PublicKey::from_spki(&spki("1.2.840.10040.4.1", &[1, 2, 3])).unwrap_err();
        assert!(matches!(dsa, SignatureError::UnsupportedAlgorithm(_)));
        assert!(DigestAlg::from_oid(KZ_GOST_2004_DIGEST).is_err());
        assert!(
            DigestAlg::from_oid(ObjectIdentifier::new_unwrap("1.3.14.3.2.26")).is_err(),
            "SHA-1 is refused"
        );
    }

    #[test]
    fn a_gost_key_needs_the_digest_of_its_size() {
        let key = PublicKey::Gost {
            curve: Curve::Tc26_512A,
            layout: Layout::Rfc4491,
            point: vec![0; 128],
        };
        assert_eq!(
            signature_digest(&key, TC26_GOST_512_SIG),
            Ok(DigestAlg::Streebog512)
        );
        assert!(signature_digest(&key, TC26_GOST_256_SIG).is_err());
        assert!(signature_digest(&key, SHA256_WITH_RSA).is_err());
    }
}
