//! The revocation sources the service or `nomir eds verify` is given,
//! answering the verifier's `RevocationCheck` with `revocation::Revocation`
//! (OCSP first, then CRLs). CRLs and OCSP responses are checked with the
//! same signature algorithms as certificates.

use std::sync::Arc;

use async_trait::async_trait;
use time::OffsetDateTime;
use x509_cert::Certificate;

use super::revocation::{Revocation, RevocationConfig, RevocationError, SignatureCheck, Status};
use super::revocation_port::{NoRevocationSource, RevocationCheck};
use crate::SignatureError;

/// What to ask: CRL files or URLs, an OCSP responder, and CRLs given as
/// bytes (Nomir's demo mode builds its demo CA's CRL into the binary).
#[derive(Debug, Clone, Default)]
pub struct RevocationSources {
    pub crls: Vec<String>,
    pub ocsp_url: Option<String>,
    pub crl_bytes: Vec<Vec<u8>>,
}

/// Verifies CRL and OCSP signatures with the issuer's key, any algorithm
/// the verifier knows.
pub struct AnyAlgorithm;

impl SignatureCheck for AnyAlgorithm {
    fn verify(
        &self,
        issuer: &Certificate,
        algorithm: &spki::AlgorithmIdentifierOwned,
        tbs: &[u8],
        signature: &[u8],
    ) -> bool {
        super::check_signature(issuer, algorithm, tbs, signature)
    }
}

struct Checked(Revocation);

#[async_trait]
impl RevocationCheck for Checked {
    async fn check(
        &self,
        cert: &Certificate,
        issuer: &Certificate,
        now: OffsetDateTime,
    ) -> Result<(), SignatureError> {
        match self.0.status(cert, issuer, now).await {
            Ok(Status::Good) => Ok(()),
            Ok(Status::Revoked { at, .. }) => Err(SignatureError::Revoked(at)),
            Err(RevocationError::Unknown) => Err(SignatureError::RevocationUnknown),
            Err(RevocationError::Unavailable(why)) => {
                Err(SignatureError::RevocationUnavailable(why))
            }
            Err(RevocationError::BadResponse(why)) => Err(SignatureError::RevocationUnavailable(
                format!("an invalid answer: {why}"),
            )),
        }
    }
}

/// The checker for `sources`; with none, one that refuses every signature
/// as unverifiable.
pub fn revocation_sources(sources: RevocationSources) -> anyhow::Result<Arc<dyn RevocationCheck>> {
    if sources.crls.is_empty() && sources.ocsp_url.is_none() && sources.crl_bytes.is_empty() {
        tracing::warn!(
            "no CRL and no OCSP responder is configured: every signature will be refused"
        );
        return Ok(Arc::new(NoRevocationSource));
    }
    let mut config = RevocationConfig::default();
    for source in sources.crls {
        if source.starts_with("http://") || source.starts_with("https://") {
            config.crl_urls.push(source);
        } else {
            let path = std::path::PathBuf::from(&source);
            anyhow::ensure!(path.is_file(), "the CRL file {source} cannot be read");
            config.crl_files.push(path);
        }
    }
    config.crl_bytes.extend(sources.crl_bytes);
    config.ocsp_url = sources.ocsp_url;
    Ok(Arc::new(Checked(Revocation::new(
        config,
        Arc::new(AnyAlgorithm),
    ))))
}
