//! Traces over OTLP: the real binary, told `NOMIR_OTLP_ENDPOINT`, sends
//! its requests' spans to a collector these tests run, as OTLP/HTTP
//! protobuf to `/v1/traces`, under the service name `nomir`.

use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;

type Received = Arc<Mutex<Vec<(String, Vec<u8>)>>>;

async fn collect(State(got): State<Received>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let kind = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    got.lock().unwrap().push((kind, body.to_vec()));
    StatusCode::OK
}

/// The server, killed when dropped (a failed assertion leaves none behind).
struct Killed(std::process::Child);

impl Drop for Killed {
    fn drop(&mut self) {
        self.0.kill().ok();
        self.0.wait().ok();
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_spans_reach_the_collector_over_otlp() {
    let got: Received = Arc::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let collector = format!("http://{}", listener.local_addr().unwrap());
    let app = Router::new()
        .route("/v1/traces", post(collect))
        .with_state(got.clone());
    tokio::spawn(async move { axum::serve(listener, app).await });

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let db = std::env::temp_dir().join(format!("nomir-otlp-{}.db", uuid::Uuid::new_v4()));
    let server = Command::new(env!("CARGO_BIN_EXE_nomir"))
        .args(["serve", "--demo"])
        .env_remove("NOMIR_CONFIG")
        .env(
            "DATABASE_URL",
            format!("sqlite://{}?mode=rwc", db.display()),
        )
        .env("NOMIR_ADDR", format!("127.0.0.1:{port}"))
        .env("NOMIR_OTLP_ENDPOINT", &collector)
        // The batch is sent every 200 ms instead of every 5 s.
        .env("OTEL_BSP_SCHEDULE_DELAY", "200")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("nomir serve");
    let server = Killed(server);
    let health = format!("http://127.0.0.1:{port}/health");
    let mut up = false;
    for _ in 0..600 {
        if reqwest::get(&health)
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            up = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(up, "the server did not start");
    let mut seen = false;
    for _ in 0..100 {
        reqwest::get(&health).await.unwrap();
        tokio::time::sleep(Duration::from_millis(100)).await;
        seen = got.lock().unwrap().iter().any(|(kind, body)| {
            kind == "application/x-protobuf"
                && contains(body, b"nomir")
                && contains(body, b"/health")
        });
        if seen {
            break;
        }
    }
    drop(server);
    std::fs::remove_file(&db).ok();
    assert!(seen, "no span of GET /health reached the collector");
}
