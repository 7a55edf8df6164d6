//! A bank's channel over HTTP, on SQLite and PostgreSQL: the permission to
//! view the citizen's documents takes effect only by the citizen's own act
//! (the code to the bank's number and biometrics), every time, also when
//! that number is bound already; the bank's consent is its statement, its
//! codes count against its own limits, it never withdraws a request the
//! citizen started elsewhere, and its answers tell nothing of accounts or
//! bound numbers; the citizen's revocation, seen by the bank at once; bad
//! input.

use crate::support;

use nomir::adapters::biometrics::Claims;
use nomir::demo::biometrics::assertion as demo_assertion;
use nomir::domain::Iin;
use reqwest::StatusCode;
use serde_json::{json as body, Value};
use support::api::{json, problem, Api};
use support::demo::code_sent_to;
use support::{engines, TestDb};

mod refusals;

const YERLAN: &str = "851102310000";
const HIS_NUMBER: &str = "+77471234569";

fn in_a_month() -> String {
    (time::OffsetDateTime::now_utc() + time::Duration::days(30))
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap()
}

/// A valid IIN nobody in the demo data has an account for.
fn no_account() -> String {
    (0..100)
        .map(|n| format!("9912314100{n:02}"))
        .find(|s| Iin::parse(s).is_ok() && s != "991231410007")
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
        assert_eq!(binding.channel, nomir::domain::Channel::Bank);

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
        assert_eq!(refused["request"]["state"], "not_performed", "{}", t.name);
        assert_eq!(refused["request"]["ending"]["ground"], "biometrics_failed");
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
