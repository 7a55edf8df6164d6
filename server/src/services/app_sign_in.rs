//! A citizen signs in to an API client's app with EDS (Rules §6.1): the
//! app asks for a one-time challenge, the citizen's key signs it (a CMS,
//! checked by the same verifier as the portal's signatures), and the
//! citizen gets a session with that app, which its later calls carry.
//! A challenge is spent by any attempt (claimed before the signature is
//! checked), and each source may ask for at most
//! [`super::flood::CHALLENGES_PER_MINUTE`] a minute. A client's own
//! challenges are bounded by its calls a minute, as all its calls are: a
//! fixed 30 a minute for the whole app (as before) held a national app's
//! sign-ins to one every two seconds, measured by `nomir load`.

use rand::RngCore;
use time::{Duration, OffsetDateTime};

use super::session::{new_token, token_hash};
use super::uses::{UsesAccounts, UsesAppSignIn, UsesChallengeLimit, UsesClock, UsesSignatures};
use super::{audit, Unexpected};
use crate::domain::api_client::ClientId;
use crate::domain::audit::AuditAction;
use crate::domain::Iin;
use crate::ports::{CitizenSession, KeyPurpose, SignInChallenge};

/// How long a challenge may wait for its signature.
pub const CHALLENGE_LIFETIME: Duration = Duration::minutes(5);
/// How long a citizen's session with an app lasts.
pub const APP_SESSION_LIFETIME: Duration = Duration::minutes(30);

#[derive(Debug, thiserror::Error)]
pub enum AppSignInError {
    /// Unknown, another client's, used already or expired: ask for a new one.
    #[error("the challenge cannot be used")]
    ChallengeUnusable,
    #[error("the signature over the challenge is not valid: {0}")]
    SignatureInvalid(crate::ports::SignatureError),
    /// The signer has no e-government account.
    #[error("the signer has no account")]
    NoAccount,
    #[error(transparent)]
    Unexpected(#[from] Unexpected),
}

/// Too many challenges, or our fault: the same for the portal's.
pub use super::eds_sign_in::ChallengeError;

/// A new challenge for `client`'s app to have signed, asked from `source`.
pub async fn new_challenge(
    ports: &(impl UsesAppSignIn + UsesClock + UsesChallengeLimit),
    client: &ClientId,
    source: &str,
) -> Result<SignInChallenge, ChallengeError> {
    let now = ports.clock().now();
    ports
        .challenge_limit()
        .hit(&[&format!("app-source:{}", source)], now)
        .map_err(|wait| {
            tracing::info!(%client, source = source, "app challenges: too many");
            ChallengeError::TooMany(wait.0)
        })?;
    let mut random = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut random);
    let id = uuid::Uuid::new_v4().to_string();
    let challenge = SignInChallenge {
        text: format!("nomir-app-sign-in:{client}:{id}:{}", hex::encode(random)),
        id,
        client_id: client.clone(),
        created_at: now,
        expires_at: now + CHALLENGE_LIFETIME,
        used_at: None,
    };
    ports
        .app_sign_in()
        .insert_challenge(&challenge)
        .await
        .map_err(Unexpected::from)?;
    Ok(challenge)
}

/// A session token given to the app once, and when it ends.
#[derive(Debug, Clone)]
pub struct AppSession {
    pub token: String,
    pub iin: Iin,
    pub expires_at: OffsetDateTime,
}

/// Checks the CMS over the challenge and starts the signer's session.
pub async fn sign_in(
    ports: &(impl UsesAccounts + UsesAppSignIn + UsesSignatures + UsesClock),
    client: &ClientId,
    challenge_id: &str,
    cms_der: &[u8],
) -> Result<AppSession, AppSignInError> {
    let now = ports.clock().now();
    // Claimed before the signature is checked: this attempt spends it, and
    // of parallel attempts only the claimer verifies.
    let text = ports
        .app_sign_in()
        .claim_challenge(challenge_id, client, now)
        .await?
        .ok_or(AppSignInError::ChallengeUnusable)?;
    let signer = ports
        .signatures()
        .verify(cms_der, text.as_bytes(), KeyPurpose::Auth, now)
        .await
        .map_err(|e| {
            tracing::info!(reason = e.code(), "app sign-in signature refused");
            AppSignInError::SignatureInvalid(e)
        })?;
    if ports.accounts().account(&signer.iin).await?.is_none() {
        return Err(AppSignInError::NoAccount);
    }
    let token = new_token();
    let session = CitizenSession {
        token_hash: token_hash(&token),
        client_id: client.clone(),
        iin: signer.iin.clone(),
        created_at: now,
        expires_at: now + APP_SESSION_LIFETIME,
    };
    let entry = audit::entry(
        ports,
        &signer.iin,
        AuditAction::AppSignIn,
        format!("client={client}"),
    );
    if !ports
        .app_sign_in()
        .redeem_challenge(challenge_id, &session, &entry)
        .await?
    {
        return Err(AppSignInError::ChallengeUnusable);
    }
    Ok(AppSession {
        token,
        iin: signer.iin,
        expires_at: session.expires_at,
    })
}

/// The citizen of `client`'s live session `token`, if any.
pub async fn citizen(
    ports: &(impl UsesAppSignIn + UsesClock),
    client: &ClientId,
    token: &str,
) -> Result<Option<Iin>, Unexpected> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    Ok(ports
        .app_sign_in()
        .session_citizen(&token_hash(token), client, ports.clock().now())
        .await?)
}
