//! Whether the service can work: its database answers.

use super::uses::UsesAudit;
use super::Unexpected;
use crate::ports::StoreError;

/// Reads one audit entry. A row this build cannot read (an action written
/// by a newer instance sharing the database) still proves the database
/// answers.
pub async fn database_answers(ports: &impl UsesAudit) -> Result<(), Unexpected> {
    match ports.audit().recent(1).await {
        Ok(_) | Err(StoreError::Corrupt(_)) => Ok(()),
        Err(e) => Err(e.into()),
    }
}
