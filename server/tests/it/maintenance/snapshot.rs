//! One read of the maintenance windows per HTTP request
//! (`adapters/maintenance_snapshot.rs`): inside a request the store's
//! answers are the database's own, for every moment the snapshot reaches,
//! from one read; a question from before its reach, or a change of the
//! windows, reads again; outside a request every question reads.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use async_trait::async_trait;
use nomir::adapters::maintenance_snapshot::{scope, PerRequest};
use nomir::database::Db;
use nomir::domain::audit::{Actor, AuditAction};
use nomir::domain::maintenance::MaintenanceWindow;
use nomir::ports::{AuditEntry, Clock, MaintenanceStore, StoreResult};
use time::{Duration, OffsetDateTime};

use crate::support::engines;

/// The database's store, counting the reads that reach it.
struct Counting {
    db: Db,
    reads: AtomicUsize,
}

#[async_trait]
impl MaintenanceStore for Counting {
    async fn announce(&self, w: &MaintenanceWindow, audit: &AuditEntry) -> StoreResult<bool> {
        self.db.announce(w, audit).await
    }
    async fn cancel(&self, id: &str, at: OffsetDateTime, audit: &AuditEntry) -> StoreResult<bool> {
        self.db.cancel(id, at, audit).await
    }
    async fn windows_ending_after(
        &self,
        after: OffsetDateTime,
    ) -> StoreResult<Vec<MaintenanceWindow>> {
        self.reads.fetch_add(1, Ordering::SeqCst);
        self.db.windows_ending_after(after).await
    }
}

fn window(id: &str, from: OffsetDateTime, hours: i64, now: OffsetDateTime) -> MaintenanceWindow {
    MaintenanceWindow {
        id: id.into(),
        from,
        until: from + Duration::hours(hours),
        announced_at: now - Duration::hours(100),
    }
}

fn audit(now: OffsetDateTime) -> AuditEntry {
    AuditEntry::new(
        now,
        Actor::Operator("test"),
        AuditAction::MaintenanceAnnounced,
        "maintenance:test",
        String::new(),
    )
}

#[tokio::test]
async fn a_request_reads_the_windows_once_and_answers_as_the_database_would() {
    for t in engines().await {
        let now = t.clock.now();
        // Ended long ago (beyond the snapshot's reach), ended an hour ago,
        // to come.
        let windows = [
            window("mw-old", now - Duration::hours(70), 2, now),
            window("mw-recent", now - Duration::hours(3), 2, now),
            window("mw-next", now + Duration::hours(30), 2, now),
        ];
        for w in &windows {
            assert!(t.db.announce(w, &audit(now)).await.unwrap(), "{}", t.name);
        }
        let counting = Arc::new(Counting {
            db: t.db.clone(),
            reads: AtomicUsize::new(0),
        });
        let store = PerRequest {
            store: counting.clone(),
            reach: Duration::hours(49),
        };
        let reads = || counting.reads.load(Ordering::SeqCst);
        let same = |after: OffsetDateTime| {
            let (store, db, name) = (&store, &t.db, t.name);
            async move {
                assert_eq!(
                    store.windows_ending_after(after).await.unwrap(),
                    db.windows_ending_after(after).await.unwrap(),
                    "{name}: after {after}"
                );
            }
        };
        scope(async {
            // The gate's question, the term's, and moments around each end
            // (a second either side, and a fraction of one).
            let mut moments = vec![
                now,
                now - Duration::hours(49),
                now + Duration::milliseconds(1500),
            ];
            for w in &windows[1..] {
                for d in [-1000, -1, 0, 1, 999, 1000] {
                    moments.push(w.until + Duration::milliseconds(d));
                }
            }
            for after in moments {
                same(after).await;
            }
            assert_eq!(reads(), 1, "{}: one read for the request", t.name);
            // Before the reach: the database again.
            same(now - Duration::hours(69)).await;
            assert_eq!(reads(), 2, "{}", t.name);
            // A window announced in the request is in the next answer.
            let late = window("mw-late", now + Duration::hours(40), 1, now);
            assert!(store.announce(&late, &audit(now)).await.unwrap());
            same(now).await;
            assert!(store
                .windows_ending_after(now)
                .await
                .unwrap()
                .contains(&late));
            assert_eq!(reads(), 3, "{}", t.name);
        })
        .await;
        // Outside a request every question reads.
        same(now).await;
        same(now).await;
        assert_eq!(reads(), 5, "{}", t.name);
    }
}
