//! Making a detached CMS (CAdES-BES style: contentType and messageDigest
//! signed attributes, SHA-256 with RSA) as NCALayer's `basics.sign` does.

use std::path::Path;

use cms::builder::{SignedDataBuilder, SignerInfoBuilder};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::signed_data::{EncapsulatedContentInfo, SignerIdentifier};
use der::{Decode, DecodePem, Encode};
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::DecodePrivateKey;
use rsa::RsaPrivateKey;
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;

use crate::adapters::eds::oids::{ID_DATA, SHA256};

/// A certificate with its private key.
pub struct KeyPair {
    pub certificate: Certificate,
    pub key: RsaPrivateKey,
}

impl KeyPair {
    /// Reads `<stem>.pem` and `<stem>.key.pem` from `dir`.
    pub fn load(dir: &Path, stem: &str) -> anyhow::Result<Self> {
        let cert_pem = std::fs::read_to_string(dir.join(format!("{stem}.pem")))?;
        let key_pem = std::fs::read_to_string(dir.join(format!("{stem}.key.pem")))?;
        Ok(Self {
            certificate: Certificate::from_pem(cert_pem.as_bytes())
                .map_err(|e| anyhow::anyhow!("{stem}: {e}"))?,
            key: RsaPrivateKey::from_pkcs8_pem(&key_pem)
                .map_err(|e| anyhow::anyhow!("{stem}: {e}"))?,
        })
    }
}

/// A detached CMS SignedData over `document`, DER-encoded.
pub fn sign_detached(document: &[u8], signer: &KeyPair) -> anyhow::Result<Vec<u8>> {
    let cert = &signer.certificate;
    let digest = Sha256::digest(document);
    let content = EncapsulatedContentInfo {
        econtent_type: ID_DATA,
        econtent: None,
    };
    let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
        issuer: cert.tbs_certificate.issuer.clone(),
        serial_number: cert.tbs_certificate.serial_number.clone(),
    });
    let digest_alg = AlgorithmIdentifierOwned {
        oid: SHA256,
        parameters: None,
    };
    let key = SigningKey::<Sha256>::new(signer.key.clone());
    let info = SignerInfoBuilder::new(
        &key,
        sid,
        digest_alg.clone(),
        &content,
        Some(digest.as_slice()),
    )
    .map_err(|e| anyhow::anyhow!("signer info: {e}"))?;
    let signed = SignedDataBuilder::new(&content)
        .add_digest_algorithm(digest_alg)
        .and_then(|b| b.add_certificate(CertificateChoices::Certificate(cert.clone())))
        .and_then(|b| b.add_signer_info::<_, rsa::pkcs1v15::Signature>(info))
        .and_then(|b| b.build())
        .map_err(|e| anyhow::anyhow!("signed data: {e}"))?;
    let der = signed.to_der()?;
    // Round-trip once so a malformed structure fails here, not at the verifier.
    cms::content_info::ContentInfo::from_der(&der)?;
    Ok(der)
}
