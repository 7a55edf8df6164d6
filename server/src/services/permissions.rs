//! The citizen's view of every use of their account (SPEC §3.2–§3.3): the
//! channels that started requests, and the banks' permissions to view
//! their documents, which the citizen may revoke; a bank sees the
//! revocation at once, since it reads the same record.

use super::uses::{UsesClock, UsesPermissions};
use super::{audit, Unexpected};
use crate::domain::audit::AuditAction;
use crate::domain::Iin;
use crate::ports::DocumentPermission;

/// Every permission of the citizen, newest first.
pub async fn of(
    ports: &impl UsesPermissions,
    iin: &Iin,
) -> Result<Vec<DocumentPermission>, Unexpected> {
    Ok(ports.permissions().permissions_of(iin).await?)
}

/// Revokes the citizen's permission `id`; false if it is not theirs or is
/// revoked already.
pub async fn revoke(
    ports: &(impl UsesPermissions + UsesClock),
    iin: &Iin,
    id: &str,
) -> Result<bool, Unexpected> {
    if id.len() > 64 {
        return Ok(false);
    }
    let entry = audit::entry(
        ports,
        iin,
        AuditAction::PermissionRevoked,
        format!("permission={id}"),
    );
    Ok(ports
        .permissions()
        .revoke_permission(id, iin, &entry)
        .await?)
}
