//! Kazakhstan's time: the whole country keeps UTC+5 (since 1 March 2024).
//! Dates on pages and documents, and working-day deadlines, are read here.

use time::{OffsetDateTime, UtcOffset};

/// UTC+5.
pub const OFFSET: UtcOffset = match UtcOffset::from_hms(5, 0, 0) {
    Ok(offset) => offset,
    Err(_) => panic!("UTC+5 is a valid offset"),
};

/// `at` as a clock in Kazakhstan reads it.
pub fn local(at: OffsetDateTime) -> OffsetDateTime {
    at.to_offset(OFFSET)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_utc_evening_is_the_next_morning_in_astana() {
        let at = local(datetime!(2026-12-06 21:30 UTC));
        assert_eq!(
            (at.date(), at.hour()),
            (time::macros::date!(2026 - 12 - 07), 2)
        );
    }
}
