//! A bank's channel over HTTP, on SQLite and PostgreSQL: the permission to
//! view the citizen's documents, granted with a binding of the bank's
//! number (code and biometrics) or at once when the state's number is the
//! bank's; the citizen's revocation, seen by the bank at once; bad input.

mod support;

use nomir::adapters::biometrics::{demo_assertion, Claims};
use nomir::domain::Iin;
use reqwest::StatusCode;
use serde_json::{json as body, Value};
use support::api::{json, problem, Api};
use support::demo::code_sent_to;
use support::{engines, TestDb};

const YERLAN: &str = "851102310000";
const HIS_NUMBER: &str = "+77471234569";

fn in_a_month() -> String {
    (time::OffsetDateTime::now_utc() + time::Duration::days(30))
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap()
}

fn ask(iin: &str, number: &str) -> Value {
    body!({
        "iin": iin,
        "number": number,
        "consent": true,
        "permission": {"documents": "identity-card passport", "expires_at": in_a_month()}
    })
}

fn assertion(iin: &str, nonce: &str, score: f64) -> String {
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    demo_assertion(&Claims {
        sub: iin.into(),
        nonce: nonce.into(),
        liveness: true,
        score,
        iat: now,
        exp: now + 120,
    })
    .unwrap()
}

struct Bank<'a> {
    api: &'a Api,
    token: String,
}

impl Bank<'_> {
    async fn post(&self, path: &str, b: Value) -> reqwest::Response {
        self.api
            .post(&format!("/api/v1/bank{path}"))
            .bearer_auth(&self.token)
            .header("accept-language", "en")
            .json(&b)
            .send()
            .await
            .unwrap()
    }

    async fn ok(&self, path: &str, b: Value) -> Value {
        let r = self.post(path, b).await;
        assert!(r.status().is_success(), "{path}: {}", r.status());
        json(r).await
    }

    async fn permissions(&self, iin: &str) -> Value {
        let r = self
            .api
            .get(&format!("/api/v1/bank/permissions?iin={iin}"))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        json(r).await["permissions"].clone()
    }

    /// Asks, enters the code the bank's number received, passes biometrics with `score`.
    async fn bind(&self, t: &TestDb, iin: &str, number: &str, score: f64) -> Value {
        let started = self.ok("/binding-requests", ask(iin, number)).await;
        assert_eq!(started["outcome"], "binding", "{}", t.name);
        assert_eq!(started["request"]["state"], "awaiting_code");
        assert_eq!(started["request"]["channel"], "bank");
        assert_eq!(started["permission"]["state"], "pending");
        let id = started["request"]["id"].as_str().unwrap().to_owned();
        let code = code_sent_to(&t.ports, number).await;
        let confirmed = self
            .ok(
                &format!("/binding-requests/{id}/code"),
                body!({ "code": code }),
            )
            .await;
        let nonce = confirmed["request"]["biometric_nonce"].as_str().unwrap();
        self.ok(
            &format!("/binding-requests/{id}/biometrics"),
            body!({ "assertion": assertion(iin, nonce, score) }),
        )
        .await
    }
}

async fn bank(api: &Api) -> Bank<'_> {
    Bank {
        api,
        token: api.token("demo-bank", "demo-bank-secret").await,
    }
}

#[tokio::test]
async fn a_bank_binds_its_number_and_the_permission_takes_effect_with_the_binding() {
    for t in engines().await {
        let api = Api::over(&t).await;
        let bank = bank(&api).await;
        let done = bank.bind(&t, YERLAN, HIS_NUMBER, 0.95).await;
        assert_eq!(done["request"]["state"], "bound", "{}", t.name);
        assert_eq!(done["permission"]["state"], "in_force");
        assert_eq!(
            done["permission"]["documents"],
            body!(["identity-card", "passport"])
        );
        let iin = Iin::parse(YERLAN).unwrap();
        let binding = t
            .ports
            .bindings
            .active_binding(&iin)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(binding.msisdn.as_str(), HIS_NUMBER, "{}", t.name);
        assert_eq!(binding.channel, "bank");

        // The state's number is the bank's now: a new permission needs no binding.
        let sms_before = t.ports.outbox.outbox().await.unwrap().len();
        let again = bank
            .ok("/binding-requests", ask(YERLAN, "8 747 123 45 69"))
            .await;
        assert_eq!(again["outcome"], "permission_granted", "{}", t.name);
        assert_eq!(again["permission"]["state"], "in_force");
        assert!(again.get("request").is_none());
        assert_eq!(
            t.ports.outbox.outbox().await.unwrap().len(),
            sms_before,
            "no code sent"
        );

        // The cabinet shows the citizen the bank's use and its permissions.
        let cabinet = nomir::services::cabinet::view(&t.ports, &iin)
            .await
            .unwrap()
            .unwrap();
        let (bank_use, name) = &cabinet.uses[0];
        assert_eq!(bank_use.channel, nomir::domain::Channel::Bank, "{}", t.name);
        assert_eq!(name.as_deref(), Some("Demo Bank"));
        assert_eq!((bank_use.started, bank_use.bound), (1, 1));
        assert_eq!(cabinet.permissions.len(), 2, "{}", t.name);
        assert!(cabinet
            .permissions
            .iter()
            .all(|(p, bank, _)| bank == "Demo Bank" && p.granted_at.is_some()));

        // The citizen revokes one; the bank sees it at once.
        let first = done["permission"]["id"].as_str().unwrap();
        assert!(nomir::services::permissions::revoke(&t.ports, &iin, first)
            .await
            .unwrap());
        let seen = bank.permissions(YERLAN).await;
        let states: Vec<(&str, &str)> = seen
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["id"].as_str().unwrap(), p["state"].as_str().unwrap()))
            .collect();
        assert!(
            states.contains(&(first, "revoked")),
            "{}: {states:?}",
            t.name
        );
        assert!(
            states.iter().any(|(_, s)| *s == "in_force"),
            "{}: {states:?}",
            t.name
        );
        let actions: Vec<String> = t
            .ports
            .audit
            .recent(50)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect();
        for a in ["number_bound", "permission_granted", "permission_revoked"] {
            assert!(actions.iter().any(|x| x == a), "{}: {a}", t.name);
        }
        t.cleanup().await;
    }
}

#[tokio::test]
async fn failed_biometrics_bind_nothing_and_grant_nothing() {
    for t in engines().await {
        let api = Api::over(&t).await;
        let bank = bank(&api).await;
        let refused = bank.bind(&t, YERLAN, HIS_NUMBER, 0.2).await;
        assert_eq!(refused["request"]["state"], "refused", "{}", t.name);
        assert_eq!(refused["request"]["refusal"]["ground"], "biometrics_failed");
        assert_eq!(refused["permission"]["state"], "not_granted");
        let iin = Iin::parse(YERLAN).unwrap();
        assert!(
            t.ports
                .bindings
                .active_binding(&iin)
                .await
                .unwrap()
                .is_none(),
            "{}",
            t.name
        );
        let seen = bank.permissions(YERLAN).await;
        assert_eq!(seen[0]["state"], "not_granted", "{}", t.name);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn bad_asks_are_problems_and_a_request_is_the_asking_banks_only() {
    for t in engines().await {
        let api = Api::over(&t).await;
        let bank = bank(&api).await;
        let mut bad_docs = ask(YERLAN, HIS_NUMBER);
        bad_docs["permission"]["documents"] = body!("medical-records");
        let p = problem(
            bank.post("/binding-requests", bad_docs).await,
            StatusCode::BAD_REQUEST,
            "invalid_request",
        )
        .await;
        assert_eq!(p["field"], "permission.documents", "{}", t.name);
        let mut bad_expiry = ask(YERLAN, HIS_NUMBER);
        bad_expiry["permission"]["expires_at"] = body!("2020-01-01T00:00:00Z");
        let p = problem(
            bank.post("/binding-requests", bad_expiry).await,
            StatusCode::BAD_REQUEST,
            "invalid_request",
        )
        .await;
        assert_eq!(p["field"], "permission.expires_at");
        let mut not_a_time = ask(YERLAN, HIS_NUMBER);
        not_a_time["permission"]["expires_at"] = body!("next week");
        problem(
            bank.post("/binding-requests", not_a_time).await,
            StatusCode::BAD_REQUEST,
            "invalid_request",
        )
        .await;
        let r = bank
            .post("/binding-requests", ask("851102310001", HIS_NUMBER))
            .await;
        problem(r, StatusCode::BAD_REQUEST, "iin_check_digit").await;
        let r = bank
            .post("/binding-requests", ask(YERLAN, "+7 727 250 00 00"))
            .await;
        problem(r, StatusCode::BAD_REQUEST, "number_landline").await;
        let no_account = (0..100)
            .map(|n| format!("9912314100{n:02}"))
            .find(|s| Iin::parse(s).is_ok() && s != "991231410007")
            .unwrap();
        let r = bank
            .post("/binding-requests", ask(&no_account, HIS_NUMBER))
            .await;
        problem(r, StatusCode::FORBIDDEN, "no_account").await;
        let mut missing = ask(YERLAN, HIS_NUMBER);
        missing.as_object_mut().unwrap().remove("consent");
        let p = problem(
            bank.post("/binding-requests", missing).await,
            StatusCode::BAD_REQUEST,
            "invalid_request",
        )
        .await;
        assert_eq!(p["field"], "consent");

        // The mobile app may not use the bank's door, nor see its requests.
        let started = bank.ok("/binding-requests", ask(YERLAN, HIS_NUMBER)).await;
        let id = started["request"]["id"].as_str().unwrap();
        let app = api
            .token("demo-egov-mobile", "demo-egov-mobile-secret")
            .await;
        let r = api
            .get(&format!("/api/v1/bank/binding-requests/{id}"))
            .bearer_auth(&app)
            .send()
            .await
            .unwrap();
        problem(r, StatusCode::FORBIDDEN, "insufficient_scope").await;
        // Another bank gets 404 for this bank's request.
        nomir::services::api_clients::add(
            nomir::services::api_clients::Registry::of(&t.ports),
            nomir::services::api_clients::NewClient {
                id: nomir::domain::api_client::ClientId::parse("other-bank").unwrap(),
                name: "Other Bank".into(),
                kind: nomir::domain::api_client::ClientKind::Bank,
                scopes: nomir::domain::api_client::Scopes::parse("bind-with-documents-permission")
                    .unwrap(),
                calls_per_minute: 60,
            },
            Some("other-bank-secret-123".into()),
            "operator:test",
        )
        .await
        .unwrap();
        let other = api.token("other-bank", "other-bank-secret-123").await;
        let r = api
            .get(&format!("/api/v1/bank/binding-requests/{id}"))
            .bearer_auth(&other)
            .send()
            .await
            .unwrap();
        problem(r, StatusCode::NOT_FOUND, "request_not_found").await;
        let r = api
            .get(&format!("/api/v1/bank/permissions?iin={YERLAN}"))
            .bearer_auth(&other)
            .send()
            .await
            .unwrap();
        assert_eq!(json(r).await["permissions"], body!([]), "{}", t.name);
        // A missing or unknown query parameter is a problem too.
        for query in ["", "?iin=851102310000&x=1"] {
            let r = api
                .get(&format!("/api/v1/bank/permissions{query}"))
                .bearer_auth(&other)
                .send()
                .await
                .unwrap();
            problem(r, StatusCode::BAD_REQUEST, "invalid_request").await;
        }
        t.cleanup().await;
    }
}
