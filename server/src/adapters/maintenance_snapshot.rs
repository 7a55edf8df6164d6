//! One read of the maintenance windows per HTTP request. The gates in
//! front of the portal and the API, the server functions and the API's
//! steps all ask for the windows (a request's term is lengthened by the
//! breaks within it); a binding asked 11 to 14 times, about a third of its
//! commits on PostgreSQL. [`scope`] gives the work of one request a
//! snapshot (the router wraps every request in it), and [`PerRequest`]
//! answers from it: the first question reads the windows that end after
//! its moment less the snapshot's reach, and later ones about a moment
//! within that reach are answered from that read.
//!
//! Nothing the rules guarantee changes: the windows were always read
//! before, and outside, the transaction that decides a step, so a window
//! announced or cancelled by another instance while a request is under way
//! (a few milliseconds, or up to the outside calls' timeouts) was seen or
//! not by luck then as now. A page's data loaded by a task of its own (the
//! server-side render's resources), the SMS worker and the command line
//! have no snapshot: each of their questions reads the database, as does
//! a question from before the reach and any question after the request
//! announced or cancelled a window.

use std::cell::RefCell;
use std::future::Future;
use std::sync::Arc;

use async_trait::async_trait;
use time::{Duration, OffsetDateTime};

use crate::domain::maintenance::MaintenanceWindow;
use crate::ports::{AuditEntry, MaintenanceStore, StoreResult};

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

/// A [`MaintenanceStore`] that answers a request's questions from its
/// snapshot (see the module).
pub struct PerRequest {
    pub store: Arc<dyn MaintenanceStore>,
    /// How far before the first question's moment the snapshot reads: the
    /// terms' look-back, so a step's question about the breaks of the
    /// requests open now is answered from the same read as the gate's.
    pub reach: Duration,
}

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

/// What the snapshot says about `after`.
enum Lookup {
    /// Not inside a request: ask the database.
    NoScope,
    /// Inside one, but nothing read yet that reaches back to `after`.
    Unread,
    Answer(Vec<MaintenanceWindow>),
}

fn lookup(after: i64) -> Lookup {
    SNAPSHOT
        .try_with(|cell| match cell.borrow().as_ref() {
            Some(s) if s.after <= after => Lookup::Answer(ending_after(&s.windows, after)),
            _ => Lookup::Unread,
        })
        .unwrap_or(Lookup::NoScope)
}

/// Forgets the snapshot, if there is one: the request changed the windows.
fn forget() {
    let _ = SNAPSHOT.try_with(|cell| cell.borrow_mut().take());
}

#[async_trait]
impl MaintenanceStore for PerRequest {
    async fn announce(&self, window: &MaintenanceWindow, audit: &AuditEntry) -> StoreResult<bool> {
        forget();
        self.store.announce(window, audit).await
    }

    async fn cancel(&self, id: &str, at: OffsetDateTime, audit: &AuditEntry) -> StoreResult<bool> {
        forget();
        self.store.cancel(id, at, audit).await
    }

    async fn windows_ending_after(
        &self,
        after: OffsetDateTime,
    ) -> StoreResult<Vec<MaintenanceWindow>> {
        match lookup(after.unix_timestamp()) {
            Lookup::Answer(windows) => return Ok(windows),
            Lookup::NoScope => return self.store.windows_ending_after(after).await,
            Lookup::Unread => {}
        }
        let reach = after - self.reach;
        let windows = self.store.windows_ending_after(reach).await?;
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
