//! Revocation checking for end-entity certificates: OCSP (RFC 6960) first, CRLs (RFC 5280,
//! with delta CRLs) as the fallback.
//!
//! Policy of [`Revocation::status`]:
//! 1. When an OCSP responder is configured, ask it (POST `application/ocsp-request`, SHA-1 CertID,
//!    random nonce). A *good* or *revoked* answer is final; it is cached until its `nextUpdate`,
//!    or for 5 minutes when it has none. What is checked in a response is listed in `ocsp.rs`.
//! 2. When OCSP is not configured or cannot answer (unreachable, HTTP error, non-successful
//!    status, invalid response, *unknown*), use the newest current full CRL of the issuer found in
//!    the configured files/URLs (and, if enabled, the leaf's CRL distribution points), merged with
//!    the newest matching delta CRL. What is checked in a CRL is listed in `crl.rs`.
//! 3. If neither source answers, the result is an error, never `Good`:
//!    [`RevocationError::Unknown`] when OCSP said *unknown*, [`RevocationError::BadResponse`] when
//!    the OCSP response was received but failed validation, else [`RevocationError::Unavailable`].
//!
//! Not supported (documented limitations): indirect CRLs, CRLs partitioned by reason
//! (`onlySomeReasons`), v1 CRLs (no version field; `x509-cert` 0.2 cannot decode them),
//! OCSP responder certificates are not themselves checked for revocation (as if they all carried
//! `id-pkix-ocsp-nocheck`), and only the configured OCSP URL is used (not the leaf's AIA).

mod crl;
mod ocsp;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use const_oid::ObjectIdentifier;
use der::{Decode, Header, Reader, SliceReader};
use time::OffsetDateTime;
use tokio::sync::Mutex;
use x509_cert::ext::pkix::CrlReason;
use x509_cert::Certificate;

/// Largest OCSP response body accepted.
pub const MAX_OCSP_RESPONSE: usize = 1 << 20;
/// Largest CRL accepted (file or download).
pub const MAX_CRL_SIZE: usize = 20 << 20;

pub(crate) const OID_SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.14.3.2.26");
pub(crate) const OID_SHA256: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");

/// Checks a signature made by `issuer`'s key over `tbs` (the DER of the signed part) with
/// `algorithm`. Supplied by the verifier (it knows RSA, ECDSA P-256, GOST).
/// `AnyAlgorithm` (in `revocation_sources`) is the verifier's, for every algorithm it accepts.
pub trait SignatureCheck: Send + Sync {
    fn verify(
        &self,
        issuer: &Certificate,
        algorithm: &spki::AlgorithmIdentifierOwned,
        tbs: &[u8],
        signature: &[u8],
    ) -> bool;
}

/// Where revocation information comes from.
#[derive(Clone, Debug)]
pub struct RevocationConfig {
    /// CRLs (DER or PEM) loaded from disk, re-read when the loaded copy is past its nextUpdate.
    pub crl_files: Vec<PathBuf>,
    /// CRLs fetched over HTTP(S), cached in memory until their nextUpdate.
    pub crl_urls: Vec<String>,
    /// CRLs given as bytes (DER or PEM): the demo CA's, built into the binary.
    pub crl_bytes: Vec<Vec<u8>>,
    /// Also fetch the leaf's CRL distribution point and freshest-CRL (delta) http/https URLs.
    pub use_distribution_points: bool,
    /// The configured OCSP responder (RFC 6960, POST).
    pub ocsp_url: Option<String>,
    /// Timeout of one HTTP exchange (connect + response body).
    pub timeout: Duration,
}

impl Default for RevocationConfig {
    fn default() -> Self {
        Self {
            crl_files: Vec::new(),
            crl_urls: Vec::new(),
            crl_bytes: Vec::new(),
            use_distribution_points: false,
            ocsp_url: None,
            timeout: Duration::from_secs(10),
        }
    }
}

/// The revocation status of a certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    Good,
    /// `reason` is the RFC 5280 CRLReason name (e.g. `keyCompromise`) when one was given.
    Revoked {
        at: OffsetDateTime,
        reason: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RevocationError {
    /// Neither OCSP nor a CRL could answer; the text says why for each source.
    #[error("revocation status unavailable: {0}")]
    Unavailable(String),
    /// The OCSP responder answered "unknown" and no CRL covers the certificate.
    #[error("OCSP responder does not know the certificate and no CRL covers it")]
    Unknown,
    /// The OCSP response failed validation (signature, nonce, CertID, times) and no CRL answered.
    #[error("invalid revocation response: {0}")]
    BadResponse(String),
}

/// Revocation checker: holds the OCSP answer cache, the CRL cache and an HTTP client.
pub struct Revocation {
    config: RevocationConfig,
    checker: Arc<dyn SignatureCheck>,
    http: reqwest::Client,
    ocsp_cache: Mutex<ocsp::OcspCache>,
    crl_cache: Mutex<crl::CrlCache>,
}

impl Revocation {
    pub fn new(config: RevocationConfig, checker: Arc<dyn SignatureCheck>) -> Self {
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout)
            .build()
            .unwrap_or_else(|_| reqwest::Client::new());
        Self {
            config,
            checker,
            http,
            ocsp_cache: Mutex::new(ocsp::OcspCache::default()),
            crl_cache: Mutex::new(crl::CrlCache::default()),
        }
    }

    /// The revocation status of `cert` (issued by `issuer`) at `now`. See the module docs.
    pub async fn status(
        &self,
        cert: &Certificate,
        issuer: &Certificate,
        now: OffsetDateTime,
    ) -> Result<Status, RevocationError> {
        let mut notes = Vec::new();
        let mut unknown = false;
        let mut bad = None;
        if let Some(url) = &self.config.ocsp_url {
            match ocsp::check(self, url, cert, issuer, now).await {
                Ok(ocsp::Answer::Known(status)) => return Ok(status),
                Ok(ocsp::Answer::Unknown) => unknown = true,
                Err(ocsp::Failure::Unreachable(e)) => notes.push(format!("OCSP: {e}")),
                Err(ocsp::Failure::Bad(e)) => bad = Some(format!("OCSP: {e}")),
            }
        } else {
            notes.push("OCSP: not configured".into());
        }
        let crl_result = {
            let mut cache = self.crl_cache.lock().await;
            cache.status(self, cert, issuer, now).await
        };
        match crl_result {
            Ok(status) => Ok(status),
            Err(_) if unknown => Err(RevocationError::Unknown),
            Err(crl_note) => match bad {
                Some(bad) => Err(RevocationError::BadResponse(format!(
                    "{bad}; CRL: {crl_note}"
                ))),
                None => {
                    notes.push(format!("CRL: {crl_note}"));
                    Err(RevocationError::Unavailable(notes.join("; ")))
                }
            },
        }
    }

    /// For benchmarks: whether a cached OCSP answer for `cert` is usable at `now`.
    pub async fn has_cached_ocsp(
        &self,
        cert: &Certificate,
        issuer: &Certificate,
        now: OffsetDateTime,
    ) -> bool {
        match ocsp::cache_key(cert, issuer) {
            Ok(key) => self.ocsp_cache.lock().await.get(&key, now).is_some(),
            Err(_) => false,
        }
    }

    /// Drops every cached OCSP answer and every cached CRL.
    pub async fn clear_cache(&self) {
        self.ocsp_cache.lock().await.clear();
        self.crl_cache.lock().await.clear();
    }
}

/// GET or POST with the configured timeout; the body must be 2xx and at most `limit` bytes.
pub(crate) async fn http_fetch(
    request: reqwest::RequestBuilder,
    limit: usize,
) -> Result<Vec<u8>, String> {
    let mut response = request
        .send()
        .await
        .map_err(|e| format!("request failed: {e}"))?;
    if !response.status().is_success() {
        return Err(format!("HTTP status {}", response.status()));
    }
    if response.content_length().is_some_and(|n| n > limit as u64) {
        return Err(format!("response larger than {limit} bytes"));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| format!("read failed: {e}"))?
    {
        if body.len() + chunk.len() > limit {
            return Err(format!("response larger than {limit} bytes"));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// The raw DER of each element inside the outermost TLV of `der` (used to get the exact signed
/// bytes of a SEQUENCE { tbs, algorithm, signature }, without re-encoding).
pub(crate) fn der_children(der: &[u8]) -> Result<Vec<&[u8]>, der::Error> {
    let mut reader = SliceReader::new(der)?;
    let header = Header::decode(&mut reader)?;
    let mut out = Vec::new();
    reader.read_nested(header.length, |inner| {
        while !inner.is_finished() {
            out.push(inner.tlv_bytes()?);
        }
        Ok(())
    })?;
    reader.finish(out)
}

/// Seconds since the epoch (from `x509-cert`/`der` times) as an `OffsetDateTime`.
pub(crate) fn to_time(since_epoch: Duration) -> Option<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp(i64::try_from(since_epoch.as_secs()).ok()?).ok()
}

/// RFC 5280 name of a CRLReason.
pub(crate) fn reason_name(reason: CrlReason) -> String {
    match reason {
        CrlReason::Unspecified => "unspecified",
        CrlReason::KeyCompromise => "keyCompromise",
        CrlReason::CaCompromise => "cACompromise",
        CrlReason::AffiliationChanged => "affiliationChanged",
        CrlReason::Superseded => "superseded",
        CrlReason::CessationOfOperation => "cessationOfOperation",
        CrlReason::CertificateHold => "certificateHold",
        CrlReason::RemoveFromCRL => "removeFromCRL",
        CrlReason::PrivilegeWithdrawn => "privilegeWithdrawn",
        CrlReason::AaCompromise => "aACompromise",
    }
    .to_string()
}
