use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::Row;
use time::macros::format_description;
use time::Date;

use super::accounts::parse_iin;
use super::audit::{append_with, commit_if_one_changed};
use super::time_col::{from_col, from_opt, to_col};
use super::{conflict_or, Db};
use crate::domain::complaint::{
    registration_number, Addressee, ComplaintState, Deadlines, Subject,
};
use crate::domain::Iin;
use crate::ports::{
    AuditEntry, Complaint, ComplaintChange, ComplaintStore, Queue, StoreError, StoreResult,
};

const COLUMNS: &str = "id, number, iin, request_id, subject, addressee, body, state, filed_at, \
     forward_by, review_by, forwarded_at, forwarded_by, forward_note, case_file, decided_at, \
     decided_by, decision_reason, deadline_provisional, official_login";

fn date_col(d: Date) -> String {
    d.to_string()
}

fn parse_date(s: &str) -> StoreResult<Date> {
    Date::parse(s, format_description!("[year]-[month]-[day]"))
        .map_err(|_| StoreError::Corrupt(format!("date {s:?}")))
}

fn coded<T>(r: &AnyRow, col: &str, parse: fn(&str) -> Option<T>) -> StoreResult<T> {
    let v: String = r.try_get(col)?;
    parse(&v).ok_or_else(|| StoreError::Corrupt(format!("{col} {v:?}")))
}

fn complaint(r: &AnyRow) -> StoreResult<Complaint> {
    let forward_by: Option<String> = r.try_get("forward_by")?;
    let review_by: String = r.try_get("review_by")?;
    Ok(Complaint {
        id: r.try_get("id")?,
        number: r.try_get("number")?,
        iin: parse_iin(&r.try_get::<String, _>("iin")?)?,
        request_id: r.try_get("request_id")?,
        subject: coded(r, "subject", Subject::from_code)?,
        addressee: coded(r, "addressee", Addressee::from_code)?,
        official: r.try_get("official_login")?,
        body: r.try_get("body")?,
        state: coded(r, "state", ComplaintState::from_code)?,
        filed_at: from_col(r.try_get("filed_at")?)?,
        deadlines: Deadlines {
            forward_by: forward_by.as_deref().map(parse_date).transpose()?,
            review_by: parse_date(&review_by)?,
            provisional: r.try_get::<i64, _>("deadline_provisional")? != 0,
        },
        forwarded_at: from_opt(r.try_get("forwarded_at")?)?,
        forwarded_by: r.try_get("forwarded_by")?,
        forward_note: r.try_get("forward_note")?,
        case_file: r.try_get("case_file")?,
        decided_at: from_opt(r.try_get("decided_at")?)?,
        decided_by: r.try_get("decided_by")?,
        decision_reason: r.try_get("decision_reason")?,
    })
}

#[async_trait]
impl ComplaintStore for Db {
    async fn register_complaint(
        &self,
        c: &Complaint,
        year: i32,
        audit: &AuditEntry,
        sms: Option<&crate::ports::NewsOfNumber<'_>>,
    ) -> StoreResult<String> {
        let mut tx = self.begin_write().await?;
        // The counter's row is locked by the upsert until commit, so
        // parallel filings take the numbers one after another.
        let sequence: i64 = sqlx::query(
            "INSERT INTO complaint_counters (year, last) VALUES ($1, 1) \
             ON CONFLICT (year) DO UPDATE SET last = complaint_counters.last + 1 RETURNING last",
        )
        .bind(i64::from(year))
        .fetch_one(&mut *tx)
        .await?
        .try_get("last")?;
        let number = registration_number(year, sequence);
        sqlx::query(&format!(
            "INSERT INTO complaints ({COLUMNS}) VALUES \
             ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, NULL, NULL, NULL, NULL, NULL, NULL, NULL, $12, $13)"
        ))
        .bind(&c.id)
        .bind(&number)
        .bind(c.iin.as_str())
        .bind(&c.request_id)
        .bind(c.subject.code())
        .bind(c.addressee.code())
        .bind(&c.body)
        .bind(c.state.code())
        .bind(to_col(c.filed_at))
        .bind(c.deadlines.forward_by.map(date_col))
        .bind(date_col(c.deadlines.review_by))
        .bind(i64::from(c.deadlines.provisional))
        .bind(c.official.as_deref())
        .execute(&mut *tx)
        .await
        .map_err(|e| conflict_or(e, "a complaint about this request is under review"))?;
        let audit = AuditEntry {
            detail: format!("{} number={number}", audit.detail),
            ..audit.clone()
        };
        append_with(&mut tx, &audit).await?;
        if let Some(news) = sms {
            super::outbox::insert_outgoing(&mut tx, &news(&number)).await?;
        }
        tx.commit().await?;
        Ok(number)
    }

    async fn complaint(&self, id: &str) -> StoreResult<Option<Complaint>> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM complaints WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(complaint).transpose()
    }

    async fn complaints_of(&self, iin: &Iin) -> StoreResult<Vec<Complaint>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM complaints WHERE iin = $1 ORDER BY filed_at DESC, number DESC"
        ))
        .bind(iin.as_str())
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(complaint).collect()
    }

    async fn queue(&self, queue: Queue, limit: i64) -> StoreResult<Vec<Complaint>> {
        let (whose, waiting, due) = super::complaint_rules::queue(&queue);
        let sql = format!(
            "SELECT {COLUMNS} FROM complaints WHERE {whose} \
             ORDER BY CASE WHEN state = $1 THEN 0 ELSE 1 END, \
             CASE WHEN state = $1 THEN {due} END, \
             COALESCE(decided_at, forwarded_at, filed_at) DESC, number LIMIT $2"
        );
        let query = sqlx::query(&sql).bind(waiting).bind(limit);
        let query = match &queue {
            Queue::Provider { official } => query.bind(official.as_str()),
            Queue::Reviewer => query,
        };
        let rows = query.fetch_all(self.pool()).await?;
        rows.iter().map(complaint).collect()
    }

    async fn decide_complaint(
        &self,
        id: &str,
        from: ComplaintState,
        change: &ComplaintChange,
        audit: &AuditEntry,
        sms: Option<&crate::ports::OutgoingSms>,
    ) -> StoreResult<bool> {
        let mut tx = self.begin_write().await?;
        let sql = if change.to == ComplaintState::AtReviewer {
            "UPDATE complaints SET state = $1, forwarded_at = $2, forwarded_by = $3, \
             forward_note = $4, case_file = $5 WHERE id = $6 AND state = $7"
        } else {
            "UPDATE complaints SET state = $1, decided_at = $2, decided_by = $3, \
             decision_reason = $4, case_file = COALESCE(case_file, $5) WHERE id = $6 AND state = $7"
        };
        let done = sqlx::query(sql)
            .bind(change.to.code())
            .bind(to_col(change.at))
            .bind(&change.by)
            .bind(&change.reason)
            .bind(change.case_file.as_deref())
            .bind(id)
            .bind(from.code())
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 1 {
            if let Some(m) = sms {
                super::outbox::insert_outgoing(&mut tx, m).await?;
            }
        }
        commit_if_one_changed(tx, done, audit).await
    }

    async fn provisional_complaints(&self) -> StoreResult<Vec<Complaint>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM complaints \
             WHERE deadline_provisional = 1 AND decided_at IS NULL ORDER BY filed_at, id"
        );
        let rows = sqlx::query(&sql).fetch_all(self.pool()).await?;
        rows.iter().map(complaint).collect()
    }

    async fn recount_deadlines(
        &self,
        id: &str,
        deadlines: &Deadlines,
        audit: &AuditEntry,
    ) -> StoreResult<bool> {
        let mut tx = self.begin_write().await?;
        // Dates are stored as YYYY-MM-DD, so they compare as text.
        let done = sqlx::query(
            "UPDATE complaints SET forward_by = $1, review_by = $2, deadline_provisional = $3 \
             WHERE id = $4 AND decided_at IS NULL AND deadline_provisional = 1 \
             AND review_by <= $2",
        )
        .bind(deadlines.forward_by.map(date_col))
        .bind(date_col(deadlines.review_by))
        .bind(i64::from(deadlines.provisional))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        commit_if_one_changed(tx, done, audit).await
    }

    async fn mark_provisional_after(&self, last_day: Date) -> StoreResult<u64> {
        let done = sqlx::query(
            "UPDATE complaints SET deadline_provisional = 1 \
             WHERE decided_at IS NULL AND deadline_provisional = 0 AND review_by > $1",
        )
        .bind(date_col(last_day))
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected())
    }

    async fn provisional_count(&self) -> StoreResult<u64> {
        let n: i64 = sqlx::query(
            "SELECT COUNT(*) AS n FROM complaints \
             WHERE deadline_provisional = 1 AND decided_at IS NULL",
        )
        .fetch_one(self.pool())
        .await?
        .try_get("n")?;
        Ok(u64::try_from(n).unwrap_or(0))
    }
}
