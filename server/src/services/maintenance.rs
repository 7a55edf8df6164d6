//! Appendix row 7: maintenance windows. The operator announces and cancels
//! them (`nomir maintenance`); pages and answers read the notice; a
//! request's term is lengthened by the breaks within it.

use time::{Duration, OffsetDateTime};

use super::uses::{UsesClock, UsesMaintenance};
use super::Unexpected;
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::maintenance::{self, MaintenanceWindow, Notice, WindowError};
use crate::ports::AuditEntry;

/// Who the audit log names for windows announced from the command line.
const OPERATOR: &str = "operator:command-line";
/// How far back windows are read for terms: a request's term with the
/// longest window inside it, twice over.
pub const LOOK_BACK: Duration = Duration::hours(49);

#[derive(Debug, thiserror::Error)]
pub enum AnnounceError {
    #[error(transparent)]
    Window(#[from] WindowError),
    #[error("the window overlaps one already announced (see `nomir maintenance list`)")]
    Overlaps,
    #[error(transparent)]
    Unexpected(#[from] Unexpected),
}

/// Announces a window from `from` until `until`; returns it.
pub async fn announce(
    ports: &(impl UsesMaintenance + UsesClock),
    from: OffsetDateTime,
    until: OffsetDateTime,
) -> Result<MaintenanceWindow, AnnounceError> {
    let now = ports.clock().now();
    let id = format!("mw-{}", uuid::Uuid::new_v4().simple());
    let window = MaintenanceWindow::announce(id, from, until, now)?;
    let audit = AuditEntry::new(
        now,
        Actor::Operator(OPERATOR),
        AuditAction::MaintenanceAnnounced,
        format!("maintenance:{}", window.id),
        format!(
            "from={} until={}",
            from.unix_timestamp(),
            until.unix_timestamp()
        ),
    );
    if !ports
        .maintenance()
        .announce(&window, &audit)
        .await
        .map_err(Unexpected::from)?
    {
        return Err(AnnounceError::Overlaps);
    }
    Ok(window)
}

/// Cancels window `id` (one under way ends now); false if there is no such
/// window that is still to come or under way.
pub async fn cancel(
    ports: &(impl UsesMaintenance + UsesClock),
    id: &str,
) -> Result<bool, Unexpected> {
    let now = ports.clock().now();
    let audit = AuditEntry::new(
        now,
        Actor::Operator(OPERATOR),
        AuditAction::MaintenanceCancelled,
        format!("maintenance:{id}"),
        String::new(),
    );
    Ok(ports.maintenance().cancel(id, now, &audit).await?)
}

/// The windows to come or under way, by start.
pub async fn schedule(
    ports: &(impl UsesMaintenance + UsesClock),
) -> Result<Vec<MaintenanceWindow>, Unexpected> {
    Ok(ports
        .maintenance()
        .windows_ending_after(ports.clock().now())
        .await?)
}

/// What pages and answers say now. A store that cannot answer says
/// nothing (logged): the pages still work, and the database's own failure
/// shows where it matters.
pub async fn notice(ports: &(impl UsesMaintenance + UsesClock)) -> Option<Notice> {
    let now = ports.clock().now();
    match ports.maintenance().windows_ending_after(now).await {
        Ok(windows) => maintenance::notice(&windows, now),
        Err(e) => {
            tracing::warn!(error = %e, "maintenance windows could not be read");
            None
        }
    }
}

/// The windows that may lengthen the term of a request started at or after
/// `since`.
pub async fn breaks_since(
    ports: &impl UsesMaintenance,
    since: OffsetDateTime,
) -> Result<Vec<MaintenanceWindow>, Unexpected> {
    Ok(ports.maintenance().windows_ending_after(since).await?)
}

/// The windows that may lengthen the term of any request open at `now`.
pub async fn recent_breaks(
    ports: &(impl UsesMaintenance + UsesClock),
) -> Result<Vec<MaintenanceWindow>, Unexpected> {
    breaks_since(ports, ports.clock().now() - LOOK_BACK).await
}
