//! Ports to systems outside Nomir (SPEC §6). Each has an embedded default
//! in `crate::adapters`; real adapters plug in behind the same traits.

use async_trait::async_trait;

use super::records::{IdentityRecord, Subscriber};
use crate::domain::{Iin, Msisdn};

/// A failure to reach an outside system; the request can be retried.
#[derive(Debug, thiserror::Error)]
#[error("{system} is unavailable: {reason}")]
pub struct Unavailable {
    pub system: &'static str,
    pub reason: String,
}

/// Sends text messages to subscribers (SMPP or HTTP in production).
#[async_trait]
pub trait SmsGateway: Send + Sync {
    async fn send(&self, to: &Msisdn, text: &str) -> Result<(), Unavailable>;
}

/// The mobile operators' registries: who a number is registered to.
#[async_trait]
pub trait OperatorRegistry: Send + Sync {
    async fn subscriber(&self, msisdn: &Msisdn) -> Result<Option<Subscriber>, Unavailable>;
}

/// The identity register behind the e-government gateway.
#[async_trait]
pub trait IdentityRegister: Send + Sync {
    async fn person(&self, iin: &Iin) -> Result<Option<IdentityRecord>, Unavailable>;
}

/// Who signed a document, as the verified certificate says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    pub iin: Iin,
    pub common_name: String,
    pub certificate_serial: String,
}

/// Why a signature is not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("the signature is not a valid CMS structure: {0}")]
    Malformed(String),
    #[error("the signature does not cover this request's document")]
    ContentMismatch,
    #[error("the signature value does not verify")]
    BadSignature,
    #[error("the signer certificate does not chain to a trusted root")]
    UntrustedChain,
    #[error("the signer certificate is not valid at this time")]
    CertificateNotValidNow,
    #[error("the certificate is not an individual's signing certificate")]
    NotASigningCertificate,
    #[error("the certificate names no IIN")]
    NoIin,
    #[error("the signature algorithm is not supported: {0}")]
    UnsupportedAlgorithm(String),
}

/// Verifies CMS signatures made with NCALayer (or the demo signer).
pub trait SignatureVerifier: Send + Sync {
    /// Checks that `cms_der` is a valid signature over `document` by a
    /// certificate valid at `at` that chains to a trusted root.
    fn verify(
        &self,
        cms_der: &[u8],
        document: &[u8],
        at: time::OffsetDateTime,
    ) -> Result<Signer, SignatureError>;
}

/// Why a biometric assertion could not be read as a provider's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssertionError {
    #[error("the assertion is not a compact JWS with the expected claims: {0}")]
    Malformed(String),
    #[error("the assertion names no configured provider key")]
    UnknownProvider,
    #[error("the assertion's signature does not verify")]
    BadSignature,
    #[error("no biometric provider is configured")]
    NotConfigured,
}

/// Reads biometric assertions (compact JWS) from the configured providers.
pub trait BiometricVerifier: Send + Sync {
    /// Checks the signature with the provider key its `kid` names; returns
    /// what the assertion says. Whether that suffices is the domain's
    /// (`domain::biometrics::judge`).
    fn verify(&self, jws: &str) -> Result<crate::domain::biometrics::Assertion, AssertionError>;
    /// The least similarity score accepted.
    fn threshold(&self) -> f64;
}
