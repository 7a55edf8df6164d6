//! Signing in to the portal with IIN and password (Rules §5.1).
//!
//! A wrong IIN and a wrong password get the same answer. First the cheap
//! flood limits per source and per IIN (`services::floods`), before any
//! hash. Then attempts per IIN *and source* are counted in the database
//! before the password is checked (so every server instance sees them,
//! and parallel guesses cannot outrun the count); a right password clears
//! the count. After [`FREE_FAILURES`] that source must wait before its
//! next try for that IIN, a time that doubles with each further failure,
//! up to [`MAX_LOCK`]. The delay is per (IIN, source): a guesser slows only
//! themself and can never keep the citizen out.

use time::{Duration, OffsetDateTime};

use super::floods::Door;
use super::second_factor::{self, SecondFactorError};
use super::uses::{
    SendsSms, UsesAccounts, UsesAudit, UsesBindings, UsesClock, UsesCodes, UsesFloods,
    UsesNumberUses, UsesOperators, UsesRequests, UsesSessions,
};
use super::{password, session, Unexpected};
use crate::domain::audit::AuditAction;
use crate::domain::{Iin, IinError};
use crate::ports::SignInFailures;

pub const FREE_FAILURES: u32 = 5;
pub const FAILURE_WINDOW: Duration = Duration::minutes(15);
pub const MAX_LOCK: Duration = Duration::minutes(15);

#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    #[error("the IIN is not valid: {0}")]
    InvalidIin(IinError),
    #[error("the password is empty")]
    EmptyPassword,
    /// Unknown IIN or wrong password: deliberately one answer.
    #[error("wrong IIN or password")]
    BadCredentials,
    #[error("too many failed attempts; try again after {until}")]
    Locked { until: OffsetDateTime },
    /// Too many sign-ins at this moment; nothing was checked or counted.
    #[error("the service is busy; try again in a minute")]
    Busy,
    /// The password was right, but the code to the bound number could not
    /// be sent (no number bound, a limit, a SIM change, the operator).
    #[error(transparent)]
    SecondFactor(SecondFactorError),
    #[error(transparent)]
    Unexpected(#[from] Unexpected),
}

/// Where a right password leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignedIn {
    /// A session: its token.
    Session(String),
    /// The second factor is on: a code went to the bound number; the
    /// sign-in attempt's token, which the code finishes
    /// (`services::second_factor`).
    CodeSent(String),
}

impl SignedIn {
    /// The session's token, if the sign-in is complete.
    pub fn session(self) -> Option<String> {
        match self {
            Self::Session(token) => Some(token),
            Self::CodeSent(_) => None,
        }
    }
}

/// Checks the credentials and starts a session, or with the second factor
/// on, a sign-in attempt that a code to the bound number finishes.
/// `source` is where the attempt comes from (the peer address).
pub async fn sign_in(
    ports: &(impl UsesAccounts
          + UsesSessions
          + UsesAudit
          + UsesFloods
          + UsesNumberUses
          + UsesRequests
          + UsesBindings
          + SendsSms
          + UsesCodes
          + UsesOperators),
    iin_input: &str,
    password_input: &str,
    source: &str,
) -> Result<SignedIn, SignInError> {
    let iin = Iin::parse(iin_input).map_err(SignInError::InvalidIin)?;
    if password_input.is_empty() {
        return Err(SignInError::EmptyPassword);
    }
    let now = ports.clock().now();
    flood_check(ports, Door::CitizenSignIn, source, iin.as_str(), now)?;
    // A hashing slot first, so a busy server neither counts nor checks.
    let slot = password::hashing_slot(password::Pool::People)
        .await
        .map_err(|_| SignInError::Busy)?;
    // The attempt is counted as a failure before the password is checked,
    // under a lock on the IIN's record, and refused if the IIN is locked
    // out: parallel guesses are let through one by one and at most up to
    // the lock-out, never all at once against a stale count. Unknown IINs
    // are counted too, so the lock-out does not reveal which IINs have
    // accounts.
    let (stored, counted) = ports
        .accounts()
        .reserve_sign_in_attempt(
            &failure_key(iin.as_str(), source),
            &|stored: &SignInFailures| {
                (!is_locked(stored, now)).then(|| after_failure(stored, now))
            },
        )
        .await
        .map_err(Unexpected::from)?;
    let Some(counted) = counted else {
        let until = stored.locked_until.unwrap_or(now);
        return Err(SignInError::Locked { until });
    };
    let account = ports
        .accounts()
        .account(&iin)
        .await
        .map_err(Unexpected::from)?;
    let hash = account
        .as_ref()
        .map_or(password::decoy_hash(), |a| a.password_hash.as_str());
    let fits = password_input.len() <= password::MAX_PASSWORD_LEN;
    let matches =
        fits && password::verify_in_slot(slot, password_input.to_owned(), hash.to_owned()).await;
    if !(matches && account.is_some()) {
        // Audited only for real accounts, so guesses at random IINs add
        // nothing to the permanent log.
        if account.is_some() {
            audit(
                ports,
                &iin,
                AuditAction::SignInFailed,
                &format!("failures={}", counted.count),
            )
            .await?;
        }
        tracing::info!(iin = %iin, failures = counted.count, "sign-in refused");
        return Err(SignInError::BadCredentials);
    }
    ports
        .accounts()
        .clear_sign_in_failures(&failure_key(iin.as_str(), source))
        .await
        .map_err(Unexpected::from)?;
    if second_factor::required(ports, &iin).await? {
        return code_step(ports, &iin).await;
    }
    let token = session::start(ports, &iin).await?;
    // Read again once the session exists: if the citizen turned the factor
    // on meanwhile, either that ended this session (it ends the others) or
    // this read sees it on, and the session goes.
    if second_factor::required(ports, &iin).await? {
        ports
            .sessions()
            .delete_session(&session::token_hash(&token))
            .await
            .map_err(Unexpected::from)?;
        return code_step(ports, &iin).await;
    }
    audit(ports, &iin, AuditAction::SignIn, "").await?;
    Ok(SignedIn::Session(token))
}

/// The second factor's step after a right password: a code to the bound
/// number, or, if none can go, no session and the reason audited.
async fn code_step(
    ports: &(impl UsesRequests + UsesBindings + SendsSms + UsesCodes + UsesOperators + UsesAudit),
    iin: &Iin,
) -> Result<SignedIn, SignInError> {
    match second_factor::start(ports, iin).await {
        Ok(attempt) => Ok(SignedIn::CodeSent(attempt.token)),
        Err(SecondFactorError::Unexpected(e)) => Err(SignInError::Unexpected(e)),
        Err(e) => {
            let reason = match &e {
                SecondFactorError::NoBoundNumber => "no_bound_number",
                SecondFactorError::TooSoon { .. } => "hourly_limit",
                SecondFactorError::SimSwapped { .. } => "sim_swapped",
                SecondFactorError::OperatorUnavailable => "operator_unavailable",
                _ => "number_changed",
            };
            audit(
                ports,
                iin,
                AuditAction::SignInCodeNotSent,
                &format!("reason={reason}"),
            )
            .await?;
            Err(SignInError::SecondFactor(e))
        }
    }
}

/// The failure record's key: one per login and source, so that failures
/// from one place delay only that place.
pub fn failure_key(login: &str, source: &str) -> String {
    format!("{login}@{source}")
}

/// The flood limits of `door`, before any hash: refused as a short lock.
pub fn flood_check(
    ports: &impl UsesFloods,
    door: Door,
    source: &str,
    identity: &str,
    now: OffsetDateTime,
) -> Result<(), SignInError> {
    ports
        .floods()
        .attempt(door, source, identity, now)
        .map_err(|wait| SignInError::Locked {
            until: now + Duration::seconds(i64::try_from(wait.seconds()).unwrap_or(60)),
        })
}

/// Forgets failure records whose window and lock have passed, so guesses
/// at random IINs do not pile up; returns how many.
pub async fn forget_old_failures(
    ports: &(impl UsesAccounts + UsesClock),
) -> Result<u64, Unexpected> {
    let now = ports.clock().now();
    Ok(ports
        .accounts()
        .forget_sign_in_failures(now - FAILURE_WINDOW, now)
        .await?)
}

/// Whether the record locks the IIN out at `now`.
pub fn is_locked(failures: &SignInFailures, now: OffsetDateTime) -> bool {
    failures.locked_until.is_some_and(|until| until > now)
}

/// The failure record after one more failure at `now`.
pub fn after_failure(previous: &SignInFailures, now: OffsetDateTime) -> SignInFailures {
    let in_window = previous
        .window_started_at
        .is_some_and(|start| now - start < FAILURE_WINDOW);
    let (count, window_started_at) = if in_window {
        (previous.count.saturating_add(1), previous.window_started_at)
    } else {
        (1, Some(now))
    };
    let locked_until = (count >= FREE_FAILURES).then(|| {
        let doublings = (count - FREE_FAILURES).min(10);
        now + (Duration::seconds(30) * 2i32.pow(doublings)).min(MAX_LOCK)
    });
    SignInFailures {
        count,
        window_started_at,
        locked_until,
    }
}

async fn audit(
    ports: &(impl UsesAudit + UsesClock),
    iin: &Iin,
    action: AuditAction,
    detail: &str,
) -> Result<(), Unexpected> {
    Ok(ports
        .audit()
        .append(&super::audit::entry(ports, iin, action, detail.to_owned()))
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_failures_do_not_lock() {
        let now = OffsetDateTime::UNIX_EPOCH;
        let mut f = SignInFailures::default();
        for n in 1..FREE_FAILURES {
            f = after_failure(&f, now);
            assert_eq!((f.count, f.locked_until), (n, None));
        }
        f = after_failure(&f, now);
        assert_eq!(f.locked_until, Some(now + Duration::seconds(30)));
        f = after_failure(&f, now);
        assert_eq!(f.locked_until, Some(now + Duration::seconds(60)));
    }

    #[test]
    fn the_lock_never_exceeds_the_maximum() {
        let now = OffsetDateTime::UNIX_EPOCH;
        let f = SignInFailures {
            count: 40,
            window_started_at: Some(now),
            locked_until: None,
        };
        assert_eq!(after_failure(&f, now).locked_until, Some(now + MAX_LOCK));
    }

    #[test]
    fn failures_outside_the_window_start_a_new_count() {
        let start = OffsetDateTime::UNIX_EPOCH;
        let f = SignInFailures {
            count: 4,
            window_started_at: Some(start),
            locked_until: None,
        };
        let later = start + FAILURE_WINDOW + Duration::seconds(1);
        assert_eq!(after_failure(&f, later).count, 1);
    }
}
