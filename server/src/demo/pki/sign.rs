//! Making a detached CMS (CAdES-BES style: contentType and messageDigest
//! signed attributes, SHA-256 with RSA) as NCALayer's `basics.sign` does.

use std::path::Path;

use der::{Decode, DecodePem};
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::DecodePrivateKey;
use rsa::RsaPrivateKey;
use sha2::Sha256;
use x509_cert::Certificate;

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

/// A detached CMS SignedData over `document`, DER-encoded, as NCALayer
/// makes it: the signer's certificate alone, no further attributes.
pub fn sign_detached(document: &[u8], signer: &KeyPair) -> anyhow::Result<Vec<u8>> {
    let key = SigningKey::<Sha256>::new(signer.key.clone());
    let der =
        crate::documents::cms::detached(document, &key, &signer.certificate, &[], Vec::new())?;
    // Round-trip once so a malformed structure fails here, not at the verifier.
    cms::content_info::ContentInfo::from_der(&der)?;
    Ok(der)
}
