//! What the cabinet shows (Rules §5.3): the citizen, the bound number, the history.

use super::{Ports, Unexpected};
use crate::domain::binding::is_overdue;
use crate::domain::Iin;
use crate::ports::{Account, Binding, BindingRequest, Consent};

pub struct Cabinet {
    pub account: Account,
    pub active: Option<Binding>,
    pub history: Vec<Binding>,
    pub consent: Option<Consent>,
    /// The request in progress (at most one per account), within its term.
    pub open_request: Option<BindingRequest>,
}

/// The cabinet of `iin`, or `None` if no such account exists.
pub async fn view(ports: &Ports, iin: &Iin) -> Result<Option<Cabinet>, Unexpected> {
    let Some(account) = ports.accounts.account(iin).await? else {
        return Ok(None);
    };
    let active = ports.bindings.active_binding(iin).await?;
    let history = ports.bindings.binding_history(iin).await?;
    let consent = ports.requests.active_consent(iin).await?;
    let now = ports.clock.now();
    let open_request = ports
        .requests
        .open_requests_of(iin)
        .await?
        .into_iter()
        .rfind(|r| !is_overdue(r.started_at, now));
    Ok(Some(Cabinet {
        account,
        active,
        history,
        consent,
        open_request,
    }))
}
