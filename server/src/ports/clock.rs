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
/// The offset never passes [`ShiftableClock::MAX_SHIFT`] in total, so no
/// caller can push time past what the date type holds.
#[derive(Default)]
pub struct ShiftableClock(Mutex<Duration>);

/// The move would take the demo clock past [`ShiftableClock::MAX_SHIFT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the demo clock moves at most 30 days in total")]
pub struct ShiftTooFar;

impl ShiftableClock {
    pub const MAX_SHIFT: Duration = Duration::days(30);

    /// Moves the clock forward by `by` (positive), unless that would take the
    /// total past [`MAX_SHIFT`](Self::MAX_SHIFT).
    pub fn advance(&self, by: Duration) -> Result<(), ShiftTooFar> {
        let mut offset = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let total = offset.checked_add(by).ok_or(ShiftTooFar)?;
        if by.is_negative() || total > Self::MAX_SHIFT {
            return Err(ShiftTooFar);
        }
        *offset = total;
        Ok(())
    }

    /// How far the clock has been moved.
    pub fn offset(&self) -> Duration {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
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
    fn the_demo_clock_moves_at_most_thirty_days_in_total() {
        let clock = ShiftableClock::default();
        assert_eq!(clock.advance(Duration::days(29)), Ok(()));
        assert_eq!(clock.advance(Duration::days(2)), Err(ShiftTooFar));
        assert_eq!(clock.advance(Duration::minutes(-5)), Err(ShiftTooFar));
        assert_eq!(clock.advance(Duration::MAX), Err(ShiftTooFar));
        assert_eq!(clock.advance(Duration::days(1)), Ok(()));
        assert_eq!(clock.offset(), Duration::days(30));
    }

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
