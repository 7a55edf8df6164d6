//! What the service dashboard counts (appendix row 3; Rules ch. 3), as the
//! store answers it: each a grouped count the database computes, so the
//! page answers fast on millions of requests.

use async_trait::async_trait;
use time::{Date, OffsetDateTime};

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
    /// Requests started in `[from, to)`, per Kazakh day and channel.
    async fn requests_per_day(
        &self,
        from: OffsetDateTime,
        to: OffsetDateTime,
    ) -> StoreResult<Vec<DayCount>>;
    /// Requests started in `[from, to)`, per final state and ground.
    async fn outcomes(
        &self,
        from: OffsetDateTime,
        to: OffsetDateTime,
    ) -> StoreResult<Vec<OutcomeCount>>;
    /// Bound or refused requests started in `[from, to)`, by minutes taken.
    async fn service_times(
        &self,
        from: OffsetDateTime,
        to: OffsetDateTime,
    ) -> StoreResult<Vec<DurationCount>>;
    /// Every complaint per state; overdue where its deadline is before `today`.
    async fn complaint_counts(&self, today: Date) -> StoreResult<Vec<ComplaintCount>>;
}
