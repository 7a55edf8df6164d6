//! A demo server over a test database, and the JSON API's answers as tests read them.

use base64::Engine as _;
use nomir::config::Secret;
use nomir::startup::Application;
use reqwest::{Client, RequestBuilder, Response, StatusCode};
use serde_json::Value;

use super::TestDb;

pub struct Api {
    pub base: String,
    pub http: Client,
}

impl Api {
    /// A demo server (with the demo clients) over the test's database.
    pub async fn over(t: &TestDb) -> Self {
        let settings = super::demo_settings(&t.url, Secret::random());
        let app = Application::with_system_clock(settings).await.unwrap();
        let base = format!("http://127.0.0.1:{}", app.port());
        tokio::spawn(app.run_until_stopped());
        Self {
            base,
            http: Client::new(),
        }
    }

    pub fn post(&self, path: &str) -> RequestBuilder {
        self.http.post(format!("{}{path}", self.base))
    }

    pub fn get(&self, path: &str) -> RequestBuilder {
        self.http.get(format!("{}{path}", self.base))
    }

    pub fn token_request(&self, id: &str, secret: &str, body: &str) -> RequestBuilder {
        let basic = base64::engine::general_purpose::STANDARD.encode(format!("{id}:{secret}"));
        self.post("/api/v1/token")
            .header("authorization", format!("Basic {basic}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.to_owned())
    }

    pub async fn token(&self, id: &str, secret: &str) -> String {
        let r = self
            .token_request(id, secret, "grant_type=client_credentials")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        json(r).await["access_token"].as_str().unwrap().to_owned()
    }
}

pub async fn json(r: Response) -> Value {
    serde_json::from_str(&r.text().await.unwrap()).unwrap()
}

/// Checks that `r` is the problem `error` with `status`, and returns its body.
pub async fn problem(r: Response, status: StatusCode, error: &str) -> Value {
    assert_eq!(r.status(), status, "status of {error}");
    assert_eq!(
        r.headers()["content-type"],
        "application/problem+json",
        "{error}"
    );
    assert!(r.headers().contains_key("x-request-id"), "{error}");
    let body = json(r).await;
    assert_eq!(body["error"], error);
    assert_eq!(body["type"], format!("/api/v1/problems/{error}"));
    assert_eq!(body["status"], status.as_u16());
    assert!(!body["detail"].as_str().unwrap_or_default().is_empty());
    body
}
