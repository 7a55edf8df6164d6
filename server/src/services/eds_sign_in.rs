//! Signing in to the portal with an electronic signature (Rules §5.1; the
//! real portal's main way in): the server issues a one-time challenge, the
//! citizen's authentication (AUTH) key signs it through NCALayer, the
//! verifier checks it, and a session starts. A first sign-in creates the
//! account from the identity register once it confirms the person named by
//! the certificate's IIN.

use rand::RngCore;
use time::Duration;

use super::{audit, session, Ports, Unexpected};
use crate::domain::IdentityStatus;
use crate::ports::{Account, KeyPurpose, SignatureError};

/// How long a challenge may wait for its signature.
pub const CHALLENGE_LIFETIME: Duration = Duration::minutes(5);

/// The password hash of an account made by EDS sign-in: no PHC string, so
/// no password ever matches it.
pub const NO_PASSWORD: &str = "!eds-only";

#[derive(Debug, thiserror::Error)]
pub enum EdsSignInError {
    /// Unknown, used already or expired: the page gets a new one.
    #[error("the challenge cannot be used")]
    ChallengeUnusable,
    #[error("the signature is not accepted: {0}")]
    Signature(SignatureError),
    /// The identity register has no living person with a valid document
    /// under the certificate's IIN.
    #[error("the identity register does not confirm the person")]
    NotConfirmed,
    #[error("the identity register is unavailable")]
    Unavailable,
    #[error(transparent)]
    Unexpected(#[from] Unexpected),
}

impl From<crate::ports::StoreError> for EdsSignInError {
    fn from(e: crate::ports::StoreError) -> Self {
        Self::Unexpected(e.into())
    }
}

/// A new challenge: its id (for the form) and the text to sign.
pub async fn new_challenge(ports: &Ports) -> Result<(String, String), Unexpected> {
    let mut random = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut random);
    let id = uuid::Uuid::new_v4().to_string();
    let now = ports.clock.now();
    let text = format!(
        "nomir-portal-sign-in/1\nchallenge: {id}\nnonce: {}\n",
        hex::encode(random)
    );
    ports
        .sessions
        .insert_portal_challenge(&id, &text, now, now + CHALLENGE_LIFETIME)
        .await?;
    Ok((id, text))
}

/// Verifies the CMS over the challenge and starts a session; returns its token.
pub async fn sign_in(
    ports: &Ports,
    challenge_id: &str,
    cms: &[u8],
) -> Result<String, EdsSignInError> {
    let now = ports.clock.now();
    let text = ports
        .sessions
        .portal_challenge(challenge_id, now)
        .await?
        .ok_or(EdsSignInError::ChallengeUnusable)?;
    let signer = ports
        .signatures
        .verify(cms, text.as_bytes(), KeyPurpose::Auth, now)
        .await
        .map_err(|e| {
            tracing::info!(reason = e.code(), "EDS sign-in refused");
            EdsSignInError::Signature(e)
        })?;
    // Used once: of parallel submissions of one signature, one goes on.
    if !ports
        .sessions
        .use_portal_challenge(challenge_id, now)
        .await?
    {
        return Err(EdsSignInError::ChallengeUnusable);
    }
    let iin = signer.iin;
    if ports.accounts.account(&iin).await?.is_none() {
        let person = ports.identity.person(&iin).await.map_err(|e| {
            tracing::error!(error = %e, "identity register unavailable");
            EdsSignInError::Unavailable
        })?;
        let Some(person) = person.filter(|p| p.status == IdentityStatus::Valid) else {
            return Err(EdsSignInError::NotConfirmed);
        };
        let account = Account {
            iin: iin.clone(),
            name_cyrillic: person.name_cyrillic,
            name_latin: person.name_latin,
            password_hash: NO_PASSWORD.to_owned(),
        };
        if ports
            .accounts
            .insert_account_if_missing(&account, now)
            .await?
        {
            let detail = format!("by=eds certificate={}", signer.certificate_serial);
            ports
                .audit
                .append(&audit::entry(ports, &iin, "account_created", detail))
                .await?;
        }
    }
    let token = session::start(ports, &iin).await?;
    let detail = format!(
        "method=eds certificate={} algorithm={}",
        signer.certificate_serial, signer.algorithm
    );
    ports
        .audit
        .append(&audit::entry(ports, &iin, "sign_in", detail))
        .await?;
    Ok(token)
}
