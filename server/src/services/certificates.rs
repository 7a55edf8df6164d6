//! Rules §6.1 in the app: sign in "using existing EDS certificates or by
//! issuing new ones". A citizen without a certificate has one issued: the
//! app sends a certificate request (PKCS#10) with the citizen's biometric
//! assertion, whose nonce is the app's sign-in challenge; the issuing
//! authority returns the certificate, which then signs that challenge.
//!
//! The cheap checks come first (the challenge is the client's and open,
//! the assertion is the provider's, for this citizen and this challenge),
//! then one conditional update claims the challenge's one issuance, then
//! the request's self-signature and the identity register; only then is
//! the authority asked. A refused assertion issues nothing.

use super::uses::{
    UsesAccounts, UsesAppSignIn, UsesAudit, UsesBiometrics, UsesClock, UsesIdentity, UsesIssuer,
};
use super::{audit, Unexpected};
use crate::domain::api_client::ClientId;
use crate::domain::audit::AuditAction;
use crate::domain::biometrics::{judge, BiometricFailure};
use crate::domain::{IdentityStatus, Iin};
use crate::ports::{AssertionError, CertificateOrder, KeyPurpose, SignatureError};

#[derive(Debug, thiserror::Error)]
pub enum CertificateError {
    /// Unknown, another client's, used, expired, or spent on an issuance.
    #[error("the challenge cannot be used")]
    ChallengeUnusable,
    #[error("biometric authentication failed: {0}")]
    Biometrics(String),
    /// The certificate request is malformed, or its self-signature does
    /// not verify, or its algorithm is not accepted.
    #[error("the certificate request is not valid: {0}")]
    RequestInvalid(SignatureError),
    /// The identity register does not confirm a living person with a
    /// valid identity document.
    #[error("the identity register does not confirm the person")]
    NotConfirmed,
    /// The citizen has no e-government account.
    #[error("no account")]
    NoAccount,
    /// The register or the issuing authority cannot be reached.
    #[error("unavailable: {0}")]
    Unavailable(String),
    #[error(transparent)]
    Unexpected(#[from] Unexpected),
}

impl From<crate::ports::StoreError> for CertificateError {
    fn from(e: crate::ports::StoreError) -> Self {
        Self::Unexpected(e.into())
    }
}

/// What the app asks for.
pub struct CertificateAsk<'a> {
    pub client: &'a ClientId,
    /// The app's sign-in challenge; its id is the assertion's nonce.
    pub challenge_id: &'a str,
    pub iin: &'a Iin,
    pub assertion: &'a str,
    /// The certificate request, DER.
    pub request: &'a [u8],
}

/// Issues an authentication certificate for the request's key to the
/// citizen the biometrics authenticated; the certificate, DER.
pub async fn issue_in_app(
    ports: &(impl UsesAppSignIn
          + UsesBiometrics
          + UsesAccounts
          + UsesIdentity
          + UsesIssuer
          + UsesAudit
          + UsesClock),
    ask: CertificateAsk<'_>,
) -> Result<Vec<u8>, CertificateError> {
    let now = ports.clock().now();
    let challenge = ports
        .app_sign_in()
        .challenge(ask.challenge_id)
        .await?
        .filter(|c| &c.client_id == ask.client && c.used_at.is_none() && c.expires_at > now)
        .ok_or(CertificateError::ChallengeUnusable)?;
    let refused = |why: String| {
        tracing::info!(reason = %why, "certificate in the app: biometrics refused");
        CertificateError::Biometrics(why)
    };
    let assertion = ports
        .biometrics()
        .verify(ask.assertion)
        .map_err(|e| match e {
            AssertionError::NotConfigured => CertificateError::Unavailable(e.to_string()),
            e => refused(e.to_string()),
        })?;
    judge(
        &assertion,
        ask.iin,
        &challenge.id,
        now,
        ports.biometrics().threshold(),
    )
    .map_err(|e: BiometricFailure| refused(e.to_string()))?;
    // One issuance per challenge, whatever arrives together.
    if !ports
        .app_sign_in()
        .claim_for_certificate(&challenge.id, ask.client, now)
        .await?
    {
        return Err(CertificateError::ChallengeUnusable);
    }
    let key = kz_eds::csr::verified_key(ask.request).map_err(CertificateError::RequestInvalid)?;
    if ports.accounts().account(ask.iin).await?.is_none() {
        return Err(CertificateError::NoAccount);
    }
    let person = ports
        .identity()
        .person(ask.iin)
        .await
        .map_err(|e| CertificateError::Unavailable(e.to_string()))?
        .filter(|p| p.status == IdentityStatus::Valid)
        .ok_or(CertificateError::NotConfirmed)?;
    let public_key = der::Encode::to_der(&key).map_err(|e| Unexpected(e.into()))?;
    let order = CertificateOrder {
        iin: ask.iin.clone(),
        name: person.name_cyrillic,
        public_key,
        purpose: KeyPurpose::Auth,
    };
    let certificate = ports.issuer().issue(&order).await.map_err(|e| {
        tracing::error!(error = %e, "certificate issuer unavailable");
        CertificateError::Unavailable(e.to_string())
    })?;
    let detail = format!(
        "client={} challenge={} purpose=auth",
        ask.client, challenge.id
    );
    ports
        .audit()
        .append(&audit::entry(
            ports,
            ask.iin,
            AuditAction::CertificateIssued,
            detail,
        ))
        .await?;
    Ok(certificate)
}
