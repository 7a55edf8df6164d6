//! The service dashboard for the back office: requests per day by channel,
//! outcomes and refusal grounds, the service time against the 10-minute
//! term (appendix row 3), and complaints by status with the overdue; and
//! the same figures as CSV. Every count is the database's.

use time::{Date, Duration};

use super::uses::{UsesAudit, UsesClock, UsesDashboard};
use super::Unexpected;
use crate::domain::audit::AuditAction;
use crate::domain::complaint::local_date;
use crate::ports::dashboard::{ComplaintCount, DayCount, DurationCount, OutcomeCount};

/// How many days back the dashboard looks by default, and at most.
pub const DEFAULT_DAYS: u32 = 30;
pub const MAX_DAYS: u32 = 366;

pub struct Dashboard {
    /// The first and last day counted (in Kazakhstan).
    pub first_day: Date,
    pub last_day: Date,
    pub per_day: Vec<DayCount>,
    pub outcomes: Vec<OutcomeCount>,
    pub service_times: Vec<DurationCount>,
    pub complaints: Vec<ComplaintCount>,
}

impl Dashboard {
    /// Requests that ended (bound, refused or expired: a withdrawn one was
    /// replaced by its citizen), and how many of them within the 10-minute term.
    pub fn within_term(&self) -> (u64, u64) {
        let all = self.service_times.iter().map(|d| d.count).sum();
        let within = self
            .service_times
            .iter()
            .filter(|d| d.minutes < 10)
            .map(|d| d.count)
            .sum();
        (within, all)
    }
}

/// The period shown for what was asked (nothing asked: the default),
/// within 1 and [`MAX_DAYS`] days: the one place the range is kept.
pub fn period(asked: Option<u32>) -> u32 {
    asked.unwrap_or(DEFAULT_DAYS).clamp(1, MAX_DAYS)
}

/// The last `days` days up to today (see [`period`]).
pub async fn view(
    ports: &(impl UsesClock + UsesDashboard),
    days: u32,
) -> Result<Dashboard, Unexpected> {
    let days = period(Some(days));
    let now = ports.clock().now();
    let last_day = local_date(now);
    let first_day = last_day - Duration::days(i64::from(days) - 1);
    let store = ports.dashboard();
    Ok(Dashboard {
        first_day,
        last_day,
        per_day: store.requests_per_day(first_day, last_day).await?,
        outcomes: store.outcomes(first_day, last_day).await?,
        service_times: store.service_times(first_day, last_day).await?,
        complaints: ports.dashboard().complaint_counts(last_day).await?,
    })
}

/// The dashboard of the last `days` as CSV for the official `login`; the
/// export is audited (the figures leave the service), and without its
/// audit entry there is no file.
pub async fn export(
    ports: &(impl UsesAudit + UsesClock + UsesDashboard),
    login: &str,
    days: u32,
) -> Result<String, Unexpected> {
    let text = csv(&view(ports, days).await?)?;
    let entry = super::staff::audit(
        ports,
        login,
        AuditAction::DashboardExported,
        "dashboard",
        format!("days={days}"),
    );
    ports.audit().append(&entry).await?;
    Ok(text)
}

/// The dashboard as CSV: one `section,key,subkey,count` row per figure.
pub fn csv(d: &Dashboard) -> Result<String, Unexpected> {
    let mut rows: Vec<[String; 4]> = Vec::new();
    let mut add =
        |a: &str, b: String, c: &str, n: u64| rows.push([a.into(), b, c.into(), n.to_string()]);
    for r in &d.per_day {
        add("requests_per_day", r.day.to_string(), &r.channel, r.count);
    }
    for r in &d.outcomes {
        add(
            "outcome",
            r.state.clone(),
            r.ground.as_deref().unwrap_or(""),
            r.count,
        );
    }
    for r in &d.service_times {
        let term = crate::domain::REQUEST_TERM.whole_minutes();
        let key = if i64::from(r.minutes) >= term {
            format!("{term}+")
        } else {
            r.minutes.to_string()
        };
        add("service_minutes", key, "", r.count);
    }
    for r in &d.complaints {
        add("complaints", r.state.clone(), "all", r.count);
        add("complaints", r.state.clone(), "overdue", r.overdue);
    }
    let fail = |e: csv::Error| Unexpected(e.into());
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["section", "key", "subkey", "count"])
        .map_err(fail)?;
    for r in &rows {
        w.write_record(r).map_err(fail)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Unexpected(anyhow::anyhow!("{e}")))?;
    String::from_utf8(bytes).map_err(|e| Unexpected(e.into()))
}
