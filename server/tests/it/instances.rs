//! Two server instances on one PostgreSQL (SPEC §7): the limits hold across
//! them, because the database, not either server's memory, decides them.
//! Both run as `Application`s in this test process and share one database
//! that the test owns; requests go to both at the same moment over HTTP.

use crate::support;

use app::error::PortalError;
use app::server_fns::{RequestCode, SignIn};
use leptos::server_fn::ServerFn;
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
        .header("accept", "application/json")
        .body(body)
}

/// A server function's answer as the WASM reads it: where it sends the
/// page on success, or the error.
async fn outcome(r: reqwest::Response) -> Result<String, PortalError> {
    let location = r
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    if r.status().is_success() {
        Ok(location)
    } else {
        Err(serde_json::from_str(&r.text().await.unwrap()).unwrap())
    }
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
        SignIn::PATH,
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
            let r = post(&client, &base, RequestCode::PATH, &session, body)
                .send()
                .await
                .unwrap();
            outcome(r).await
        }));
    }
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    let started = answers
        .iter()
        .filter(|a| a.as_ref().is_ok_and(|l| l.starts_with("/cabinet/request/")))
        .count();
    let refused = answers
        .iter()
        .filter(|a| {
            **a == Err(PortalError::Step(
                nomir_core::step_error::StepError::TooSoon,
            ))
        })
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
            let r = post(&client, &base, SignIn::PATH, "", body)
                .send()
                .await
                .unwrap();
            outcome(r).await
        }));
    }
    let mut wrong = 0;
    for task in tasks {
        let answer = task.await.unwrap();
        assert!(
            matches!(
                answer,
                Err(PortalError::WrongCredentials | PortalError::LockedOut)
            ),
            "{answer:?}"
        );
        wrong += usize::from(answer == Err(PortalError::WrongCredentials));
    }
    let failures = t
        .ports
        .accounts
        .sign_in_failures(&nomir::services::sign_in::failure_key(
            "851102310000",
            "127.0.0.1",
        ))
        .await
        .unwrap();
    assert_eq!(failures.count as usize, wrong, "every failure counted");
    assert!(failures.locked_until.is_some());
    t.cleanup().await;
}
