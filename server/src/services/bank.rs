//! Binding through a bank's app (Rules §7, SPEC §3.3; Law on Personal
//! Data, art. 8): the bank gives the citizen's IIN, the number it holds
//! and the permission it asks for. The permission takes effect only by the
//! citizen's own act through the bank's app, every time: the code sent to
//! the number (which the operator must attribute to the citizen) and the
//! citizen's biometrics. If the number is the state's bound number
//! already, the request confirms it and the binding stays; otherwise the
//! binding binds or changes it. Either way the permission is granted in
//! the binding's own transaction. Every limit and check of the other
//! channels applies, with the bank's codes counted against its own limits.
//!
//! Until the citizen has proved possession of the number, the bank's
//! answers are the same whether or not the citizen has an account and
//! whatever number is bound.

use time::OffsetDateTime;

use super::request_code::{request_code_from, CodeSent, Origin, RequestCodeError};
use super::uses::{
    SendsSms, UsesAccounts, UsesAudit, UsesCodes, UsesMaintenance, UsesOperators, UsesPermissions,
    UsesRequests,
};
use super::Unexpected;
use crate::domain::api_client::ClientId;
use crate::domain::audit::AuditAction;
use crate::domain::permission::{check_expiry, DocumentScope, PermissionError};
use crate::domain::{Channel, Iin, IinError, Msisdn};
use crate::ports::DocumentPermission;

/// What the bank asks for.
#[derive(Debug, Clone)]
pub struct BankAsk {
    pub iin: String,
    pub number: String,
    pub documents: String,
    pub expires_at: OffsetDateTime,
    /// The bank's statement that the citizen consented to access to
    /// restricted personal data; kept with the request only.
    pub consent: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum BankError {
    #[error("the IIN is not valid: {0}")]
    InvalidIin(IinError),
    #[error(transparent)]
    Permission(PermissionError),
    #[error(transparent)]
    Code(RequestCodeError),
    #[error(transparent)]
    Unexpected(#[from] Unexpected),
}

/// Starts the bank's request: the code goes to the bank's number.
pub async fn start(
    ports: &(impl UsesAccounts
          + UsesAudit
          + UsesRequests
          + UsesMaintenance
          + SendsSms
          + UsesOperators
          + UsesCodes),
    client: &ClientId,
    ask: BankAsk,
) -> Result<CodeSent, BankError> {
    let iin = Iin::parse(&ask.iin).map_err(BankError::InvalidIin)?;
    let scope = DocumentScope::parse(&ask.documents).map_err(BankError::Permission)?;
    let now = ports.clock().now();
    check_expiry(now, ask.expires_at).map_err(BankError::Permission)?;
    let msisdn = Msisdn::parse(&ask.number)
        .map_err(|e| BankError::Code(RequestCodeError::InvalidNumber(e)))?;
    // Without an account the bank hears what it hears for a number the
    // operator does not attribute to the IIN, after the same question to
    // the operator under the same limit and the same audit entry: neither
    // the answer, nor the time it takes, nor the limit tells it which.
    if ports.accounts().account(&iin).await?.is_none() {
        let answer =
            match super::request_code::attributed_to(ports, &iin, &msisdn, Some(client)).await {
                Err(wait @ RequestCodeError::TooSoon { .. }) => wait,
                Err(RequestCodeError::OperatorUnavailable) => RequestCodeError::OperatorUnavailable,
                _ => {
                    let detail = format!(
                        "number={} channel={} reason=no_account",
                        msisdn.masked(),
                        Channel::Bank.code()
                    );
                    ports
                        .audit()
                        .append(&super::audit::entry(
                            ports,
                            &iin,
                            AuditAction::CodeNotSent,
                            detail,
                        ))
                        .await?;
                    RequestCodeError::NumberNotYours
                }
            };
        return Err(BankError::Code(answer));
    }
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
        consent_stated: ask.consent,
    };
    let origin = Origin {
        channel: Channel::Bank,
        client: Some(client),
        may_bind: true,
        may_change: true,
    };
    request_code_from(
        ports,
        &iin,
        msisdn.as_str(),
        ask.consent,
        origin,
        Some(&permission),
    )
    .await
    .map_err(BankError::Code)
}

/// The bank's own request `id`: its citizen and the permission asked with
/// it; `None` for another client's request or none at all.
pub async fn bank_request(
    ports: &impl UsesPermissions,
    client: &ClientId,
    id: &str,
) -> Result<Option<DocumentPermission>, Unexpected> {
    if id.len() > 64 {
        return Ok(None);
    }
    Ok(ports
        .permissions()
        .permissions_of_request(id)
        .await?
        .into_iter()
        .find(|p| &p.client_id == client))
}

/// This bank's permissions of the citizen, newest first.
pub async fn permissions(
    ports: &impl UsesPermissions,
    client: &ClientId,
    iin: &Iin,
) -> Result<Vec<DocumentPermission>, Unexpected> {
    Ok(ports
        .permissions()
        .permissions_of(iin)
        .await?
        .into_iter()
        .filter(|p| &p.client_id == client)
        .collect())
}
