//! State services' notifications to the bound number, over HTTP against a
//! demo server on SQLite and PostgreSQL: queued through the outbox to the
//! demo phone and listed in the citizen's cabinet; "no bound number" for a
//! citizen without one and for an IIN without an account alike; an opted
//! out purpose not sent; a client without the scope refused; a retry with
//! the same key sent once; the per-citizen limit held under parallel calls.

use crate::support;

use nomir::domain::Iin;
use nomir::services::{cabinet, notifications};
use reqwest::StatusCode;
use serde_json::{json, Value};
use support::api::{json as body_of, problem, Api};
use support::{at_once, engines, TestDb};

const MADINA: &str = "880808410008";
const NUMBER: &str = "+77025551234";
const STATE: (&str, &str) = ("demo-state-service", "demo-state-service-secret");

fn madina() -> Iin {
    Iin::parse(MADINA).unwrap()
}

/// Binds Madina's number, as a finished procedure would have.
async fn bind(t: &TestDb) {
    support::demo::bind_directly(t, MADINA, NUMBER).await;
}

/// The members of a JSON object, sorted.
fn body_of_text(text: &str) -> Vec<String> {
    let v: Value = serde_json::from_str(text).unwrap();
    let mut keys: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    keys
}

fn notice(iin: &str, purpose: &str, kk: &str) -> Value {
    json!({ "iin": iin, "purpose": purpose, "text_kk": kk, "text_ru": "Ваш документ готов." })
}

async fn send(api: &Api, token: &str, key: &str, body: &Value) -> reqwest::Response {
    api.post("/api/v1/notifications")
        .bearer_auth(token)
        .header("idempotency-key", key)
        .header("accept-language", "en")
        .json(body)
        .send()
        .await
        .unwrap()
}

/// Messages to `number` in the outbox (the demo phone shows these).
async fn to_phone(t: &TestDb, number: &str) -> Vec<String> {
    let all = t.ports.outbox.outbox().await.unwrap();
    all.into_iter()
        .filter(|m| m.msisdn.as_str() == number)
        .map(|m| m.body)
        .collect()
}

#[tokio::test]
async fn a_notification_reaches_the_bound_number_and_the_cabinet_and_never_tells_the_number() {
    for t in engines().await {
        let api = Api::over(&t).await;
        let token = api.token(STATE.0, STATE.1).await;
        // No number yet, and no account at all: one answer, no number in it.
        for iin in [MADINA, "991331700012"] {
            let r = send(
                &api,
                &token,
                &format!("none-{iin}"),
                &notice(iin, "document-ready", "Дайын."),
            )
            .await;
            assert_eq!(r.status(), StatusCode::OK, "{}", t.name);
            let text = r.text().await.unwrap();
            assert_eq!(text, r#"{"status":"no_bound_number"}"#, "{}", t.name);
        }
        bind(&t).await;
        let body = notice(MADINA, "document-ready", "Жеке куәлігіңіз дайын.");
        let r = send(&api, &token, "doc-1", &body).await;
        assert_eq!(r.status(), StatusCode::ACCEPTED, "{}", t.name);
        let answer = r.text().await.unwrap();
        assert!(answer.contains(r#""status":"queued""#), "{answer}");
        assert!(!answer.contains("7025551234"), "{answer}");
        let keys: Vec<String> = body_of_text(&answer);
        assert_eq!(keys, ["id", "status"], "{answer}");
        // A retry with the same key: the same answer, no second SMS.
        let again = send(&api, &token, "doc-1", &body).await;
        assert_eq!(again.headers()["idempotent-replayed"], "true");
        assert_eq!(again.text().await.unwrap(), answer);
        let phone = to_phone(&t, NUMBER).await;
        assert_eq!(phone.len(), 1, "{}: {phone:?}", t.name);
        assert_eq!(phone[0], "Жеке куәлігіңіз дайын.\nВаш документ готов.");
        // The cabinet lists it: from whom, for what, its text.
        let c = cabinet::view(&t.ports, &madina()).await.unwrap().unwrap();
        let first = &c.messages[0];
        let (m, from) = (&first.sent, &first.sender);
        assert_eq!(m.kind, "notification");
        assert_eq!(m.topic.as_deref(), Some("document-ready"));
        assert_eq!(from.as_deref(), Some("Public Service Center (demo)"));
        assert_eq!(t.recent_actions(1).await, ["notification_queued"]);
        // The citizen turns the optional purpose off: not sent, and said so.
        notifications::set_preference(&t.ports, &madina(), "tax-reminder", true)
            .await
            .unwrap();
        let r = send(
            &api,
            &token,
            "tax-1",
            &notice(MADINA, "tax-reminder", "Салық."),
        )
        .await;
        assert_eq!(r.text().await.unwrap(), r#"{"status":"opted_out"}"#);
        assert_eq!(to_phone(&t, NUMBER).await.len(), 1);
        // A required purpose cannot be turned off.
        assert!(
            notifications::set_preference(&t.ports, &madina(), "court-summons", true)
                .await
                .is_err()
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn only_a_state_service_with_the_scope_notifies_and_bad_notices_are_refused() {
    for t in engines().await {
        let api = Api::over(&t).await;
        bind(&t).await;
        let bank = api.token("demo-bank", "demo-bank-secret").await;
        let body = notice(MADINA, "document-ready", "Дайын.");
        let r = send(&api, &bank, "k1", &body).await;
        problem(r, StatusCode::FORBIDDEN, "insufficient_scope").await;
        let token = api.token(STATE.0, STATE.1).await;
        let r = api
            .post("/api/v1/notifications")
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await
            .unwrap();
        problem(
            r,
            StatusCode::PRECONDITION_REQUIRED,
            "idempotency_key_required",
        )
        .await;
        let link = notice(MADINA, "document-ready", "Толығырақ: egov.kz/doc");
        problem(
            send(&api, &token, "k2", &link).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "links_not_allowed",
        )
        .await;
        let long = notice(MADINA, "document-ready", &"ә".repeat(161));
        problem(
            send(&api, &token, "k3", &long).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "notification_text_invalid",
        )
        .await;
        let unknown = notice(MADINA, "lottery", "Дайын.");
        problem(
            send(&api, &token, "k4", &unknown).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "purpose_unknown",
        )
        .await;
        let bad_iin = notice("900515410002", "document-ready", "Дайын.");
        let r = send(&api, &token, "k5", &bad_iin).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        assert!(to_phone(&t, NUMBER).await.is_empty(), "{}", t.name);
        let purposes: Value = body_of(
            api.get("/api/v1/notification-purposes")
                .bearer_auth(&token)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert!(purposes
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["code"] == "tax-reminder"));
        t.cleanup().await;
    }
}

#[tokio::test]
async fn parallel_notifications_stop_at_the_citizens_hourly_limit() {
    for t in engines().await {
        let api = Api::over(&t).await;
        bind(&t).await;
        let token = api.token(STATE.0, STATE.1).await;
        let api = std::sync::Arc::new(api);
        let answers = at_once(8, |i| {
            let (api, token) = (api.clone(), token.clone());
            async move {
                let body = notice(MADINA, "appointment", "Қабылдау ертең.");
                let r = send(&api, &token, &format!("p-{i}"), &body).await;
                (r.status(), r.text().await.unwrap())
            }
        })
        .await;
        let queued = answers
            .iter()
            .filter(|(s, _)| *s == StatusCode::ACCEPTED)
            .count();
        let limited = answers
            .iter()
            .filter(|(s, b)| {
                *s == StatusCode::TOO_MANY_REQUESTS && b.contains("citizen_rate_limited")
            })
            .count();
        assert_eq!((queued, limited), (3, 5), "{}: {answers:?}", t.name);
        assert_eq!(to_phone(&t, NUMBER).await.len(), 3, "{}", t.name);
        t.cleanup().await;
    }
}
