//! The CMS verifier behind the `SignatureVerifier` port.

use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier};
use der::{Decode, Encode};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use x509_cert::ext::pkix::{ExtendedKeyUsage, SubjectKeyIdentifier};
use x509_cert::Certificate;

use super::chain::{rsa_key, verify_path, verify_rsa};
use super::names::{common_name, iin_of};
use super::oids::*;
use crate::ports::{SignatureError, SignatureVerifier, Signer};

/// Verifies CMS signatures against a fixed set of trusted root certificates.
pub struct CmsVerifier {
    roots: Vec<Certificate>,
}

fn malformed(e: impl std::fmt::Display) -> SignatureError {
    SignatureError::Malformed(e.to_string())
}

impl CmsVerifier {
    pub fn new(roots: Vec<Certificate>) -> Self {
        Self { roots }
    }

    /// Trusts the certificates in a PEM bundle.
    pub fn from_pem(pem: &str) -> anyhow::Result<Self> {
        let roots = Certificate::load_pem_chain(pem.as_bytes())
            .map_err(|e| anyhow::anyhow!("trusted roots: {e}"))?;
        anyhow::ensure!(
            !roots.is_empty(),
            "trusted roots: the bundle holds no certificate"
        );
        Ok(Self::new(roots))
    }
}

fn signer_certificate<'a>(
    sid: &SignerIdentifier,
    certs: &'a [Certificate],
) -> Option<&'a Certificate> {
    certs.iter().find(|c| match sid {
        SignerIdentifier::IssuerAndSerialNumber(ias) => {
            c.tbs_certificate.issuer == ias.issuer && c.tbs_certificate.serial_number == ias.serial_number
        }
        SignerIdentifier::SubjectKeyIdentifier(ski) => {
            matches!(c.tbs_certificate.get::<SubjectKeyIdentifier>(), Ok(Some((_, own))) if own == *ski)
        }
    })
}

/// The single value of signed attribute `oid`, as raw DER value bytes.
fn attribute_value(signed: &SignedData, oid: der::asn1::ObjectIdentifier) -> Option<Vec<u8>> {
    let si = signed.signer_infos.0.get(0)?;
    let attrs = si.signed_attrs.as_ref()?;
    let attr = attrs.iter().find(|a| a.oid == oid)?;
    if attr.values.len() != 1 {
        return None;
    }
    attr.values.get(0).map(|v| v.value().to_vec())
}

/// Checks the leaf is an individual's signing certificate.
fn check_usage(leaf: &Certificate) -> Result<(), SignatureError> {
    let eku = match leaf.tbs_certificate.get::<ExtendedKeyUsage>() {
        Ok(Some((_, eku))) => eku.0,
        _ => return Err(SignatureError::NotASigningCertificate),
    };
    if eku.contains(&EKU_SIGNING)
        && eku.contains(&EKU_INDIVIDUAL)
        && !eku.contains(&EKU_LEGAL_ENTITY)
    {
        Ok(())
    } else {
        Err(SignatureError::NotASigningCertificate)
    }
}

impl SignatureVerifier for CmsVerifier {
    fn verify(
        &self,
        cms_der: &[u8],
        document: &[u8],
        at: OffsetDateTime,
    ) -> Result<Signer, SignatureError> {
        let info = ContentInfo::from_der(cms_der).map_err(malformed)?;
        if info.content_type != ID_SIGNED_DATA {
            return Err(SignatureError::Malformed("not signed data".into()));
        }
        let signed: SignedData = info.content.decode_as().map_err(malformed)?;
        let [si] = signed.signer_infos.0.as_slice() else {
            return Err(SignatureError::Malformed(
                "exactly one signer is expected".into(),
            ));
        };
        // The content: attached must equal the document; detached is the document.
        if signed.encap_content_info.econtent_type != ID_DATA {
            return Err(SignatureError::ContentMismatch);
        }
        if let Some(content) = &signed.encap_content_info.econtent {
            let bytes = content
                .decode_as::<der::asn1::OctetString>()
                .map_err(malformed)?;
            if bytes.as_bytes() != document {
                return Err(SignatureError::ContentMismatch);
            }
        }
        if si.digest_alg.oid != SHA256 {
            return Err(SignatureError::UnsupportedAlgorithm(
                si.digest_alg.oid.to_string(),
            ));
        }
        if !matches!(si.signature_algorithm.oid, RSA_ENCRYPTION | SHA256_WITH_RSA) {
            return Err(SignatureError::UnsupportedAlgorithm(
                si.signature_algorithm.oid.to_string(),
            ));
        }
        let content_type =
            attribute_value(&signed, ID_CONTENT_TYPE).ok_or(SignatureError::ContentMismatch)?;
        if content_type != ID_DATA.as_bytes() {
            return Err(SignatureError::ContentMismatch);
        }
        let digest =
            attribute_value(&signed, ID_MESSAGE_DIGEST).ok_or(SignatureError::ContentMismatch)?;
        if digest.as_slice() != Sha256::digest(document).as_slice() {
            return Err(SignatureError::ContentMismatch);
        }
        let certs: Vec<Certificate> = signed
            .certificates
            .iter()
            .flat_map(|set| set.0.iter())
            .filter_map(|c| match c {
                CertificateChoices::Certificate(cert) => Some(cert.clone()),
                CertificateChoices::Other(_) => None,
            })
            .collect();
        let leaf = signer_certificate(&si.sid, &certs).ok_or(SignatureError::UntrustedChain)?;
        let signed_attrs = si
            .signed_attrs
            .as_ref()
            .ok_or(SignatureError::ContentMismatch)?;
        let message = signed_attrs.to_der().map_err(malformed)?;
        verify_rsa(&rsa_key(leaf)?, &message, si.signature.as_bytes())?;
        verify_path(leaf, &certs, &self.roots, at)?;
        check_usage(leaf)?;
        let iin = iin_of(&leaf.tbs_certificate.subject).ok_or(SignatureError::NoIin)?;
        Ok(Signer {
            iin,
            common_name: common_name(&leaf.tbs_certificate.subject),
            certificate_serial: hex::encode(leaf.tbs_certificate.serial_number.as_bytes()),
        })
    }
}
