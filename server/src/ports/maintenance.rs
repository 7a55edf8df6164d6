//! Appendix row 7: maintenance windows, kept in the database so every
//! instance of the service sees the same ones.

use async_trait::async_trait;
use time::OffsetDateTime;

use super::{AuditEntry, StoreResult};
use crate::domain::maintenance::MaintenanceWindow;

#[async_trait]
pub trait MaintenanceStore: Send + Sync {
    /// Stores `window` with its audit entry, in one transaction, unless it
    /// overlaps a window that is not cancelled; false (nothing written) if so.
    async fn announce(&self, window: &MaintenanceWindow, audit: &AuditEntry) -> StoreResult<bool>;
    /// Cancels window `id` at `at` with its audit entry: one not begun is
    /// called off, one under way ends at `at`. False (nothing written) if
    /// there is no such window or it is over or cancelled already.
    async fn cancel(&self, id: &str, at: OffsetDateTime, audit: &AuditEntry) -> StoreResult<bool>;
    /// The windows not cancelled that end after `after`, by start.
    async fn windows_ending_after(
        &self,
        after: OffsetDateTime,
    ) -> StoreResult<Vec<MaintenanceWindow>>;
}
