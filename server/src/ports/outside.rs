//! Ports to systems outside Nomir (SPEC §6). Each has an embedded default
//! in `crate::adapters`; real adapters plug in behind the same traits.

use async_trait::async_trait;

use super::records::IdentityRecord;
use crate::domain::{Iin, Msisdn};

/// A failure to reach an outside system; the request can be retried.
#[derive(Debug, thiserror::Error)]
#[error("{system} is unavailable: {reason}")]
pub struct Unavailable {
    pub system: &'static str,
    pub reason: String,
}

/// Why a gateway did not take a message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendFailure {
    /// It may work later (no answer, a 5xx): the outbox tries again.
    #[error("the SMS gateway did not take the message, for now: {0}")]
    Passing(String),
    /// It never will (the gateway refused it).
    #[error("the SMS gateway refused the message: {0}")]
    Final(String),
}

/// Hands text messages to the network (an SMSC over SMPP, an aggregator's
/// HTTP gateway; in demo mode the demo phone). Called by the outbox's
/// delivery only.
#[async_trait]
pub trait SmsGateway: Send + Sync {
    /// Sends `text` to `to`; `id` is the message's own, the same on every
    /// try, so a gateway can drop a repeat. Answers the gateway's own
    /// references for what it took (an SMSC's message id per part, which
    /// its delivery receipts name), or none.
    async fn send(&self, id: &str, to: &Msisdn, text: &str) -> Result<Vec<String>, SendFailure>;

    /// Whether its session is bound, for gateways that hold one (SMPP).
    fn bound(&self) -> Option<bool> {
        None
    }
}

/// What a number's operator says of it and one person (CAMARA KYC Match).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attribution {
    /// The operator's records attribute the number to the person.
    Theirs { operator: String },
    /// They do not: another subscriber's, or no subscriber's.
    NotTheirs,
}

/// The mobile operators: whose a number is, and when its SIM last changed.
/// An operator that cannot answer for sure is [`Unavailable`], never
/// [`Attribution::NotTheirs`]: a citizen is never refused on a guess.
#[async_trait]
pub trait OperatorRegistry: Send + Sync {
    /// Does the operator attribute `msisdn` to the person with `iin`?
    async fn attribution(&self, msisdn: &Msisdn, iin: &Iin) -> Result<Attribution, Unavailable>;
    /// When the number's SIM card last changed, if the operator knows of
    /// a change (CAMARA SIM Swap).
    async fn latest_sim_change(
        &self,
        msisdn: &Msisdn,
    ) -> Result<Option<time::OffsetDateTime>, Unavailable>;
}

/// The identity register behind the e-government gateway.
#[async_trait]
pub trait IdentityRegister: Send + Sync {
    async fn person(&self, iin: &Iin) -> Result<Option<IdentityRecord>, Unavailable>;
}

// The signature's vocabulary (which key, who signed, why refused) and the
// verifier's trait belong to the signature crate; the services use them as ports.
pub use kz_eds::{KeyPurpose, Sealed, SignatureError, SignatureVerifier, Signer};

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

/// What the citizen asks a certificate for (Rules §6.1: "by issuing new
/// ones"): the public key from a verified request, and who it is for, as
/// the identity register names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateOrder {
    pub iin: Iin,
    /// The person's name as the register holds it (Cyrillic).
    pub name: String,
    /// The key's SubjectPublicKeyInfo, DER.
    pub public_key: Vec<u8>,
    /// Authentication (sign-in) or signing.
    pub purpose: KeyPurpose,
}

/// The certification authority that issues citizens' certificates (the
/// NCA's; in demo mode a demo NCA over the demo CA).
#[async_trait]
pub trait CertificateIssuer: Send + Sync {
    /// The certificate issued, DER.
    async fn issue(&self, order: &CertificateOrder) -> Result<Vec<u8>, Unavailable>;
}
