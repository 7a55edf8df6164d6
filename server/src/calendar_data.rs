//! Where the working-day calendar comes from: the file `NOMIR_CALENDAR`
//! names, else the newest one an operator imported into the database
//! (`nomir calendar import FILE`), else the file in the repo
//! (`core/calendar/kz.csv`, built in). Read at start; a bad file stops it.

use std::path::Path;

use crate::domain::audit::{Actor, AuditAction};
use crate::domain::calendar::WorkingCalendar;

pub use crate::domain::calendar::{builtin, BUILT_IN};

pub fn load(file: Option<&Path>) -> anyhow::Result<WorkingCalendar> {
    match file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| anyhow::anyhow!("cannot read the calendar {}: {e}", path.display()))?;
            Ok(WorkingCalendar::parse(&text)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?)
        }
        None => Ok(WorkingCalendar::parse(BUILT_IN)?),
    }
}

/// The calendar the server counts deadlines with, and where it came from.
pub async fn load_for_server(
    file: Option<&Path>,
    db: &crate::database::Db,
) -> anyhow::Result<(WorkingCalendar, &'static str)> {
    if file.is_some() {
        return Ok((load(file)?, "file"));
    }
    match db.latest_calendar().await? {
        Some(text) => Ok((
            WorkingCalendar::parse(&text)
                .map_err(|e| anyhow::anyhow!("the imported calendar: {e}"))?,
            "imported",
        )),
        None => Ok((builtin(), "built-in")),
    }
}

/// Checks `path` and stores it as the calendar the server uses from its
/// next start; a summary for the operator.
pub async fn import(path: &Path, db: &crate::database::Db) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("cannot read the calendar {}: {e}", path.display()))?;
    let calendar =
        WorkingCalendar::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let now = time::OffsetDateTime::now_utc();
    let year = now.year();
    let entry = crate::ports::AuditEntry::new(
        now,
        Actor::Operator("operator"),
        AuditAction::CalendarImported,
        "calendar",
        format!(
            "file={} working_days_{year}={}",
            path.display(),
            calendar.working_days_in(year)
        ),
    );
    db.import_calendar(&text, &entry).await?;
    let recounted = crate::services::deadlines::recount(db, &calendar, now).await?;
    let mut summary = format!(
        "calendar imported: {} working days in {year}, {} in {}; servers use it from their next start",
        calendar.working_days_in(year),
        calendar.working_days_in(year + 1),
        year + 1
    );
    if recounted > 0 {
        summary.push_str(&format!(
            "\n{recounted} open complaints' provisional deadlines counted again (never earlier)"
        ));
    }
    for y in [year, year + 1] {
        if calendar.exceptions_in(y).next().is_none() {
            summary.push_str(&format!(
                "\nwarning: the file lists no holiday in {y}: its days off would count as working days"
            ));
        }
    }
    Ok(summary)
}
