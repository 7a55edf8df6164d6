//! Whether the service can work: its database answers.

use super::uses::{UsesAudit, UsesCalendar, UsesComplaints};
use super::Unexpected;
use crate::ports::StoreError;

/// Reads one audit entry. A row this build cannot read (an action written
/// by a newer instance sharing the database) still proves the database
/// answers.
pub async fn database_answers(ports: &impl UsesAudit) -> Result<(), Unexpected> {
    match ports.audit().recent(1).await {
        Ok(_) | Err(StoreError::Corrupt(_)) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// What the operator should know though the service works: complaints
/// whose deadlines are provisional (the calendar ends before them). A
/// count that cannot be read says nothing here (the database check does).
pub async fn warnings(ports: &(impl UsesComplaints + UsesCalendar)) -> Vec<String> {
    match ports.complaints().provisional_count().await {
        Ok(0) | Err(_) => Vec::new(),
        Ok(n) => vec![format!(
            "{n} open complaints have provisional deadlines: the working-day calendar ends in {}; import one that lists the next year (nomir calendar import)",
            ports
                .calendar()
                .last_year()
                .map_or_else(|| "no year".to_owned(), |y| y.to_string())
        )],
    }
}
