//! What the cabinet shows (Rules §5.3): the citizen, the bound number, the
//! history; and every use of the account (each channel and API client that
//! started a request, each bank's permission to view documents).

use super::uses::{
    UsesAccounts, UsesApiClients, UsesBindings, UsesClock, UsesMaintenance, UsesNumberUses,
    UsesPermissions, UsesPurposes, UsesRequests,
};
use super::Unexpected;
use crate::domain::api_client::ClientId;
use crate::domain::maintenance::is_overdue;
use crate::domain::notification::NotificationPurpose;
use crate::domain::Iin;
use crate::ports::{
    Account, Binding, BindingRequest, ChannelUse, Consent, DocumentPermission, SentMessage,
};

pub struct Cabinet {
    pub account: Account,
    pub active: Option<Binding>,
    pub history: Vec<Binding>,
    pub consent: Option<Consent>,
    /// The request in progress (at most one per account), within its term.
    pub open_request: Option<BindingRequest>,
    /// When the open request ends unless completed (its term, lengthened
    /// by maintenance breaks within it).
    pub open_request_ends_at: Option<time::OffsetDateTime>,
    /// Each channel's use, with the API client's name where there is one.
    pub uses: Vec<(ChannelUse, Option<String>)>,
    /// Banks' permissions with the bank's name, and whether the request
    /// that would grant each is still open.
    pub permissions: Vec<(DocumentPermission, String, bool)>,
    /// Whether a password sign-in also needs a code to the bound number.
    pub second_factor: bool,
    /// The messages written for the citizen, newest first.
    pub messages: Vec<Message>,
    /// The notification purposes, and whether the citizen turned each off.
    pub preferences: Vec<(NotificationPurpose, bool)>,
}

/// A message written for the citizen, with the sending state service's
/// name and the notification's purpose where there are.
pub struct Message {
    pub sent: SentMessage,
    pub sender: Option<String>,
    pub purpose: Option<NotificationPurpose>,
}

/// How many of the newest messages the cabinet lists.
pub const MESSAGES_SHOWN: i64 = 50;

/// A client's name as registered (its id if it is gone).
async fn client_name(ports: &impl UsesApiClients, id: &ClientId) -> Result<String, Unexpected> {
    Ok(ports
        .api_clients()
        .client(id)
        .await?
        .map_or_else(|| id.to_string(), |c| c.name))
}

/// The number bound to `iin`'s account now, if any (what the mobile app shows).
pub async fn active_binding(
    ports: &impl UsesBindings,
    iin: &Iin,
) -> Result<Option<Binding>, Unexpected> {
    Ok(ports.bindings().active_binding(iin).await?)
}

/// The cabinet of `iin`, or `None` if no such account exists.
pub async fn view(
    ports: &(impl UsesAccounts
          + UsesNumberUses
          + UsesPurposes
          + UsesApiClients
          + UsesBindings
          + UsesPermissions
          + UsesRequests
          + UsesMaintenance
          + UsesClock),
    iin: &Iin,
) -> Result<Option<Cabinet>, Unexpected> {
    let Some(account) = ports.accounts().account(iin).await? else {
        return Ok(None);
    };
    let active = ports.bindings().active_binding(iin).await?;
    let history = ports.bindings().binding_history(iin).await?;
    let consent = ports.requests().active_consent(iin).await?;
    let now = ports.clock().now();
    let breaks = super::maintenance::recent_breaks(ports).await?;
    let open_request = ports
        .requests()
        .open_requests_of(iin)
        .await?
        .into_iter()
        .rfind(|r| !is_overdue(r.started_at, now, &breaks));
    let mut uses = Vec::new();
    for u in ports.requests().uses_of(iin).await? {
        let name = match &u.client_id {
            Some(id) => Some(client_name(ports, id).await?),
            None => None,
        };
        uses.push((u, name));
    }
    let mut permissions = Vec::new();
    for p in ports.permissions().permissions_of(iin).await? {
        let open = p.granted_at.is_none()
            && p.request_id
                .as_deref()
                .is_some_and(|id| open_request.as_ref().is_some_and(|r| r.id == id));
        let name = client_name(ports, &p.client_id).await?;
        permissions.push((p, name, open));
    }
    let mut messages = Vec::new();
    for m in ports.number_uses().messages_of(iin, MESSAGES_SHOWN).await? {
        let sender = match m.sender.as_deref().map(ClientId::parse) {
            Some(Ok(id)) => Some(client_name(ports, &id).await?),
            _ => None,
        };
        let purpose = m
            .topic
            .as_deref()
            .and_then(|code| ports.purposes().find(code))
            .cloned();
        messages.push(Message {
            sent: m,
            sender,
            purpose,
        });
    }
    Ok(Some(Cabinet {
        second_factor: ports.number_uses().second_factor(iin).await?,
        messages,
        preferences: super::notifications::preferences(ports, iin).await?,
        account,
        active,
        history,
        consent,
        open_request_ends_at: open_request
            .as_ref()
            .map(|r| crate::domain::maintenance::term_ends_at(r.started_at, &breaks)),
        open_request,
        uses,
        permissions,
    }))
}
