//! Binding through a bank's app (Rules §7, SPEC §3.3): the bank gives the
//! citizen's IIN, the number it holds and the permission it asks for. If
//! the state's number is already that number, the permission is granted at
//! once; otherwise the code goes to the bank's number, and the binding
//! (after the code and biometrics) grants the permission in its own
//! transaction. Every limit and check of the other channels applies.

use time::OffsetDateTime;

use super::request_code::{request_code_from, CodeSent, Origin, RequestCodeError};
use super::{audit, Ports, Unexpected};
use crate::domain::api_client::ClientId;
use crate::domain::permission::{check_expiry, DocumentScope, PermissionError};
use crate::domain::{Channel, Iin, IinError, Msisdn};
use crate::ports::{DocumentPermission, StoreError};

/// What the bank asks for.
#[derive(Debug, Clone)]
pub struct BankAsk {
    pub iin: String,
    pub number: String,
    pub documents: String,
    pub expires_at: OffsetDateTime,
    pub consent: bool,
}

#[derive(Debug)]
pub enum BankStart {
    /// The state's number is the bank's already: granted, nothing to bind.
    Granted(DocumentPermission),
    /// The code went to the bank's number; the binding will grant it.
    CodeSent(CodeSent),
}

#[derive(Debug, thiserror::Error)]
pub enum BankError {
    #[error("the IIN is not valid: {0}")]
    InvalidIin(IinError),
    #[error("the citizen has no account")]
    NoAccount,
    #[error(transparent)]
    Permission(PermissionError),
    #[error(transparent)]
    Code(RequestCodeError),
    #[error(transparent)]
    Unexpected(#[from] Unexpected),
}

impl From<StoreError> for BankError {
    fn from(e: StoreError) -> Self {
        Self::Unexpected(e.into())
    }
}

pub async fn start(ports: &Ports, client: &ClientId, ask: BankAsk) -> Result<BankStart, BankError> {
    let iin = Iin::parse(&ask.iin).map_err(BankError::InvalidIin)?;
    if ports.accounts.account(&iin).await?.is_none() {
        return Err(BankError::NoAccount);
    }
    let scope = DocumentScope::parse(&ask.documents).map_err(BankError::Permission)?;
    let now = ports.clock.now();
    check_expiry(now, ask.expires_at).map_err(BankError::Permission)?;
    let msisdn = Msisdn::parse(&ask.number)
        .map_err(|e| BankError::Code(RequestCodeError::InvalidNumber(e)))?;
    let permission = DocumentPermission {
        id: uuid::Uuid::new_v4().to_string(),
        client_id: client.clone(),
        iin: iin.clone(),
        scope,
        request_id: None,
        asked_at: now,
        granted_at: None,
        expires_at: ask.expires_at,
        revoked_at: None,
    };
    // Decided under the account's and the number's locks: the binding
    // cannot change between the look and the grant.
    let mut tx = ports.requests.lock_account(&iin, Some(&msisdn)).await?;
    if tx
        .active_binding()
        .await?
        .is_some_and(|b| b.msisdn == msisdn)
    {
        let granted = DocumentPermission {
            granted_at: Some(now),
            ..permission
        };
        tx.insert_permission(&granted).await?;
        let detail = format!("permission={} client={client}", granted.id);
        tx.audit(&audit::entry(ports, &iin, "permission_granted", detail))
            .await?;
        tx.commit().await?;
        return Ok(BankStart::Granted(granted));
    }
    drop(tx);
    let origin = Origin {
        channel: Channel::Bank,
        client: Some(client),
        may_bind: true,
        may_change: true,
    };
    request_code_from(
        ports,
        &iin,
        &ask.number,
        ask.consent,
        origin,
        Some(&permission),
    )
    .await
    .map(BankStart::CodeSent)
    .map_err(BankError::Code)
}

/// The bank's own request `id`: its citizen and the permission asked with
/// it; `None` for another client's request or none at all.
pub async fn bank_request(
    ports: &Ports,
    client: &ClientId,
    id: &str,
) -> Result<Option<DocumentPermission>, Unexpected> {
    if id.len() > 64 {
        return Ok(None);
    }
    Ok(ports
        .permissions
        .permissions_of_request(id)
        .await?
        .into_iter()
        .find(|p| &p.client_id == client))
}

/// This bank's permissions of the citizen, newest first.
pub async fn permissions(
    ports: &Ports,
    client: &ClientId,
    iin: &Iin,
) -> Result<Vec<DocumentPermission>, Unexpected> {
    Ok(ports
        .permissions
        .permissions_of(iin)
        .await?
        .into_iter()
        .filter(|p| &p.client_id == client)
        .collect())
}
