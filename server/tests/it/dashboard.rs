//! The service dashboard's figures, on SQLite and on PostgreSQL: requests
//! per day and channel, outcomes and grounds, service time against the
//! 10-minute term, complaints by status with the overdue; and its CSV.

use crate::support;
use crate::support::procedure::ready_to_certify;

use nomir::domain::complaint::{Addressee, Subject};
use nomir::domain::Iin;
use nomir::ports::Clock;
use nomir::services::certify::certify;
use nomir::services::open_request::expire_overdue;
use nomir::services::request_code::request_code;
use nomir::services::{complaints, dashboard};
use support::demo::engines_with_demo_data;
use support::TestDb;
use time::Duration;

fn iin(s: &str) -> Iin {
    Iin::parse(s).unwrap()
}

/// The whole portal procedure for `who` and `number`, taking `minutes`
/// between the code and the signature.
async fn procedure(t: &TestDb, who: &str, number: &str, minutes: i64) -> String {
    let (request, cms) = ready_to_certify(t, &iin(who), number).await;
    t.clock.advance(Duration::minutes(minutes));
    let _ = certify(&t.ports, &iin(who), &request, &cms).await;
    request
}

#[tokio::test]
async fn the_dashboard_counts_what_happened() {
    for t in engines_with_demo_data().await {
        // Bound in no time; refused (not in the register) after 3 minutes;
        // one left to expire; one still open.
        procedure(&t, "900515410001", "+77011234567", 0).await;
        let refused = procedure(&t, "000229510005", "+77016660000", 3).await;
        request_code(&t.ports, &iin("991231410007"), "+77777654321", true)
            .await
            .unwrap();
        t.clock.advance(Duration::minutes(11));
        expire_overdue(&t.ports).await.unwrap();
        request_code(&t.ports, &iin("851102310000"), "+77051234568", true)
            .await
            .unwrap();
        complaints::file(
            &t.ports,
            &iin("000229510005"),
            &refused,
            Subject::Refusal,
            Addressee::Provider,
            None,
            "Менің деректерім тізілімде бар.",
        )
        .await
        .unwrap();
        // A week later the complaint is overdue; the requests are 7 days back.
        t.clock.advance(Duration::days(7));
        let d = dashboard::view(&t.ports, 30).await.unwrap();
        assert_eq!(d.per_day.len(), 1, "{}: {:?}", t.name, d.per_day);
        assert_eq!(
            (d.per_day[0].channel.as_str(), d.per_day[0].count),
            ("portal", 4)
        );
        let mut outcomes: Vec<(String, Option<String>, u64)> = d
            .outcomes
            .iter()
            .map(|o| (o.state.clone(), o.ground.clone(), o.count))
            .collect();
        outcomes.sort();
        assert_eq!(
            outcomes,
            vec![
                ("awaiting_code".into(), None, 1),
                ("bound".into(), None, 1),
                ("expired".into(), None, 1),
                ("refused".into(), Some("identity_not_found".into()), 1),
            ],
            "{}: as stored (the sweeper ends overdue requests in time)",
            t.name
        );
        let minutes: Vec<(u32, u64)> = d
            .service_times
            .iter()
            .map(|s| (s.minutes, s.count))
            .collect();
        assert_eq!(minutes, vec![(0, 1), (3, 1), (10, 1)], "{}", t.name);
        assert_eq!(d.within_term(), (2, 3), "the expired request counts");
        assert_eq!(d.complaints.len(), 1);
        assert_eq!(
            (
                d.complaints[0].state.as_str(),
                d.complaints[0].count,
                d.complaints[0].overdue
            ),
            ("at_provider", 1, 1)
        );
        // A window that ends before the requests counts none of them.
        let two = dashboard::view(&t.ports, 2).await.unwrap();
        assert!(two.per_day.is_empty() && two.outcomes.is_empty());
        let csv = dashboard::csv(&d).unwrap();
        assert!(csv.starts_with("section,key,subkey,count\n"), "{csv}");
        assert!(
            csv.contains("requests_per_day,2026-11-25,portal,4\n"),
            "{csv}"
        );
        assert!(csv.contains("outcome,refused,identity_not_found,1\n"));
        assert!(csv.contains("service_minutes,3,,1\n"));
        assert!(csv.contains("complaints,at_provider,overdue,1\n"));
        t.cleanup().await;
    }
}

/// The figures as they were counted before the kept counts (migration
/// 0031): grouped counts over every request started in the period. The
/// kept counts must give the same, whatever statements changed the rows.
async fn scanned(
    t: &TestDb,
    pool: &sqlx::AnyPool,
    days: i64,
) -> (
    Vec<(String, String, i64)>,
    Vec<(String, String, i64)>,
    Vec<(i64, i64)>,
) {
    use sqlx::Row;
    let today = nomir::domain::complaint::local_date(t.clock.now());
    let first = today - Duration::days(days - 1);
    let from = first
        .with_time(time::Time::MIDNIGHT)
        .assume_offset(nomir_core::kz_time::OFFSET);
    let (from, to) = (
        from.unix_timestamp(),
        (from + Duration::days(days)).unix_timestamp(),
    );
    let all = |sql: &'static str| sqlx::query(sql).bind(from).bind(to).fetch_all(pool);
    let per_day = all(
        "SELECT CAST((started_at + 18000) / 86400 AS BIGINT) AS day, channel, COUNT(*) AS n \
         FROM binding_requests WHERE started_at >= $1 AND started_at < $2 GROUP BY 1, 2",
    )
    .await
    .unwrap();
    let outcomes = all(
        "SELECT state, COALESCE(refusal_ground, '-') AS g, COUNT(*) AS n FROM binding_requests \
         WHERE started_at >= $1 AND started_at < $2 GROUP BY state, refusal_ground",
    )
    .await
    .unwrap();
    let minutes = all("SELECT CASE WHEN updated_at - started_at >= 600 THEN 10 \
                ELSE (updated_at - started_at) / 60 END AS m, COUNT(*) AS n \
         FROM binding_requests WHERE started_at >= $1 AND started_at < $2 \
         AND state IN ('bound', 'refused', 'not_performed', 'expired') GROUP BY 1")
    .await
    .unwrap();
    let epoch = time::macros::date!(1970 - 01 - 01);
    let mut a: Vec<(String, String, i64)> = per_day
        .iter()
        .map(|r| {
            let day: i64 = r.get("day");
            (
                (epoch + Duration::days(day)).to_string(),
                r.get("channel"),
                r.get("n"),
            )
        })
        .collect();
    let mut b: Vec<(String, String, i64)> = outcomes
        .iter()
        .map(|r| (r.get("state"), r.get("g"), r.get("n")))
        .collect();
    let mut c: Vec<(i64, i64)> = minutes.iter().map(|r| (r.get("m"), r.get("n"))).collect();
    a.sort();
    b.sort();
    c.sort();
    (a, b, c)
}

/// The dashboard's kept counts for each period in `days_list` are what a
/// scan of the requests counts.
async fn assert_counts_match(t: &TestDb, pool: &sqlx::AnyPool, days_list: &[i64]) {
    for &days in days_list {
        let d = dashboard::view(&t.ports, days as u32).await.unwrap();
        let mut a: Vec<(String, String, i64)> = d
            .per_day
            .iter()
            .map(|r| (r.day.to_string(), r.channel.clone(), r.count as i64))
            .collect();
        let mut b: Vec<(String, String, i64)> = d
            .outcomes
            .iter()
            .map(|o| {
                (
                    o.state.clone(),
                    o.ground.clone().unwrap_or("-".into()),
                    o.count as i64,
                )
            })
            .collect();
        let mut c: Vec<(i64, i64)> = d
            .service_times
            .iter()
            .map(|s| (i64::from(s.minutes), s.count as i64))
            .collect();
        a.sort();
        b.sort();
        c.sort();
        let (sa, sb, sc) = scanned(t, pool, days).await;
        assert_eq!(a, sa, "{}: per day, {days} days", t.name);
        assert_eq!(b, sb, "{}: outcomes, {days} days", t.name);
        assert_eq!(c, sc, "{}: service minutes, {days} days", t.name);
    }
}

#[tokio::test]
async fn the_kept_counts_match_a_scan_of_the_requests() {
    for t in engines_with_demo_data().await {
        // Requests of every kind over the last year, then the procedure's
        // own changes, then changes by plain statements (as an operator's
        // repair would make), each of which the counts must follow.
        t.db.generate_requests(&iin("900515410001"), 3_000, t.clock.now())
            .await
            .unwrap();
        procedure(&t, "900515410001", "+77011234567", 2).await;
        procedure(&t, "000229510005", "+77016660000", 4).await;
        request_code(&t.ports, &iin("851102310000"), "+77051234568", true)
            .await
            .unwrap();
        let pool = sqlx::AnyPool::connect(&t.url).await.unwrap();
        for sql in [
            "UPDATE binding_requests SET state = 'expired', refusal_ground = NULL, \
             updated_at = started_at + 700 WHERE id LIKE 'generated-1%'",
            "UPDATE binding_requests SET updated_at = updated_at + 120 WHERE id LIKE 'generated-2%'",
            "DELETE FROM binding_requests WHERE id LIKE 'generated-3%'",
        ] {
            sqlx::query(sql).execute(&pool).await.unwrap();
        }
        let (year, _, _) = scanned(&t, &pool, 366).await;
        assert!(year.len() > 10, "{}: a year of requests: {year:?}", t.name);
        assert_counts_match(&t, &pool, &[1, 30, 366]).await;
        pool.close().await;
        t.cleanup().await;
    }
}

/// The counts are kept by triggers in each request's own transaction: many
/// citizens' requests started, then ended, in parallel (and the sweeper
/// run by several instances at once) leave them equal to a scan, on both
/// engines.
#[tokio::test]
async fn the_kept_counts_hold_under_parallel_requests() {
    use nomir::demo::population;
    for t in engines_with_demo_data().await {
        population::load(&t.db, 40).await.unwrap();
        let started = support::at_once(40, |i| {
            let ports = t.ports.clone();
            let who = population::person(i as u64);
            async move {
                request_code(&ports, &who.iin, who.msisdn.as_str(), true)
                    .await
                    .map(|_| ())
            }
        })
        .await;
        assert!(started.iter().all(Result::is_ok), "{}: {started:?}", t.name);
        t.clock.advance(Duration::minutes(11));
        let swept = support::at_once(4, |_| {
            let ports = t.ports.clone();
            async move { expire_overdue(&ports).await.map(|_| ()) }
        })
        .await;
        assert!(swept.iter().all(Result::is_ok), "{}: {swept:?}", t.name);
        let pool = sqlx::AnyPool::connect(&t.url).await.unwrap();
        let (per_day, outcomes, _) = scanned(&t, &pool, 1).await;
        assert_eq!(
            per_day.iter().map(|r| r.2).sum::<i64>(),
            40,
            "{}: {per_day:?}",
            t.name
        );
        assert!(
            outcomes.iter().any(|o| o.0 == "expired" && o.2 == 40),
            "{}: {outcomes:?}",
            t.name
        );
        assert_counts_match(&t, &pool, &[1, 30]).await;
        pool.close().await;
        t.cleanup().await;
    }
}
