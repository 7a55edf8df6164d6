//! Entering the one-time code (Rules §5.2, §9). Three wrong entries void
//! the code and end the request without a binding; a right one moves the
//! request on to certification and fixes the document to sign.

use rand::RngCore;
use time::OffsetDateTime;

use super::open_request::{self, OpenRequestError};
use super::uses::{UsesClock, UsesCodes, UsesMaintenance, UsesRequests};
use super::{audit, Unexpected};
use crate::domain::audit::AuditAction;
use crate::domain::binding::steps_on;
use crate::domain::document::RequestDocument;
use crate::domain::otp::MAX_WRONG_ATTEMPTS;
use crate::domain::{BindingState, Channel, EndReason, Iin, OtpCode, OtpCodeError};
use crate::ports::{BindingRequest, StateChange};

#[derive(Debug, thiserror::Error)]
pub enum ConfirmCodeError {
    #[error("the code is malformed: {0}")]
    Malformed(OtpCodeError),
    #[error("the code is wrong; {tries_left} tries left")]
    Wrong { tries_left: u32 },
    /// The third wrong entry: the request ended without a binding.
    #[error("the code was entered wrongly too many times")]
    TooManyTries,
    #[error("the code has expired; ask for a new one")]
    CodeExpired,
    #[error("this step is not allowed now")]
    NotAwaitingCode,
    #[error(transparent)]
    Request(#[from] OpenRequestError),
    #[error(transparent)]
    Unexpected(#[from] Unexpected),
}

/// The document the citizen is asked to sign for `request`.
pub fn document_for(request: &BindingRequest, nonce: &str) -> Vec<u8> {
    RequestDocument {
        request_id: &request.id,
        iin: &request.iin,
        msisdn: &request.msisdn,
        purpose: request.purpose,
        issued_at: request.started_at,
        nonce,
    }
    .to_bytes()
}

/// Checks the code; on success returns the document to certify.
///
/// Decided under the account's lock, and each outcome by one conditional
/// statement: a wrong entry counts only while the code is live and under
/// three tries (the third voids it and refuses the request); the right code
/// works only on the same conditions. So guesses that arrive together are
/// judged one after another, never against a stale count.
///
/// On the citizen's own channels (the portal, the app); a bank's request
/// is the bank's ([`confirm_code_at_bank`]).
pub async fn confirm_code(
    ports: &(impl UsesRequests + UsesMaintenance + UsesClock + UsesCodes),
    iin: &Iin,
    request_id: &str,
    code_input: &str,
) -> Result<Vec<u8>, ConfirmCodeError> {
    confirm_code_on(ports, iin, request_id, code_input, Channel::Portal).await
}

/// As [`confirm_code`], at the bank's door, for the bank's own request
/// (the caller has checked it is this bank's).
pub async fn confirm_code_at_bank(
    ports: &(impl UsesRequests + UsesMaintenance + UsesClock + UsesCodes),
    iin: &Iin,
    request_id: &str,
    code_input: &str,
) -> Result<Vec<u8>, ConfirmCodeError> {
    confirm_code_on(ports, iin, request_id, code_input, Channel::Bank).await
}

async fn confirm_code_on(
    ports: &(impl UsesRequests + UsesMaintenance + UsesClock + UsesCodes),
    iin: &Iin,
    request_id: &str,
    code_input: &str,
    door: Channel,
) -> Result<Vec<u8>, ConfirmCodeError> {
    let code = OtpCode::parse(code_input).map_err(ConfirmCodeError::Malformed)?;
    let (mut tx, request) = open_request::lock_open(ports, iin, None, request_id).await?;
    if !steps_on(request.channel, door) {
        return Err(OpenRequestError::NotFound.into());
    }
    if request.state != BindingState::AwaitingCode {
        return Err(ConfirmCodeError::NotAwaitingCode);
    }
    let now: OffsetDateTime = ports.clock().now();
    let challenge = tx
        .latest_challenge(request_id)
        .await?
        .filter(|c| c.used_at.is_none() && c.voided_at.is_none() && now < c.expires_at)
        .ok_or(ConfirmCodeError::CodeExpired)?;
    if !ports
        .codes()
        .matches(&challenge.code_hmac, request_id, &code)
    {
        let tries = tx
            .count_wrong_try(&challenge.id, now, MAX_WRONG_ATTEMPTS)
            .await?
            .ok_or(ConfirmCodeError::CodeExpired)?;
        let refused = tries >= MAX_WRONG_ATTEMPTS;
        if refused {
            let change = StateChange {
                request_id: request_id.to_owned(),
                from: BindingState::AwaitingCode,
                to: BindingState::ended(EndReason::CodeNotConfirmed),
                at: now,
            };
            tx.change_state(&change).await?;
        }
        let action = if refused {
            AuditAction::of_ending(EndReason::CodeNotConfirmed)
        } else {
            AuditAction::CodeWrong
        };
        let detail = format!(
            "request={request_id} tries={tries} ground={}",
            EndReason::CodeNotConfirmed.code()
        );
        tx.audit(&audit::entry(ports, iin, action, detail)).await?;
        tx.commit().await?;
        return Err(if refused {
            ConfirmCodeError::TooManyTries
        } else {
            ConfirmCodeError::Wrong {
                tries_left: MAX_WRONG_ATTEMPTS - tries,
            }
        });
    }
    if !tx.use_code(&challenge.id, now, MAX_WRONG_ATTEMPTS).await? {
        return Err(ConfirmCodeError::CodeExpired);
    }
    let mut nonce = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    let nonce = hex::encode(nonce);
    let change = StateChange {
        request_id: request_id.to_owned(),
        from: BindingState::AwaitingCode,
        to: BindingState::AwaitingCertification,
        at: now,
    };
    if !tx.change_state(&change).await? {
        return Err(ConfirmCodeError::NotAwaitingCode);
    }
    tx.set_sign_nonce(request_id, &nonce).await?;
    tx.audit(&audit::entry(
        ports,
        iin,
        AuditAction::CodeConfirmed,
        request_id.to_owned(),
    ))
    .await?;
    tx.commit().await?;
    Ok(document_for(&request, &nonce))
}
