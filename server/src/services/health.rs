//! Whether the service can work: its database answers; whether this
//! instance is ready (its SMS worker turns, its gateway's session is bound).

use super::uses::{UsesAudit, UsesCalendar, UsesComplaints, UsesSms};
use super::Ports;
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

/// Readiness: each check on a line, and whether all passed.
pub struct Readiness {
    pub ready: bool,
    pub lines: Vec<String>,
}

/// The database answers and this instance's SMS delivery worker has begun
/// a round or a message lately (a stalled one would leave its delayed
/// messages to the others); whether the SMS gateway's session is bound
/// (SMPP) is said too. The reasons go to the log.
pub async fn readiness(ports: &Ports) -> Readiness {
    let mut ready = true;
    let mut lines = Vec::new();
    match database_answers(ports).await {
        Ok(()) => lines.push("database: ok".to_owned()),
        Err(e) => {
            tracing::error!(error = %e, "readiness: database unavailable");
            ready = false;
            lines.push("database: unavailable".to_owned());
        }
    }
    // Real time, not the demo's movable clock.
    let age = ports.sms_worker.age(time::OffsetDateTime::now_utc());
    if age > super::sms_delivery::STALLED_AFTER {
        tracing::error!(
            seconds = age.whole_seconds(),
            "readiness: the SMS worker has stalled"
        );
        ready = false;
        lines.push(format!("sms worker: stalled ({} s)", age.whole_seconds()));
    } else {
        lines.push("sms worker: ok".to_owned());
    }
    // Said, not required: without a session this instance still takes
    // requests (their messages wait in the outbox for any instance that
    // has one), and an SMSC that is down for all would otherwise take
    // every instance out of service at once.
    match ports.sms().bound() {
        Some(true) => lines.push("sms gateway: bound".to_owned()),
        Some(false) => {
            tracing::warn!("readiness: the SMS gateway's session is not bound");
            lines.push("sms gateway: not bound (messages wait in the outbox)".to_owned());
        }
        None => {}
    }
    Readiness { ready, lines }
}
