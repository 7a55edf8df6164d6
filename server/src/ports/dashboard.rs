//! What the service dashboard counts (appendix row 3; Rules ch. 3), as the
//! store answers it: sums of counts the database keeps per day as each
//! request changes, so the page answers in milliseconds on millions of
//! requests. Periods are whole Kazakh days, `first` to `last` inclusive.

use async_trait::async_trait;
use time::Date;

use super::StoreResult;

/// Requests started on one day (in Kazakhstan) through one channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayCount {
    pub day: Date,
    pub channel: String,
    pub count: u64,
}

/// Requests that ended in one state (and, refused, on one ground).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeCount {
    pub state: String,
    pub ground: Option<String>,
    pub count: u64,
}

/// Completed requests (bound or refused) by whole minutes they took; the
/// last bucket holds all of 10 minutes and over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DurationCount {
    pub minutes: u32,
    pub count: u64,
}

/// Complaints in one state, and how many of them are overdue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplaintCount {
    pub state: String,
    pub count: u64,
    pub overdue: u64,
}

#[async_trait]
pub trait DashboardStore: Send + Sync {
    /// Requests started on the days `first` to `last`, per Kazakh day and channel.
    async fn requests_per_day(&self, first: Date, last: Date) -> StoreResult<Vec<DayCount>>;
    /// Requests started on the days `first` to `last`, per final state and ground.
    async fn outcomes(&self, first: Date, last: Date) -> StoreResult<Vec<OutcomeCount>>;
    /// Bound or refused requests started on the days `first` to `last`, by minutes taken.
    async fn service_times(&self, first: Date, last: Date) -> StoreResult<Vec<DurationCount>>;
    /// Every complaint per state; overdue where its deadline is before `today`.
    async fn complaint_counts(&self, today: Date) -> StoreResult<Vec<ComplaintCount>>;
}
