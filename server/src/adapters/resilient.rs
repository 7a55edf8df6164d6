//! Calls to an outside registry over HTTP: a time limit on each attempt,
//! another attempt after a 5xx, a 429 or no answer, and a circuit breaker
//! (the `failsafe` crate) that stops calling a registry which keeps
//! failing, so that while it is down each citizen gets a quick "try again
//! later" instead of a wait of several time limits.

use std::time::Duration;

use failsafe::backoff::{self, Constant};
use failsafe::failure_policy::{self, ConsecutiveFailures};
use failsafe::{Config, Instrument, StateMachine};
use reqwest::{RequestBuilder, Response, StatusCode};

use crate::ports::Unavailable;

/// How hard to try one registry.
#[derive(Debug, Clone)]
pub struct Resilience {
    /// Each attempt's time limit (connecting included).
    pub timeout: Duration,
    /// Attempts per call.
    pub attempts: u32,
    /// Failed calls in a row that open the breaker.
    pub trip_after: u32,
    /// How long an open breaker refuses calls before it lets one through.
    pub open_for: Duration,
}

impl Default for Resilience {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(3),
            attempts: 2,
            trip_after: 5,
            open_for: Duration::from_secs(30),
        }
    }
}

/// Tells the log when a breaker opens and closes.
struct Logged(&'static str, String);

impl Instrument for Logged {
    fn on_call_rejected(&self) {}
    fn on_open(&self) {
        tracing::warn!(system = self.0, peer = %self.1, "circuit breaker open: calls are refused for a while");
    }
    fn on_half_open(&self) {}
    fn on_closed(&self) {
        tracing::info!(system = self.0, peer = %self.1, "circuit breaker closed");
    }
}

type Breaker = StateMachine<ConsecutiveFailures<Constant>, Logged>;

/// One registry's HTTP client, with its retries and its breaker.
pub struct Resilient {
    system: &'static str,
    peer: String,
    client: reqwest::Client,
    breaker: Breaker,
    attempts: u32,
}

impl Resilient {
    /// `system` names the kind of registry, `peer` which one (the log's).
    pub fn new(system: &'static str, peer: &str, r: &Resilience) -> anyhow::Result<Self> {
        let client = reqwest::Client::builder()
            .timeout(r.timeout)
            .connect_timeout(r.timeout)
            .build()?;
        let policy = failure_policy::consecutive_failures(
            r.trip_after.max(1),
            backoff::constant(r.open_for),
        );
        let breaker = Config::new()
            .failure_policy(policy)
            .instrument(Logged(system, peer.to_owned()))
            .build();
        Ok(Self {
            system,
            peer: peer.to_owned(),
            client,
            breaker,
            attempts: r.attempts.max(1),
        })
    }

    pub fn unavailable(&self, reason: impl std::fmt::Display) -> Unavailable {
        Unavailable {
            system: self.system,
            reason: format!("{}: {reason}", self.peer),
        }
    }

    /// Sends what `build` makes of the client, again after a passing
    /// failure, and returns the first final answer (any status but a 5xx
    /// or a 429) for the caller to read. A call that gets none counts
    /// against the breaker; while the breaker is open nothing is sent.
    pub async fn send(
        &self,
        build: impl Fn(&reqwest::Client) -> RequestBuilder,
    ) -> Result<Response, Unavailable> {
        if !self.breaker.is_call_permitted() {
            return Err(self.unavailable("failing; calls paused by the circuit breaker"));
        }
        let mut pause = Duration::from_millis(100);
        let mut last = String::new();
        for attempt in 1..=self.attempts {
            match build(&self.client).send().await {
                Ok(r) if !passing(r.status()) => {
                    self.breaker.on_success();
                    return Ok(r);
                }
                Ok(r) => last = format!("answered {}", r.status()),
                Err(e) if e.is_timeout() => last = "no answer in time".into(),
                // Without the URL: the identity register's holds an IIN.
                Err(e) => last = format!("no answer: {}", e.without_url()),
            }
            if attempt < self.attempts {
                tokio::time::sleep(pause).await;
                pause *= 2;
            }
        }
        self.breaker.on_error();
        Err(self.unavailable(last))
    }
}

/// An answer worth another attempt.
fn passing(status: StatusCode) -> bool {
    status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS
}
