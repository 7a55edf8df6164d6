use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::Row;
use time::{Date, Duration};

use super::Db;
use crate::ports::dashboard::{
    ComplaintCount, DashboardStore, DayCount, DurationCount, OutcomeCount,
};
use crate::ports::{StoreError, StoreResult};

/// The request's term in whole minutes: the counts keep service times
/// from it on together (a request that expired counts there: the service
/// was not provided within the term).
const TERM_MINUTES: i64 = crate::domain::REQUEST_TERM.whole_minutes();

// The counts' triggers (migration 0031) take Kazakh days as UTC+5.
const _: () = assert!(nomir_core::kz_time::OFFSET.whole_seconds() == 18_000);

fn count(r: &AnyRow) -> StoreResult<u64> {
    let n: i64 = r.try_get("n")?;
    u64::try_from(n).map_err(|_| StoreError::Corrupt(format!("count {n}")))
}

fn day_of(number: i64) -> StoreResult<Date> {
    let epoch = time::macros::date!(1970 - 01 - 01);
    epoch
        .checked_add(Duration::days(number))
        .ok_or_else(|| StoreError::Corrupt(format!("day {number}")))
}

/// A Kazakh day's number since 1970-01-01, as the counts' `day` column
/// holds it (the migration's `(started_at + 18000) / 86400`).
fn number_of(day: Date) -> i64 {
    (day - time::macros::date!(1970 - 01 - 01)).whole_days()
}

#[async_trait]
impl DashboardStore for Db {
    async fn requests_per_day(&self, first: Date, last: Date) -> StoreResult<Vec<DayCount>> {
        let rows = sqlx::query(
            "SELECT day, channel, CAST(SUM(n) AS BIGINT) AS n FROM request_day_counts \
             WHERE day >= $1 AND day <= $2 \
             GROUP BY day, channel HAVING SUM(n) > 0 ORDER BY day, channel",
        )
        .bind(number_of(first))
        .bind(number_of(last))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(DayCount {
                    day: day_of(r.try_get("day")?)?,
                    channel: r.try_get("channel")?,
                    count: count(r)?,
                })
            })
            .collect()
    }

    async fn outcomes(&self, first: Date, last: Date) -> StoreResult<Vec<OutcomeCount>> {
        let rows = sqlx::query(
            "SELECT state, ground, CAST(SUM(n) AS BIGINT) AS n FROM request_outcome_counts \
             WHERE day >= $1 AND day <= $2 \
             GROUP BY state, ground HAVING SUM(n) > 0 ORDER BY n DESC, state, ground",
        )
        .bind(number_of(first))
        .bind(number_of(last))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let ground: String = r.try_get("ground")?;
                Ok(OutcomeCount {
                    state: r.try_get("state")?,
                    ground: (!ground.is_empty()).then_some(ground),
                    count: count(r)?,
                })
            })
            .collect()
    }

    async fn service_times(&self, first: Date, last: Date) -> StoreResult<Vec<DurationCount>> {
        let rows = sqlx::query(
            "SELECT minutes, CAST(SUM(n) AS BIGINT) AS n FROM request_minute_counts \
             WHERE day >= $1 AND day <= $2 \
             GROUP BY minutes HAVING SUM(n) > 0 ORDER BY minutes",
        )
        .bind(number_of(first))
        .bind(number_of(last))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let m: i64 = r.try_get("minutes")?;
                Ok(DurationCount {
                    minutes: u32::try_from(m.clamp(0, TERM_MINUTES)).unwrap_or_default(),
                    count: count(r)?,
                })
            })
            .collect()
    }

    async fn complaint_counts(&self, today: Date) -> StoreResult<Vec<ComplaintCount>> {
        let rows = sqlx::query(&format!(
            "SELECT state, COUNT(*) AS n, \
                    SUM(CASE WHEN {} THEN 1 ELSE 0 END) AS late \
             FROM complaints GROUP BY state ORDER BY state",
            super::complaint_rules::overdue("$1")
        ))
        .bind(today.to_string())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let late: i64 = r.try_get("late")?;
                Ok(ComplaintCount {
                    state: r.try_get("state")?,
                    count: count(r)?,
                    overdue: u64::try_from(late).unwrap_or(0),
                })
            })
            .collect()
    }
}
