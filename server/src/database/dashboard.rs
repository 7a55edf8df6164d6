use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::Row;
use time::{Date, Duration, OffsetDateTime};

use super::time_col::to_col;
use super::Db;
use crate::ports::dashboard::{
    ComplaintCount, DashboardStore, DayCount, DurationCount, OutcomeCount,
};
use crate::ports::{StoreError, StoreResult};

/// Seconds east of UTC of Kazakhstan's time: days are counted there.
const KZ_SECONDS: i64 = nomir_core::kz_time::OFFSET.whole_seconds() as i64;
/// The request's term (appendix row 3), in seconds and in whole minutes:
/// service times from it on are counted together. A request that expired
/// counts there: the service was not provided within the term.
const TERM_SECONDS: i64 = crate::domain::REQUEST_TERM.whole_seconds();
const TERM_MINUTES: i64 = crate::domain::REQUEST_TERM.whole_minutes();

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

#[async_trait]
impl DashboardStore for Db {
    async fn requests_per_day(
        &self,
        from: OffsetDateTime,
        to: OffsetDateTime,
    ) -> StoreResult<Vec<DayCount>> {
        // The day number in Kazakhstan, by integer division on both engines.
        let rows = sqlx::query(
            "SELECT day, channel, COUNT(*) AS n FROM \
             (SELECT (started_at + $1) / 86400 AS day, channel FROM binding_requests \
              WHERE started_at >= $2 AND started_at < $3) AS started \
             GROUP BY day, channel ORDER BY day, channel",
        )
        .bind(KZ_SECONDS)
        .bind(to_col(from))
        .bind(to_col(to))
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

    async fn outcomes(
        &self,
        from: OffsetDateTime,
        to: OffsetDateTime,
    ) -> StoreResult<Vec<OutcomeCount>> {
        let rows = sqlx::query(
            "SELECT state, refusal_ground, COUNT(*) AS n FROM binding_requests \
             WHERE started_at >= $1 AND started_at < $2 \
             GROUP BY state, refusal_ground ORDER BY n DESC, state",
        )
        .bind(to_col(from))
        .bind(to_col(to))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(OutcomeCount {
                    state: r.try_get("state")?,
                    ground: r.try_get("refusal_ground")?,
                    count: count(r)?,
                })
            })
            .collect()
    }

    async fn service_times(
        &self,
        from: OffsetDateTime,
        to: OffsetDateTime,
    ) -> StoreResult<Vec<DurationCount>> {
        let rows = sqlx::query(
            "SELECT minutes, COUNT(*) AS n FROM \
             (SELECT CASE WHEN updated_at - started_at >= $3 THEN $4 \
                     ELSE (updated_at - started_at) / 60 END AS minutes \
              FROM binding_requests \
              WHERE started_at >= $1 AND started_at < $2 AND state IN ('bound', 'refused', 'not_performed', 'expired')) AS done \
             GROUP BY minutes ORDER BY minutes",
        )
        .bind(to_col(from))
        .bind(to_col(to))
        .bind(TERM_SECONDS)
        .bind(TERM_MINUTES)
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
