//! A flood limit: at most so many events per key (a source, an API
//! client) in a window. Kept in memory, per server instance: it is a
//! guard against floods of cheap requests that make costly work (a
//! challenge row each), not an exact count, so instances behind a load
//! balancer each allow the limit, and a restart forgets it. The map is
//! bounded: when it is full of live windows, new keys are refused until
//! windows end (a flood from that many sources is refused, not let in),
//! or, for a limit that [`FloodLimit::forgetting`] made, the oldest
//! windows are forgotten to make room: there a full table must not shut
//! everyone out, and what the limit guards is guarded elsewhere too.
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
    /// When full: forget the oldest windows rather than refuse new keys.
    forget_when_full: bool,
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
            forget_when_full: false,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// As [`FloodLimit::new`], but a full table forgets its oldest windows
    /// instead of refusing new keys.
    pub fn forgetting(per_window: u32, window: Duration) -> Self {
        Self {
            forget_when_full: true,
            ..Self::new(per_window, window)
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
            if self.forget_when_full
                && !windows.is_empty()
                && windows.len() + new_keys > self.max_keys
            {
                // The oldest eighth at once (at least what is needed), so a
                // flood of new keys costs a sort per many keys, not per key.
                let mut starts: Vec<OffsetDateTime> = windows.values().map(|w| w.0).collect();
                let forget = (starts.len() / 8).max(new_keys).min(starts.len()) - 1;
                let (_, cutoff, _) = starts.select_nth_unstable(forget);
                let cutoff = *cutoff;
                windows.retain(|k, (start, _)| *start > cutoff || keys.contains(&k.as_str()));
            }
            if windows.len() + new_keys > self.max_keys {
                tracing::warn!(
                    keys = windows.len(),
                    "flood limit: too many sources at once"
                );
                let soonest = windows
                    .values()
                    .map(|(start, _)| *start + window - now)
                    .min()
                    .unwrap_or(window);
                wait = soonest;
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
    fn the_map_is_bounded_and_ended_windows_make_room() {
        let limit = FloodLimit::bounded(5, Duration::minutes(1), 2);
        limit.hit(&["a"], t0()).unwrap();
        limit.hit(&["b"], t0() + Duration::seconds(10)).unwrap();
        assert_eq!(
            limit.hit(&["c"], t0() + Duration::seconds(30)),
            Err(RetryAfter(30))
        );
        // Known keys go on counting.
        limit.hit(&["a"], t0() + Duration::seconds(30)).unwrap();
        // Once a's window has ended, c fits.
        limit.hit(&["c"], t0() + Duration::seconds(61)).unwrap();
    }

    #[test]
    fn a_forgetting_limit_makes_room_by_forgetting_the_oldest() {
        let limit = FloodLimit {
            max_keys: 2,
            ..FloodLimit::forgetting(1, Duration::minutes(1))
        };
        limit.hit(&["a"], t0()).unwrap();
        limit.hit(&["b"], t0() + Duration::seconds(10)).unwrap();
        // Full of live windows: c gets a's place.
        limit.hit(&["c"], t0() + Duration::seconds(30)).unwrap();
        // b and c are still counted; a starts afresh.
        assert!(limit.hit(&["b"], t0() + Duration::seconds(30)).is_err());
        assert!(limit.hit(&["c"], t0() + Duration::seconds(30)).is_err());
        limit.hit(&["a"], t0() + Duration::seconds(31)).unwrap();
    }
}
