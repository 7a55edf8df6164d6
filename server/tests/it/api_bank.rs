//! A bank's channel over HTTP, on SQLite and PostgreSQL: the permission to
//! view the citizen's documents takes effect only by the citizen's own act
//! (the code to the bank's number and biometrics), every time, also when
//! that number is bound already; the bank's consent is its statement, its
//! codes count against its own limits, it never withdraws a request the
//! citizen started elsewhere, and its answers tell nothing of accounts or
//! bound numbers; the citizen's revocation, seen by the bank at once; bad
//! input.

use crate::support;

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
        assert_eq!(started["request"]["state"], "awaiting_code", "{}", t.name);
        assert!(started["request"].get("purpose").is_none(), "{}", t.name);
        assert_eq!(started["request"]["channel"], "bank");
        assert_eq!(started["permission"]["state"], "pending");
        let id = started["request"]["id"].as_str().unwrap();
        self.finish(t, id, iin, number, score).await.1
    }

    /// Enters the code `number` received for request `id` and passes
    /// biometrics with `score`: the answers after the code and after that.
    async fn finish(
        &self,
        t: &TestDb,
        id: &str,
        iin: &str,
        number: &str,
        score: f64,
    ) -> (Value, Value) {
        let code = code_sent_to(&t.ports, number).await;
        let confirmed = self
            .ok(
                &format!("/binding-requests/{id}/code"),
                body!({ "code": code }),
            )
            .await;
        let nonce = confirmed["request"]["biometric_nonce"].as_str().unwrap();
        let done = self
            .ok(
                &format!("/binding-requests/{id}/biometrics"),
                body!({ "assertion": assertion(iin, nonce, score) }),
            )
            .await;
        (confirmed, done)
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

        // The state's number is the bank's now: a new permission still
        // needs the citizen's code and biometrics; the binding stays.
        let sms_before = t.ports.outbox.outbox().await.unwrap().len();
        let again = bank
            .ok("/binding-requests", ask(YERLAN, "8 747 123 45 69"))
            .await;
        assert_eq!(again["request"]["state"], "awaiting_code", "{}", t.name);
        assert_eq!(again["permission"]["state"], "pending");
        assert_eq!(
            t.ports.outbox.outbox().await.unwrap().len(),
            sms_before + 1,
            "{}: a code sent",
            t.name
        );
        let id = again["request"]["id"].as_str().unwrap();
        let (confirmed, done_again) = bank.finish(&t, id, YERLAN, HIS_NUMBER, 0.95).await;
        assert_eq!(confirmed["request"]["purpose"], "confirm", "{}", t.name);
        assert_eq!(confirmed["permission"]["state"], "pending");
        assert_eq!(done_again["request"]["state"], "bound", "{}", t.name);
        assert_eq!(done_again["permission"]["state"], "in_force");
        let still = t
            .ports
            .bindings
            .active_binding(&iin)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(still.id, binding.id, "{}: the binding stays", t.name);

        // The cabinet shows the citizen the bank's use and its permissions.
        let cabinet = nomir::services::cabinet::view(&t.ports, &iin)
            .await
            .unwrap()
            .unwrap();
        let (bank_use, name) = &cabinet.uses[0];
        assert_eq!(bank_use.channel, nomir::domain::Channel::Bank, "{}", t.name);
        assert_eq!(name.as_deref(), Some("Demo Bank"));
        assert_eq!((bank_use.started, bank_use.bound), (2, 2));
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
        let actions = t.recent_actions(50).await;
        for a in [
            "number_bound",
            "number_confirmed",
            "permission_granted",
            "permission_revoked",
        ] {
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
        // No account, and a number the operator does not give him: one
        // answer, so the bank cannot tell who has an account.
        let r = bank
            .post("/binding-requests", ask(&no_account, HIS_NUMBER))
            .await;
        let none = problem(r, StatusCode::UNPROCESSABLE_ENTITY, "number_not_yours").await;
        let r = bank
            .post("/binding-requests", ask(YERLAN, "+77011234567"))
            .await;
        let not_his = problem(r, StatusCode::UNPROCESSABLE_ENTITY, "number_not_yours").await;
        assert_eq!(none["detail"], not_his["detail"], "{}", t.name);
        assert_eq!(none["field"], not_his["field"], "{}", t.name);
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

/// The bank's consent is recorded as its statement with the request, never
/// over the citizen's own consent record; a bank that states none gets a
/// refusal on ground 2 after the citizen's code and biometrics.
#[tokio::test]
async fn the_banks_consent_is_its_statement_not_the_citizens_record() {
    for t in engines().await {
        let api = Api::over(&t).await;
        let bank = bank(&api).await;
        let iin = Iin::parse(YERLAN).unwrap();
        let before = t.ports.requests.active_consent(&iin).await.unwrap();
        let done = bank.bind(&t, YERLAN, HIS_NUMBER, 0.95).await;
        assert_eq!(done["request"]["state"], "bound", "{}", t.name);
        assert_eq!(
            t.ports.requests.active_consent(&iin).await.unwrap(),
            before,
            "{}: the citizen's record is untouched",
            t.name
        );
        // Without the bank's statement of consent: nothing is granted.
        let mut no_consent = ask(YERLAN, "+77051234568");
        no_consent["consent"] = body!(false);
        let started = bank.ok("/binding-requests", no_consent).await;
        let id = started["request"]["id"].as_str().unwrap();
        let (_, refused) = bank.finish(&t, id, YERLAN, "+77051234568", 0.95).await;
        assert_eq!(refused["request"]["state"], "refused", "{}", t.name);
        assert_eq!(refused["request"]["refusal"]["ground"], "consent_missing");
        assert_eq!(refused["permission"]["state"], "not_granted");
        let bound = t
            .ports
            .bindings
            .active_binding(&iin)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(bound.msisdn.as_str(), HIS_NUMBER, "{}: unchanged", t.name);
        t.cleanup().await;
    }
}

/// A bank's call never withdraws or alters a request the citizen started
/// elsewhere: it is answered 409 and the citizen's request goes on.
#[tokio::test]
async fn a_bank_never_withdraws_a_request_started_elsewhere() {
    for t in engines().await {
        let api = Api::over(&t).await;
        let bank = bank(&api).await;
        let iin = Iin::parse(YERLAN).unwrap();
        // The server runs on the wall clock: the portal's request too.
        t.clock
            .advance(time::OffsetDateTime::now_utc() - nomir::ports::Clock::now(&*t.clock));
        let own = nomir::services::request_code::request_code(&t.ports, &iin, HIS_NUMBER, true)
            .await
            .unwrap();
        let r = bank
            .post("/binding-requests", ask(YERLAN, HIS_NUMBER))
            .await;
        problem(r, StatusCode::CONFLICT, "open_elsewhere").await;
        let open = t.ports.requests.open_requests_of(&iin).await.unwrap();
        assert_eq!(open.len(), 1, "{}", t.name);
        assert_eq!(open[0].id, own.request_id, "{}: still open", t.name);
        // The citizen's code still works on the portal.
        let code = code_sent_to(&t.ports, HIS_NUMBER).await;
        nomir::services::confirm_code::confirm_code(&t.ports, &iin, &own.request_id, &code)
            .await
            .unwrap();
        t.cleanup().await;
    }
}

/// A bank's codes count against that bank's own limits: however many it
/// sends, the citizen's own hourly codes are untouched.
#[tokio::test]
async fn a_banks_codes_do_not_use_the_citizens_limits() {
    for t in engines().await {
        let api = Api::over(&t).await;
        let bank = bank(&api).await;
        let mut limited = false;
        for _ in 0..12 {
            let r = bank
                .post("/binding-requests", ask(YERLAN, HIS_NUMBER))
                .await;
            if r.status() == StatusCode::TOO_MANY_REQUESTS {
                limited = true;
                break;
            }
            assert_eq!(r.status(), StatusCode::CREATED, "{}", t.name);
        }
        assert!(limited, "{}: the bank's own limit holds", t.name);
        let iin = Iin::parse(YERLAN).unwrap();
        t.clock
            .advance(time::OffsetDateTime::now_utc() - nomir::ports::Clock::now(&*t.clock));
        nomir::services::request_code::request_code(&t.ports, &iin, HIS_NUMBER, true)
            .await
            .unwrap_or_else(|e| panic!("{}: the citizen's own code: {e:?}", t.name));
        t.cleanup().await;
    }
}
