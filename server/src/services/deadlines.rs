//! Complaint deadlines on a calendar that is known (SPEC §5): a deadline
//! counted past the last year the working-day calendar lists is marked
//! provisional when the complaint is registered; once a calendar that lists
//! the year is imported, the open ones are counted again, each with its
//! audit entry, and never brought earlier than the day the citizen was told.

use time::OffsetDateTime;

use super::Unexpected;
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::calendar::WorkingCalendar;
use crate::domain::complaint::{self, local_date};
use crate::ports::{AuditEntry, ComplaintStore};

/// Counts the provisional deadlines of undecided complaints again on
/// `calendar`; how many changed. (It takes the complaint store alone, as
/// the command that imports a calendar has no other port.)
pub async fn recount(
    complaints: &dyn ComplaintStore,
    calendar: &WorkingCalendar,
    now: OffsetDateTime,
) -> Result<usize, Unexpected> {
    let mut changed = 0;
    for c in complaints.provisional_complaints().await? {
        let fresh = complaint::deadlines(calendar, c.addressee, local_date(c.filed_at));
        let recounted = c.deadlines.recounted(fresh);
        if recounted == c.deadlines {
            continue;
        }
        let entry = AuditEntry::new(
            now,
            Actor::Operator("calendar-import"),
            AuditAction::DeadlinesRecounted,
            c.id.clone(),
            format!(
                "complaint={} review_by={}->{} provisional={}",
                c.number, c.deadlines.review_by, recounted.review_by, recounted.provisional
            ),
        );
        if complaints
            .recount_deadlines(&c.id, &recounted, &entry)
            .await?
        {
            changed += 1;
        }
    }
    Ok(changed)
}

/// At start, with the calendar the server counts with: complaints whose
/// review day falls past its last year are marked provisional (those
/// registered before the mark existed too), and the provisional ones are
/// counted again (the calendar may have been imported, or its file
/// changed, since they were registered).
pub async fn at_start(
    complaints: &dyn ComplaintStore,
    calendar: &WorkingCalendar,
    now: OffsetDateTime,
) -> Result<(u64, usize), Unexpected> {
    let marked = match calendar.last_year() {
        Some(year) => match time::Date::from_calendar_date(year, time::Month::December, 31) {
            Ok(last_day) => complaints.mark_provisional_after(last_day).await?,
            Err(_) => 0,
        },
        None => 0,
    };
    let recounted = recount(complaints, calendar, now).await?;
    Ok((marked, recounted))
}
