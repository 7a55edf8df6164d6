//! Finding a citizen's open request, ending it first if its 10-minute term
//! has passed (appendix row 3), so every step sees the same rules.

use super::uses::{UsesClock, UsesMaintenance, UsesRequests};
use super::{audit, maintenance, Unexpected};
use crate::domain::audit::AuditAction;
use crate::domain::maintenance::{is_overdue, MaintenanceWindow};
use crate::domain::{BindingState, Iin};
use crate::ports::{AccountTx, AuditEntry, BindingRequest, StateChange};

#[derive(Debug, thiserror::Error)]
pub enum OpenRequestError {
    /// No such request, or it is someone else's: the same answer for both.
    #[error("no such request")]
    NotFound,
    #[error("the request has ended: {0:?}")]
    Ended(BindingState),
    #[error("the request's 10-minute term has passed")]
    Expired,
    #[error(transparent)]
    Unexpected(#[from] Unexpected),
}

/// What a step found: the request is open, or it is open but past its
/// term (and must be ended as expired before the step says so).
enum Found {
    Open(BindingRequest),
    Overdue(BindingRequest),
}

/// Judges the stored request for a step of `iin` at `now`, its term
/// lengthened by the maintenance `breaks` within it (appendix row 7).
fn judge(
    request: Option<BindingRequest>,
    iin: &Iin,
    now: time::OffsetDateTime,
    breaks: &[MaintenanceWindow],
) -> Result<Found, OpenRequestError> {
    let request = request
        .filter(|r| &r.iin == iin)
        .ok_or(OpenRequestError::NotFound)?;
    if request.state.is_ended() {
        return Err(OpenRequestError::Ended(request.state));
    }
    Ok(if is_overdue(request.started_at, now, breaks) {
        Found::Overdue(request)
    } else {
        Found::Open(request)
    })
}

/// The move of an overdue request to expired, and its audit entry.
fn expiry(ports: &impl UsesClock, request: &BindingRequest) -> (StateChange, AuditEntry) {
    let change = StateChange {
        request_id: request.id.clone(),
        from: request.state,
        to: BindingState::Expired,
        at: ports.clock().now(),
    };
    let entry = audit::entry(
        ports,
        &request.iin,
        AuditAction::RequestExpired,
        request.id.clone(),
    );
    (change, entry)
}

/// The open request `id` of `iin`, expiring it if overdue.
pub async fn load(
    ports: &(impl UsesRequests + UsesMaintenance + UsesClock),
    iin: &Iin,
    id: &str,
) -> Result<BindingRequest, OpenRequestError> {
    let breaks = maintenance::recent_breaks(ports).await?;
    match judge(
        ports.requests().request(id).await?,
        iin,
        ports.clock().now(),
        &breaks,
    )? {
        Found::Open(request) => Ok(request),
        Found::Overdue(request) => {
            expire(ports, &request).await?;
            Err(OpenRequestError::Expired)
        }
    }
}

/// Locks `iin`'s account (and `number`'s, when given) and reads its open
/// request `id` under that lock, so no other step can move it meanwhile.
/// One past its term is ended as expired (committed) and refused. The
/// maintenance breaks are read before the lock: a step holding a
/// connection never waits for a second one (a pool of many such steps
/// would wait on itself).
pub async fn lock_open(
    ports: &(impl UsesRequests + UsesMaintenance + UsesClock),
    iin: &Iin,
    number: Option<&crate::domain::Msisdn>,
    id: &str,
) -> Result<(Box<dyn AccountTx>, BindingRequest), OpenRequestError> {
    let breaks = maintenance::recent_breaks(ports).await?;
    let tx = ports.requests().lock_account(iin, number).await?;
    load_locked(ports, tx, &breaks, iin, id).await
}

async fn load_locked(
    ports: &impl UsesClock,
    mut tx: Box<dyn AccountTx>,
    breaks: &[MaintenanceWindow],
    iin: &Iin,
    id: &str,
) -> Result<(Box<dyn AccountTx>, BindingRequest), OpenRequestError> {
    match judge(tx.request(id).await?, iin, ports.clock().now(), breaks)? {
        Found::Open(request) => Ok((tx, request)),
        Found::Overdue(request) => {
            let (change, entry) = expiry(ports, &request);
            if tx.change_state(&change).await? {
                tx.audit(&entry).await?;
            }
            tx.commit().await?;
            Err(OpenRequestError::Expired)
        }
    }
}

/// Ends an open request as expired (no-op if another step ended it first),
/// under its account's lock like every other step, so expiry and an entered
/// code never lock the same rows in opposite orders.
pub async fn expire(
    ports: &(impl UsesRequests + UsesClock),
    request: &BindingRequest,
) -> Result<bool, Unexpected> {
    let mut tx = ports.requests().lock_account(&request.iin, None).await?;
    let (change, entry) = expiry(ports, request);
    let moved = tx.change_state(&change).await?;
    if moved {
        tx.audit(&entry).await?;
    }
    tx.commit().await?;
    Ok(moved)
}

/// Expires every open request past its term (lengthened by the breaks
/// within it); returns how many ended.
pub async fn expire_overdue(
    ports: &(impl UsesRequests + UsesMaintenance + UsesClock),
) -> Result<usize, Unexpected> {
    let now = ports.clock().now();
    let cutoff = now - crate::domain::REQUEST_TERM;
    let breaks = maintenance::recent_breaks(ports).await?;
    let mut ended = 0;
    for request in ports
        .requests()
        .open_requests_started_before(cutoff)
        .await?
    {
        if is_overdue(request.started_at, now, &breaks) && expire(ports, &request).await? {
            ended += 1;
        }
    }
    Ok(ended)
}
