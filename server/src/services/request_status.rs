//! What a request's page shows: its state, the code's limits while a code
//! is awaited, the document to sign while certification is awaited.

use super::confirm_code::document_for;
use super::uses::{UsesBindings, UsesClock, UsesMaintenance, UsesOutbox, UsesRequests};
use super::{maintenance, open_request, Unexpected};
use crate::domain::maintenance::{is_overdue, term_ends_at};
use crate::domain::BindingState;
use crate::domain::Iin;
use crate::ports::{BindingRequest, OtpChallenge};

pub struct RequestStatus {
    pub request: BindingRequest,
    /// When the request ends unless completed: 10 minutes, lengthened by
    /// maintenance breaks within them (appendix rows 3 and 7).
    pub term_ends_at: time::OffsetDateTime,
    /// The live code, while a code is awaited.
    pub challenge: Option<OtpChallenge>,
    /// The document to certify, while certification is awaited.
    pub document: Option<Vec<u8>>,
    /// The operator of the number, once bound.
    pub operator: Option<String>,
    /// Where the latest SMS of the request stands, while a code is awaited.
    pub sms: Option<crate::ports::SmsState>,
}

/// As [`view`], for the door `door` (the app's): a request whose steps it
/// does not take (a bank's, `steps_on`) is none of its business.
pub async fn view_at(
    ports: &(impl UsesBindings + UsesRequests + UsesMaintenance + UsesClock + UsesOutbox),
    iin: &Iin,
    id: &str,
    door: crate::domain::Channel,
) -> Result<Option<RequestStatus>, Unexpected> {
    Ok(view(ports, iin, id)
        .await?
        .filter(|s| crate::domain::binding::steps_on(s.request.channel, door)))
}

/// The request `id` of `iin` (expiring it first if overdue), or `None`.
pub async fn view(
    ports: &(impl UsesBindings + UsesRequests + UsesMaintenance + UsesClock + UsesOutbox),
    iin: &Iin,
    id: &str,
) -> Result<Option<RequestStatus>, Unexpected> {
    if id.len() > 64 {
        return Ok(None);
    }
    let Some(mut request) = ports
        .requests()
        .request(id)
        .await?
        .filter(|r| &r.iin == iin)
    else {
        return Ok(None);
    };
    let breaks = maintenance::breaks_since(ports, request.started_at).await?;
    if !request.state.is_ended() && is_overdue(request.started_at, ports.clock().now(), &breaks) {
        open_request::expire(ports, &request).await?;
        request.state = BindingState::Expired;
    }
    let (challenge, sms) = match request.state {
        BindingState::AwaitingCode => (
            ports.requests().latest_challenge(id).await?,
            ports.outbox().request_sms_state(id).await?,
        ),
        _ => (None, None),
    };
    let document = match (request.state, &request.sign_nonce) {
        (BindingState::AwaitingCertification | BindingState::AwaitingSignature, Some(nonce)) => {
            Some(document_for(&request, nonce))
        }
        _ => None,
    };
    let operator = match request.state {
        BindingState::Bound => ports
            .bindings()
            .binding_history(iin)
            .await?
            .into_iter()
            .find(|b| b.msisdn == request.msisdn)
            .map(|b| b.operator),
        _ => None,
    };
    Ok(Some(RequestStatus {
        term_ends_at: term_ends_at(request.started_at, &breaks),
        request,
        challenge,
        document,
        operator,
        sms,
    }))
}
