//! Two server instances on one PostgreSQL (SPEC §7): the limits hold across
//! them, because the database, not either server's memory, decides them.
//! Both run as `Application`s in this test process and share one database
//! that the test owns; requests go to both at the same moment over HTTP.

mod support;

use nomir::config::Secret;
use nomir::domain::Iin;
use nomir::startup::Application;
use reqwest::{redirect::Policy, Client};
use support::TestDb;

const AIGERIM: &str = "900515410001";
const NUMBER: &str = "+77011234567";

/// Starts an instance on `database_url`; its base URL.
async fn instance(database_url: &str, secret: &Secret) -> String {
    let settings = support::demo_settings(database_url, secret.clone());
    let app = Application::with_system_clock(settings).await.unwrap();
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    base
}

fn post(
    client: &Client,
    base: &str,
    path: &str,
    cookie: &str,
    body: String,
) -> reqwest::RequestBuilder {
    client
        .post(format!("{base}{path}"))
        .header("origin", base)
        .header("cookie", cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
}

fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_on_one_database_keep_the_limits_together() {
    let Ok(admin_url) = std::env::var("DATABASE_URL_PG") else {
        eprintln!("DATABASE_URL_PG is not set: two-instance test skipped");
        return;
    };
    let t = TestDb::postgres(&admin_url).await;
    let secret = Secret::random();
    let bases = [
        instance(&t.url, &secret).await,
        instance(&t.url, &secret).await,
    ];
    let client = Client::builder().redirect(Policy::none()).build().unwrap();
    let signed_in = post(
        &client,
        &bases[0],
        "/auth/sign-in",
        "",
        format!("iin={AIGERIM}&password=demo-pass-2026"),
    )
    .send()
    .await
    .unwrap();
    let session = signed_in
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|c| c.split(';').next())
        .unwrap()
        .to_owned();

    // 30 "get code" for one number, half to each instance, at once.
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(30));
    let mut tasks = Vec::new();
    for i in 0..30 {
        let (client, base, session) = (client.clone(), bases[i % 2].clone(), session.clone());
        let barrier = barrier.clone();
        tasks.push(tokio::spawn(async move {
            barrier.wait().await;
            let body = "number=%2B77011234567&consent=yes".to_owned();
            let r = post(&client, &base, "/cabinet/number", &session, body)
                .send()
                .await
                .unwrap();
            location(&r)
        }));
    }
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    let started = answers
        .iter()
        .filter(|l| l.starts_with("/cabinet/request/"))
        .count();
    let refused = answers
        .iter()
        .filter(|l| l.contains("error=too_soon"))
        .count();
    assert_eq!(started + refused, 30, "{answers:?}");
    let sms = t.ports.outbox.outbox().await.unwrap();
    let to_number = sms.iter().filter(|m| m.msisdn.as_str() == NUMBER).count();
    assert!(to_number <= 5, "{to_number} SMS to one number");
    assert_eq!(to_number, started);
    let open = t
        .ports
        .requests
        .open_requests_of(&Iin::parse(AIGERIM).unwrap())
        .await
        .unwrap();
    assert_eq!(open.len(), 1, "one open request per account");

    // 20 wrong passwords for one IIN, half to each instance, at once.
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(20));
    let mut tasks = Vec::new();
    for i in 0..20 {
        let (client, base) = (client.clone(), bases[i % 2].clone());
        let barrier = barrier.clone();
        tasks.push(tokio::spawn(async move {
            barrier.wait().await;
            let body = "iin=851102310000&password=wrong".to_owned();
            let r = post(&client, &base, "/auth/sign-in", "", body)
                .send()
                .await
                .unwrap();
            location(&r)
        }));
    }
    let mut wrong = 0;
    for task in tasks {
        let l = task.await.unwrap();
        assert!(
            l.ends_with("error=credentials") || l.ends_with("error=locked"),
            "{l}"
        );
        wrong += usize::from(l.ends_with("error=credentials"));
    }
    let failures = t
        .ports
        .accounts
        .sign_in_failures(&Iin::parse("851102310000").unwrap())
        .await
        .unwrap();
    assert_eq!(failures.count as usize, wrong, "every failure counted");
    assert!(failures.locked_until.is_some());
    t.cleanup().await;
}
