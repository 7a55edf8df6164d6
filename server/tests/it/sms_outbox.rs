//! The SMS outbox on SQLite and PostgreSQL: many workers at once deliver
//! each message exactly once; a worker that died holding a message leaves
//! it to another after its lease, under the same id; a message the gateway
//! never takes is given up at its time, its text erased.

use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use nomir::domain::sms::Sms;
use nomir::domain::Msisdn;
use nomir::ports::{Clock, SendFailure, SmsGateway};
use nomir::services::sms_delivery::{compose, deliver_due};
use time::Duration;

use crate::support::{at_once, engines, TestDb};

/// A gateway that records every id it is handed, failing (for now) while
/// `down` is set.
#[derive(Default)]
struct Recording {
    ids: Mutex<Vec<String>>,
    down: std::sync::atomic::AtomicBool,
}

#[async_trait]
impl SmsGateway for Recording {
    async fn send(&self, id: &str, _: &Msisdn, text: &str) -> Result<Vec<String>, SendFailure> {
        assert!(text.contains("код"), "the sealed text opened: {text}");
        self.ids.lock().unwrap().push(id.to_owned());
        if self.down.load(std::sync::atomic::Ordering::SeqCst) {
            Err(SendFailure::Passing("503".into()))
        } else {
            Ok(Vec::new())
        }
    }
}

fn number(i: usize) -> Msisdn {
    Msisdn::parse(&format!("+7701{:07}", 1_000_000 + i)).unwrap()
}

async fn enqueue(t: &TestDb, n: usize) -> Vec<String> {
    let mut ids = Vec::new();
    for i in 0..n {
        let m = compose(
            &t.ports,
            &number(i),
            &Sms::Code {
                code: format!("{:06}", i),
            },
            Default::default(),
        );
        assert!(
            !m.sealed.contains(&format!("{:06}", i)),
            "a code in clear at rest"
        );
        t.ports.outbox.enqueue_sms(&m).await.unwrap();
        ids.push(m.id);
    }
    ids
}

async fn any_pool(t: &TestDb) -> sqlx::AnyPool {
    sqlx::any::install_default_drivers();
    sqlx::AnyPool::connect(&t.url).await.unwrap()
}

fn recording(t: &mut TestDb) -> Arc<Recording> {
    let gateway = Arc::new(Recording::default());
    t.ports.sms = gateway.clone();
    gateway
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_workers_send_each_message_exactly_once() {
    for mut t in engines().await {
        let gateway = recording(&mut t);
        let mut ids = enqueue(&t, 60).await;
        // New messages are left to the request that wrote them for a while.
        assert_eq!(deliver_due(&t.ports).await.unwrap(), 0, "{}", t.name);
        t.clock.advance(Duration::seconds(11));
        let rounds = at_once(6, |_| {
            let ports = t.ports.clone();
            async move {
                let mut sent = 0;
                loop {
                    match deliver_due(&ports).await.unwrap() {
                        0 => return sent,
                        n => sent += n,
                    }
                }
            }
        })
        .await;
        assert_eq!(rounds.iter().sum::<usize>(), 60, "{}", t.name);
        let mut sent = gateway.ids.lock().unwrap().clone();
        sent.sort();
        ids.sort();
        assert_eq!(sent, ids, "{}: each once", t.name);
        assert_eq!(t.ports.outbox.outbox().await.unwrap().len(), 60);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_message_held_by_a_dead_worker_is_sent_after_its_lease_under_its_id() {
    for mut t in engines().await {
        let gateway = recording(&mut t);
        let ids = enqueue(&t, 1).await;
        // A worker claims it and dies before sending.
        let lease = t.clock.now() + Duration::seconds(60);
        let dead = t
            .ports
            .outbox
            .claim_sms(&ids[0], lease)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            deliver_due(&t.ports).await.unwrap(),
            0,
            "{}: still leased",
            t.name
        );
        t.clock.advance(Duration::seconds(61));
        assert_eq!(deliver_due(&t.ports).await.unwrap(), 1, "{}", t.name);
        assert_eq!(*gateway.ids.lock().unwrap(), ids);
        // The dead worker, back, changes nothing another worker finished.
        let later = t.clock.now() + Duration::seconds(5);
        assert!(!t
            .ports
            .outbox
            .sms_retry(&dead, later, "late")
            .await
            .unwrap());
        assert!(!t.ports.outbox.sms_failed(&dead, "late").await.unwrap());
        t.clock.advance(Duration::seconds(10));
        assert_eq!(deliver_due(&t.ports).await.unwrap(), 0);
        assert_eq!(
            t.ports.outbox.outbox().await.unwrap().len(),
            1,
            "{}",
            t.name
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_message_never_taken_is_given_up_at_its_time_and_its_text_erased() {
    for mut t in engines().await {
        let gateway = recording(&mut t);
        gateway
            .down
            .store(true, std::sync::atomic::Ordering::SeqCst);
        let ids = enqueue(&t, 1).await;
        let mut tries = 0;
        for _ in 0..40 {
            tries += deliver_due(&t.ports).await.unwrap();
            t.clock.advance(Duration::seconds(15));
        }
        assert_eq!(tries, 0);
        let attempts = gateway.ids.lock().unwrap().len();
        // Every 2, 4, 8 … at most 60 seconds for five minutes.
        assert!((5..=12).contains(&attempts), "{}: {attempts} tries", t.name);
        let state = t.ports.outbox.request_sms_state("none").await.unwrap();
        assert_eq!(state, None);
        let sealed: Option<String> = sqlx::query_scalar::<_, Option<String>>(
            "SELECT sealed FROM sms_outbox WHERE id = $1 AND state = 'failed'",
        )
        .bind(&ids[0])
        .fetch_one(&any_pool(&t).await)
        .await
        .unwrap();
        assert_eq!(sealed, None, "{}", t.name);
        t.cleanup().await;
    }
}
