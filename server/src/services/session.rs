//! Server-side sessions: the browser holds a random token, the store only
//! its SHA-256, so a leaked database cannot be replayed as cookies.

use rand::RngCore;
use sha2::{Digest, Sha256};
use time::Duration;

use super::uses::{UsesAudit, UsesClock, UsesSessions};
use super::Unexpected;
use crate::domain::audit::AuditAction;
use crate::domain::Iin;
use crate::ports::Session;

/// How long a session lives after sign-in.
pub const SESSION_LIFETIME: Duration = Duration::minutes(30);

pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Starts a session for `iin`; returns the token for the cookie.
pub async fn start(
    ports: &(impl UsesSessions + UsesClock),
    iin: &Iin,
) -> Result<String, Unexpected> {
    let token = new_token();
    let now = ports.clock().now();
    let session = Session {
        token_hash: token_hash(&token),
        iin: iin.clone(),
        created_at: now,
        expires_at: now + SESSION_LIFETIME,
    };
    ports.sessions().create_session(&session).await?;
    Ok(token)
}

/// The account signed in with `token`, if the session is live.
pub async fn current(
    ports: &(impl UsesSessions + UsesClock),
    token: Option<&str>,
) -> Result<Option<Iin>, Unexpected> {
    let Some(token) = token.filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()))
    else {
        return Ok(None);
    };
    Ok(ports
        .sessions()
        .session_account(&token_hash(token), ports.clock().now())
        .await?)
}

/// Ends `iin`'s session of `token` (found by [`current`]) and records it.
pub async fn sign_out(
    ports: &(impl UsesSessions + UsesAudit + UsesClock),
    iin: &Iin,
    token: &str,
) -> Result<(), Unexpected> {
    ports.sessions().delete_session(&token_hash(token)).await?;
    ports
        .audit()
        .append(&super::audit::entry(
            ports,
            iin,
            AuditAction::SignOut,
            String::new(),
        ))
        .await?;
    Ok(())
}
