//! The seal: the service provider's electronic digital signature over the
//! result document, as a PAdES signature in the PDF itself (CMS,
//! `ETSI.CAdES.detached`, baseline B-B: content type, message digest and
//! the ESS signing certificate v2 signed; no signing-time attribute, the
//! time is the signature dictionary's `/M`).
//!
//! It is made with the provider's legal-entity signing certificate (an
//! NCA RK certificate with `OU=BIN…`), so Adobe Reader, poppler's `pdfsig`
//! or any PDF reader shows the document as signed and unaltered, and it is
//! checked by the service with the verifier it uses for citizens'
//! signatures: the chain to the trusted roots, validity and revocation,
//! a legal entity's signing key, and the provider's BIN.
//!
//! - [`Sealer`]: the provider's key and certificate; signs a prepared PDF;
//! - [`Upload`] and [`verify`]: a check of a file, at most
//!   [`MAX_FILE_BYTES`], no input panicking.

use std::path::Path;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use der::asn1::{ObjectIdentifier, OctetString};
use der::{Any, Decode, Encode};
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::DecodePrivateKey;
use rsa::RsaPrivateKey;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use spki::{AlgorithmIdentifierOwned, EncodePublicKey};
use time::OffsetDateTime;
use x509_cert::attr::Attribute;
use x509_cert::Certificate;

use super::pades::{self, FillError, FindError};
use crate::ports::{Sealed, SignatureError, SignatureVerifier};
use kz_eds::names::bin_of;
use rsa::signature::{Keypair, RandomizedSigner, Signer};

/// The largest file a check reads: a result document is a few tens of kB.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;

/// id-aa-signingCertificateV2 (RFC 5035), which PAdES requires signed.
const SIGNING_CERTIFICATE_V2: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");

/// What the seal states, beside the PDF it covers: written in the
/// signature dictionary (so signed), read back by a check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealMeta {
    /// The request's number (its id).
    pub request_id: String,
    #[serde(with = "time::serde::rfc3339")]
    pub issued_at: OffsetDateTime,
    /// `bound`, `refused` or `not_performed` ([`super::Outcome::code`]).
    pub outcome: String,
    /// The reason's code, when the request ended unbound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ground: Option<String>,
}

impl SealMeta {
    /// The value the signature dictionary carries: base64 of the JSON
    /// (an error only for an issue time past the year 9999).
    pub fn encode(&self) -> Result<String, serde_json::Error> {
        Ok(BASE64.encode(serde_json::to_vec(self)?))
    }

    fn decode(text: &str) -> Option<Self> {
        serde_json::from_slice(&BASE64.decode(text).ok()?).ok()
    }
}

/// Why a file's seal does not hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    /// No signature: not a document of the service.
    #[error("the file carries no signature of the service")]
    NotSealed,
    /// Signed, but not by the provider's trusted certificate (another
    /// organisation, an individual, an unknown CA, an expired or revoked
    /// certificate): not issued by the service.
    #[error("the file is not signed by the service provider: {0}")]
    Untrusted(String),
    /// The signature does not match the bytes, or does not cover them all:
    /// the file was changed.
    #[error("the signature does not match: the file was altered")]
    Altered,
    /// Larger than any document of the service; not read.
    #[error("the file is larger than any document of the service")]
    TooLarge,
    /// The certificate's status cannot be learnt now, or the verifier is
    /// busy: nothing is known yet.
    #[error("the signature cannot be checked now: {0}")]
    CannotCheckNow(String),
}

impl From<SignatureError> for SealError {
    fn from(e: SignatureError) -> Self {
        use SignatureError as E;
        match e {
            E::Malformed(_) | E::TooLarge(_) | E::ContentMismatch | E::BadSignature => {
                Self::Altered
            }
            E::RevocationUnavailable(_) | E::CheckUnavailable(_) => {
                Self::CannotCheckNow(e.to_string())
            }
            other => Self::Untrusted(other.code().to_owned()),
        }
    }
}

/// The seal could not be made (a bug or a broken key: the PDF is ours).
#[derive(Debug, thiserror::Error)]
#[error("the document cannot be sealed: {0}")]
pub struct SealingError(#[from] FillError);

/// A key or certificate that is not usable for sealing.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("{0} is not an RSA private key in PKCS #8 PEM (-----BEGIN PRIVATE KEY-----)")]
    NotPrivateKey(String),
    #[error("{0} holds no certificate in PEM (-----BEGIN CERTIFICATE-----)")]
    NotCertificate(String),
    #[error("the seal key is not the key of the certificate {0}")]
    NotItsKey(String),
    #[error("the certificate {0} names no BIN (OU=BIN…): it is not an organisation's")]
    NotAnOrganisation(String),
}

/// The provider's signing key and certificate (with its CAs, if given).
/// Its private half never prints. A clone is what a blocking thread
/// seals with, off the async workers.
#[derive(Clone)]
pub struct Sealer {
    key: RsaPrivateKey,
    certificate: Certificate,
    chain: Vec<Certificate>,
    bin: String,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Sealer(BIN {})", self.bin)
    }
}

impl Sealer {
    /// From a PKCS #8 PEM key and a PEM bundle whose first certificate is
    /// its own; `what` names them in errors.
    pub fn from_pem(key_pem: &str, certs_pem: &str, what: &str) -> Result<Self, KeyError> {
        let key = RsaPrivateKey::from_pkcs8_pem(key_pem)
            .map_err(|_| KeyError::NotPrivateKey(what.to_owned()))?;
        // x509-cert 0.2.5's chain reader overflows on a text without a
        // certificate, so it is asked only when there is one.
        let mut certs = Some(certs_pem)
            .filter(|pem| pem.contains("-----BEGIN CERTIFICATE-----"))
            .and_then(|pem| Certificate::load_pem_chain(pem.as_bytes()).ok())
            .filter(|c| !c.is_empty())
            .ok_or_else(|| KeyError::NotCertificate(what.to_owned()))?;
        let certificate = certs.remove(0);
        let own = key
            .to_public_key()
            .to_public_key_der()
            .map_err(|_| KeyError::NotPrivateKey(what.to_owned()))?;
        let named = certificate
            .tbs_certificate
            .subject_public_key_info
            .to_der()
            .map_err(|_| KeyError::NotCertificate(what.to_owned()))?;
        if own.as_bytes() != named.as_slice() {
            return Err(KeyError::NotItsKey(what.to_owned()));
        }
        let bin = bin_of(&certificate.tbs_certificate.subject)
            .ok_or_else(|| KeyError::NotAnOrganisation(what.to_owned()))?;
        Ok(Self {
            key,
            certificate,
            chain: certs,
            bin,
        })
    }

    pub fn from_pem_files(key: &Path, certs: &Path) -> Result<Self, KeyError> {
        let read = |path: &Path| {
            std::fs::read_to_string(path).map_err(|source| KeyError::Read {
                path: path.to_owned(),
                source,
            })
        };
        Self::from_pem(&read(key)?, &read(certs)?, &certs.display().to_string())
    }

    /// The provider's BIN, as its certificate names it.
    pub fn bin(&self) -> &str {
        &self.bin
    }

    pub fn certificate(&self) -> &Certificate {
        &self.certificate
    }

    /// Signs a PDF prepared with room for its signature
    /// ([`super::pdf::render`]).
    pub fn seal(&self, prepared: Vec<u8>) -> Result<Vec<u8>, SealingError> {
        Ok(pades::fill(prepared, |signed| self.cms(signed))?)
    }

    /// A detached CMS (SignedData, SHA-256, RSA) over `bytes`, with the
    /// seal certificate and its chain: what anchors the audit log.
    pub fn sign_detached(&self, bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
        self.cms(bytes)
    }

    /// The detached CMS over `document`.
    fn cms(&self, document: &[u8]) -> anyhow::Result<Vec<u8>> {
        let key = Blinded(SigningKey::<Sha256>::new(self.key.clone()));
        let attributes = vec![signing_certificate_v2(&self.certificate)?];
        super::cms::detached(document, &key, &self.certificate, &self.chain, attributes)
    }
}

/// The provider's key, signing with RSA blinding. rsa 0.9's `Signer` for
/// PKCS #1 v1.5 signs without a random source, so unblinded; the CMS
/// builder asks only `Signer`, so this routes it through the randomized
/// signer (the signature is the same: PKCS #1 v1.5 is deterministic).
struct Blinded(SigningKey<Sha256>);

impl Signer<rsa::pkcs1v15::Signature> for Blinded {
    fn try_sign(&self, msg: &[u8]) -> Result<rsa::pkcs1v15::Signature, rsa::signature::Error> {
        self.0.try_sign_with_rng(&mut rand::rngs::OsRng, msg)
    }
}

impl Keypair for Blinded {
    type VerifyingKey = rsa::pkcs1v15::VerifyingKey<Sha256>;

    fn verifying_key(&self) -> Self::VerifyingKey {
        self.0.verifying_key()
    }
}

impl spki::DynSignatureAlgorithmIdentifier for Blinded {
    fn signature_algorithm_identifier(&self) -> spki::Result<AlgorithmIdentifierOwned> {
        self.0.signature_algorithm_identifier()
    }
}

/// The ESS signing-certificate-v2 attribute naming `cert` by its SHA-256
/// (the default hash, so not written): `SigningCertificateV2 ::= SEQUENCE
/// { certs SEQUENCE OF ESSCertIDv2 }`, `ESSCertIDv2 ::= SEQUENCE {
/// certHash OCTET STRING }`. A SEQUENCE of one element and a SEQUENCE OF
/// one element are the same DER, so nested `Vec`s write it exactly.
fn signing_certificate_v2(cert: &Certificate) -> anyhow::Result<Attribute> {
    let hash = OctetString::new(Sha256::digest(cert.to_der()?).to_vec())?;
    let value = vec![vec![vec![hash]]].to_der()?;
    Ok(Attribute {
        oid: SIGNING_CERTIFICATE_V2,
        values: der::asn1::SetOfVec::try_from(vec![Any::from_der(&value)?])?,
    })
}

/// A seal that holds: what the document states and who signed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub meta: SealMeta,
    pub sealed: Sealed,
}

/// Which signatures a check accepts: the provider's seal certificates
/// (today's and earlier ones, so documents signed before a renewal still
/// check), each as the SHA-256 of its DER.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provider {
    pub certificates: Vec<[u8; 32]>,
}

impl Provider {
    pub fn of<'a>(certificates: impl IntoIterator<Item = &'a Certificate>) -> Self {
        Self {
            certificates: certificates.into_iter().filter_map(fingerprint).collect(),
        }
    }
}

/// SHA-256 of a certificate's DER.
pub fn fingerprint(certificate: &Certificate) -> Option<[u8; 32]> {
    Some(Sha256::digest(certificate.to_der().ok()?).into())
}

/// A file being read for a check, a piece at a time (an upload): kept
/// once, at most [`MAX_FILE_BYTES`], and checked in place (the signature's
/// `/Contents` is taken out of the buffer, which leaves the signed bytes).
/// What many checks at once cost is bounded by how many run at once (see
/// the check page's limits).
#[derive(Default)]
pub struct Upload {
    buf: Vec<u8>,
}

impl Upload {
    pub fn new() -> Self {
        Self {
            buf: Vec::with_capacity(64 * 1024),
        }
    }

    /// How many bytes of the file were read.
    pub fn len(&self) -> usize {
        self.buf.len()
    }

    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    /// How many bytes the buffer holds room for (never more than
    /// [`MAX_FILE_BYTES`]).
    pub fn capacity(&self) -> usize {
        self.buf.capacity()
    }

    /// The next bytes of the file; [`SealError::TooLarge`] once the file
    /// is larger than [`MAX_FILE_BYTES`] (the bytes are then not kept).
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), SealError> {
        let len = self.len().saturating_add(chunk.len());
        if len > MAX_FILE_BYTES {
            return Err(SealError::TooLarge);
        }
        if len > self.buf.capacity() {
            // Grow by doubling, but never past the largest file.
            let target = len
                .max(self.buf.capacity().saturating_mul(2))
                .min(MAX_FILE_BYTES);
            self.buf.reserve_exact(target - self.buf.len());
        }
        self.buf.extend_from_slice(chunk);
        Ok(())
    }

    /// Checks the file's signature with `verifier` at `now`: valid, by a
    /// legal entity's key trusted as citizens' keys are, with one of
    /// `provider`'s seal certificates.
    pub async fn verify(
        mut self,
        verifier: &dyn SignatureVerifier,
        provider: &Provider,
        now: OffsetDateTime,
    ) -> Result<Checked, SealError> {
        let found = pades::find(&self.buf).map_err(|e| match e {
            FindError::Unsigned => SealError::NotSealed,
            FindError::NotWhole => SealError::Altered,
        })?;
        // What it states is read before the check takes the bytes, and
        // trusted only once the check holds.
        let meta = pades::meta(&self.buf, found.byte_range_at).and_then(SealMeta::decode);
        self.buf.drain(found.gap);
        let accepted = provider.certificates.clone();
        verifier
            .verify_seal(found.cms, self.buf, accepted, now)
            .await
            .map(|sealed| meta.map(|meta| Checked { meta, sealed }))?
            .ok_or(SealError::NotSealed)
    }
}

/// Signs a blank page with `sealer` and checks it as any document is
/// checked at `now`: whether the seal's own certificate passes (trusted,
/// valid, not revoked, a legal entity's signing key). Run at start, so a
/// certificate that every check would refuse issues nothing.
pub async fn self_check(
    sealer: &Sealer,
    verifier: &dyn SignatureVerifier,
    now: OffsetDateTime,
) -> Result<(), SealError> {
    let meta = SealMeta {
        request_id: "self-check".into(),
        issued_at: now.replace_nanosecond(0).unwrap_or(now),
        outcome: "bound".into(),
        ground: None,
    };
    let meta = meta
        .encode()
        .map_err(|e| SealError::Untrusted(e.to_string()))?;
    let file = sealer
        .seal(pades::blank(&meta))
        .map_err(|e| SealError::Untrusted(e.to_string()))?;
    let provider = Provider::of([sealer.certificate()]);
    verify(&file, verifier, &provider, now).await.map(|_| ())
}

/// Checks `file`'s seal (see [`Upload::verify`]).
pub async fn verify(
    file: &[u8],
    verifier: &dyn SignatureVerifier,
    provider: &Provider,
    now: OffsetDateTime,
) -> Result<Checked, SealError> {
    if file.len() > MAX_FILE_BYTES {
        return Err(SealError::TooLarge);
    }
    let mut upload = Upload::new();
    upload.push(file)?;
    upload.verify(verifier, provider, now).await
}
