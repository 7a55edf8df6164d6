//! The API's `Idempotency-Key` over HTTP on SQLite and PostgreSQL: a
//! repeated call is answered with the first answer and runs once.

use crate::support;

use reqwest::StatusCode;
use support::api::{json, problem, Api};
use support::{at_once, engines};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_idempotency_key_replays_the_first_answer_and_runs_the_call_once() {
    for t in engines().await {
        let api = Api::over(&t).await;
        let grant = "grant_type=client_credentials";
        let with_key = |secret: &str, body: &str, key: &str| {
            api.token_request("demo-bank", secret, body)
                .header("idempotency-key", key)
        };
        // The token endpoint is never replayed: its client is checked only
        // by the handler, and its answer is a secret. A wrong secret after a
        // right one with the same key gets 401, never the stored token.
        let first = with_key("demo-bank-secret", grant, "key-1")
            .send()
            .await
            .unwrap();
        assert_eq!(first.status(), StatusCode::OK, "{}", t.name);
        assert!(first.headers().get("idempotent-replayed").is_none());
        let first = json(first).await;
        let r = with_key("wrong", grant, "key-1").send().await.unwrap();
        let p = problem(r, StatusCode::UNAUTHORIZED, "invalid_client").await;
        assert!(p.get("access_token").is_none(), "{}", t.name);
        let again = with_key("demo-bank-secret", grant, "key-1")
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::OK);
        assert!(again.headers().get("idempotent-replayed").is_none());
        assert_ne!(
            json(again).await["access_token"],
            first["access_token"],
            "{}: a new token each time",
            t.name
        );
        // Nothing of the token endpoint (nor any token) is kept.
        let kept: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM api_idempotency WHERE body LIKE '%access_token%' OR client_id LIKE 'basic:%'",
        )
        .fetch_one(&sqlx::AnyPool::connect(&t.url).await.unwrap())
        .await
        .unwrap();
        assert_eq!(kept, 0, "{}", t.name);

        // With a bearer token: the same key and request replay, another
        // request with it is a 422.
        let token = api.token("demo-bank", "demo-bank-secret").await;
        let ask = |key: &str, iin: &str| {
            api.post("/api/v1/bank/binding-requests")
                .bearer_auth(&token)
                .header("idempotency-key", key)
                .json(
                    &serde_json::json!({"iin": iin, "number": "+77001234567", "consent": true,
                    "permission": {"documents": "passport", "expires_at": "2099-01-01T00:00:00Z"}}),
                )
        };
        let first = ask("key-2", "123").send().await.unwrap();
        let first_status = first.status();
        assert!(first_status.is_client_error(), "{}: {first_status}", t.name);
        let first = first.text().await.unwrap();
        let again = ask("key-2", "123").send().await.unwrap();
        assert_eq!(again.status(), first_status);
        assert_eq!(again.headers()["idempotent-replayed"], "true");
        assert_eq!(again.text().await.unwrap(), first);
        let other = ask("key-2", "456").send().await.unwrap();
        problem(
            other,
            StatusCode::UNPROCESSABLE_ENTITY,
            "idempotency_key_reused",
        )
        .await;

        // Eight retries at once: the call runs once; every answer that is
        // not "still running" is that one.
        let token = api
            .token("demo-egov-mobile", "demo-egov-mobile-secret")
            .await;
        let answers = at_once(8, |_| {
            let call = api
                .post("/api/v1/citizen/challenges")
                .bearer_auth(&token)
                .header("idempotency-key", "challenge-once");
            async move {
                let r = call.send().await.unwrap();
                let status = r.status();
                (status, r.text().await.unwrap())
            }
        })
        .await;
        let created: std::collections::HashSet<String> = answers
            .iter()
            .filter(|(s, _)| *s == StatusCode::CREATED)
            .map(|(_, b)| {
                serde_json::from_str::<serde_json::Value>(b).unwrap()["challenge_id"].to_string()
            })
            .collect();
        assert_eq!(created.len(), 1, "{}: {answers:?}", t.name);
        assert!(answers
            .iter()
            .all(|(s, _)| *s == StatusCode::CREATED || *s == StatusCode::CONFLICT));
        let r = api
            .post("/api/v1/citizen/challenges")
            .bearer_auth(&token)
            .header("idempotency-key", "x".repeat(300))
            .send()
            .await
            .unwrap();
        let p = problem(r, StatusCode::BAD_REQUEST, "invalid_request").await;
        assert_eq!(p["field"], "Idempotency-Key");
        t.cleanup().await;
    }
}
