//! A detached CMS SignedData (SHA-256 with RSA, PKCS #1 v1.5) over a
//! document: content type and message digest signed, with any further
//! signed attributes, the signer's certificate and its chain. The seal
//! ([`super::seal`]) and the demo's NCALayer stand-in both make theirs
//! here, over the `cms` crate's builders.

use cms::builder::{SignedDataBuilder, SignerInfoBuilder};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::signed_data::{EncapsulatedContentInfo, SignerIdentifier};
use der::Encode;
use kz_eds::oids::{ID_DATA, SHA256};
use rsa::signature::{Keypair, Signer};
use sha2::{Digest, Sha256};
use spki::{AlgorithmIdentifierOwned, DynSignatureAlgorithmIdentifier};
use x509_cert::attr::Attribute;
use x509_cert::Certificate;

/// The DER of a detached CMS over `document`, signed by `key` as
/// `certificate` (followed by `chain` in the CMS), with `attributes`
/// signed beside content type and message digest.
pub fn detached<K>(
    document: &[u8],
    key: &K,
    certificate: &Certificate,
    chain: &[Certificate],
    attributes: Vec<Attribute>,
) -> anyhow::Result<Vec<u8>>
where
    K: Keypair + DynSignatureAlgorithmIdentifier + Signer<rsa::pkcs1v15::Signature>,
{
    let content = EncapsulatedContentInfo {
        econtent_type: ID_DATA,
        econtent: None,
    };
    let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
        issuer: certificate.tbs_certificate.issuer.clone(),
        serial_number: certificate.tbs_certificate.serial_number.clone(),
    });
    let sha256 = AlgorithmIdentifierOwned {
        oid: SHA256,
        parameters: None,
    };
    let digest = Sha256::digest(document);
    let mut info = SignerInfoBuilder::new(key, sid, sha256.clone(), &content, Some(&digest))
        .map_err(|e| anyhow::anyhow!("signer info: {e}"))?;
    for attribute in attributes {
        info.add_signed_attribute(attribute)
            .map_err(|e| anyhow::anyhow!("signed attribute: {e}"))?;
    }
    let mut builder = SignedDataBuilder::new(&content);
    builder
        .add_digest_algorithm(sha256)
        .map_err(|e| anyhow::anyhow!("digest: {e}"))?;
    for c in std::iter::once(certificate).chain(chain) {
        builder
            .add_certificate(CertificateChoices::Certificate(c.clone()))
            .map_err(|e| anyhow::anyhow!("certificate: {e}"))?;
    }
    let signed = builder
        .add_signer_info::<_, rsa::pkcs1v15::Signature>(info)
        .and_then(|b| b.build())
        .map_err(|e| anyhow::anyhow!("signed data: {e}"))?;
    Ok(signed.to_der()?)
}
