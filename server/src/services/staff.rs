//! The back office's own sign-in: staff logins and passwords, apart from
//! citizens' accounts, with the same lock-out (counted before the password
//! is checked, under a lock on the login's record) and the same bounded
//! Argon2. A staff session is shorter than a citizen's.

use time::Duration;

use super::floods::Door;
use super::sign_in::{after_failure, failure_key, flood_check, is_locked, SignInError};
use super::uses::{UsesAccounts, UsesClock, UsesFloods, UsesStaff};
use super::{password, session, Unexpected};
use crate::domain::audit::{Actor, AuditAction};
use crate::ports::{AuditEntry, SignInFailures, StaffMember, StaffSession};

/// How long a staff session lives after sign-in.
pub const STAFF_SESSION_LIFETIME: Duration = Duration::minutes(20);

/// The longest login accepted (longer ones are not looked up).
const MAX_LOGIN_LEN: usize = 64;

/// An entry by the staff member about `subject`.
pub fn audit(
    ports: &impl UsesClock,
    login: &str,
    action: AuditAction,
    subject: &str,
    detail: String,
) -> AuditEntry {
    AuditEntry::new(
        ports.clock().now(),
        Actor::Staff(login),
        action,
        subject,
        detail,
    )
}

/// Checks the login and password and starts a session; returns its token.
/// An unknown login and a wrong password get one answer.
pub async fn sign_in(
    ports: &(impl UsesAccounts + UsesClock + UsesStaff + UsesFloods),
    login: &str,
    password_input: &str,
    source: &str,
) -> Result<String, SignInError> {
    let login = login.trim();
    if password_input.is_empty() {
        return Err(SignInError::EmptyPassword);
    }
    if login.is_empty() || login.len() > MAX_LOGIN_LEN {
        return Err(SignInError::BadCredentials);
    }
    let now = ports.clock().now();
    flood_check(ports, Door::StaffSignIn, source, login, now)?;
    let slot = password::hashing_slot(password::Pool::People)
        .await
        .map_err(|_| SignInError::Busy)?;
    // Per login and source: a guesser slows only themself, and can never
    // keep an official out.
    let key = failure_key(&format!("staff:{login}"), source);
    let (stored, counted) = ports
        .accounts()
        .reserve_sign_in_attempt(&key, &|stored: &SignInFailures| {
            (!is_locked(stored, now)).then(|| after_failure(stored, now))
        })
        .await
        .map_err(Unexpected::from)?;
    if counted.is_none() {
        let until = stored.locked_until.unwrap_or(now);
        return Err(SignInError::Locked { until });
    }
    let member = ports
        .staff()
        .staff_member(login)
        .await
        .map_err(Unexpected::from)?;
    let hash = member
        .as_ref()
        .map_or(password::decoy_hash(), |m| m.password_hash.as_str());
    let fits = password_input.len() <= password::MAX_PASSWORD_LEN;
    let matches =
        fits && password::verify_in_slot(slot, password_input.to_owned(), hash.to_owned()).await;
    let Some(member) = member.filter(|_| matches) else {
        // Not the login typed: a password typed there would reach the log.
        tracing::info!("staff sign-in refused");
        return Err(SignInError::BadCredentials);
    };
    ports
        .accounts()
        .clear_sign_in_failures(&key)
        .await
        .map_err(Unexpected::from)?;
    let token = session::new_token();
    let s = StaffSession {
        token_hash: session::token_hash(&token),
        login: member.login.clone(),
        created_at: now,
        expires_at: now + STAFF_SESSION_LIFETIME,
    };
    let entry = audit(
        ports,
        &member.login,
        AuditAction::StaffSignIn,
        &member.login,
        member.role.code().to_owned(),
    );
    ports
        .staff()
        .create_staff_session(&s, &entry)
        .await
        .map_err(Unexpected::from)?;
    Ok(token)
}

/// The staff member signed in with `token`, if the session is live.
pub async fn current(
    ports: &(impl UsesClock + UsesStaff),
    token: &str,
) -> Result<Option<StaffMember>, Unexpected> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    Ok(ports
        .staff()
        .staff_session(&session::token_hash(token), ports.clock().now())
        .await?)
}

/// The staff member with `login` (of a session the middleware found live).
pub async fn member(
    ports: &impl UsesStaff,
    login: &str,
) -> Result<Option<StaffMember>, Unexpected> {
    Ok(ports.staff().staff_member(login).await?)
}

/// Ends the staff member's session of `token` and records it.
pub async fn sign_out(
    ports: &(impl UsesClock + UsesStaff),
    login: &str,
    token: &str,
) -> Result<(), Unexpected> {
    let entry = audit(
        ports,
        login,
        AuditAction::StaffSignOut,
        login,
        String::new(),
    );
    ports
        .staff()
        .delete_staff_session(&session::token_hash(token), &entry)
        .await?;
    Ok(())
}
