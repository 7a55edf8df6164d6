//! The verifier off the async workers: a decorator over any
//! [`SignatureVerifier`] that runs each check on Tokio's blocking pool
//! (chain search and GOST-512 on big integers are CPU work that would stall
//! every request sharing a worker), at most `slots` at once, each within a
//! time limit. A check that finds every slot taken waits briefly, then
//! answers "cannot check now" (retryable), as does one past its time
//! limit. The slot's permit moves into the blocking job, so a job given up
//! on still holds its slot until it really ends: abandoned work cannot pile
//! up beyond the bound.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use tokio::sync::Semaphore;

use crate::{KeyPurpose, Sealed, SignatureError, SignatureVerifier, Signer};

/// How long one check may take before the caller is answered "try again".
pub const TIME_LIMIT: Duration = Duration::from_secs(10);
/// How long a check waits for a slot when all are taken.
pub const QUEUE_WAIT: Duration = Duration::from_secs(2);

pub struct BoundedVerifier {
    inner: Arc<dyn SignatureVerifier>,
    slots: Arc<Semaphore>,
    queue_wait: Duration,
    time_limit: Duration,
}

impl BoundedVerifier {
    /// `inner` with twice as many slots as the machine has cores, and the
    /// default waits.
    pub fn new(inner: Arc<dyn SignatureVerifier>) -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Self::with_limits(inner, cores * 2, QUEUE_WAIT, TIME_LIMIT)
    }

    pub fn with_limits(
        inner: Arc<dyn SignatureVerifier>,
        slots: usize,
        queue_wait: Duration,
        time_limit: Duration,
    ) -> Self {
        Self {
            inner,
            slots: Arc::new(Semaphore::new(slots.max(1))),
            queue_wait,
            time_limit,
        }
    }

    /// Slots free now (for tests and metrics).
    pub fn free_slots(&self) -> usize {
        self.slots.available_permits()
    }
}

impl BoundedVerifier {
    /// Runs `check` on the blocking pool once a slot is free (waiting at
    /// most the queue wait), within the time limit.
    async fn bounded<T: Send + 'static>(
        &self,
        check: impl FnOnce(Arc<dyn SignatureVerifier>) -> Result<T, SignatureError> + Send + 'static,
    ) -> Result<T, SignatureError> {
        let permit =
            match tokio::time::timeout(self.queue_wait, self.slots.clone().acquire_owned()).await {
                Ok(Ok(permit)) => permit,
                Ok(Err(_closed)) => {
                    return Err(SignatureError::CheckUnavailable("verifier closed".into()))
                }
                Err(_) => {
                    tracing::warn!("signature checks: every slot is taken");
                    return Err(SignatureError::CheckUnavailable(
                        "every slot is taken".into(),
                    ));
                }
            };
        let inner = self.inner.clone();
        let job = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            check(inner)
        });
        match tokio::time::timeout(self.time_limit, job).await {
            Ok(Ok(outcome)) => outcome,
            Ok(Err(join)) => {
                tracing::error!(error = %join, "signature check failed to run");
                Err(SignatureError::CheckUnavailable(
                    "the check failed to run".into(),
                ))
            }
            Err(_) => {
                tracing::warn!(limit = ?self.time_limit, "signature check ran out of time");
                Err(SignatureError::CheckUnavailable(
                    "the check took too long".into(),
                ))
            }
        }
    }
}

#[async_trait]
impl SignatureVerifier for BoundedVerifier {
    async fn verify(
        &self,
        cms: &[u8],
        document: &[u8],
        purpose: KeyPurpose,
        at: time::OffsetDateTime,
    ) -> Result<Signer, SignatureError> {
        let (cms, document) = (cms.to_vec(), document.to_vec());
        let runtime = tokio::runtime::Handle::current();
        self.bounded(move |inner| runtime.block_on(inner.verify(&cms, &document, purpose, at)))
            .await
    }

    async fn verify_seal(
        &self,
        cms: Vec<u8>,
        document: Vec<u8>,
        accepted: Vec<[u8; 32]>,
        at: time::OffsetDateTime,
    ) -> Result<Sealed, SignatureError> {
        let runtime = tokio::runtime::Handle::current();
        self.bounded(move |inner| runtime.block_on(inner.verify_seal(cms, document, accepted, at)))
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A verifier that answers only when told to, counting checks running.
    struct Held {
        release: Arc<tokio::sync::Notify>,
        running: Arc<AtomicUsize>,
        most: Arc<AtomicUsize>,
    }

    #[async_trait]
    impl SignatureVerifier for Held {
        async fn verify(
            &self,
            _cms: &[u8],
            _document: &[u8],
            _purpose: KeyPurpose,
            _at: time::OffsetDateTime,
        ) -> Result<Signer, SignatureError> {
            let now = self.running.fetch_add(1, Ordering::SeqCst) + 1;
            self.most.fetch_max(now, Ordering::SeqCst);
            self.release.notified().await;
            self.running.fetch_sub(1, Ordering::SeqCst);
            Err(SignatureError::BadSignature)
        }

        async fn verify_seal(
            &self,
            _cms: Vec<u8>,
            _document: Vec<u8>,
            _accepted: Vec<[u8; 32]>,
            _at: time::OffsetDateTime,
        ) -> Result<Sealed, SignatureError> {
            Err(SignatureError::BadSignature)
        }
    }

    fn held() -> (Arc<Held>, Arc<tokio::sync::Notify>) {
        let release = Arc::new(tokio::sync::Notify::new());
        (
            Arc::new(Held {
                release: release.clone(),
                running: Arc::default(),
                most: Arc::default(),
            }),
            release,
        )
    }

    async fn check(v: &BoundedVerifier) -> Result<Signer, SignatureError> {
        v.verify(
            b"cms",
            b"doc",
            KeyPurpose::Auth,
            time::OffsetDateTime::UNIX_EPOCH,
        )
        .await
    }

    // Real time, short limits: paused time does not advance while a
    // blocking job runs, and these jobs run on the blocking pool.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_slow_check_times_out_retryable_and_keeps_its_slot_until_it_ends() {
        let (inner, release) = held();
        let v = BoundedVerifier::with_limits(
            inner.clone(),
            1,
            Duration::from_millis(50),
            Duration::from_millis(100),
        );
        let started = std::time::Instant::now();
        let e = check(&v).await.unwrap_err();
        assert!(matches!(e, SignatureError::CheckUnavailable(_)), "{e:?}");
        assert!(e.is_retryable());
        assert!(started.elapsed() < Duration::from_secs(2));
        // Given up on, the job still runs and holds the only slot.
        assert_eq!(inner.running.load(Ordering::SeqCst), 1);
        assert_eq!(v.free_slots(), 0);
        // So the next check finds no slot, waits briefly, and is told to retry.
        let e = check(&v).await.unwrap_err();
        assert!(matches!(e, SignatureError::CheckUnavailable(_)), "{e:?}");
        // The job ends: its slot comes back.
        release.notify_one();
        for _ in 0..100 {
            if v.free_slots() == 1 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert_eq!(v.free_slots(), 1);
        assert_eq!(inner.running.load(Ordering::SeqCst), 0);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn no_more_checks_run_at_once_than_there_are_slots() {
        let (inner, release) = held();
        let v = Arc::new(BoundedVerifier::with_limits(
            inner.clone(),
            3,
            Duration::from_secs(5),
            Duration::from_secs(5),
        ));
        let checks: Vec<_> = (0..8)
            .map(|_| {
                let v = v.clone();
                tokio::spawn(async move { check(&v).await })
            })
            .collect();
        // Let them reach the pool, then let one finish at a time.
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert_eq!(inner.running.load(Ordering::SeqCst), 3);
        let releaser = tokio::spawn(async move {
            loop {
                release.notify_one();
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        });
        for c in checks {
            // The inner verifier's own answer comes through.
            assert_eq!(c.await.unwrap().unwrap_err(), SignatureError::BadSignature);
        }
        releaser.abort();
        assert_eq!(inner.most.load(Ordering::SeqCst), 3);
        assert_eq!(v.free_slots(), 3);
    }
}
