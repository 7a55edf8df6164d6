//! "Get verification code" (Rules §5.2, §8): starts a request for a number
//! and sends a one-time code to it by SMS (a new code on request is
//! [`super::resend_code`]).
//!
//! No code goes to a number that the mobile operator attributes to someone
//! else: the operator is asked before the SMS (and again at certification),
//! so nobody can send codes to a stranger's phone or use up its limits.
//! Nor to a number whose SIM card changed within the SIM swap window
//! (`domain::sim_swap`).

use time::{Duration, OffsetDateTime};

use super::code_hash::new_code;
use super::consent::{self, ConsentChange};
use super::open_request::OpenRequestError;
use super::sms_delivery::Delivery;
use super::uses::{
    SendsSms, UsesAudit, UsesClock, UsesCodes, UsesMaintenance, UsesOperators, UsesRequests,
};
use super::{audit, Unexpected};
use crate::domain::api_client::ClientId;
use crate::domain::audit::AuditAction;
use crate::domain::maintenance::{is_overdue, MaintenanceWindow};
use crate::domain::otp::{
    account_hourly_limit_allows, hourly_limit_allows, resend_allowed_at, CODE_LIFETIME,
};
use crate::domain::sim_swap;
use crate::domain::sms::Sms;
use crate::domain::{BindingEvent, BindingState, Channel, Iin, Msisdn, MsisdnError, Purpose};
use crate::ports::{
    AccountTx, Attribution, BindingRequest, DocumentPermission, OtpChallenge, StateChange,
};

/// What the page shows after a code is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeSent {
    pub request_id: String,
    pub msisdn: Msisdn,
    pub code_expires_at: OffsetDateTime,
    pub resend_at: OffsetDateTime,
}

#[derive(Debug, thiserror::Error)]
pub enum RequestCodeError {
    #[error("the number is not valid: {0}")]
    InvalidNumber(MsisdnError),
    #[error("this number is already bound to the account")]
    AlreadyBound,
    #[error("too many codes; the next may be sent at {retry_at}")]
    TooSoon { retry_at: OffsetDateTime },
    #[error("the SMS could not be sent; nothing was started")]
    SmsUnavailable,
    /// The operator does not attribute the number to the citizen (or, to a
    /// bank, the citizen has no account: the same answer, so that a bank
    /// does not learn who has one).
    #[error("the operator does not attribute the number to the citizen")]
    NumberNotYours,
    /// The number's SIM changed within the window: no code goes to it
    /// before `codes_from`.
    #[error("the SIM card changed recently; codes may go to the number from {codes_from}")]
    SimRecentlySwapped {
        codes_from: OffsetDateTime,
        window_hours: u16,
    },
    #[error("the operators' registry cannot be reached")]
    OperatorUnavailable,
    /// A bank may not withdraw a request the citizen started elsewhere.
    #[error("the citizen has a request open in another channel")]
    OpenElsewhere,
    /// The channel may not start a request for this purpose (an API
    /// client's token lacks the scope to bind, or to change a number).
    #[error("this channel may not {0:?} here")]
    PurposeNotAllowed(Purpose),
    #[error(transparent)]
    Request(#[from] OpenRequestError),
    #[error(transparent)]
    Unexpected(#[from] Unexpected),
}

/// The hourly limits of codes, to `msisdn` and at the locked account's
/// request, read and decided under the locks of `tx`.
/// A bank's codes count against that bank's own limits (`bank`), the
/// citizen's channels' against the citizen's.
pub(super) async fn check_hourly_limits(
    tx: &mut dyn AccountTx,
    msisdn: &Msisdn,
    now: OffsetDateTime,
    bank: Option<&ClientId>,
) -> Result<(), RequestCodeError> {
    let mut counts = tx
        .code_counts(msisdn, now - Duration::hours(1), bank)
        .await?;
    // Sign-in codes to the number count against the citizen's limit too.
    if bank.is_none() {
        let (sign_in, oldest) = tx
            .sign_in_codes_to(msisdn, now - Duration::hours(1))
            .await?;
        counts.to_number = counts.to_number.saturating_add(sign_in);
        counts.oldest_to_number = match (counts.oldest_to_number, oldest) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    // A full limit eases when its oldest code turns an hour old.
    let eases = |oldest: Option<OffsetDateTime>| oldest.map_or(now, |t| t + Duration::hours(1));
    let mut retry_at = None;
    if !hourly_limit_allows(counts.to_number) {
        retry_at = Some(eases(counts.oldest_to_number));
    }
    if !account_hourly_limit_allows(counts.for_account) {
        retry_at = retry_at.max(Some(eases(counts.oldest_for_account)));
    }
    match retry_at {
        None => Ok(()),
        Some(at) => Err(RequestCodeError::TooSoon {
            retry_at: at.max(now + Duration::seconds(1)),
        }),
    }
}

/// Asks the operator whether `msisdn` is the citizen's, and then whether
/// its SIM changed too recently for a code to prove anything, before any
/// code goes to it. The SIM is asked about only once the number is known
/// to be the citizen's: nobody learns it of another's number.
///
/// `bank`: the bank asking, if one is. A cheap limit comes before the
/// outside call: trying number after number costs the operators nothing
/// beyond 30 questions a minute for an account, counted apart for each
/// bank, so no bank can use up what the citizen's own channels need.
pub(super) async fn attributed_to(
    ports: &(impl UsesOperators + UsesClock),
    iin: &Iin,
    msisdn: &Msisdn,
    bank: Option<&ClientId>,
) -> Result<(), RequestCodeError> {
    let now = ports.clock().now();
    let asker = match bank {
        Some(client) => format!("{}|{}", client.as_str(), iin.as_str()),
        None => iin.as_str().to_owned(),
    };
    ports
        .operator_call(&asker, now)
        .map_err(|wait| RequestCodeError::TooSoon {
            retry_at: now + Duration::seconds(i64::try_from(wait.seconds()).unwrap_or(60)),
        })?;
    match ports.operators().attribution(msisdn, iin).await {
        Ok(Attribution::Theirs { .. }) => {}
        Ok(Attribution::NotTheirs) => return Err(RequestCodeError::NumberNotYours),
        Err(e) => {
            super::counts::unavailable(&e);
            return Err(RequestCodeError::OperatorUnavailable);
        }
    }
    sim_not_swapped(ports, msisdn).await
}

/// No code to a number whose SIM changed within the window (a new code on
/// an open request included: the SIM may have changed since the first).
pub(super) async fn sim_not_swapped(
    ports: &(impl UsesOperators + UsesClock),
    msisdn: &Msisdn,
) -> Result<(), RequestCodeError> {
    let window = ports.sim_swap_window();
    if window <= Duration::ZERO {
        return Ok(());
    }
    let changed = ports
        .operators()
        .latest_sim_change(msisdn)
        .await
        .map_err(|e| {
            super::counts::unavailable(&e);
            RequestCodeError::OperatorUnavailable
        })?;
    match sim_swap::recent_swap(changed, ports.clock().now(), window) {
        Some(swap) => Err(RequestCodeError::SimRecentlySwapped {
            codes_from: swap.codes_from,
            window_hours: u16::try_from(window.whole_hours()).unwrap_or(u16::MAX),
        }),
        None => Ok(()),
    }
}

pub(super) fn challenge(
    ports: &(impl UsesClock + UsesCodes),
    request_id: &str,
    msisdn: &Msisdn,
    code: &str,
) -> OtpChallenge {
    let now = ports.clock().now();
    OtpChallenge {
        id: uuid::Uuid::new_v4().to_string(),
        request_id: request_id.to_owned(),
        msisdn: msisdn.clone(),
        code_hmac: ports.codes().hash(request_id, code),
        created_at: now,
        expires_at: now + CODE_LIFETIME,
        wrong_tries: 0,
        used_at: None,
        voided_at: None,
    }
}

/// Ends the account's open requests in favour of `newer`, under its lock:
/// one open request per account, so an older tab's code never binds. One
/// past its term (the sweeper has not reached it yet) ends as expired.
/// A bank (`origin.channel` is the bank's) withdraws only its own older
/// requests: one the citizen started elsewhere is left alone, and the
/// bank is answered [`RequestCodeError::OpenElsewhere`].
async fn withdraw_older(
    ports: &impl UsesClock,
    tx: &mut dyn AccountTx,
    breaks: &[MaintenanceWindow],
    iin: &Iin,
    newer: &str,
    origin: Origin<'_>,
) -> Result<(), RequestCodeError> {
    let now = ports.clock().now();
    let open = tx.open_requests().await?;
    if origin.channel == Channel::Bank {
        let others = open.iter().any(|r| {
            !is_overdue(r.started_at, now, breaks)
                && (r.channel != Channel::Bank || r.client_id.as_ref() != origin.client)
        });
        if others {
            return Err(RequestCodeError::OpenElsewhere);
        }
    }
    for old in open {
        let (event, action, detail) = if is_overdue(old.started_at, now, breaks) {
            (
                BindingEvent::TermElapsed,
                AuditAction::RequestExpired,
                old.id.clone(),
            )
        } else {
            let detail = format!("request={} replaced_by={newer}", old.id);
            (
                BindingEvent::Superseded,
                AuditAction::RequestWithdrawn,
                detail,
            )
        };
        let Ok(to) = old.state.apply(event) else {
            continue;
        };
        let change = StateChange {
            request_id: old.id.clone(),
            from: old.state,
            to,
            at: now,
        };
        if tx.change_state(&change).await? {
            tx.audit(&audit::entry(ports, iin, action, detail)).await?;
        }
    }
    Ok(())
}

/// Which channel (and API client) starts a request, and what it may be for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin<'a> {
    pub channel: Channel,
    pub client: Option<&'a ClientId>,
    pub may_bind: bool,
    pub may_change: bool,
}

impl Origin<'_> {
    pub const PORTAL: Origin<'static> = Origin {
        channel: Channel::Portal,
        client: None,
        may_bind: true,
        may_change: true,
    };

    fn allows(self, purpose: Purpose) -> bool {
        match purpose {
            Purpose::Bind => self.may_bind,
            Purpose::Change | Purpose::Confirm => self.may_change,
        }
    }
}

/// Starts a portal request for `number_input` and sends the code. `consent`
/// is the citizen's answer to the consent question on the same form.
pub async fn request_code(
    ports: &(impl UsesAudit + UsesRequests + SendsSms + UsesOperators + UsesMaintenance + UsesCodes),
    iin: &Iin,
    number_input: &str,
    consent_given: bool,
) -> Result<CodeSent, RequestCodeError> {
    request_code_from(
        ports,
        iin,
        number_input,
        consent_given,
        Origin::PORTAL,
        None,
    )
    .await
}

/// Starts a request from `origin` (the portal, the mobile app, a bank).
///
/// Everything the request changes (the consent, the older requests it
/// withdraws, the request and its code, the audit) is one transaction under
/// the account's and the number's locks, where the limits are decided. The
/// SMS goes after the commit; if it fails, a second transaction ends the
/// request and puts the consent back as it was.
/// A bank's `permission` to view documents, if asked for, is recorded
/// with the request, in its transaction; the binding grants it.
pub async fn request_code_from(
    ports: &(impl UsesAudit + UsesRequests + SendsSms + UsesOperators + UsesMaintenance + UsesCodes),
    iin: &Iin,
    number_input: &str,
    consent_given: bool,
    origin: Origin<'_>,
    permission: Option<&DocumentPermission>,
) -> Result<CodeSent, RequestCodeError> {
    let msisdn = Msisdn::parse(number_input).map_err(RequestCodeError::InvalidNumber)?;
    // The operator first, outside the transaction (it may be a remote
    // call, and no lock is held across one).
    let asking_bank = (origin.channel == Channel::Bank)
        .then_some(origin.client)
        .flatten();
    if let Err(e) = attributed_to(ports, iin, &msisdn, asking_bank).await {
        let reason = match e {
            RequestCodeError::NumberNotYours => Some("not_attributed"),
            RequestCodeError::SimRecentlySwapped { .. } => Some("sim_swapped"),
            _ => None,
        };
        if let Some(reason) = reason {
            let detail = format!(
                "number={} channel={} reason={reason}",
                msisdn.masked(),
                origin.channel.code()
            );
            ports
                .audit()
                .append(&audit::entry(ports, iin, AuditAction::CodeNotSent, detail))
                .await?;
        }
        // A bank hears of a recent SIM change what it hears of any number
        // that got no code: the change is the citizen's to know, not the
        // bank's (nor whether the citizen has an account).
        if origin.channel == Channel::Bank && reason.is_some() {
            return Err(RequestCodeError::NumberNotYours);
        }
        return Err(e);
    }
    let now = ports.clock().now();
    let bank = (origin.channel == Channel::Bank)
        .then_some(origin.client)
        .flatten();
    // Read before the lock: a step holding a connection never waits for another.
    let breaks = super::maintenance::recent_breaks(ports).await?;
    let mut tx = ports.requests().lock_account(iin, Some(&msisdn)).await?;
    let active = tx.active_binding().await?;
    let purpose = match active {
        // Through a bank, the bound number is confirmed by the citizen's
        // own act (the code and biometrics), and the answer is the same
        // as for any number: the bank learns nothing of the binding.
        Some(b) if b.msisdn == msisdn && bank.is_some() => Purpose::Confirm,
        Some(b) if b.msisdn == msisdn => return Err(RequestCodeError::AlreadyBound),
        Some(_) => Purpose::Change,
        None => Purpose::Bind,
    };
    if !origin.allows(purpose) {
        return Err(RequestCodeError::PurposeNotAllowed(purpose));
    }
    check_hourly_limits(tx.as_mut(), &msisdn, now, bank).await?;
    // A bank's word on consent is its statement, kept with its request;
    // only the citizen's own channels change the citizen's consent record.
    let consent_change = if bank.is_some() {
        ConsentChange::Unchanged
    } else {
        consent::set(ports, tx.as_mut(), iin, consent_given).await?
    };
    let request = BindingRequest {
        id: uuid::Uuid::new_v4().to_string(),
        iin: iin.clone(),
        msisdn: msisdn.clone(),
        channel: origin.channel,
        purpose,
        state: BindingState::AwaitingCode,
        started_at: now,
        updated_at: now,
        sign_nonce: None,
        client_id: origin.client.cloned(),
    };
    withdraw_older(ports, tx.as_mut(), &breaks, iin, &request.id, origin).await?;
    let code = new_code();
    let challenge = challenge(ports, &request.id, &msisdn, &code);
    tx.insert_request(&request).await?;
    if let Some(p) = permission {
        let asked = DocumentPermission {
            request_id: Some(request.id.clone()),
            granted_at: None,
            consent_stated: consent_given,
            ..p.clone()
        };
        tx.insert_permission(&asked).await?;
    }
    tx.add_challenge(&challenge).await?;
    let sms = super::sms_delivery::compose(
        ports,
        &msisdn,
        &Sms::Code { code },
        super::sms_delivery::About::request(iin, &request.id),
    );
    tx.enqueue_sms(&sms).await?;
    let detail = format!("request={} number={}", request.id, msisdn.masked());
    tx.audit(&audit::entry(ports, iin, AuditAction::CodeSent, detail))
        .await?;
    tx.commit().await?;
    // Tried at once; a passing failure is tried again by the outbox while
    // the request waits (its page says the SMS is delayed).
    if super::sms_delivery::deliver(ports, &sms.id).await? == Delivery::Failed {
        tracing::error!(number = %msisdn, "SMS not sent");
        undo_after_failed_sms(ports, iin, &request.id, &consent_change).await?;
        return Err(RequestCodeError::SmsUnavailable);
    }
    tracing::info!(request = %request.id, number = %msisdn, "verification code sent");
    Ok(CodeSent {
        request_id: request.id,
        msisdn,
        code_expires_at: challenge.expires_at,
        resend_at: resend_allowed_at(now),
    })
}

/// After a failed SMS: the request ends unbound and the consent is as it
/// was before the form was sent, in one transaction.
async fn undo_after_failed_sms(
    ports: &(impl UsesRequests + UsesClock),
    iin: &Iin,
    request_id: &str,
    consent_change: &ConsentChange,
) -> Result<(), RequestCodeError> {
    let mut tx = ports.requests().lock_account(iin, None).await?;
    let change = StateChange {
        request_id: request_id.to_owned(),
        from: BindingState::AwaitingCode,
        to: BindingState::Expired,
        at: ports.clock().now(),
    };
    if tx.change_state(&change).await? {
        consent::undo(ports, tx.as_mut(), iin, consent_change).await?;
        tx.audit(&audit::entry(
            ports,
            iin,
            AuditAction::SmsFailed,
            request_id.to_owned(),
        ))
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
