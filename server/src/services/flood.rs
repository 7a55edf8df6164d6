//! A flood limit: at most so many events per key (a source, an API
//! client) in a window. Kept in memory, per server instance: it is a
//! guard against floods of cheap requests that make costly work (a
//! challenge row each), not an exact count, so instances behind a load
//! balancer each allow the limit, and a restart forgets it. The map is
//! bounded: when it is full of live windows, some are forgotten to make
//! room (those under their limit first, the oldest first), so a flood of
//! made-up keys never shuts everyone else out. Forgetting a key costs at
//! most one more window's events for it; accounts are guarded by the
//! database's delays besides, and a challenge row lapses in ten minutes.
//!
//! Written by hand: the maintained limiters (governor and the like) count
//! by the machine's monotonic clock, and these limits must follow the
//! service's `Clock` port, which the demo and the tests move.

use std::collections::HashMap;
use std::sync::Mutex;

use time::{Duration, OffsetDateTime};

/// How many challenges a source, or an API client, may ask for in a minute.
pub const CHALLENGES_PER_MINUTE: u32 = 30;

/// At most this many keys are tracked at once.
const MAX_KEYS: usize = 65_536;

#[derive(Debug)]
pub struct FloodLimit {
    per_window: u32,
    window: Duration,
    max_keys: usize,
    /// Per key: when its window started and how many events it holds.
    windows: Mutex<HashMap<String, (OffsetDateTime, u32)>>,
}

/// Over the limit: the whole seconds until the key's window ends (at least 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryAfter(pub u64);

impl FloodLimit {
    pub fn new(per_window: u32, window: Duration) -> Self {
        Self::bounded(per_window, window, MAX_KEYS)
    }

    pub fn bounded(per_window: u32, window: Duration, max_keys: usize) -> Self {
        Self {
            per_window,
            window,
            max_keys,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// The challenges' limit: [`CHALLENGES_PER_MINUTE`] per key.
    pub fn challenges() -> Self {
        Self::new(CHALLENGES_PER_MINUTE, Duration::minutes(1))
    }

    /// Counts one event of every key in `keys` at `now`, or none of them
    /// if any is over its limit (then how long until it may try again).
    pub fn hit(&self, keys: &[&str], now: OffsetDateTime) -> Result<(), RetryAfter> {
        let mut windows = self
            .windows
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let window = self.window;
        let live = |start: OffsetDateTime| now < start + window;
        let mut wait = Duration::ZERO;
        for key in keys {
            match windows.get(*key) {
                Some(&(start, count)) if live(start) && count >= self.per_window => {
                    wait = wait.max(start + window - now);
                }
                _ => {}
            }
        }
        let new_keys = keys
            .iter()
            .filter(|k| !windows.get(**k).is_some_and(|&(start, _)| live(start)))
            .count();
        if wait.is_zero() && windows.len() + new_keys > self.max_keys {
            windows.retain(|_, (start, _)| live(*start));
            if !windows.is_empty() && windows.len() + new_keys > self.max_keys {
                tracing::warn!(
                    keys = windows.len(),
                    "flood limit full: forgetting the oldest"
                );
                // An eighth at once (at least what is needed), those under
                // their limit before those over it, the oldest first: a
                // flood of new keys costs a selection per many keys.
                let per_window = self.per_window;
                let mut ranked: Vec<_> = windows
                    .iter()
                    .filter(|(k, _)| !keys.contains(&k.as_str()))
                    .map(|(k, &(start, count))| ((count >= per_window, start), k.clone()))
                    .collect();
                let forget = (windows.len() / 8).max(new_keys).min(ranked.len());
                if forget > 0 {
                    // Exactly `forget` of them, ties broken by the key.
                    ranked.select_nth_unstable(forget - 1);
                    for (_, key) in &ranked[..forget] {
                        windows.remove(key);
                    }
                }
            }
        }
        if !wait.is_zero() {
            let secs = wait.as_seconds_f64().ceil().max(1.0);
            return Err(RetryAfter(secs as u64));
        }
        for key in keys {
            let entry = windows.entry((*key).to_owned()).or_insert((now, 0));
            if !live(entry.0) {
                *entry = (now, 0);
            }
            entry.1 += 1;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t0() -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap()
    }

    #[test]
    fn a_key_over_its_limit_waits_for_its_window_to_end() {
        let limit = FloodLimit::new(3, Duration::minutes(1));
        for _ in 0..3 {
            limit.hit(&["a"], t0()).unwrap();
        }
        assert_eq!(
            limit.hit(&["a"], t0() + Duration::seconds(20)),
            Err(RetryAfter(40))
        );
        // Another key has its own count.
        limit.hit(&["b"], t0()).unwrap();
        // The window ends: the key starts again.
        limit.hit(&["a"], t0() + Duration::minutes(1)).unwrap();
    }

    #[test]
    fn a_refused_event_counts_for_none_of_its_keys() {
        let limit = FloodLimit::new(1, Duration::minutes(1));
        limit.hit(&["client"], t0()).unwrap();
        assert!(limit.hit(&["source", "client"], t0()).is_err());
        // `source` was not counted by the refused event.
        limit.hit(&["source"], t0()).unwrap();
    }

    #[test]
    fn a_full_map_forgets_the_oldest_under_their_limit_first() {
        let limit = FloodLimit::bounded(2, Duration::minutes(1), 3);
        limit.hit(&["a"], t0()).unwrap();
        limit.hit(&["a"], t0()).unwrap();
        limit.hit(&["b"], t0() + Duration::seconds(10)).unwrap();
        limit.hit(&["c"], t0() + Duration::seconds(20)).unwrap();
        // Full: d takes the place of b, the oldest under its limit; a,
        // older but over its limit, is still counted.
        limit.hit(&["d"], t0() + Duration::seconds(30)).unwrap();
        assert!(limit.hit(&["a"], t0() + Duration::seconds(30)).is_err());
        limit.hit(&["c"], t0() + Duration::seconds(30)).unwrap();
        assert!(limit.hit(&["c"], t0() + Duration::seconds(30)).is_err());
        // b starts afresh (it was forgotten).
        limit.hit(&["b"], t0() + Duration::seconds(31)).unwrap();
        limit.hit(&["b"], t0() + Duration::seconds(31)).unwrap();
    }

    #[test]
    fn a_map_of_one_makes_room_for_the_next() {
        let limit = FloodLimit::bounded(1, Duration::minutes(1), 1);
        limit.hit(&["a"], t0()).unwrap();
        limit.hit(&["b"], t0() + Duration::seconds(10)).unwrap();
        // Two new keys at once in a map of one: counted, never a panic.
        limit
            .hit(&["c", "d"], t0() + Duration::seconds(20))
            .unwrap();
    }
}
