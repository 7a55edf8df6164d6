//! Signing in with the bound number as a second factor: when the citizen
//! has turned it on, a right password starts a sign-in *attempt* instead
//! of a session, and a one-time code goes to the bound number; the code
//! finishes the sign-in.
//!
//! The code follows the binding's rules (`domain::otp`): kept as an HMAC,
//! valid 5 minutes, void after 3 wrong entries, a new one at most once a
//! minute and 5 an hour to a number, each limit decided under the
//! account's lock. The attempt is tied to the browser by a random token
//! (a cookie; the store keeps its SHA-256). A code counts only while its
//! number is still the account's bound one: a binding that ended stops
//! its codes at once. No code goes to a number whose SIM changed within
//! the SIM-swap window. Signing in with EDS needs no code: the signature
//! is itself the stronger factor.

use time::{Duration, OffsetDateTime};

use super::audit;
use super::code_hash::new_code;
use super::request_code::{sim_not_swapped, RequestCodeError};
use super::session::{self, new_token, token_hash};
use super::sms_delivery::About;
use super::uses::{
    SendsSms, UsesAudit, UsesBindings, UsesClock, UsesCodes, UsesNumberUses, UsesOperators,
    UsesRequests, UsesSessions,
};
use super::Unexpected;
use crate::domain::audit::AuditAction;
use crate::domain::otp::{
    hourly_limit_allows, resend_allowed_at, too_soon, CODE_LIFETIME, MAX_WRONG_ATTEMPTS,
};
use crate::domain::sms::Sms;
use crate::domain::{Iin, Msisdn, OtpCode, OtpCodeError};
use crate::ports::{AccountTx, SignInCode};

/// How long a sign-in attempt may take, from its first code: a code's
/// life, a new code and another's life. Then the password again.
pub const ATTEMPT_LIFETIME: Duration = Duration::minutes(15);

#[derive(Debug, thiserror::Error)]
pub enum SecondFactorError {
    /// The second factor is on but no number is bound: sign in with EDS.
    #[error("no bound number to send the sign-in code to")]
    NoBoundNumber,
    /// The attempt is unknown, over (used, expired, given up), or its
    /// number is no longer bound: sign in again.
    #[error("the sign-in attempt is over")]
    AttemptOver,
    #[error("the code is not valid: {0}")]
    InvalidCode(OtpCodeError),
    #[error("wrong code; {tries_left} tries left")]
    WrongCode { tries_left: u32 },
    #[error("the next code may be sent at {retry_at}")]
    TooSoon { retry_at: OffsetDateTime },
    #[error("the SIM card changed recently; codes may go to the number from {codes_from}")]
    SimSwapped {
        codes_from: OffsetDateTime,
        window_hours: u16,
    },
    #[error("the operators' registry cannot be reached")]
    OperatorUnavailable,
    #[error(transparent)]
    Unexpected(#[from] Unexpected),
}

impl From<crate::ports::StoreError> for SecondFactorError {
    fn from(e: crate::ports::StoreError) -> Self {
        Self::Unexpected(e.into())
    }
}

/// What the code page shows of an attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub msisdn: Msisdn,
    pub sent_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    pub resend_at: OffsetDateTime,
}

/// A code just written: the attempt's token (for the cookie, only when
/// the attempt starts) and the message to deliver.
#[derive(Debug, Clone)]
pub struct CodeWritten {
    pub token: String,
    pub sms_id: String,
}

/// Whether a password sign-in to `iin` needs a code too.
pub async fn required(ports: &impl UsesNumberUses, iin: &Iin) -> Result<bool, Unexpected> {
    Ok(ports.number_uses().second_factor(iin).await?)
}

fn from_code_error(e: RequestCodeError) -> SecondFactorError {
    match e {
        RequestCodeError::SimRecentlySwapped {
            codes_from,
            window_hours,
        } => SecondFactorError::SimSwapped {
            codes_from,
            window_hours,
        },
        RequestCodeError::OperatorUnavailable => SecondFactorError::OperatorUnavailable,
        other => SecondFactorError::Unexpected(Unexpected(anyhow::anyhow!("{other}"))),
    }
}

/// Starts a sign-in attempt for `iin`, whose password was just checked:
/// a code to the bound number. Returns the attempt's token.
pub async fn start(
    ports: &(impl UsesRequests + UsesBindings + SendsSms + UsesCodes + UsesOperators),
    iin: &Iin,
) -> Result<CodeWritten, SecondFactorError> {
    let bound = ports
        .bindings()
        .active_binding(iin)
        .await?
        .ok_or(SecondFactorError::NoBoundNumber)?;
    // A remote call, so before any lock.
    sim_not_swapped(ports, &bound.msisdn)
        .await
        .map_err(from_code_error)?;
    let token = new_token();
    let mut tx = ports.requests().lock_account(iin, None).await?;
    let now = ports.clock().now();
    let attempt = Attempt {
        hash: token_hash(&token),
        started_at: now,
        to: bound.msisdn,
    };
    let sms_id = send_code(ports, tx.as_mut(), iin, &attempt).await?;
    tx.commit().await?;
    super::sms_delivery::deliver_soon(ports, &sms_id).await;
    Ok(CodeWritten { token, sms_id })
}

/// A sign-in attempt: its token's hash, when it started, and the number
/// its codes go to (the one checked for a SIM change).
struct Attempt {
    hash: String,
    started_at: OffsetDateTime,
    to: Msisdn,
}

/// Under the account's lock, and then the number's: checks that `to` is
/// still the bound number and the hourly limit (sign-in and binding codes
/// together), then writes a new code (voiding the attempt's earlier ones),
/// its message and the audit entry.
async fn send_code(
    ports: &(impl SendsSms + UsesCodes),
    tx: &mut dyn AccountTx,
    iin: &Iin,
    attempt: &Attempt,
) -> Result<String, SecondFactorError> {
    let bound = still_bound(tx, &attempt.to).await?;
    let now = ports.clock().now();
    let since = now - Duration::hours(1);
    let (sign_in_codes, oldest) = tx.sign_in_codes_to(&bound.msisdn, since).await?;
    let binding_codes = tx.code_counts(&bound.msisdn, since, None).await?;
    let sent = sign_in_codes.saturating_add(binding_codes.to_number);
    if !hourly_limit_allows(sent) {
        let oldest = match (oldest, binding_codes.oldest_to_number) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let retry_at = oldest.map_or(now, |t| t + Duration::hours(1));
        return Err(SecondFactorError::TooSoon {
            retry_at: retry_at.max(now + Duration::seconds(1)),
        });
    }
    let code = new_code();
    let id = uuid::Uuid::new_v4().to_string();
    tx.add_sign_in_code(&SignInCode {
        code_hmac: ports.codes().hash(&id, &code),
        id,
        attempt_hash: attempt.hash.clone(),
        attempt_started_at: attempt.started_at,
        iin: iin.clone(),
        msisdn: bound.msisdn.clone(),
        created_at: now,
        expires_at: now + CODE_LIFETIME,
        wrong_tries: 0,
        used_at: None,
        voided_at: None,
    })
    .await?;
    let sms = super::sms_delivery::compose(
        ports,
        &bound.msisdn,
        &Sms::SignInCode { code },
        About::account(iin),
    );
    tx.enqueue_sms(&sms).await?;
    let detail = format!("number={}", bound.msisdn.masked());
    tx.audit(&audit::entry(
        ports,
        iin,
        AuditAction::SignInCodeSent,
        detail,
    ))
    .await?;
    Ok(sms.id)
}

/// The account's binding, if it is still to `number`, read after taking
/// the number's lock: a binding of the number made for another account
/// (which takes that lock) is then either done or not begun, so a code or
/// a notification never goes to a number that just changed hands.
pub(super) async fn still_bound(
    tx: &mut dyn AccountTx,
    number: &Msisdn,
) -> Result<crate::ports::Binding, SecondFactorError> {
    tx.lock_number(number).await?;
    tx.active_binding()
        .await?
        .filter(|b| &b.msisdn == number)
        .ok_or(SecondFactorError::AttemptOver)
}

/// The attempt of `token` as the code page shows it; `None` if it is over.
pub async fn pending(
    ports: &(impl UsesNumberUses + UsesBindings + UsesClock),
    token: Option<&str>,
) -> Result<Option<Pending>, Unexpected> {
    let Some(code) = live_code(ports, token).await? else {
        return Ok(None);
    };
    Ok(Some(Pending {
        resend_at: resend_allowed_at(code.created_at),
        msisdn: code.msisdn,
        sent_at: code.created_at,
        expires_at: code.expires_at,
    }))
}

/// The attempt's newest code while it can still finish the sign-in: not
/// used, not voided, not expired, and its number still bound.
async fn live_code(
    ports: &(impl UsesNumberUses + UsesBindings + UsesClock),
    token: Option<&str>,
) -> Result<Option<SignInCode>, Unexpected> {
    let Some(token) = token.filter(|t| t.len() == 64) else {
        return Ok(None);
    };
    let Some(code) = ports
        .number_uses()
        .latest_sign_in_code(&token_hash(token))
        .await?
    else {
        return Ok(None);
    };
    let bound = ports.bindings().active_binding(&code.iin).await?;
    let now = ports.clock().now();
    let live = code.used_at.is_none()
        && code.voided_at.is_none()
        && code.expires_at > now
        && now < code.attempt_started_at + ATTEMPT_LIFETIME
        && bound.is_some_and(|b| b.msisdn == code.msisdn);
    Ok(live.then_some(code))
}

/// "Send a new code" for the attempt of `token`: after a minute, within
/// the hourly limit, to the same (still bound) number.
pub async fn resend(
    ports: &(impl UsesRequests + UsesNumberUses + SendsSms + UsesCodes + UsesOperators),
    token: Option<&str>,
) -> Result<String, SecondFactorError> {
    let latest = attempt_owner(ports, token).await?;
    // The minute between codes is a cheap limit, so it comes before the
    // operator is asked about the SIM (an outside call); it is decided
    // again under the lock.
    let now = ports.clock().now();
    let live = latest.used_at.is_none() && now < latest.attempt_started_at + ATTEMPT_LIFETIME;
    if let Some(retry_at) = too_soon(latest.created_at, now).filter(|_| live) {
        return Err(SecondFactorError::TooSoon { retry_at });
    }
    sim_not_swapped(ports, &latest.msisdn)
        .await
        .map_err(from_code_error)?;
    let iin = latest.iin;
    let hash = token_hash(token.unwrap_or_default());
    let mut tx = ports.requests().lock_account(&iin, None).await?;
    let now = ports.clock().now();
    let last = tx
        .latest_sign_in_code(&hash)
        .await?
        .ok_or(SecondFactorError::AttemptOver)?;
    // A used code ends the attempt; a voided or expired one may be replaced
    // while the attempt lasts.
    if last.used_at.is_some() || now >= last.attempt_started_at + ATTEMPT_LIFETIME {
        return Err(SecondFactorError::AttemptOver);
    }
    if let Some(retry_at) = too_soon(last.created_at, now) {
        return Err(SecondFactorError::TooSoon { retry_at });
    }
    let attempt = Attempt {
        hash,
        started_at: last.attempt_started_at,
        to: last.msisdn,
    };
    let sms_id = send_code(ports, tx.as_mut(), &iin, &attempt).await?;
    tx.commit().await?;
    super::sms_delivery::deliver_soon(ports, &sms_id).await;
    Ok(sms_id)
}

/// Whose attempt `token` is, and the number its codes go to.
async fn attempt_owner(
    ports: &impl UsesNumberUses,
    token: Option<&str>,
) -> Result<SignInCode, SecondFactorError> {
    let token = token
        .filter(|t| t.len() == 64)
        .ok_or(SecondFactorError::AttemptOver)?;
    ports
        .number_uses()
        .latest_sign_in_code(&token_hash(token))
        .await?
        .ok_or(SecondFactorError::AttemptOver)
}

/// The code from the SMS for the attempt of `token`: on success the
/// session's token. Every check is made again under the account's lock;
/// a wrong entry is counted by one conditional statement.
pub async fn confirm(
    ports: &(impl UsesRequests + UsesNumberUses + UsesSessions + UsesAudit + UsesCodes + SendsSms),
    token: Option<&str>,
    input: &str,
) -> Result<String, SecondFactorError> {
    let entered = OtpCode::parse(input).map_err(SecondFactorError::InvalidCode)?;
    let iin = attempt_owner(ports, token).await?.iin;
    let hash = token_hash(token.unwrap_or_default());
    let mut tx = ports.requests().lock_account(&iin, None).await?;
    let now = ports.clock().now();
    let code = tx
        .latest_sign_in_code(&hash)
        .await?
        .ok_or(SecondFactorError::AttemptOver)?;
    if now >= code.attempt_started_at + ATTEMPT_LIFETIME {
        return Err(SecondFactorError::AttemptOver);
    }
    still_bound(tx.as_mut(), &code.msisdn).await?;
    if !ports.codes().matches(&code.code_hmac, &code.id, &entered) {
        let Some(wrong) = tx
            .count_wrong_sign_in_try(&code.id, now, MAX_WRONG_ATTEMPTS)
            .await?
        else {
            return Err(SecondFactorError::AttemptOver);
        };
        tx.audit(&audit::entry(
            ports,
            &iin,
            AuditAction::SignInCodeWrong,
            format!("wrong_tries={wrong}"),
        ))
        .await?;
        tx.commit().await?;
        return Err(SecondFactorError::WrongCode {
            tries_left: MAX_WRONG_ATTEMPTS.saturating_sub(wrong),
        });
    }
    if !tx
        .use_sign_in_code(&code.id, now, MAX_WRONG_ATTEMPTS)
        .await?
    {
        return Err(SecondFactorError::AttemptOver);
    }
    tx.audit(&audit::entry(
        ports,
        &iin,
        AuditAction::SignIn,
        "second_factor=sms".to_owned(),
    ))
    .await?;
    tx.commit().await?;
    Ok(session::start(ports, &iin).await?)
}

/// Turns the second factor on or off for the signed-in citizen (whose
/// session is `session`, a token); on needs a bound number, and ends the
/// account's other sessions, so that every password session from then on
/// has passed the code.
pub async fn set(
    ports: &(impl UsesRequests + UsesClock),
    iin: &Iin,
    session: &str,
    on: bool,
) -> Result<(), SecondFactorError> {
    let mut tx = ports.requests().lock_account(iin, None).await?;
    if on && tx.active_binding().await?.is_none() {
        return Err(SecondFactorError::NoBoundNumber);
    }
    if tx.second_factor().await? == on {
        return Ok(());
    }
    tx.set_second_factor(on).await?;
    if on {
        tx.end_other_sessions(&token_hash(session)).await?;
    }
    let action = if on {
        AuditAction::SecondFactorOn
    } else {
        AuditAction::SecondFactorOff
    };
    tx.audit(&audit::entry(ports, iin, action, String::new()))
        .await?;
    tx.commit().await?;
    Ok(())
}
