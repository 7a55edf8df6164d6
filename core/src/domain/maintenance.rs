//! Appendix row 7: the service runs around the clock "except for breaks for
//! maintenance work". A break is announced ahead as a window; pages warn of
//! it from [`WARN_AHEAD`] before, and during it the service is paused. A
//! request is never ended because of a break: the time a break takes is
//! added to the request's term ([`term_ends_at`]).

use time::{Duration, OffsetDateTime};

use super::binding::REQUEST_TERM;

/// From how long before a window every page shows it.
pub const WARN_AHEAD: Duration = Duration::hours(24);
/// The longest window that may be announced.
pub const LONGEST: Duration = Duration::hours(24);

/// An announced break: the service is paused from `from` until `until`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MaintenanceWindow {
    pub id: String,
    pub from: OffsetDateTime,
    pub until: OffsetDateTime,
    pub announced_at: OffsetDateTime,
}

/// Why a window cannot be announced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum WindowError {
    #[error("the window must end after it starts")]
    EndsBeforeItStarts,
    #[error("a window may last at most 24 hours")]
    TooLong,
    #[error("the window must start in the future")]
    InThePast,
}

impl MaintenanceWindow {
    /// A window announced at `now`, if it is one that may be announced.
    pub fn announce(
        id: String,
        from: OffsetDateTime,
        until: OffsetDateTime,
        now: OffsetDateTime,
    ) -> Result<Self, WindowError> {
        if until <= from {
            return Err(WindowError::EndsBeforeItStarts);
        }
        if until - from > LONGEST {
            return Err(WindowError::TooLong);
        }
        if from < now {
            return Err(WindowError::InThePast);
        }
        Ok(Self {
            id,
            from,
            until,
            announced_at: now,
        })
    }

    pub fn contains(&self, at: OffsetDateTime) -> bool {
        self.from <= at && at < self.until
    }
}

/// What pages and answers say about maintenance at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// A window starts within [`WARN_AHEAD`].
    Upcoming {
        from: OffsetDateTime,
        until: OffsetDateTime,
    },
    /// The service is paused until `until`.
    Paused { until: OffsetDateTime },
}

/// The notice at `now`: the window in progress, else the next one within
/// [`WARN_AHEAD`], else none.
pub fn notice(windows: &[MaintenanceWindow], now: OffsetDateTime) -> Option<Notice> {
    if let Some(w) = windows
        .iter()
        .filter(|w| w.contains(now))
        .max_by_key(|w| w.until)
    {
        return Some(Notice::Paused { until: w.until });
    }
    windows
        .iter()
        .filter(|w| w.from > now && w.from - now <= WARN_AHEAD)
        .min_by_key(|w| w.from)
        .map(|w| Notice::Upcoming {
            from: w.from,
            until: w.until,
        })
}

/// The windows' spans from `a` on, sorted and merged where they overlap.
fn merged_from(
    windows: &[MaintenanceWindow],
    a: OffsetDateTime,
) -> Vec<(OffsetDateTime, OffsetDateTime)> {
    let mut spans: Vec<(OffsetDateTime, OffsetDateTime)> = windows
        .iter()
        .filter(|w| w.until > a)
        .map(|w| (w.from.max(a), w.until))
        .collect();
    spans.sort();
    let mut merged: Vec<(OffsetDateTime, OffsetDateTime)> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// How long the service was paused between `a` and `b`, counting time
/// covered by overlapping windows once.
pub fn paused_between(
    windows: &[MaintenanceWindow],
    a: OffsetDateTime,
    b: OffsetDateTime,
) -> Duration {
    merged_from(windows, a)
        .into_iter()
        .map(|(s, e)| (s, e.min(b)))
        .filter(|(s, e)| s < e)
        .map(|(s, e)| e - s)
        .sum()
}

/// When a request started at `started_at` ends unless completed: its
/// 10-minute term (appendix row 3) counted only while the service runs, so
/// every break within it lengthens it by the break and no request is lost
/// to maintenance (row 7).
pub fn term_ends_at(started_at: OffsetDateTime, windows: &[MaintenanceWindow]) -> OffsetDateTime {
    let mut left = REQUEST_TERM;
    let mut cursor = started_at;
    for (s, e) in merged_from(windows, started_at) {
        if s - cursor >= left {
            break;
        }
        left -= s - cursor;
        cursor = e;
    }
    cursor + left
}

/// Whether a request started at `started_at` is past its term at `now`.
pub fn is_overdue(
    started_at: OffsetDateTime,
    now: OffsetDateTime,
    windows: &[MaintenanceWindow],
) -> bool {
    now >= term_ends_at(started_at, windows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn window(from: OffsetDateTime, minutes: i64) -> MaintenanceWindow {
        MaintenanceWindow {
            id: format!("w{}", from.unix_timestamp()),
            from,
            until: from + Duration::minutes(minutes),
            announced_at: from - Duration::days(2),
        }
    }

    const START: OffsetDateTime = datetime!(2026-12-07 10:00 UTC);

    #[test]
    fn a_window_must_be_ahead_end_after_it_starts_and_last_a_day_at_most() {
        let now = START;
        let a = |from: OffsetDateTime, until: OffsetDateTime| {
            MaintenanceWindow::announce("w".into(), from, until, now)
        };
        assert!(a(now, now + Duration::hours(2)).is_ok());
        assert_eq!(a(now, now).unwrap_err(), WindowError::EndsBeforeItStarts);
        assert_eq!(
            a(now + Duration::hours(1), now).unwrap_err(),
            WindowError::EndsBeforeItStarts
        );
        assert_eq!(
            a(now, now + Duration::hours(25)).unwrap_err(),
            WindowError::TooLong
        );
        assert_eq!(
            a(now - Duration::minutes(1), now + Duration::hours(1)).unwrap_err(),
            WindowError::InThePast
        );
    }

    #[test]
    fn pages_warn_from_a_day_before_and_say_paused_during() {
        let w = window(START + Duration::hours(30), 120);
        let ws = [w.clone()];
        assert_eq!(notice(&ws, START), None);
        assert_eq!(
            notice(&ws, w.from - WARN_AHEAD),
            Some(Notice::Upcoming {
                from: w.from,
                until: w.until
            })
        );
        assert_eq!(notice(&ws, w.from), Some(Notice::Paused { until: w.until }));
        assert_eq!(
            notice(&ws, w.until - Duration::seconds(1)),
            Some(Notice::Paused { until: w.until })
        );
        assert_eq!(notice(&ws, w.until), None);
    }

    #[test]
    fn a_break_within_the_term_lengthens_it_by_the_break() {
        assert_eq!(term_ends_at(START, &[]), START + REQUEST_TERM);
        // A 60-minute break from minute 5: the term ends at minute 70.
        let ws = [window(START + Duration::minutes(5), 60)];
        assert_eq!(term_ends_at(START, &ws), START + Duration::minutes(70));
        assert!(!is_overdue(START, START + Duration::minutes(69), &ws));
        assert!(is_overdue(START, START + Duration::minutes(70), &ws));
        // A break after the term, or before the start, changes nothing.
        let later = [window(START + Duration::minutes(10), 30)];
        assert_eq!(term_ends_at(START, &later), START + REQUEST_TERM);
        let before = [window(START - Duration::minutes(40), 30)];
        assert_eq!(term_ends_at(START, &before), START + REQUEST_TERM);
        // A break under way when the request started counts from the start.
        let under_way = [window(START - Duration::minutes(10), 30)];
        assert_eq!(
            term_ends_at(START, &under_way),
            START + Duration::minutes(30)
        );
    }

    #[test]
    fn a_break_the_lengthened_term_reaches_counts_too_and_overlaps_count_once() {
        // Break 1 (minutes 5–15) pushes the end to minute 20, which reaches
        // break 2 (minutes 18–28): the term ends at minute 30.
        let ws = [
            window(START + Duration::minutes(5), 10),
            window(START + Duration::minutes(18), 10),
        ];
        assert_eq!(term_ends_at(START, &ws), START + Duration::minutes(30));
        let overlapping = [
            window(START + Duration::minutes(5), 10),
            window(START + Duration::minutes(10), 10),
        ];
        assert_eq!(
            paused_between(&overlapping, START, START + Duration::hours(1)),
            Duration::minutes(15)
        );
    }
}
