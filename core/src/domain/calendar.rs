//! The Kazakh working-day calendar (Rules ch. 3 deadlines: 3, 5 and 15
//! working days): a five-day week, with the dates that differ from it kept
//! as data an operator updates (`core/calendar/kz.csv`), not as code.
//! Parsing that text and counting days are pure; reading the file is the
//! caller's.

use std::collections::BTreeMap;

use time::macros::format_description;
use time::{Date, Duration, Weekday};

/// How a listed date differs from a plain Monday–Friday week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayStatus {
    /// A weekday that is not worked (a holiday, a carried-over or swapped day off).
    Off,
    /// A weekend day that is worked (a swapped day).
    Work,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exception {
    pub status: DayStatus,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("calendar line {line}: {message}")]
pub struct CalendarError {
    pub line: usize,
    pub message: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkingCalendar {
    exceptions: BTreeMap<Date, Exception>,
}

fn is_weekend(d: Date) -> bool {
    matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
}

impl WorkingCalendar {
    /// Reads `date,status,reason` lines after a header line; the reason is
    /// the rest of the line and may hold commas (so the line is split at
    /// its first two commas rather than read as quoted CSV). An `off`
    /// weekend day, a `work` weekday or a date listed twice is an error.
    pub fn parse(text: &str) -> Result<Self, CalendarError> {
        let iso = format_description!("[year]-[month]-[day]");
        let mut exceptions = BTreeMap::new();
        for (i, raw) in text.lines().enumerate().skip(1) {
            let line = i + 1;
            let err = |message: String| CalendarError { line, message };
            let raw = raw.trim();
            if raw.is_empty() {
                continue;
            }
            let mut parts = raw.splitn(3, ',');
            let (Some(date), Some(status), Some(reason)) =
                (parts.next(), parts.next(), parts.next())
            else {
                return Err(err("expected date,status,reason".into()));
            };
            let date = Date::parse(date.trim(), &iso)
                .map_err(|_| err(format!("{date:?} is not a date like 2026-03-23")))?;
            let status = match status.trim() {
                "off" if is_weekend(date) => {
                    return Err(err(format!("{date} is a weekend day, off already")))
                }
                "off" => DayStatus::Off,
                "work" if !is_weekend(date) => {
                    return Err(err(format!("{date} is a weekday, worked already")))
                }
                "work" => DayStatus::Work,
                other => return Err(err(format!("status {other:?} is not off or work"))),
            };
            let exception = Exception {
                status,
                reason: reason.trim().to_owned(),
            };
            if exceptions.insert(date, exception).is_some() {
                return Err(err(format!("{date} is listed twice")));
            }
        }
        Ok(Self { exceptions })
    }

    pub fn is_working(&self, d: Date) -> bool {
        match self.exceptions.get(&d) {
            Some(e) => e.status == DayStatus::Work,
            None => !is_weekend(d),
        }
    }

    /// The `n`th working day after `from` (`from` itself is not counted:
    /// the day of receipt or registration does not count); `from` when `n`
    /// is 0.
    pub fn add_working_days(&self, from: Date, n: u32) -> Date {
        let mut day = from;
        let mut left = n;
        while left > 0 {
            day += Duration::days(1);
            if self.is_working(day) {
                left -= 1;
            }
        }
        day
    }

    /// The last year the calendar lists a date of (a holiday or a moved
    /// day); past it, days off are not known.
    pub fn last_year(&self) -> Option<i32> {
        self.exceptions.keys().next_back().map(|d| d.year())
    }

    /// Whether `d` falls in a year the calendar lists, so that its days
    /// off are known.
    pub fn knows(&self, d: Date) -> bool {
        self.last_year().is_some_and(|last| d.year() <= last)
    }

    /// The year's listed dates, in order.
    pub fn exceptions_in(&self, year: i32) -> impl Iterator<Item = (Date, &Exception)> {
        self.exceptions
            .iter()
            .filter(move |(d, _)| d.year() == year)
            .map(|(d, e)| (*d, e))
    }

    /// How many working days the year has.
    pub fn working_days_in(&self, year: i32) -> u32 {
        let Ok(mut day) = Date::from_ordinal_date(year, 1) else {
            return 0;
        };
        let mut count = 0;
        while day.year() == year {
            count += u32::from(self.is_working(day));
            day += Duration::days(1);
        }
        count
    }
}

/// The calendar kept in the repo (`core/calendar/kz.csv`), built in.
pub const BUILT_IN: &str = include_str!("../../calendar/kz.csv");

/// The built-in calendar (checked by the tests, so it parses).
pub fn builtin() -> WorkingCalendar {
    WorkingCalendar::parse(BUILT_IN).expect("the built-in calendar parses (tested)")
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn kz() -> WorkingCalendar {
        builtin()
    }

    #[test]
    fn nauryz_2026_on_a_weekend_moves_its_days_off() {
        let c = kz();
        for d in [
            date!(2026 - 03 - 23),
            date!(2026 - 03 - 24),
            date!(2026 - 03 - 25),
        ] {
            assert!(!c.is_working(d), "{d}");
        }
        assert!(c.is_working(date!(2026 - 03 - 26)));
        // Received Friday 20 March: Mon–Wed are off, so the 3rd working day is Monday 30.
        assert_eq!(
            c.add_working_days(date!(2026 - 03 - 20), 3),
            date!(2026 - 03 - 30)
        );
    }

    #[test]
    fn the_january_2025_swap_makes_sunday_5th_a_working_day() {
        let c = kz();
        assert!(!c.is_working(date!(2025 - 01 - 03)));
        assert!(c.is_working(date!(2025 - 01 - 05)));
        assert_eq!(
            c.add_working_days(date!(2025 - 01 - 02), 1),
            date!(2025 - 01 - 05)
        );
        // Monday 6 is worked; Tuesday 7 (Christmas) is not.
        assert_eq!(
            c.add_working_days(date!(2025 - 01 - 05), 2),
            date!(2025 - 01 - 08)
        );
    }

    #[test]
    fn christmas_and_kurban_ait_are_off_and_nothing_is_carried_over_for_them() {
        let c = kz();
        for d in [
            date!(2025 - 01 - 07),
            date!(2026 - 01 - 07),
            date!(2025 - 06 - 06),
            date!(2026 - 05 - 27),
        ] {
            assert!(!c.is_working(d), "{d}");
        }
        assert!(c.is_working(date!(2026 - 01 - 08)));
        assert!(c.is_working(date!(2026 - 05 - 28)));
    }

    #[test]
    fn august_30_2026_is_no_longer_a_holiday_but_october_25_and_december_16_are() {
        let c = kz();
        assert!(c.is_working(date!(2026 - 08 - 31)));
        assert_eq!(
            c.add_working_days(date!(2026 - 08 - 28), 1),
            date!(2026 - 08 - 31)
        );
        assert!(
            !c.is_working(date!(2025 - 09 - 01)),
            "30 Aug 2025 (Sat) was carried over"
        );
        assert_eq!(
            c.add_working_days(date!(2026 - 10 - 23), 1),
            date!(2026 - 10 - 27)
        );
        assert_eq!(
            c.add_working_days(date!(2025 - 10 - 24), 1),
            date!(2025 - 10 - 28)
        );
        assert_eq!(
            c.add_working_days(date!(2026 - 12 - 15), 1),
            date!(2026 - 12 - 17)
        );
        assert_eq!(
            c.add_working_days(date!(2025 - 12 - 15), 1),
            date!(2025 - 12 - 17)
        );
    }

    #[test]
    fn the_complaint_deadlines_count_working_days_after_the_day() {
        let c = kz();
        // Registered Wednesday 25 November 2026: 5 and 15 working days.
        assert_eq!(
            c.add_working_days(date!(2026 - 11 - 25), 5),
            date!(2026 - 12 - 02)
        );
        assert_eq!(
            c.add_working_days(date!(2026 - 11 - 25), 15),
            date!(2026 - 12 - 17)
        );
        assert_eq!(
            c.add_working_days(date!(2026 - 11 - 25), 0),
            date!(2026 - 11 - 25)
        );
        // A complaint received on a Saturday: the deadline counts from Monday on.
        assert_eq!(
            c.add_working_days(date!(2026 - 11 - 28), 1),
            date!(2026 - 11 - 30)
        );
    }

    #[test]
    fn the_year_2026_has_247_working_days_with_august_31_worked() {
        assert_eq!(kz().working_days_in(2026), 247);
    }

    #[test]
    fn a_bad_calendar_file_says_which_line() {
        let header = "date,status,reason\n";
        for (body, expected) in [
            ("2026-03-21,off,Sat\n", "weekend"),
            ("2026-03-23,work,Mon\n", "weekday"),
            ("2026-03-23,off,a\n2026-03-23,off,b\n", "twice"),
            ("23.03.2026,off,x\n", "not a date"),
            ("2026-03-23,holiday,x\n", "not off or work"),
            ("2026-03-23\n", "expected"),
        ] {
            let e = WorkingCalendar::parse(&format!("{header}{body}")).unwrap_err();
            assert!(e.message.contains(expected), "{body:?}: {e}");
            assert!(e.line >= 2);
        }
    }
}
