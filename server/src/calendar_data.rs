//! Where the working-day calendar comes from: the file in the repo
//! (`server/calendar/kz.csv`, built in), or the one `NOMIR_CALENDAR` names
//! once an operator has a newer list. Read at start; a bad file stops it.

use std::path::Path;

use crate::domain::calendar::WorkingCalendar;

pub const BUILT_IN: &str = include_str!("../calendar/kz.csv");

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

/// The calendar kept in the repo (checked by the tests, so it parses).
pub fn builtin() -> WorkingCalendar {
    WorkingCalendar::parse(BUILT_IN).expect("the built-in calendar parses (tested)")
}
