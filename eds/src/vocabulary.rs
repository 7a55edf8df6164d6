//! What the verifier answers: which of a citizen's keys, who signed, why a
//! signature is refused (each reason with a stable code), and the
//! asynchronous trait a service verifies through.

use async_trait::async_trait;
use nomir_core::domain::Iin;

/// Which of a citizen's two NCA keys a signature must come from: the
/// signing key (RSA or GOST "SIGN") certifies requests, the authentication
/// key ("AUTH") signs sign-in challenges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumString, strum::IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum KeyPurpose {
    Sign,
    Auth,
}

/// Who signed a document, as the verified certificate says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    pub iin: Iin,
    pub common_name: String,
    /// The certificate's serial number, hex.
    pub certificate_serial: String,
    /// The signature algorithm, e.g. `RSA-SHA256`, `ECDSA-P256-SHA256`, `GOST-2015-512`.
    pub algorithm: String,
}

/// Which organisation sealed a document, as the verified certificate says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    /// The organisation's BIN (the certificate's `OU=BIN…`).
    pub bin: String,
    /// The organisation's name (O).
    pub organisation: String,
    /// The key holder (CN): for a seal, the person it was issued to.
    pub common_name: String,
    /// The certificate's serial number, hex.
    pub certificate_serial: String,
    pub algorithm: String,
    /// The signing time the signature claims, if it does.
    pub signed_at: Option<time::OffsetDateTime>,
}

/// Why a signature is not accepted. Each names its reason; `code` is the
/// stable key the audit log, the API and the pages use.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("the signature is not a valid CMS structure: {0}")]
    Malformed(String),
    #[error("the signature is larger than {0} bytes")]
    TooLarge(usize),
    #[error("the signature does not cover this request's document")]
    ContentMismatch,
    #[error("the signature value does not verify")]
    BadSignature,
    #[error("the signer certificate does not chain to a trusted root")]
    UntrustedChain,
    #[error("a certificate in the chain is not a certification authority")]
    NotACertificationAuthority,
    #[error("the signer certificate is a certification authority's")]
    LeafIsCa,
    #[error("the signer certificate is not valid yet")]
    NotYetValid,
    #[error("the signer certificate has expired")]
    Expired,
    #[error("the signer certificate has an unknown critical extension {0}")]
    UnknownCriticalExtension(String),
    #[error("this is not the {expected:?} key; choose the other key")]
    WrongKey { expected: KeyPurpose },
    #[error("the certificate is a legal entity's; an individual's key is required")]
    LegalEntity,
    #[error("the certificate is an individual's; an organisation's seal is required")]
    NotAnOrganisation,
    #[error("the certificate is not one of the seal certificates accepted")]
    NotAcceptedSeal,
    #[error("the certificate names no IIN")]
    NoIin,
    #[error("the signature algorithm is not supported: {0}")]
    UnsupportedAlgorithm(String),
    #[error("the signer certificate was revoked at {0}")]
    Revoked(time::OffsetDateTime),
    #[error("the certificate's revocation status cannot be checked now: {0}")]
    RevocationUnavailable(String),
    #[error("the revocation service does not know the certificate")]
    RevocationUnknown,
    /// The verifier is saturated or the check ran out of time: nothing is
    /// known about the signature; try again later.
    #[error("the signature cannot be checked now: {0}")]
    CheckUnavailable(String),
}

impl SignatureError {
    /// The stable code of the reason.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Malformed(_) => "malformed",
            Self::TooLarge(_) => "too_large",
            Self::ContentMismatch => "content_mismatch",
            Self::BadSignature => "bad_signature",
            Self::UntrustedChain => "untrusted_chain",
            Self::NotACertificationAuthority => "not_a_ca",
            Self::LeafIsCa => "leaf_is_ca",
            Self::NotYetValid => "not_yet_valid",
            Self::Expired => "expired",
            Self::UnknownCriticalExtension(_) => "unknown_critical_extension",
            Self::WrongKey {
                expected: KeyPurpose::Sign,
            } => "wrong_key_sign_expected",
            Self::WrongKey {
                expected: KeyPurpose::Auth,
            } => "wrong_key_auth_expected",
            Self::LegalEntity => "legal_entity",
            Self::NotAnOrganisation => "not_an_organisation",
            Self::NotAcceptedSeal => "not_accepted_seal",
            Self::NoIin => "no_iin",
            Self::UnsupportedAlgorithm(_) => "unsupported_algorithm",
            Self::Revoked(_) => "revoked",
            Self::RevocationUnavailable(_) => "revocation_unavailable",
            Self::RevocationUnknown => "revocation_unknown",
            Self::CheckUnavailable(_) => "check_unavailable",
        }
    }

    /// Whether the citizen can simply try again (another key, a moment
    /// later) rather than the signature counting against the request.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            Self::WrongKey { .. }
                | Self::LegalEntity
                | Self::RevocationUnavailable(_)
                | Self::CheckUnavailable(_)
        )
    }
}

/// Verifies CMS signatures made with NCALayer (or the demo signer).
/// Asynchronous: revocation is asked of CRL and OCSP services.
#[async_trait]
pub trait SignatureVerifier: Send + Sync {
    /// Checks that `cms` (DER, PEM or base64) is a valid signature over
    /// exactly `document` by the `purpose` key of an individual whose
    /// certificate chains to a trusted root, is valid at `at` and is not revoked.
    async fn verify(
        &self,
        cms: &[u8],
        document: &[u8],
        purpose: KeyPurpose,
        at: time::OffsetDateTime,
    ) -> Result<Signer, SignatureError>;

    /// Checks that `cms` is a valid detached signature over exactly
    /// `document` by a legal entity's signing key whose certificate chains
    /// to a trusted root, is valid at `at` and is not revoked, and is one
    /// of the `accepted` certificates (SHA-256 of their DER): a seal.
    /// The document is given, not lent: it may be megabytes, and a check
    /// may run on another thread, which then takes it without a copy.
    async fn verify_seal(
        &self,
        cms: Vec<u8>,
        document: Vec<u8>,
        accepted: Vec<[u8; 32]>,
        at: time::OffsetDateTime,
    ) -> Result<Sealed, SignatureError>;
}
