//! "Get verification code" (Rules §5.2, §8): starts a request for a number
//! and sends a one-time code to it by SMS; also sends a new code on request.
//!
//! The answer never says whether the number belongs to someone else: that
//! is checked only after the code is proven and the request certified.

use time::{Duration, OffsetDateTime};

use super::code_hash::new_code;
use super::open_request::{self, OpenRequestError};
use super::{audit, consent, Ports, Unexpected};
use crate::domain::binding::is_overdue;
use crate::domain::otp::{
    account_hourly_limit_allows, hourly_limit_allows, resend_allowed_at, CODE_LIFETIME,
};
use crate::domain::{BindingEvent, BindingState, Channel, Iin, Msisdn, MsisdnError, Purpose};
use crate::ports::{BindingRequest, OtpChallenge, StateChange};

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
    #[error(transparent)]
    Request(#[from] OpenRequestError),
    #[error(transparent)]
    Unexpected(#[from] Unexpected),
}

impl From<crate::ports::StoreError> for RequestCodeError {
    fn from(e: crate::ports::StoreError) -> Self {
        Self::Unexpected(e.into())
    }
}

fn sms_text(code: &str) -> String {
    format!(
        "Nomir: растау коды {code}. Ешкімге айтпаңыз. / Код подтверждения {code}. Никому не сообщайте."
    )
}

/// Checks the hourly limits of codes: to `msisdn`, and at `iin`'s request.
async fn check_hourly_limits(
    ports: &Ports,
    iin: &Iin,
    msisdn: &Msisdn,
    now: OffsetDateTime,
) -> Result<(), RequestCodeError> {
    let since = now - Duration::hours(1);
    let to_number = ports.requests.codes_sent_since(msisdn, since).await?;
    let for_account = ports
        .requests
        .codes_sent_for_account_since(iin, since)
        .await?;
    if hourly_limit_allows(to_number) && account_hourly_limit_allows(for_account) {
        Ok(())
    } else {
        Err(RequestCodeError::TooSoon {
            retry_at: now + Duration::hours(1),
        })
    }
}

fn challenge(ports: &Ports, request_id: &str, msisdn: &Msisdn, code: &str) -> OtpChallenge {
    let now = ports.clock.now();
    OtpChallenge {
        id: uuid::Uuid::new_v4().to_string(),
        request_id: request_id.to_owned(),
        msisdn: msisdn.clone(),
        code_hmac: ports.codes.hash(request_id, code),
        created_at: now,
        expires_at: now + CODE_LIFETIME,
        wrong_tries: 0,
        used_at: None,
        voided_at: None,
    }
}

/// The account's open requests, each to be ended in favour of `newer`: one
/// open request per account, so an older tab's code never binds. One past
/// its term (the sweeper has not reached it yet) ends as expired instead.
async fn withdrawals(
    ports: &Ports,
    iin: &Iin,
    newer: &str,
) -> Result<Vec<(StateChange, crate::ports::AuditEntry)>, RequestCodeError> {
    let now = ports.clock.now();
    Ok(ports
        .requests
        .open_requests_of(iin)
        .await?
        .into_iter()
        .filter_map(|old| {
            let (event, action, detail) = if is_overdue(old.started_at, now) {
                (BindingEvent::TermElapsed, "request_expired", old.id.clone())
            } else {
                let detail = format!("request={} replaced_by={newer}", old.id);
                (BindingEvent::Superseded, "request_withdrawn", detail)
            };
            let change = StateChange {
                request_id: old.id.clone(),
                from: old.state,
                to: old.state.apply(event).ok()?,
                at: now,
            };
            Some((change, audit::entry(ports, iin, action, detail)))
        })
        .collect())
}

/// Starts a portal request for `number_input` and sends the code. `consent`
/// is the citizen's answer to the consent question on the same form.
pub async fn request_code(
    ports: &Ports,
    iin: &Iin,
    number_input: &str,
    consent_given: bool,
) -> Result<CodeSent, RequestCodeError> {
    let msisdn = Msisdn::parse(number_input).map_err(RequestCodeError::InvalidNumber)?;
    let active = ports.bindings.active_binding(iin).await?;
    if active.as_ref().is_some_and(|b| b.msisdn == msisdn) {
        return Err(RequestCodeError::AlreadyBound);
    }
    let now = ports.clock.now();
    check_hourly_limits(ports, iin, &msisdn, now).await?;
    if consent_given {
        consent::grant(ports, iin).await?;
    } else {
        consent::revoke(ports, iin).await?;
    }
    let request = BindingRequest {
        id: uuid::Uuid::new_v4().to_string(),
        iin: iin.clone(),
        msisdn: msisdn.clone(),
        channel: Channel::Portal,
        purpose: if active.is_some() {
            Purpose::Change
        } else {
            Purpose::Bind
        },
        state: BindingState::AwaitingCode,
        started_at: now,
        updated_at: now,
        sign_nonce: None,
    };
    let code = new_code();
    let challenge = challenge(ports, &request.id, &msisdn, &code);
    let withdraw = withdrawals(ports, iin, &request.id).await?;
    let entry = audit::entry(
        ports,
        iin,
        "code_sent",
        format!("request={} number={}", request.id, msisdn.masked()),
    );
    ports
        .requests
        .insert_request(&request, &challenge, &withdraw, &entry)
        .await?;
    if let Err(e) = ports.sms.send(&msisdn, &sms_text(&code)).await {
        tracing::error!(error = %e, number = %msisdn, "SMS not sent");
        let change = StateChange {
            request_id: request.id.clone(),
            from: BindingState::AwaitingCode,
            to: BindingState::Expired,
            at: now,
        };
        let entry = audit::entry(ports, iin, "sms_failed", request.id.clone());
        ports.requests.change_state(&change, &entry).await?;
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

/// Sends a new code for an open request still waiting for one.
pub async fn resend_code(
    ports: &Ports,
    iin: &Iin,
    request_id: &str,
) -> Result<CodeSent, RequestCodeError> {
    let request = open_request::load(ports, iin, request_id).await?;
    if request.state != BindingState::AwaitingCode {
        return Err(OpenRequestError::Ended(request.state).into());
    }
    let now = ports.clock.now();
    if let Some(last) = ports.requests.latest_challenge(request_id).await? {
        let retry_at = resend_allowed_at(last.created_at);
        if now < retry_at {
            return Err(RequestCodeError::TooSoon { retry_at });
        }
    }
    check_hourly_limits(ports, iin, &request.msisdn, now).await?;
    let code = new_code();
    let challenge = challenge(ports, request_id, &request.msisdn, &code);
    let entry = audit::entry(ports, iin, "code_resent", request_id.to_owned());
    ports.requests.add_challenge(&challenge, &entry).await?;
    ports
        .sms
        .send(&request.msisdn, &sms_text(&code))
        .await
        .map_err(|e| {
            tracing::error!(error = %e, number = %request.msisdn, "SMS not sent");
            RequestCodeError::SmsUnavailable
        })?;
    Ok(CodeSent {
        request_id: request.id,
        msisdn: request.msisdn,
        code_expires_at: challenge.expires_at,
        resend_at: resend_allowed_at(now),
    })
}
