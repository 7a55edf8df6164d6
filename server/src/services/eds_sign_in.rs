//! Signing in to the portal with an electronic signature (Rules §5.1; the
//! real portal's main way in): the server issues a one-time challenge, the
//! citizen's authentication (AUTH) key signs it through NCALayer, the
//! verifier checks it, and a session starts. A first sign-in creates the
//! account from the identity register once it confirms the person named by
//! the certificate's IIN. Using the challenge, opening the account, the
//! session and their audit entries are one transaction.
//!
//! A challenge is issued when the citizen asks to sign in with EDS (never
//! on a page view), at most [`super::flood::CHALLENGES_PER_MINUTE`] a
//! minute per source, and belongs to the browser that asked: a random
//! binder goes to it as a cookie, its hash is stored with the challenge.
//! Any attempt spends the challenge: it is claimed (one conditional
//! UPDATE) before the signature is checked, so a failed signature cannot
//! be followed by another over the same challenge, and of parallel
//! submissions only one is verified.

use rand::RngCore;
use sha2::{Digest, Sha256};
use time::Duration;

use super::uses::{
    UsesAccounts, UsesAudit, UsesChallengeLimit, UsesClock, UsesIdentity, UsesSessions,
    UsesSignatures,
};
use super::{audit, session, Unexpected};
use crate::domain::audit::AuditAction;
use crate::domain::IdentityStatus;
use crate::ports::{Account, KeyPurpose, Session, SignatureError};

/// How long a challenge may wait for its signature.
/// Longer than the page gives NCALayer to answer (5 minutes), so a citizen
/// who waits a little before pressing the button still signs a live one.
pub const CHALLENGE_LIFETIME: Duration = Duration::minutes(10);

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

#[derive(Debug, thiserror::Error)]
pub enum ChallengeError {
    /// The source asked for too many challenges: wait this many seconds.
    #[error("too many challenges; retry in {0} s")]
    TooMany(u64),
    #[error(transparent)]
    Unexpected(#[from] Unexpected),
}

/// A new challenge: its id (for the form), the text to sign, and the
/// binder the browser keeps (a cookie) to use it.
#[derive(Debug, Clone)]
pub struct PortalChallenge {
    pub id: String,
    pub text: String,
    pub binder: String,
}

/// The stored form of a binder.
fn binder_hash(binder: &str) -> String {
    hex::encode(Sha256::digest(binder.as_bytes()))
}

/// A new challenge for the browser at `source`, unless that source has
/// asked for too many this minute.
pub async fn new_challenge(
    ports: &(impl UsesSessions + UsesClock + UsesChallengeLimit),
    source: &str,
) -> Result<PortalChallenge, ChallengeError> {
    let now = ports.clock().now();
    ports
        .challenge_limit()
        .hit(&[&format!("portal-source:{}", source)], now)
        .map_err(|wait| {
            tracing::info!(source = source, "EDS challenges: too many from one source");
            ChallengeError::TooMany(wait.0)
        })?;
    let mut random = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut random);
    let mut binder = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut binder);
    let binder = hex::encode(binder);
    let id = uuid::Uuid::new_v4().to_string();
    let text = format!(
        "nomir-portal-sign-in/1\nchallenge: {id}\nnonce: {}\n",
        hex::encode(random)
    );
    ports
        .sessions()
        .insert_portal_challenge(
            &id,
            &text,
            &binder_hash(&binder),
            now,
            now + CHALLENGE_LIFETIME,
        )
        .await
        .map_err(Unexpected::from)?;
    Ok(PortalChallenge { id, text, binder })
}

/// Verifies the CMS over the challenge and starts a session; returns its
/// token. `binder` is the cookie the browser got with the challenge.
pub async fn sign_in(
    ports: &(impl UsesAccounts + UsesSessions + UsesAudit + UsesIdentity + UsesSignatures + UsesClock),
    challenge_id: &str,
    binder: Option<&str>,
    cms: &[u8],
) -> Result<String, EdsSignInError> {
    // Without the binder nothing is claimed: a stranger holding the id
    // cannot spend the citizen's challenge.
    let binder = binder.ok_or(EdsSignInError::ChallengeUnusable)?;
    // Claimed before the signature is checked: this attempt spends it.
    let text = ports
        .sessions()
        .claim_portal_challenge(challenge_id, &binder_hash(binder), ports.clock().now())
        .await?
        .ok_or(EdsSignInError::ChallengeUnusable)?;
    let signer = ports
        .signatures()
        .verify(cms, text.as_bytes(), KeyPurpose::Auth, ports.clock().now())
        .await
        .map_err(|e| {
            tracing::info!(reason = e.code(), "EDS sign-in refused");
            EdsSignInError::Signature(e)
        })?;
    let iin = signer.iin;
    // A first sign-in: the account comes from the identity register.
    let opening = if ports.accounts().account(&iin).await?.is_none() {
        let person = ports.identity().person(&iin).await.map_err(|e| {
            tracing::error!(error = %e, "identity register unavailable");
            EdsSignInError::Unavailable
        })?;
        let Some(person) = person.filter(|p| p.status == IdentityStatus::Valid) else {
            // The signature proved who this is: the refusal is filed under them.
            tracing::info!(iin = %iin, "EDS sign-in: the identity register does not confirm the person");
            let detail = format!(
                "method=eds reason=not_confirmed certificate={}",
                signer.certificate_serial
            );
            ports
                .audit()
                .append(&audit::entry(
                    ports,
                    &iin,
                    AuditAction::SignInRefused,
                    detail,
                ))
                .await?;
            return Err(EdsSignInError::NotConfirmed);
        };
        let account = Account {
            iin: iin.clone(),
            name_cyrillic: person.name_cyrillic,
            name_latin: person.name_latin,
            password_hash: NO_PASSWORD.to_owned(),
        };
        let detail = format!("by=eds certificate={}", signer.certificate_serial);
        Some((
            account,
            audit::entry(ports, &iin, AuditAction::AccountCreated, detail),
        ))
    } else {
        None
    };
    // The clock read again: the checks above may have asked the network.
    let now = ports.clock().now();
    let token = session::new_token();
    let session = Session {
        token_hash: session::token_hash(&token),
        iin: iin.clone(),
        created_at: now,
        expires_at: now + session::SESSION_LIFETIME,
    };
    let detail = format!(
        "method=eds certificate={} algorithm={}",
        signer.certificate_serial, signer.algorithm
    );
    let signed_in = audit::entry(ports, &iin, AuditAction::SignIn, detail);
    // One transaction: the claimed challenge, the account, the session, the audit.
    let redeemed = ports
        .sessions()
        .redeem_portal_challenge(
            challenge_id,
            now,
            opening.as_ref().map(|(a, e)| (a, e)),
            &session,
            &signed_in,
        )
        .await?;
    if redeemed {
        Ok(token)
    } else {
        Err(EdsSignInError::ChallengeUnusable)
    }
}
