//! Test databases: a fresh SQLite file, and a fresh PostgreSQL database
//! when `DATABASE_URL_PG` is set (CI always sets it), so runs never collide.

pub mod api;
pub mod camara;
pub mod demo;
pub mod portal;
pub mod procedure;

use std::sync::Arc;

use nomir::database::Db;
use nomir::ports::clock::TestClock;
use nomir::services::code_hash::CodeHasher;
use nomir::services::Ports;
use nomir::startup::ports_over;
use sqlx::{Connection, Executor};
use time::macros::datetime;

pub struct TestDb {
    pub name: &'static str,
    pub url: String,
    pub db: Db,
    pub clock: Arc<TestClock>,
    pub ports: Ports,
    cleanup: Cleanup,
}

enum Cleanup {
    File(std::path::PathBuf),
    Postgres { admin_url: String, database: String },
}

fn unique() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

impl TestDb {
    async fn open(name: &'static str, url: String, cleanup: Cleanup) -> Self {
        let db = Db::connect(&url).await.expect("connect");
        db.migrate().await.expect("migrate");
        let clock = Arc::new(TestClock::at(datetime!(2026-11-25 05:00 UTC)));
        let verifier = Arc::new(nomir::demo::pki::verifier().expect("demo roots"));
        let codes = CodeHasher::new("test-secret-that-is-long-enough-for-hmac");
        let biometrics =
            std::sync::Arc::new(nomir::demo::biometrics::verifier().expect("demo biometrics"));
        let ports = ports_over(&db, clock.clone(), verifier, biometrics, codes, true);
        Self {
            name,
            url,
            db,
            clock,
            ports,
            cleanup,
        }
    }

    /// The actions of the newest `n` audit entries, newest first.
    pub async fn recent_actions(&self, n: i64) -> Vec<String> {
        self.ports
            .audit
            .recent(n)
            .await
            .expect("audit")
            .into_iter()
            .map(|e| e.action.code().to_owned())
            .collect()
    }

    pub async fn sqlite() -> Self {
        let path = std::env::temp_dir().join(format!("nomir-test-{}.db", unique()));
        let url = format!("sqlite://{}?mode=rwc", path.display());
        Self::open("sqlite", url, Cleanup::File(path)).await
    }

    pub async fn postgres(admin_url: &str) -> Self {
        let database = format!("nomir_test_{}", unique());
        let mut admin = sqlx::PgConnection::connect(admin_url)
            .await
            .expect("connect to DATABASE_URL_PG");
        admin
            .execute(format!("CREATE DATABASE {database}").as_str())
            .await
            .expect("create database");
        admin.close().await.ok();
        let url = with_database(admin_url, &database);
        Self::open(
            "postgres",
            url,
            Cleanup::Postgres {
                admin_url: admin_url.to_owned(),
                database,
            },
        )
        .await
    }

    /// The PostgreSQL database this test owns, if it is one.
    pub fn database_name(&self) -> Option<&str> {
        match &self.cleanup {
            Cleanup::Postgres { database, .. } => Some(database),
            Cleanup::File(_) => None,
        }
    }

    pub async fn cleanup(self) {
        self.db.close().await;
        match self.cleanup {
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    std::fs::remove_file(format!("{}{suffix}", path.display())).ok();
                }
            }
            Cleanup::Postgres {
                admin_url,
                database,
            } => {
                if let Ok(mut admin) = sqlx::PgConnection::connect(&admin_url).await {
                    admin
                        .execute(
                            format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)").as_str(),
                        )
                        .await
                        .ok();
                }
            }
        }
    }
}

/// Demo-mode settings for a server on a free local port over `database_url`.
pub fn demo_settings(database_url: &str, secret: nomir::config::Secret) -> nomir::config::Settings {
    nomir::config::Settings {
        addr: "127.0.0.1:0".parse().unwrap(),
        database_url: database_url.to_owned(),
        secret,
        demo: true,
        cookie_secure: true,
        trusted_roots: None,
        crls: Vec::new(),
        ocsp_url: None,
        signer_url: nomir::config::DEMO_SIGNER_URL.into(),
        biometric_key: None,
        biometric_kid: "provider".into(),
        biometric_threshold: nomir::config::DEFAULT_BIOMETRIC_THRESHOLD,
        calendar: None,
        seal_key: None,
        seal_cert: None,
        seal_trusted: None,
        trusted_proxy: None,
        sqlite_sync: nomir::database::SqliteSync::Full,
        audit_anchor_minutes: 60,
        metrics_addr: None,
        sms: nomir::config::SmsGatewayChoice::DemoPhone,
        sms_give_up: nomir::config::DEFAULT_SMS_GIVE_UP,
        operators: None,
        identity_register: None,
        sim_swap_window: nomir::domain::sim_swap::DEFAULT_WINDOW,
        purposes: nomir::config::purposes::builtin(),
    }
}

/// `url` with its database name replaced.
pub fn with_database(url: &str, database: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let cut = base
        .rfind('/')
        .filter(|&i| i > "postgres://".len())
        .unwrap_or(base.len());
    let mut out = format!("{}/{database}", &base[..cut]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

/// Every engine to test: SQLite always, PostgreSQL when configured.
pub async fn engines() -> Vec<TestDb> {
    let mut all = vec![TestDb::sqlite().await];
    match std::env::var("DATABASE_URL_PG") {
        Ok(url) if !url.is_empty() => all.push(TestDb::postgres(&url).await),
        _ => eprintln!("DATABASE_URL_PG is not set: PostgreSQL store tests skipped"),
    }
    all
}

/// Runs `n` copies of `task` at once on the multi-threaded runtime; their results in any order.
pub async fn at_once<F, Fut, T>(n: usize, task: F) -> Vec<T>
where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(n));
    let mut set = tokio::task::JoinSet::new();
    for i in 0..n {
        let barrier = barrier.clone();
        let fut = task(i);
        set.spawn(async move {
            barrier.wait().await;
            fut.await
        });
    }
    let mut out = Vec::with_capacity(n);
    while let Some(r) = set.join_next().await {
        out.push(r.expect("task panicked"));
    }
    out
}

/// Checks a result document as a demo server does: the demo CA trusted
/// (with its CRL), the demo provider's seal certificate accepted.
pub async fn check_demo_document(
    file: &[u8],
) -> Result<nomir::documents::Checked, nomir::documents::SealError> {
    let sealer = nomir::demo::seal::sealer().unwrap();
    let provider = nomir::documents::Provider::of([sealer.certificate()]);
    let verifier = nomir::demo::pki::verifier().unwrap();
    nomir::documents::verify(file, &verifier, &provider, time::OffsetDateTime::now_utc()).await
}
