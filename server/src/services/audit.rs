//! Audit entries by a citizen (or the system acting for them) about
//! themselves, the commonest kind; every entry is made by `AuditEntry::new`.

use super::uses::UsesClock;
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::Iin;
use crate::ports::AuditEntry;

/// An entry by the citizen `iin` about themselves.
pub fn entry(ports: &impl UsesClock, iin: &Iin, action: AuditAction, detail: String) -> AuditEntry {
    AuditEntry::new(
        ports.clock().now(),
        Actor::Citizen(iin),
        action,
        iin.as_str(),
        detail,
    )
}
