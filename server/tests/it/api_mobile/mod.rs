//! The e-government mobile app's channel over HTTP, on SQLite and
//! PostgreSQL: EDS sign-in over a challenge, the number and consent, the
//! SMS code, biometrics, and the bound number in the app's profile; and
//! each way it fails, with nothing bound.

use crate::support;

use base64::Engine as _;
use nomir::adapters::biometrics::Claims;
use nomir::demo::biometrics::assertion as demo_assertion;
use nomir::demo::pki::sign_detached;
use reqwest::StatusCode;
use serde_json::{json as body, Value};
use support::api::{json, problem, Api};
use support::demo::{citizen_key, code_sent_to, wrong_code};
use support::{engines, TestDb};

mod biometrics;
mod certificates;
mod change;
mod complaints;
mod sign_in;
mod sim_swap;

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;
const AIGERIM: &str = "900515410001";

/// The app, signed in as a client, acting for one citizen.
struct App<'a> {
    api: &'a Api,
    token: String,
    citizen: String,
}

impl<'a> App<'a> {
    /// Signs `iin` in with their demo SIGN key over a fresh challenge.
    async fn sign_in(api: &'a Api, iin: &str) -> App<'a> {
        let token = api
            .token("demo-egov-mobile", "demo-egov-mobile-secret")
            .await;
        let citizen = sign_in_as(api, &token, iin).await;
        App {
            api,
            token,
            citizen,
        }
    }

    async fn call(&self, method: &str, path: &str, json_body: Option<Value>) -> reqwest::Response {
        let url = format!("{}/api/v1/citizen{path}", self.api.base);
        let mut req = match method {
            "GET" => self.api.http.get(url),
            _ => self.api.http.post(url),
        }
        .bearer_auth(&self.token)
        .header("x-citizen-token", &self.citizen)
        .header("accept-language", "en");
        if let Some(b) = json_body {
            req = req.json(&b);
        }
        req.send().await.unwrap()
    }

    async fn ok(&self, method: &str, path: &str, json_body: Option<Value>) -> Value {
        let r = self.call(method, path, json_body).await;
        assert!(r.status().is_success(), "{method} {path}: {}", r.status());
        json(r).await
    }

    /// Starts a request for `number` and enters the code the SMS carried.
    async fn confirmed(&self, t: &TestDb, number: &str) -> Value {
        let started = self
            .ok(
                "POST",
                "/binding-requests",
                Some(body!({"number": number, "consent": true})),
            )
            .await;
        assert_eq!(started["state"], "awaiting_code", "{}", t.name);
        assert_eq!(started["channel"], "mobile_app");
        let id = started["id"].as_str().unwrap().to_owned();
        let code = code_sent_to(&t.ports, number).await;
        self.ok(
            "POST",
            &format!("/binding-requests/{id}/code"),
            Some(body!({ "code": code })),
        )
        .await
    }
}

async fn challenge(api: &Api, token: &str) -> (String, Vec<u8>) {
    let r = api
        .post("/api/v1/citizen/challenges")
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let c = json(r).await;
    let bytes = B64.decode(c["challenge_base64"].as_str().unwrap()).unwrap();
    (c["challenge_id"].as_str().unwrap().to_owned(), bytes)
}

async fn session(api: &Api, token: &str, challenge_id: &str, cms: &[u8]) -> reqwest::Response {
    api.post("/api/v1/citizen/sessions")
        .bearer_auth(token)
        .json(&body!({"challenge_id": challenge_id, "cms_base64": B64.encode(cms)}))
        .send()
        .await
        .unwrap()
}

async fn sign_in_as(api: &Api, token: &str, iin: &str) -> String {
    let (id, text) = challenge(api, token).await;
    let cms = sign_detached(&text, &citizen_key(&format!("{iin}-auth"))).unwrap();
    let r = session(api, token, &id, &cms).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    json(r).await["citizen_token"].as_str().unwrap().to_owned()
}

fn assertion(iin: &str, nonce: &str, change: impl FnOnce(&mut Claims)) -> String {
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let mut claims = Claims {
        sub: iin.into(),
        nonce: nonce.into(),
        liveness: true,
        score: 0.93,
        iat: now,
        exp: now + 120,
    };
    change(&mut claims);
    demo_assertion(&claims).unwrap()
}

#[tokio::test]
async fn the_mobile_app_binds_a_number_with_the_code_and_biometrics() {
    for t in engines().await {
        let api = Api::over(&t).await;
        let app = App::sign_in(&api, AIGERIM).await;
        let profile = app.ok("GET", "/binding", None).await;
        assert_eq!(profile["binding"], Value::Null, "{}", t.name);

        let confirmed = app.confirmed(&t, "+77011234567").await;
        assert_eq!(confirmed["state"], "awaiting_biometrics", "{}", t.name);
        let nonce = confirmed["biometric_nonce"].as_str().unwrap();
        let id = confirmed["id"].as_str().unwrap();
        let done = app
            .ok(
                "POST",
                &format!("/binding-requests/{id}/biometrics"),
                Some(body!({ "assertion": assertion(AIGERIM, nonce, |_| {}) })),
            )
            .await;
        assert_eq!(done["state"], "bound", "{}", t.name);
        assert!(done.get("biometric_nonce").is_none());

        let profile = app.ok("GET", "/binding", None).await;
        assert_eq!(profile["binding"]["number"], "+77011234567", "{}", t.name);
        assert_eq!(profile["binding"]["channel"], "mobile_app");
        let audit = t.recent_actions(50).await;
        for action in ["app_sign_in", "code_sent", "number_bound"] {
            assert!(
                audit.iter().any(|a| a == action),
                "{}: {action} audited",
                t.name
            );
        }
        t.cleanup().await;
    }
}

/// A way an assertion fails, named.
type Failure = (&'static str, fn(&mut Claims));

#[tokio::test]
async fn the_app_changes_a_number_only_with_the_change_scope() {
    for t in engines().await {
        let api = Api::over(&t).await;
        // Bind first, with both scopes.
        let app = App::sign_in(&api, AIGERIM).await;
        let confirmed = app.confirmed(&t, "+77011234567").await;
        let id = confirmed["id"].as_str().unwrap();
        let nonce = confirmed["biometric_nonce"].as_str().unwrap();
        let done = app
            .ok(
                "POST",
                &format!("/binding-requests/{id}/biometrics"),
                Some(body!({ "assertion": assertion(AIGERIM, nonce, |_| {}) })),
            )
            .await;
        assert_eq!(done["state"], "bound", "{}", t.name);

        // A token with `bind` only cannot change it.
        let r = api
            .token_request(
                "demo-egov-mobile",
                "demo-egov-mobile-secret",
                "grant_type=client_credentials&scope=bind",
            )
            .send()
            .await
            .unwrap();
        let bind_only = json(r).await["access_token"].as_str().unwrap().to_owned();
        let limited = App {
            api: &api,
            citizen: sign_in_as(&api, &bind_only, AIGERIM).await,
            token: bind_only,
        };
        let r = limited
            .call(
                "POST",
                "/binding-requests",
                Some(body!({"number": "+77017654321", "consent": true})),
            )
            .await;
        problem(r, StatusCode::FORBIDDEN, "insufficient_scope").await;
        let r = limited
            .call(
                "POST",
                "/binding-requests",
                Some(body!({"number": "+77011234567", "consent": true})),
            )
            .await;
        problem(r, StatusCode::CONFLICT, "already_bound").await;
        let r = limited
            .call(
                "POST",
                "/binding-requests",
                Some(body!({"number": "+1 202 555 0100", "consent": true})),
            )
            .await;
        problem(r, StatusCode::BAD_REQUEST, "number_foreign").await;
        t.cleanup().await;
    }
}

/// The seconds a 429 asks the client to wait.
fn retry_after(r: &reqwest::Response) -> i64 {
    r.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn a_code_asked_for_too_soon_says_how_long_to_wait() {
    for t in engines().await {
        let api = Api::over(&t).await;
        let app = App::sign_in(&api, AIGERIM).await;
        let start = || {
            app.call(
                "POST",
                "/binding-requests",
                Some(body!({"number": "+77011234567", "consent": true})),
            )
        };
        let r = start().await;
        assert_eq!(r.status(), StatusCode::CREATED, "{}", t.name);
        let id = json(r).await["id"].as_str().unwrap().to_owned();
        // Another code right away: the rest of the minute since the first.
        let r = app
            .call("POST", &format!("/binding-requests/{id}/resend"), None)
            .await;
        let wait = retry_after(&r);
        problem(r, StatusCode::TOO_MANY_REQUESTS, "too_soon").await;
        assert!(wait > 0 && wait <= 60, "{}: {wait}", t.name);
        assert!(
            wait >= 50,
            "{}: {wait} (the code was sent just now)",
            t.name
        );
        // Five codes to the number in the hour (each start sends one),
        // then the hourly limit: the wait is the hour's, not a minute.
        for _ in 0..4 {
            assert_eq!(start().await.status(), StatusCode::CREATED, "{}", t.name);
        }
        let r = start().await;
        let wait = retry_after(&r);
        problem(r, StatusCode::TOO_MANY_REQUESTS, "too_soon").await;
        assert!(wait > 3000 && wait <= 3600, "{}: {wait}", t.name);
        t.cleanup().await;
    }
}

/// Idempotency keys belong to the client *and* its citizen: two citizens
/// of one app who happen to send the same key each get their own answer,
/// never the other's (nor a "key reused" refusal).
#[tokio::test]
async fn one_idempotency_key_from_two_citizens_of_one_app_serves_each_their_own() {
    for t in engines().await {
        let api = Api::over(&t).await;
        let mut ids = Vec::new();
        for (who, number) in [(AIGERIM, "+77011234567"), ("010721510001", "+77081112233")] {
            let app = App::sign_in(&api, who).await;
            let r = api
                .post("/api/v1/citizen/binding-requests")
                .bearer_auth(&app.token)
                .header("x-citizen-token", &app.citizen)
                .header("idempotency-key", "same-key")
                .json(&body!({"number": number, "consent": true}))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::CREATED, "{} {who}", t.name);
            assert_eq!(r.headers()["idempotent-replayed"], "false");
            let view = json(r).await;
            assert_eq!(view["number"], number, "{}", t.name);
            ids.push(view["id"].as_str().unwrap().to_owned());
        }
        assert_ne!(ids[0], ids[1], "{}", t.name);
        t.cleanup().await;
    }
}

/// A request id that cannot be read (its percent-encoding is not UTF-8)
/// is a problem in the reader's language, like any other bad input.
#[tokio::test]
async fn an_unreadable_id_in_the_path_is_a_problem() {
    for t in engines().await {
        let api = Api::over(&t).await;
        let app = App::sign_in(&api, AIGERIM).await;
        let r = app.call("GET", "/binding-requests/%FF%FE", None).await;
        let p = problem(r, StatusCode::BAD_REQUEST, "invalid_request").await;
        assert!(p["title"].as_str().unwrap().is_ascii(), "{}: {p}", t.name);
        let r = app
            .call(
                "POST",
                "/binding-requests/%FF/code",
                Some(body!({"code": "123456"})),
            )
            .await;
        problem(r, StatusCode::BAD_REQUEST, "invalid_request").await;
        t.cleanup().await;
    }
}
