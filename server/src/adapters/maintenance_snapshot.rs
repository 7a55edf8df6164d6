//! One read of the maintenance windows per HTTP request. The gates in
//! front of the portal and the API, the request's page and each step's
//! term all ask for the windows; a binding asked 11 to 14 times, about a
//! third of its commits on PostgreSQL. [`per_request`] gives each request a
//! snapshot, and [`PerRequest`] answers from it: the first question reads
//! the windows that end after its moment, less [`REACH_BACK`], and later
//! ones about the same moment or after it are answered from that read.
//!
//! Nothing the rules guarantee changes: the windows were always read
//! before, and outside, the transaction that decides a step, so a window
//! announced by another instance during a request was seen or not by the
//! luck of a few milliseconds then as now. Outside a request (the SMS
//! worker, the command line) and where a question reaches further back,
//! every question still reads the database.

use std::cell::RefCell;
use std::future::Future;
use std::sync::Arc;

use async_trait::async_trait;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use time::{Duration, OffsetDateTime};

use crate::domain::maintenance::MaintenanceWindow;
use crate::ports::{AuditEntry, MaintenanceStore, StoreResult};
use crate::services::maintenance::LOOK_BACK;

/// How far before the first question's moment the snapshot reads: the
/// terms' look-back, so a step's question about the breaks of the
/// requests open now is answered from the same read as the gate's.
const REACH_BACK: Duration = LOOK_BACK;

/// The windows that end after `after`, as read for one request.
struct Snapshot {
    after: i64,
    windows: Vec<MaintenanceWindow>,
}

tokio::task_local! {
    static SNAPSHOT: RefCell<Option<Snapshot>>;
}

/// Runs `work` with a snapshot of its own, empty until the first question.
pub async fn scope<F: Future>(work: F) -> F::Output {
    SNAPSHOT.scope(RefCell::new(None), work).await
}

/// The middleware that gives each request its snapshot.
pub async fn per_request(request: Request, next: Next) -> Response {
    scope(next.run(request)).await
}

/// A [`MaintenanceStore`] that answers a request's questions from its
/// snapshot (see the module).
pub struct PerRequest(pub Arc<dyn MaintenanceStore>);

/// The windows of `windows` that end after `after`, in their order. Times
/// are compared in whole seconds, as the database keeps them, so the
/// answer is the one the database would give.
fn ending_after(windows: &[MaintenanceWindow], after: i64) -> Vec<MaintenanceWindow> {
    windows
        .iter()
        .filter(|w| w.until.unix_timestamp() > after)
        .cloned()
        .collect()
}

/// The snapshot's answer for `after`: `None` outside a request, before its
/// first question, or where `after` is before the snapshot's reach.
fn from_snapshot(after: i64) -> Option<Vec<MaintenanceWindow>> {
    SNAPSHOT
        .try_with(|cell| {
            cell.borrow()
                .as_ref()
                .filter(|s| s.after <= after)
                .map(|s| ending_after(&s.windows, after))
        })
        .ok()
        .flatten()
}

/// Forgets the snapshot, if there is one: the request changed the windows.
fn forget() {
    let _ = SNAPSHOT.try_with(|cell| cell.borrow_mut().take());
}

#[async_trait]
impl MaintenanceStore for PerRequest {
    async fn announce(&self, window: &MaintenanceWindow, audit: &AuditEntry) -> StoreResult<bool> {
        forget();
        self.0.announce(window, audit).await
    }

    async fn cancel(&self, id: &str, at: OffsetDateTime, audit: &AuditEntry) -> StoreResult<bool> {
        forget();
        self.0.cancel(id, at, audit).await
    }

    async fn windows_ending_after(
        &self,
        after: OffsetDateTime,
    ) -> StoreResult<Vec<MaintenanceWindow>> {
        if let Some(windows) = from_snapshot(after.unix_timestamp()) {
            return Ok(windows);
        }
        if SNAPSHOT.try_with(|_| ()).is_err() {
            return self.0.windows_ending_after(after).await;
        }
        let reach = after - REACH_BACK;
        let windows = self.0.windows_ending_after(reach).await?;
        let answer = ending_after(&windows, after.unix_timestamp());
        let _ = SNAPSHOT.try_with(|cell| {
            *cell.borrow_mut() = Some(Snapshot {
                after: reach.unix_timestamp(),
                windows,
            })
        });
        Ok(answer)
    }
}
