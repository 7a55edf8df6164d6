//! The aggregator's HTTP gateway, against a small aggregator these tests
//! run: a code reaches it with the API key, in E.164 and UTF-8; a 5xx or a
//! time-out is tried again with the same idempotency key (one message, one
//! journal entry); a refusal is final and the citizen's request ends with
//! "SMS unavailable"; a gateway that is down delays the code, and the
//! outbox's worker sends it once it is back, under the same key.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use app::server_fns::RequestCode;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::{Json, Router};
use leptos::server_fn::ServerFn;
use nomir::config::{HttpSmsSettings, SmsGatewayChoice};

use crate::support::portal::{location, App};

/// How the aggregator answers each call in turn (then 200).
#[derive(Clone, Copy, Debug)]
enum Answer {
    Status(u16),
    /// Answers 200, but only after longer than the client waits.
    Slow,
}

#[derive(Debug, Clone)]
struct Received {
    authorization: String,
    idempotency_key: String,
    body: serde_json::Value,
}

#[derive(Clone, Default)]
struct Aggregator {
    script: Arc<Mutex<VecDeque<Answer>>>,
    received: Arc<Mutex<Vec<Received>>>,
}

async fn take(
    State(a): State<Aggregator>,
    headers: HeaderMap,
    Json(body): Json<serde_json::Value>,
) -> StatusCode {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    a.received.lock().unwrap().push(Received {
        authorization: header("authorization"),
        idempotency_key: header("idempotency-key"),
        body,
    });
    let next = a.script.lock().unwrap().pop_front();
    match next {
        Some(Answer::Status(code)) => StatusCode::from_u16(code).unwrap(),
        Some(Answer::Slow) => {
            tokio::time::sleep(Duration::from_millis(1500)).await;
            StatusCode::OK
        }
        None => StatusCode::OK,
    }
}

/// An aggregator on a free port answering `script`, and a demo server
/// sending through it.
async fn with_aggregator(script: &[Answer]) -> (App, Aggregator) {
    let aggregator = Aggregator::default();
    aggregator
        .script
        .lock()
        .unwrap()
        .extend(script.iter().copied());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/send", listener.local_addr().unwrap());
    let app = Router::new()
        .route("/send", post(take))
        .with_state(aggregator.clone());
    tokio::spawn(async move { axum::serve(listener, app).await });
    let app = App::spawn_with(|s| {
        s.sms = SmsGatewayChoice::Http(HttpSmsSettings {
            url: url.parse().unwrap(),
            key: "aggregator-key-1".into(),
            sender: "Nomir".into(),
            timeout: Duration::from_millis(400),
            attempts: 3,
        })
    })
    .await;
    (app, aggregator)
}

async fn ask_for_a_code(app: &App) -> reqwest::Response {
    let aigerim = app.session("900515410001").await;
    app.form(
        RequestCode::PATH,
        &aigerim,
        "number=%2B77011234567&consent=yes",
        "/cabinet",
    )
    .await
}

#[tokio::test]
async fn a_code_reaches_the_aggregator_once_through_its_failures() {
    let (app, aggregator) = with_aggregator(&[Answer::Status(503), Answer::Slow]).await;
    let r = ask_for_a_code(&app).await;
    assert!(location(&r).starts_with("/cabinet/request/"), "{r:?}");
    let received = aggregator.received.lock().unwrap().clone();
    assert_eq!(received.len(), 3, "{received:?}");
    for r in &received {
        assert_eq!(r.authorization, "Bearer aggregator-key-1");
        assert_eq!(r.idempotency_key, received[0].idempotency_key);
        assert_eq!(r.body["id"], received[0].idempotency_key.as_str());
        assert_eq!(r.body["to"], "+77011234567");
        assert_eq!(r.body["sender"], "Nomir");
    }
    let text = received[0].body["text"].as_str().unwrap().to_owned();
    assert!(text.contains("код"), "{text}");
    // One message in the journal, the same text (demo mode keeps codes).
    assert_eq!(app.rows("sms_outbox").await, 1);
    let phone = app.get("/demo/phone", None).await.text().await.unwrap();
    let code: String = text.chars().filter(char::is_ascii_digit).take(6).collect();
    assert!(phone.contains(&code), "the journal lacks the code sent");
}

#[tokio::test]
async fn a_refusal_is_final_and_the_request_ends_without_a_code() {
    let (app, aggregator) = with_aggregator(&[Answer::Status(400)]).await;
    let r = ask_for_a_code(&app).await;
    assert!(!location(&r).starts_with("/cabinet/request/"), "{r:?}");
    assert_eq!(
        aggregator.received.lock().unwrap().len(),
        1,
        "a refusal was retried"
    );
    // Given up, its text erased; the worker never tries it again.
    assert_eq!(
        app.rows("sms_outbox WHERE state = 'failed' AND sealed IS NULL")
            .await,
        1
    );
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(aggregator.received.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn a_gateway_that_is_down_delays_the_code_and_the_outbox_sends_it_once() {
    // Three calls of the first try fail, two of the outbox's next.
    let (app, aggregator) = with_aggregator(&[Answer::Status(502); 5]).await;
    let cookie = app.session("900515410001").await;
    let r = app
        .form(
            RequestCode::PATH,
            &cookie,
            "number=%2B77011234567&consent=yes",
            "/cabinet",
        )
        .await;
    let page = location(&r).to_owned();
    assert!(
        page.starts_with("/cabinet/request/"),
        "the request waits: {r:?}"
    );
    assert_eq!(app.rows("sms_outbox WHERE state = 'pending'").await, 1);
    let mut waited = 0;
    while app.rows("sms_outbox WHERE state = 'sent'").await == 0 && waited < 100 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        waited += 1;
    }
    assert_eq!(
        app.rows("sms_outbox WHERE state = 'sent' AND sealed IS NULL")
            .await,
        1
    );
    let received = aggregator.received.lock().unwrap().clone();
    assert_eq!(received.len(), 6, "{received:?}");
    assert!(received
        .iter()
        .all(|r| r.idempotency_key == received[0].idempotency_key));
    // Nothing more is sent afterwards.
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(aggregator.received.lock().unwrap().len(), 6);
}

#[test]
fn outside_demo_mode_the_server_does_not_start_without_a_gateway() {
    let dir = std::env::temp_dir().join(format!("nomir-no-sms-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let roots = dir.join("roots.pem");
    std::fs::write(&roots, nomir::demo::pki::DEMO_ROOTS).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_nomir"))
        .arg("serve")
        .env_clear()
        .env(
            "NOMIR_SECRET",
            "a-secret-for-the-sms-gateway-test-0123456789",
        )
        .env("NOMIR_TRUSTED_ROOTS", &roots)
        .env("NOMIR_ADDR", "127.0.0.1:0")
        .env(
            "DATABASE_URL",
            format!("sqlite://{}?mode=rwc", dir.join("n.db").display()),
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("NOMIR_SMS_GATEWAY"), "{said}");
    // Refused before anything was written.
    assert!(!dir.join("n.db").exists());
    std::fs::remove_dir_all(dir).ok();
}
