//! Kazakhstan's time: the whole country keeps UTC+5 (since 1 March 2024).
//! Dates on pages and documents, and working-day deadlines, are read here.

use time::format_description::FormatItem;
use time::macros::format_description;
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

const SHOWN: &[FormatItem<'static>] = format_description!("[day].[month].[year] [hour]:[minute]");
const CLOCK: &[FormatItem<'static>] = format_description!("[hour]:[minute]");
const EXACT: &[FormatItem<'static>] =
    format_description!("[day].[month].[year] [hour]:[minute]:[second] (UTC+5)");

/// A time as citizens read it on pages: `25.11.2026 10:15`.
pub fn local_time(t: OffsetDateTime) -> String {
    local(t).format(SHOWN).unwrap_or_default()
}

/// `HH:MM` in Kazakhstan.
pub fn local_clock(t: OffsetDateTime) -> String {
    local(t).format(CLOCK).unwrap_or_default()
}

/// A time as the result document and its check print it, to the second
/// (a document pins its times exactly): `25.11.2026 10:15:42 (UTC+5)`.
pub fn local_time_to_the_second(t: OffsetDateTime) -> String {
    local(t).format(EXACT).unwrap_or_default()
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
