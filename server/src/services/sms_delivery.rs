//! The SMS outbox's delivery. A decision writes its message in its own
//! transaction ([`compose`], then the store's `enqueue_sms`), so a message
//! exists exactly when its decision does. Then:
//!
//! - the service that decided tries it at once ([`deliver`]), so a citizen
//!   waiting for a code does not wait for a worker;
//! - a worker in every instance ([`deliver_due`]) takes what is due: a
//!   message waiting for another try, or one whose worker died holding it.
//!
//! A worker claims a message in one conditional update (on PostgreSQL with
//! `FOR UPDATE SKIP LOCKED`), so each try is made by one worker only, even
//! with several instances. The message's id goes to the gateway on every
//! try, so a repeat after a crash between "sent" and its record is dropped
//! by the gateway: one message, one SMS. A passing failure is tried again
//! with a growing pause until `give_up`; a refusal is final. The journal
//! (`outbox`) lists what was sent.

use time::{Duration, OffsetDateTime};

use super::sms_seal::SmsSeal;
use super::uses::SendsSms;
use super::Unexpected;
use crate::domain::sms::Sms;
use crate::domain::Msisdn;
use crate::ports::{ClaimedSms, OutgoingSms, SendFailure};

/// How the outbox treats messages.
#[derive(Clone)]
pub struct SmsPolicy {
    pub seal: SmsSeal,
    /// How long a message is tried before it is given up.
    pub give_up: Duration,
    /// How long a worker holds a message it claimed: past every try the
    /// gateway adapter makes in one call. A worker that died holding one
    /// (a killed instance) delays it this long, then another sends it.
    pub lease: Duration,
}

/// When this instance's delivery worker last began a round, for readiness:
/// a worker that stopped turning leaves delayed messages to the others.
pub struct WorkerBeat(std::sync::atomic::AtomicI64);

/// A worker that has not begun a round or a message for this long has
/// stalled (a round begins every 2 seconds; one message's try ends within
/// its lease, at most a minute).
pub const STALLED_AFTER: Duration = Duration::minutes(2);

impl WorkerBeat {
    pub fn new(now: OffsetDateTime) -> Self {
        Self(std::sync::atomic::AtomicI64::new(now.unix_timestamp()))
    }

    pub fn beat(&self, now: OffsetDateTime) {
        self.0
            .store(now.unix_timestamp(), std::sync::atomic::Ordering::Relaxed);
    }

    /// How long ago the last round began.
    pub fn age(&self, now: OffsetDateTime) -> Duration {
        Duration::seconds(now.unix_timestamp() - self.0.load(std::sync::atomic::Ordering::Relaxed))
    }
}

/// The lease when the gateway says nothing of its calls' length (the
/// settings keep the HTTP gateway's calls under 40 s).
pub const DEFAULT_LEASE: Duration = Duration::seconds(60);

/// The lease for a gateway whose longest call takes `longest`: twice
/// that, from 10 seconds to a minute.
pub fn lease_for(longest: std::time::Duration) -> Duration {
    let twice = Duration::try_from(longest * 2).unwrap_or(DEFAULT_LEASE);
    twice.clamp(Duration::seconds(10), DEFAULT_LEASE)
}

/// Messages a worker tries in one round, each claimed just before its try
/// (so no lease runs out while others are sent).
const BATCH: usize = 20;

/// Where a delivery ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    Sent,
    /// Not taken yet; tried again later.
    Delayed,
    /// Given up (refused, or tried until the policy's limit).
    Failed,
    /// Another worker holds it, or it is done already.
    Elsewhere,
}

/// Whose message it is and what it belongs to, for the journal and the
/// citizen's list of messages.
#[derive(Debug, Clone, Copy, Default)]
pub struct About<'a> {
    /// The account it is written for (its cabinet lists it).
    pub iin: Option<&'a crate::domain::Iin>,
    /// The binding request it is about.
    pub request_id: Option<&'a str>,
    /// The state service that sent a notification.
    pub sender: Option<&'a str>,
}

impl<'a> About<'a> {
    /// A message written for `iin`'s account.
    pub fn account(iin: &'a crate::domain::Iin) -> Self {
        Self {
            iin: Some(iin),
            ..Self::default()
        }
    }

    /// One about `iin`'s binding request `request_id`.
    pub fn request(iin: &'a crate::domain::Iin, request_id: &'a str) -> Self {
        Self {
            iin: Some(iin),
            request_id: Some(request_id),
            sender: None,
        }
    }
}

/// The message `message` to `to`, ready to be written with its decision.
pub fn compose(ports: &impl SendsSms, to: &Msisdn, message: &Sms, about: About<'_>) -> OutgoingSms {
    let text = message.text();
    let now = ports.clock().now();
    let policy = ports.sms_policy();
    OutgoingSms {
        // Time-ordered (UUID v7): the journal lists newest first.
        id: uuid::Uuid::now_v7().to_string(),
        msisdn: to.clone(),
        // Only codes are secret: a notification's dates and sums stay readable.
        body: if message.is_secret() {
            policy.seal.journal(&text)
        } else {
            text.clone()
        },
        sealed: policy.seal.seal(&text),
        created_at: now,
        give_up_at: now + policy.give_up,
        request_id: about.request_id.map(str::to_owned),
        iin: about.iin.cloned(),
        kind: message.kind().to_string(),
        topic: message.topic().map(ToString::to_string),
        sender: about.sender.map(str::to_owned),
    }
}

/// Tries the message `id` now, if no worker holds it.
pub async fn deliver(ports: &impl SendsSms, id: &str) -> Result<Delivery, Unexpected> {
    let now = ports.clock().now();
    match ports
        .outbox()
        .claim_sms(id, now + ports.sms_policy().lease)
        .await?
    {
        Some(claimed) => attempt(ports, &claimed).await,
        None => Ok(Delivery::Elsewhere),
    }
}

/// What the code step says of its newest code's message (none known: sent).
pub fn notice(state: Option<crate::ports::SmsState>) -> nomir_core::wire::SmsNotice {
    use crate::ports::SmsState;
    use nomir_core::wire::SmsNotice;
    match state {
        Some(SmsState::Pending | SmsState::Sending) => SmsNotice::Delayed,
        Some(SmsState::Failed) => SmsNotice::NotDelivered,
        Some(SmsState::Sent) | None => SmsNotice::Sent,
    }
}

/// Tries a message written with a decision now; if it fails, the outbox's
/// worker tries again (the decision stands either way).
pub async fn deliver_soon(ports: &impl SendsSms, id: &str) {
    if let Err(e) = deliver(ports, id).await {
        tracing::warn!(error = %e, message = id, "the SMS waits for the outbox's worker");
    }
}

/// The worker's round: every message due now, each tried once. How many
/// were sent.
pub async fn deliver_due(ports: &impl SendsSms) -> Result<usize, Unexpected> {
    let mut sent = 0;
    for _ in 0..BATCH {
        // Alive: each message begins with a beat (real time, not the
        // demo's movable clock), so a long round is not a stalled worker.
        ports.sms_worker().beat(OffsetDateTime::now_utc());
        let now = ports.clock().now();
        let due = ports
            .outbox()
            .claim_due_sms(now, now + ports.sms_policy().lease, 1)
            .await?;
        if due.is_empty() {
            break;
        }
        for claimed in &due {
            if attempt(ports, claimed).await? == Delivery::Sent {
                sent += 1;
            }
        }
    }
    Ok(sent)
}

/// The pause before try `attempts + 1`: 2, 4, 8 … seconds, at most a minute.
fn pause_after(attempts: i64) -> Duration {
    Duration::seconds(1i64 << attempts.clamp(1, 6)).min(Duration::minutes(1))
}

async fn attempt(ports: &impl SendsSms, c: &ClaimedSms) -> Result<Delivery, Unexpected> {
    let outbox = ports.outbox();
    if ports.clock().now() >= c.give_up_at {
        // Its worker died past its last try: too late to be of use.
        outbox.sms_failed(c, "given up").await?;
        super::counts::sms("failed");
        return Ok(Delivery::Failed);
    }
    let Some(text) = ports.sms_policy().seal.open(&c.sealed) else {
        // Sealed under another secret: no instance can send it.
        tracing::error!(message = %c.id, "an outbox message cannot be opened with this secret");
        outbox.sms_failed(c, "sealed under another secret").await?;
        super::counts::sms("failed");
        return Ok(Delivery::Failed);
    };
    let result = ports.sms().send(&c.id, &c.msisdn, &text).await;
    let now = ports.clock().now();
    Ok(match result {
        Ok(refs) => {
            outbox.sms_sent(c, now, &refs).await?;
            super::counts::sms("sent");
            Delivery::Sent
        }
        Err(SendFailure::Passing(e)) if now + pause_after(c.attempts) < c.give_up_at => {
            tracing::warn!(message = %c.id, number = %c.msisdn, attempts = c.attempts, error = %e, "SMS delayed");
            outbox
                .sms_retry(c, now + pause_after(c.attempts), &e)
                .await?;
            super::counts::sms("delayed");
            Delivery::Delayed
        }
        Err(e) => {
            tracing::error!(message = %c.id, number = %c.msisdn, attempts = c.attempts, error = %e, "SMS given up");
            outbox.sms_failed(c, &e.to_string()).await?;
            super::counts::sms("failed");
            Delivery::Failed
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lease_fits_the_gateways_longest_call_within_bounds() {
        use std::time::Duration as Std;
        assert_eq!(lease_for(Std::from_millis(1100)), Duration::seconds(10));
        assert_eq!(
            lease_for(Std::from_millis(15_600)),
            Duration::milliseconds(31_200)
        );
        assert_eq!(lease_for(Std::from_secs(40)), DEFAULT_LEASE);
    }

    #[test]
    fn a_worker_is_stalled_once_its_last_round_is_older_than_the_limit() {
        let start = OffsetDateTime::UNIX_EPOCH + Duration::days(20_000);
        let beat = WorkerBeat::new(start);
        assert!(beat.age(start + Duration::seconds(3)) <= STALLED_AFTER);
        assert!(beat.age(start + STALLED_AFTER + Duration::seconds(1)) > STALLED_AFTER);
        beat.beat(start + Duration::minutes(10));
        assert_eq!(beat.age(start + Duration::minutes(10)), Duration::ZERO);
    }
}
