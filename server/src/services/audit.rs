//! Building audit entries: who decided what about whom.

use super::Ports;
use crate::domain::Iin;
use crate::ports::AuditEntry;

/// An entry by the citizen `iin` (or the system acting for them) about themselves.
pub fn entry(ports: &Ports, iin: &Iin, action: &str, detail: String) -> AuditEntry {
    AuditEntry {
        at: ports.clock.now(),
        actor: iin.as_str().to_owned(),
        action: action.to_owned(),
        subject: iin.as_str().to_owned(),
        detail,
    }
}
