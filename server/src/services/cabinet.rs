//! What the cabinet shows (Rules §5.3): the citizen, the bound number, the history.

use super::{Ports, Unexpected};
use crate::domain::Iin;
use crate::ports::{Account, Binding, Consent};

pub struct Cabinet {
    pub account: Account,
    pub active: Option<Binding>,
    pub history: Vec<Binding>,
    pub consent: Option<Consent>,
}

/// The cabinet of `iin`, or `None` if no such account exists.
pub async fn view(ports: &Ports, iin: &Iin) -> Result<Option<Cabinet>, Unexpected> {
    let Some(account) = ports.accounts.account(iin).await? else {
        return Ok(None);
    };
    let active = ports.bindings.active_binding(iin).await?;
    let history = ports.bindings.binding_history(iin).await?;
    let consent = ports.requests.active_consent(iin).await?;
    Ok(Some(Cabinet {
        account,
        active,
        history,
        consent,
    }))
}
