//! "Send a new code" (Rules §5.2): a new one-time code for an open request
//! still waiting for one, after the minute between codes and within the
//! hourly limits, decided under the account's and the number's locks.

use super::audit;
use super::code_hash::new_code;
use super::open_request::{self, OpenRequestError};
use super::request_code::{
    challenge, check_hourly_limits, sim_not_swapped, CodeSent, RequestCodeError,
};
use super::uses::{SendsSms, UsesCodes, UsesMaintenance, UsesOperators, UsesRequests};
use crate::domain::audit::AuditAction;
use crate::domain::binding::steps_on;
use crate::domain::otp::{resend_allowed_at, too_soon};
use crate::domain::sms::Sms;
use crate::domain::{BindingState, Channel, Iin};

/// Sends a new code for an open request still waiting for one. The wait
/// between codes and the hourly limits are decided under the account's and
/// the number's locks.
pub async fn resend_code(
    ports: &(impl UsesRequests + SendsSms + UsesMaintenance + UsesCodes + UsesOperators),
    iin: &Iin,
    request_id: &str,
) -> Result<CodeSent, RequestCodeError> {
    // The SIM is asked about before the lock (a remote call holds none),
    // and only for a request still waiting for a code; the request's
    // number never changes, so reading it first is sound. The minute
    // between codes is a cheap limit, so it comes before that outside
    // call, within the request's term (past it, the lock below ends the
    // request as expired); both are decided again under the lock.
    if let Some(request) = ports.requests().request(request_id).await? {
        if &request.iin == iin
            && request.state == BindingState::AwaitingCode
            && steps_on(request.channel, Channel::Portal)
        {
            let now = ports.clock().now();
            let in_term = now < request.started_at + crate::domain::REQUEST_TERM;
            if let Some(last) = ports.requests().latest_challenge(request_id).await? {
                if let Some(retry_at) = too_soon(last.created_at, now).filter(|_| in_term) {
                    return Err(RequestCodeError::TooSoon { retry_at });
                }
            }
            sim_not_swapped(ports, &request.msisdn).await?;
        }
    }
    let (mut tx, request) = open_request::lock_open(ports, iin, None, request_id).await?;
    // On the citizen's own channels only: a bank's request is the bank's.
    if !steps_on(request.channel, Channel::Portal) {
        return Err(OpenRequestError::NotFound.into());
    }
    if request.state != BindingState::AwaitingCode {
        return Err(OpenRequestError::Ended(request.state).into());
    }
    tx.lock_number(&request.msisdn).await?;
    let now = ports.clock().now();
    if let Some(last) = tx.latest_challenge(request_id).await? {
        if let Some(retry_at) = too_soon(last.created_at, now) {
            return Err(RequestCodeError::TooSoon { retry_at });
        }
    }
    // The citizen's own limits: a bank's request never comes here.
    check_hourly_limits(tx.as_mut(), &request.msisdn, now, None).await?;
    let code = new_code();
    let challenge = challenge(ports, request_id, &request.msisdn, &code);
    tx.add_challenge(&challenge).await?;
    let sms = super::sms_delivery::compose(
        ports,
        &request.msisdn,
        &Sms::Code { code },
        super::sms_delivery::About::request(iin, request_id),
    );
    tx.enqueue_sms(&sms).await?;
    tx.audit(&audit::entry(
        ports,
        iin,
        AuditAction::CodeResent,
        request_id.to_owned(),
    ))
    .await?;
    tx.commit().await?;
    if super::sms_delivery::deliver(ports, &sms.id).await? == super::sms_delivery::Delivery::Failed
    {
        tracing::error!(number = %request.msisdn, "SMS not sent");
        return Err(RequestCodeError::SmsUnavailable);
    }
    Ok(CodeSent {
        request_id: request.id,
        msisdn: request.msisdn,
        code_expires_at: challenge.expires_at,
        resend_at: resend_allowed_at(now),
    })
}
