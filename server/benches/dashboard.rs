//! How fast the service dashboard answers on a database of 1,000,000
//! requests (issue target: fast on a million). Run:
//!
//!     cargo bench -p server --bench dashboard
//!
//! SQLite always; PostgreSQL too when `DATABASE_URL_PG` names a server
//! (a database is created and dropped). `NOMIR_BENCH_REQUESTS` changes the
//! size. Prints the time to generate the rows and the median and worst of
//! 5 dashboard reads for the last 30 days and the last 366 days.

use std::sync::Arc;
use std::time::{Duration, Instant};

use nomir::database::Db;
use nomir::domain::Iin;
use nomir::ports::clock::TestClock;
use nomir::services::code_hash::CodeHasher;
use nomir::services::dashboard;
use sqlx::{Connection, Executor};
use time::macros::datetime;

const IIN: &str = "900515410001";

async fn run(name: &str, url: &str, n: i64) -> anyhow::Result<()> {
    let db = Db::connect(url).await?;
    db.migrate().await?;
    let now = datetime!(2026-11-25 05:00 UTC);
    let clock = Arc::new(TestClock::at(now));
    let verifier = Arc::new(nomir::demo::pki::verifier()?);
    let biometrics = Arc::new(nomir::adapters::biometrics::NoBiometrics);
    let ports = nomir::startup::ports_over(
        &db,
        clock,
        verifier,
        biometrics,
        CodeHasher::new("bench-secret-long-enough-for-hmac"),
        true,
    );
    nomir::demo::load(&ports).await?;
    let started = Instant::now();
    let added = db.generate_requests(&Iin::parse(IIN)?, n, now).await?;
    let generated = started.elapsed();
    println!("{name}: {added} requests generated in {generated:.1?}");
    if name == "postgres" {
        // A million changes in one transaction leave the counts' tables a
        // million dead row versions, which every read skips until a
        // vacuum; autovacuum removes them within a minute. The first read
        // is shown as it is, then the counts are vacuumed.
        let t = Instant::now();
        dashboard::view(&ports, 366).await?;
        println!(
            "{name}: dashboard of 366 days before vacuum: {:.1?}",
            t.elapsed()
        );
        let mut conn = sqlx::PgConnection::connect(url).await?;
        conn.execute(
            "VACUUM ANALYZE request_day_counts, request_outcome_counts, request_minute_counts",
        )
        .await?;
        conn.close().await?;
    }
    for days in [30, 366] {
        let mut times: Vec<Duration> = Vec::new();
        let mut counted = 0;
        for _ in 0..5 {
            let t = Instant::now();
            let d = dashboard::view(&ports, days).await?;
            times.push(t.elapsed());
            counted = d.per_day.iter().map(|r| r.count).sum::<u64>();
        }
        times.sort();
        println!(
            "{name}: dashboard of {days} days ({counted} requests counted): median {:.1?}, worst {:.1?}",
            times[2], times[4]
        );
    }
    db.close().await;
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let n: i64 = std::env::var("NOMIR_BENCH_REQUESTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let path = std::env::temp_dir().join(format!("nomir-bench-{}.db", std::process::id()));
    run(
        "sqlite",
        &format!("sqlite://{}?mode=rwc", path.display()),
        n,
    )
    .await?;
    for suffix in ["", "-wal", "-shm"] {
        std::fs::remove_file(format!("{}{suffix}", path.display())).ok();
    }
    if let Ok(admin) = std::env::var("DATABASE_URL_PG") {
        let name = format!("nomir_bench_{}", std::process::id());
        let mut conn = sqlx::PgConnection::connect(&admin).await?;
        conn.execute(format!("CREATE DATABASE {name}").as_str())
            .await?;
        let (base, _) = admin.rsplit_once('/').unwrap_or((&admin, ""));
        let outcome = run("postgres", &format!("{base}/{name}"), n).await;
        conn.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
            .await?;
        outcome?;
    }
    Ok(())
}
