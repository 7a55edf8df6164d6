//! Cheap limits that come before expensive work (Argon2 for passwords and
//! client secrets): attempts per source (the peer address) and per claimed
//! identity (an IIN, a staff login, an API client id, known or not), for
//! each door separately. A flood from one place, or aimed at one name,
//! is answered "wait" before it costs a hash, and does not use up what
//! others need.
//!
//! These are flood limits, kept in memory per server instance (governor's
//! keyed GCRA): with N instances a source gets N times the rate, which is
//! still bounded. The limits that protect a person's account (the
//! progressive delays after failed passwords) are decided by the database
//! and shared by every instance (`services::sign_in`).

use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};

type Keyed = RateLimiter<String, DefaultKeyedStateStore<String>, DefaultClock>;

/// Where an attempt comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Door {
    /// A citizen's sign-in with IIN and password.
    CitizenSignIn,
    /// An official's sign-in to the back office.
    StaffSignIn,
    /// The API's token endpoint (a client secret).
    Token,
}

impl Door {
    fn code(self) -> &'static str {
        match self {
            Self::CitizenSignIn => "citizen",
            Self::StaffSignIn => "staff",
            Self::Token => "token",
        }
    }
}

/// How many attempts are allowed, per minute, with a burst of as many.
#[derive(Debug, Clone, Copy)]
pub struct FloodQuotas {
    /// From one source, at one door.
    pub per_source: u32,
    /// For one claimed identity, at one door, from anywhere.
    pub per_identity: u32,
}

impl Default for FloodQuotas {
    /// Far above what a person or a client's app does (a person signs in
    /// a few times an hour; a client takes a token every 10 minutes), and
    /// low enough that a flood costs at most a few hashes a second.
    fn default() -> Self {
        Self {
            per_source: 60,
            per_identity: 30,
        }
    }
}

/// How long to wait before the next attempt is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("too many attempts; wait {0:?}")]
pub struct Wait(pub Duration);

impl Wait {
    /// Whole seconds, at least 1 (for `Retry-After`).
    pub fn seconds(self) -> u64 {
        self.0.as_secs() + u64::from(self.0.subsec_nanos() > 0)
    }
}

/// The limiters: one per kind of key (each key names its door).
pub struct Floods {
    per_source: Keyed,
    per_identity: Keyed,
    clock: DefaultClock,
}

/// The most keys a limiter keeps before it forgets the idle ones.
const MAX_KEYS: usize = 100_000;

fn quota(per_minute: u32) -> Quota {
    let n = NonZeroU32::new(per_minute.max(1)).unwrap_or(NonZeroU32::MIN);
    Quota::per_minute(n).allow_burst(n)
}

impl Floods {
    pub fn new(quotas: FloodQuotas) -> Self {
        Self {
            per_source: RateLimiter::keyed(quota(quotas.per_source)),
            per_identity: RateLimiter::keyed(quota(quotas.per_identity)),
            clock: DefaultClock::default(),
        }
    }

    /// Counts one attempt at `door` from `source` naming `identity`;
    /// refused with the wait when either limit is reached (then nothing
    /// else is done: no hash, no database).
    pub fn attempt(&self, door: Door, source: &str, identity: &str) -> Result<(), Wait> {
        let source_key = format!("{}|{source}", door.code());
        // Identities are cut to a sane length: the key map is bounded by
        // count, and a key by its length.
        let identity: String = identity.chars().take(64).collect();
        let identity_key = format!("{}|{identity}", door.code());
        let now = self.clock.now();
        self.per_source
            .check_key(&source_key)
            .map_err(|n| Wait(n.wait_time_from(now)))?;
        self.per_identity
            .check_key(&identity_key)
            .map_err(|n| Wait(n.wait_time_from(now)))?;
        self.keep_bounded();
        Ok(())
    }

    /// Forgets keys whose limits have fully recovered, when there are many.
    fn keep_bounded(&self) {
        for limiter in [&self.per_source, &self.per_identity] {
            if limiter.len() > MAX_KEYS {
                limiter.retain_recent();
                limiter.shrink_to_fit();
            }
        }
    }

    /// Forgets every key whose limit has fully recovered (the sweeper).
    pub fn sweep(&self) {
        self.per_source.retain_recent();
        self.per_identity.retain_recent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_over_its_quota_waits_and_others_do_not() {
        let f = Floods::new(FloodQuotas {
            per_source: 3,
            per_identity: 100,
        });
        for n in 0..3 {
            assert!(f.attempt(Door::Token, "10.0.0.1", &format!("c{n}")).is_ok());
        }
        let wait = f.attempt(Door::Token, "10.0.0.1", "c9").unwrap_err();
        assert!(wait.0 > Duration::ZERO && wait.0 <= Duration::from_secs(20));
        assert!(wait.seconds() >= 1);
        // Another source, and the same source at another door, go on.
        assert!(f.attempt(Door::Token, "10.0.0.2", "c9").is_ok());
        assert!(f.attempt(Door::CitizenSignIn, "10.0.0.1", "c9").is_ok());
    }

    #[test]
    fn one_identity_is_limited_from_every_source() {
        let f = Floods::new(FloodQuotas {
            per_source: 100,
            per_identity: 2,
        });
        assert!(f.attempt(Door::StaffSignIn, "a", "official.demo").is_ok());
        assert!(f.attempt(Door::StaffSignIn, "b", "official.demo").is_ok());
        assert!(f.attempt(Door::StaffSignIn, "c", "official.demo").is_err());
        assert!(f.attempt(Door::StaffSignIn, "c", "reviewer.demo").is_ok());
    }
}
