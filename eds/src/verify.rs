//! The CMS verifier behind the `SignatureVerifier` port: the same code the
//! service, the API and `nomir eds verify` run.

use std::sync::Arc;

use async_trait::async_trait;
use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use der::{Decode, Encode};
use sha2::Digest;
use time::OffsetDateTime;
use x509_cert::ext::pkix::SubjectKeyIdentifier;
use x509_cert::Certificate;

use super::algorithms::{verify_signer, DigestAlg};
use super::chain::{verify_path, CheckBudget, Known, Times};
use super::input::to_der;
use super::names::{bin_of, common_name, iin_of, organisation_of};
use super::oids::*;
use super::revocation_port::RevocationCheck;
use super::usage;
use crate::{KeyPurpose, Sealed, SignatureError, SignatureVerifier, Signer};

/// The most certificates a CMS may carry (NCALayer sends the signer's and
/// at most its chain): more only makes the chain search longer.
const MAX_CERTIFICATES: usize = 10;

/// How far in the future a signer's claimed signing time may be (clocks differ).
const CLOCK_SKEW: time::Duration = time::Duration::minutes(5);

/// Verifies CMS signatures against a fixed set of trusted root certificates.
pub struct CmsVerifier {
    roots: Vec<Known>,
    revocation: Arc<dyn RevocationCheck>,
}

/// A verified signature: who signed, and the content they signed.
#[derive(Debug, Clone)]
pub struct Verified {
    pub signer: Signer,
    pub content: Vec<u8>,
    pub signed_at: Option<OffsetDateTime>,
}

fn malformed(e: impl std::fmt::Display) -> SignatureError {
    SignatureError::Malformed(e.to_string())
}

impl CmsVerifier {
    pub fn new(roots: Vec<Certificate>, revocation: Arc<dyn RevocationCheck>) -> Self {
        Self {
            roots: roots.into_iter().map(Known::new).collect(),
            revocation,
        }
    }

    /// Trusts the certificates in a PEM bundle.
    pub fn from_pem(pem: &str, revocation: Arc<dyn RevocationCheck>) -> anyhow::Result<Self> {
        // x509-cert 0.2.5's chain reader overflows on a text without a
        // certificate: such a bundle is refused before it is read.
        anyhow::ensure!(
            pem.contains("-----BEGIN CERTIFICATE-----"),
            "trusted roots: the bundle holds no certificate"
        );
        let roots = Certificate::load_pem_chain(pem.as_bytes())
            .map_err(|e| anyhow::anyhow!("trusted roots: {e}"))?;
        anyhow::ensure!(
            !roots.is_empty(),
            "trusted roots: the bundle holds no certificate"
        );
        Ok(Self::new(roots, revocation))
    }

    /// Verifies `cms`; `document` is the content it must cover (required
    /// for a detached signature, compared with an attached one).
    pub async fn verify_cms(
        &self,
        cms: &[u8],
        document: Option<&[u8]>,
        purpose: KeyPurpose,
        now: OffsetDateTime,
    ) -> Result<Verified, SignatureError> {
        let checked = self
            .checked(cms, document, now, |leaf| {
                usage::check(leaf, purpose)?;
                iin_of(&leaf.tbs_certificate.subject)
                    .map(|_| ())
                    .ok_or(SignatureError::NoIin)
            })
            .await?;
        let cert = &checked.leaf.tbs_certificate;
        Ok(Verified {
            signer: Signer {
                iin: iin_of(&cert.subject).ok_or(SignatureError::NoIin)?,
                common_name: common_name(&cert.subject),
                certificate_serial: hex::encode(cert.serial_number.as_bytes()),
                algorithm: checked.algorithm,
            },
            content: checked
                .content
                .or_else(|| document.map(<[u8]>::to_vec))
                .unwrap_or_default(),
            signed_at: checked.signed_at,
        })
    }

    /// Verifies a detached `cms` over `document` as an organisation's seal:
    /// the signing key of a legal entity (with its BIN), checked like any
    /// signature (chain to a trusted root, validity, revocation), made with
    /// one of the `accepted` certificates (SHA-256 of the DER): any
    /// employee of an organisation has its BIN, so the BIN alone does not
    /// say the organisation sealed.
    pub async fn verify_seal(
        &self,
        cms: &[u8],
        document: &[u8],
        accepted: &[[u8; 32]],
        now: OffsetDateTime,
    ) -> Result<Sealed, SignatureError> {
        let checked = self
            .checked(cms, Some(document), now, |leaf| {
                usage::check_organisation(leaf)?;
                bin_of(&leaf.tbs_certificate.subject).ok_or(SignatureError::NotAnOrganisation)?;
                let der = leaf.to_der().map_err(malformed)?;
                let print: [u8; 32] = sha2::Sha256::digest(&der).into();
                if accepted.contains(&print) {
                    Ok(())
                } else {
                    Err(SignatureError::NotAcceptedSeal)
                }
            })
            .await?;
        let cert = &checked.leaf.tbs_certificate;
        Ok(Sealed {
            bin: bin_of(&cert.subject).ok_or(SignatureError::NotAnOrganisation)?,
            organisation: organisation_of(&cert.subject),
            common_name: common_name(&cert.subject),
            certificate_serial: hex::encode(cert.serial_number.as_bytes()),
            algorithm: checked.algorithm,
            signed_at: checked.signed_at,
        })
    }

    /// Every check but whose key it is, which `holder` judges (after the
    /// chain, before revocation): the CMS, the content, the signer's
    /// signature, the path to a trusted root, then revocation last, since
    /// it may ask the network, and only about a signature otherwise good.
    async fn checked(
        &self,
        cms: &[u8],
        document: Option<&[u8]>,
        now: OffsetDateTime,
        holder: impl Fn(&Certificate) -> Result<(), SignatureError>,
    ) -> Result<Checked, SignatureError> {
        let der = to_der(cms)?;
        let info = ContentInfo::from_der(&der).map_err(malformed)?;
        if info.content_type != ID_SIGNED_DATA {
            return Err(malformed("not signed data"));
        }
        let signed: SignedData = info.content.decode_as().map_err(malformed)?;
        let [si] = signed.signer_infos.0.as_slice() else {
            return Err(malformed("exactly one signer is expected"));
        };
        let content = content_of(&signed, document)?;
        let content = content.as_ref();
        let digest = DigestAlg::from_oid(si.digest_alg.oid)?;
        let signed_at = check_attributes(si, digest, content, now)?;
        let certs: Vec<Known> = signed
            .certificates
            .iter()
            .flat_map(|set| set.0.iter())
            .filter_map(|c| match c {
                CertificateChoices::Certificate(cert) => Some(Known::new(cert.clone())),
                CertificateChoices::Other(_) => None,
            })
            .collect();
        if certs.len() > MAX_CERTIFICATES {
            return Err(malformed(format!(
                "the signature carries more than {MAX_CERTIFICATES} certificates"
            )));
        }
        let leaf = signer_certificate(&si.sid, &certs).ok_or(SignatureError::UntrustedChain)?;
        let key = leaf.key.clone()?;
        let attrs = si
            .signed_attrs
            .as_ref()
            .ok_or(SignatureError::ContentMismatch)?
            .to_der()
            .map_err(malformed)?;
        // Every signature check of this CMS, the signer's first, comes out
        // of one fixed budget.
        let mut budget = CheckBudget::new();
        budget.spend()?;
        verify_signer(
            &key,
            digest,
            &si.signature_algorithm,
            &attrs,
            si.signature.as_bytes(),
        )?;
        let times = Times {
            signed: signed_at.unwrap_or(now),
            now,
        };
        let path = verify_path(&leaf.cert, &certs, &self.roots, times, &mut budget)?;
        holder(&leaf.cert)?;
        if let [leaf_cert, issuer, ..] = path.as_slice() {
            self.revocation.check(leaf_cert, issuer, now).await?;
        }
        Ok(Checked {
            leaf: leaf.cert.clone(),
            algorithm: key.name(),
            // A detached document is not copied: a seal's may be megabytes.
            content: document.is_none().then(|| content.to_vec()),
            signed_at,
        })
    }
}

/// A signature that passed every check but whose key it is; `content` is
/// the attached content, when the document was not given.
struct Checked {
    leaf: Certificate,
    algorithm: String,
    content: Option<Vec<u8>>,
    signed_at: Option<OffsetDateTime>,
}

/// The signed content: the attached one (equal to `document` when given),
/// or `document` for a detached signature.
fn content_of<'a>(
    signed: &SignedData,
    document: Option<&'a [u8]>,
) -> Result<std::borrow::Cow<'a, [u8]>, SignatureError> {
    if signed.encap_content_info.econtent_type != ID_DATA {
        return Err(SignatureError::ContentMismatch);
    }
    match (&signed.encap_content_info.econtent, document) {
        (Some(attached), expected) => {
            let bytes = attached
                .decode_as::<der::asn1::OctetString>()
                .map_err(malformed)?;
            match expected {
                Some(doc) if doc != bytes.as_bytes() => Err(SignatureError::ContentMismatch),
                _ => Ok(bytes.as_bytes().to_vec().into()),
            }
        }
        (None, Some(doc)) => Ok(doc.into()),
        (None, None) => Err(malformed(
            "the signature is detached: the signed content must be given",
        )),
    }
}

/// The single value of signed attribute `oid`, as DER.
fn attribute(si: &SignerInfo, oid: der::asn1::ObjectIdentifier) -> Option<Vec<u8>> {
    let attr = si.signed_attrs.as_ref()?.iter().find(|a| a.oid == oid)?;
    if attr.values.len() != 1 {
        return None;
    }
    attr.values.get(0).and_then(|v| v.to_der().ok())
}

/// Checks the content type and digest attributes; returns the claimed
/// signing time, if any.
fn check_attributes(
    si: &SignerInfo,
    digest: DigestAlg,
    content: &[u8],
    now: OffsetDateTime,
) -> Result<Option<OffsetDateTime>, SignatureError> {
    let content_type = attribute(si, ID_CONTENT_TYPE).ok_or(SignatureError::ContentMismatch)?;
    if der::asn1::ObjectIdentifier::from_der(&content_type).ok() != Some(ID_DATA) {
        return Err(SignatureError::ContentMismatch);
    }
    let claimed = attribute(si, ID_MESSAGE_DIGEST)
        .and_then(|d| der::asn1::OctetString::from_der(&d).ok())
        .ok_or(SignatureError::ContentMismatch)?;
    if claimed.as_bytes() != digest.digest(content).as_slice() {
        return Err(SignatureError::ContentMismatch);
    }
    let Some(time) = attribute(si, SIGNING_TIME) else {
        return Ok(None);
    };
    let time = x509_cert::time::Time::from_der(&time).map_err(malformed)?;
    let secs = i64::try_from(time.to_unix_duration().as_secs()).map_err(malformed)?;
    let at = OffsetDateTime::from_unix_timestamp(secs).map_err(malformed)?;
    if at > now + CLOCK_SKEW {
        return Err(malformed("the signing time is in the future"));
    }
    Ok(Some(at))
}

fn signer_certificate<'a>(sid: &SignerIdentifier, certs: &'a [Known]) -> Option<&'a Known> {
    certs.iter().find(|k| {
        let c = &k.cert.tbs_certificate;
        match sid {
            SignerIdentifier::IssuerAndSerialNumber(ias) => {
                c.issuer == ias.issuer && c.serial_number == ias.serial_number
            }
            SignerIdentifier::SubjectKeyIdentifier(ski) => {
                matches!(c.get::<SubjectKeyIdentifier>(), Ok(Some((_, own))) if own == *ski)
            }
        }
    })
}

#[async_trait]
impl SignatureVerifier for CmsVerifier {
    async fn verify(
        &self,
        cms: &[u8],
        document: &[u8],
        purpose: KeyPurpose,
        at: OffsetDateTime,
    ) -> Result<Signer, SignatureError> {
        Ok(self
            .verify_cms(cms, Some(document), purpose, at)
            .await?
            .signer)
    }

    async fn verify_seal(
        &self,
        cms: Vec<u8>,
        document: Vec<u8>,
        accepted: Vec<[u8; 32]>,
        at: OffsetDateTime,
    ) -> Result<Sealed, SignatureError> {
        CmsVerifier::verify_seal(self, &cms, &document, &accepted, at).await
    }
}
