//! What the verifier asks about revocation: is this certificate, issued by
//! that one, revoked now? Answered by CRLs and OCSP (`revocation`).

use async_trait::async_trait;
use time::OffsetDateTime;
use x509_cert::Certificate;

use crate::SignatureError;

#[async_trait]
pub trait RevocationCheck: Send + Sync {
    /// `Ok` only when a source answered that `cert` is not revoked.
    async fn check(
        &self,
        cert: &Certificate,
        issuer: &Certificate,
        now: OffsetDateTime,
    ) -> Result<(), SignatureError>;
}

/// No CRL and no OCSP responder configured: nothing can be confirmed, so
/// every signature is refused with that reason, never accepted silently.
pub struct NoRevocationSource;

#[async_trait]
impl RevocationCheck for NoRevocationSource {
    async fn check(
        &self,
        _cert: &Certificate,
        _issuer: &Certificate,
        _now: OffsetDateTime,
    ) -> Result<(), SignatureError> {
        Err(SignatureError::RevocationUnavailable(
            "no CRL and no OCSP responder is configured".into(),
        ))
    }
}
