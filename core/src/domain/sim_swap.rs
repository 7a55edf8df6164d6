//! A recent SIM change (CAMARA SIM Swap). An SMS code proves that the
//! phone holds the number's SIM, not that the person is the number's
//! owner: a SIM swapped hours ago is the classic way to take over a
//! number and receive its codes. So no code goes to a number whose SIM
//! changed within the window (72 hours by default); the citizen is told
//! how long the pause is, and to call the operator if they did not change
//! the SIM (the API's `Retry-After` gives the moment).

use time::{Duration, OffsetDateTime};

/// Three days, as banks use for SMS codes after a SIM change.
pub const DEFAULT_WINDOW: Duration = Duration::hours(72);

/// The SIM changed too recently for an SMS code to prove anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecentSwap {
    pub changed_at: OffsetDateTime,
    /// When a code may go to the number again.
    pub codes_from: OffsetDateTime,
}

/// `Some` if the SIM changed within `window` before `now`. A change dated
/// in the future (clocks apart) counts as recent. A zero window turns the
/// rule off.
pub fn recent_swap(
    latest_change: Option<OffsetDateTime>,
    now: OffsetDateTime,
    window: Duration,
) -> Option<RecentSwap> {
    let changed_at = latest_change?;
    if window <= Duration::ZERO {
        return None;
    }
    let codes_from = changed_at + window;
    (now < codes_from).then_some(RecentSwap {
        changed_at,
        codes_from,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(hours: i64) -> OffsetDateTime {
        OffsetDateTime::UNIX_EPOCH + Duration::days(20_000) + Duration::hours(hours)
    }

    #[test]
    fn a_swap_inside_the_window_stops_codes_until_it_passes() {
        let swap = recent_swap(Some(at(0)), at(24), DEFAULT_WINDOW).unwrap();
        assert_eq!(swap.changed_at, at(0));
        assert_eq!(swap.codes_from, at(72));
        assert_eq!(recent_swap(Some(at(0)), at(72), DEFAULT_WINDOW), None);
        assert!(recent_swap(Some(at(0)), at(72) - Duration::SECOND, DEFAULT_WINDOW).is_some());
    }

    #[test]
    fn no_known_change_an_old_one_or_no_window_lets_codes_go() {
        assert_eq!(recent_swap(None, at(0), DEFAULT_WINDOW), None);
        assert_eq!(recent_swap(Some(at(-100)), at(0), DEFAULT_WINDOW), None);
        assert_eq!(recent_swap(Some(at(-1)), at(0), Duration::ZERO), None);
    }

    #[test]
    fn a_change_dated_in_the_future_counts_as_recent() {
        assert!(recent_swap(Some(at(5)), at(0), DEFAULT_WINDOW).is_some());
    }
}
