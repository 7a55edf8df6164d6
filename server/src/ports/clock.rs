//! Time, as a port, so tests can jump ahead instead of waiting.

use std::sync::Mutex;

use time::{Duration, OffsetDateTime};

pub trait Clock: Send + Sync {
    fn now(&self) -> OffsetDateTime;
}

/// The wall clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}

/// The wall clock plus an offset that demo mode can move forward, so a
/// person trying the demo (or a browser test) can see a request expire.
#[derive(Default)]
pub struct ShiftableClock(Mutex<Duration>);

impl ShiftableClock {
    pub fn advance(&self, by: Duration) {
        let mut offset = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *offset += by;
    }
}

impl Clock for ShiftableClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc() + *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A clock that stands still until a test moves it.
pub struct TestClock(Mutex<OffsetDateTime>);

impl TestClock {
    pub fn at(start: OffsetDateTime) -> Self {
        Self(Mutex::new(start))
    }

    pub fn advance(&self, by: Duration) {
        let mut now = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *now += by;
    }
}

impl Clock for TestClock {
    fn now(&self) -> OffsetDateTime {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_test_clock_moves_only_when_told() {
        let clock = TestClock::at(OffsetDateTime::UNIX_EPOCH);
        assert_eq!(clock.now(), OffsetDateTime::UNIX_EPOCH);
        clock.advance(Duration::minutes(10));
        assert_eq!(
            clock.now(),
            OffsetDateTime::UNIX_EPOCH + Duration::minutes(10)
        );
    }
}
