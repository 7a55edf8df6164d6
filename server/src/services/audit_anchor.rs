//! Anchoring the audit log: every chain's head, stated with the time and
//! the provider's BIN, signed with the seal key and kept beside the log.
//! A copy handed to an outside party (an auditor, the ministry) lets them
//! show later that the log up to those heads was not rewritten, even by
//! someone holding the database (`nomir audit verify --anchors`).

use base64::Engine as _;

use super::uses::{UsesAudit, UsesClock};
use super::Unexpected;
use crate::documents::Sealer;
use crate::domain::audit_chain::Statement;

/// An anchor as made: the statement's exact bytes and the detached CMS.
#[derive(Debug, Clone)]
pub struct Anchor {
    pub statement: String,
    pub signature: Vec<u8>,
}

/// States and signs the chains' heads now, and keeps the anchor.
pub async fn anchor(
    ports: &(impl UsesAudit + UsesClock),
    sealer: &Sealer,
) -> Result<Anchor, Unexpected> {
    let now = ports.clock().now();
    let heads = ports.audit().heads().await?;
    let statement = Statement::new(sealer.bin(), now, heads).to_json();
    let signature = sealer.sign_detached(statement.as_bytes())?;
    let b64 = base64::engine::general_purpose::STANDARD.encode(&signature);
    ports.audit().add_anchor(now, &statement, &b64).await?;
    Ok(Anchor {
        statement,
        signature,
    })
}
