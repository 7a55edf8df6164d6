//! Generated requests and complaints for the dashboard's benchmark
//! (`cargo bench -p server --bench dashboard`): one statement each, a
//! recursive count both engines run, so a million rows take seconds.

use time::OffsetDateTime;

use super::time_col::to_col;
use super::Db;
use crate::domain::Iin;
use crate::ports::StoreResult;

impl Db {
    /// Adds `n` requests of `iin`'s account started over the year before
    /// `until`: channels 70/20/10 portal/app/bank, a twentieth refused and a
    /// twentieth expired, the rest bound, each taking 0 to 11 minutes.
    pub async fn generate_requests(
        &self,
        iin: &Iin,
        n: i64,
        until: OffsetDateTime,
    ) -> StoreResult<u64> {
        let year = 365 * 86_400;
        let done = sqlx::query(
            "WITH RECURSIVE seq(i) AS (SELECT CAST(1 AS BIGINT) UNION ALL SELECT i + 1 FROM seq WHERE i < $1) \
             INSERT INTO binding_requests \
             (id, iin, msisdn, channel, purpose, state, refusal_ground, started_at, updated_at) \
             SELECT 'generated-' || i, $2, '+77011234567', \
                    CASE WHEN i % 10 = 0 THEN 'bank' WHEN i % 10 < 3 THEN 'mobile_app' ELSE 'portal' END, \
                    'bind', \
                    CASE WHEN i % 20 = 0 THEN 'refused' WHEN i % 20 = 1 THEN 'expired' ELSE 'bound' END, \
                    CASE WHEN i % 20 = 0 THEN 'identity_not_found' END, \
                    $3 - (i * 7919) % $4, \
                    $3 - (i * 7919) % $4 + (i * 13) % 660 \
             FROM seq",
        )
        .bind(n)
        .bind(iin.as_str())
        .bind(to_col(until))
        .bind(year)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected())
    }
}

/// One generated person's rows (`demo::population`).
pub struct PersonRow<'a> {
    pub iin: &'a crate::domain::Iin,
    pub msisdn: &'a crate::domain::Msisdn,
    pub name_cyrillic: &'a str,
    pub name_latin: &'a str,
}

impl Db {
    /// Adds `people` (accounts with `password_hash`, valid identity records
    /// and the operator's subscribers, Kcell's) in one transaction, many
    /// rows a statement; people already there are left as they are.
    /// Returns how many accounts were new.
    pub async fn add_population(
        &self,
        people: &[PersonRow<'_>],
        password_hash: &str,
        now: OffsetDateTime,
    ) -> StoreResult<u64> {
        // Within both engines' limits on a statement's parameters.
        const ROWS: usize = 500;
        let mut tx = self.pool().begin().await?;
        let mut added = 0;
        for chunk in people.chunks(ROWS) {
            let sql = insert_sql(
                "accounts (iin, name_cyrillic, name_latin, password_hash, created_at)",
                5,
                chunk.len(),
                "iin",
            );
            let q = chunk.iter().fold(sqlx::query(&sql), |q, p| {
                q.bind(p.iin.as_str())
                    .bind(p.name_cyrillic)
                    .bind(p.name_latin)
                    .bind(password_hash)
                    .bind(to_col(now))
            });
            added += q.execute(&mut *tx).await?.rows_affected();
            let sql = insert_sql(
                "identity_records (iin, name_cyrillic, name_latin, status)",
                4,
                chunk.len(),
                "iin",
            );
            let valid = crate::ports::IdentityStatus::Valid.code();
            let q = chunk.iter().fold(sqlx::query(&sql), |q, p| {
                q.bind(p.iin.as_str())
                    .bind(p.name_cyrillic)
                    .bind(p.name_latin)
                    .bind(valid)
            });
            q.execute(&mut *tx).await?;
            let sql = insert_sql(
                "operator_subscribers (msisdn, operator, subscriber_iin)",
                3,
                chunk.len(),
                "msisdn",
            );
            let q = chunk.iter().fold(sqlx::query(&sql), |q, p| {
                q.bind(p.msisdn.as_str()).bind("Kcell").bind(p.iin.as_str())
            });
            q.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(added)
    }
}

/// `INSERT INTO {table} VALUES ($1, …), (…) ON CONFLICT ({key}) DO
/// NOTHING` for `rows` rows of `columns` values. Written here because
/// sqlx's query builder writes `?` placeholders for the `Any` driver,
/// which PostgreSQL does not take.
fn insert_sql(table: &str, columns: usize, rows: usize, key: &str) -> String {
    let values: Vec<String> = (0..rows)
        .map(|r| {
            let cells: Vec<String> = (1..=columns)
                .map(|c| format!("${}", r * columns + c))
                .collect();
            format!("({})", cells.join(", "))
        })
        .collect();
    format!(
        "INSERT INTO {table} VALUES {} ON CONFLICT ({key}) DO NOTHING",
        values.join(", ")
    )
}
