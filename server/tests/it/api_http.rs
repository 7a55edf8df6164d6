//! The JSON API over HTTP on SQLite and PostgreSQL: the token endpoint, the
//! bearer check, problem details in the asked-for language, request ids,
//! the rate limit, and every kind of bad input answered with a 4xx problem.

use crate::support;

use nomir::domain::api_client::{ClientId, ClientKind, Scopes};
use nomir::services::api_clients::{add, NewClient, Registry};
use reqwest::StatusCode;
use support::api::{json, problem, Api};
use support::{at_once, engines, TestDb};

#[tokio::test]
async fn a_demo_client_gets_a_token_and_uses_it() {
    for t in engines().await {
        let api = Api::over(&t).await;
        let r = api
            .token_request(
                "demo-egov-mobile",
                "demo-egov-mobile-secret",
                "grant_type=client_credentials",
            )
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{}", t.name);
        assert_eq!(r.headers()["cache-control"], "no-store");
        assert!(r.headers().contains_key("x-request-id"));
        let body = json(r).await;
        assert_eq!(body["token_type"], "Bearer");
        assert_eq!(body["expires_in"], 600);
        assert_eq!(body["scope"], "bind change");
        let token = body["access_token"].as_str().unwrap();

        let r = api
            .get("/api/v1/client")
            .bearer_auth(token)
            .header("x-request-id", "my-trace-1")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{}", t.name);
        assert_eq!(
            r.headers()["x-request-id"],
            "my-trace-1",
            "a client's id is kept"
        );
        let me = json(r).await;
        assert_eq!(me["id"], "demo-egov-mobile");
        assert_eq!(me["kind"], "mobile_app");
        assert_eq!(me["scopes"], serde_json::json!(["bind", "change"]));

        let bank = api.token("demo-bank", "demo-bank-secret").await;
        let r = api
            .get("/api/v1/client")
            .bearer_auth(&bank)
            .send()
            .await
            .unwrap();
        assert_eq!(
            json(r).await["scopes"],
            serde_json::json!(["bind-with-documents-permission"])
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn token_requests_that_fail_are_problems_in_the_asked_for_language() {
    for t in engines().await {
        let api = Api::over(&t).await;
        let grant = "grant_type=client_credentials";
        let r = api
            .token_request("demo-bank", "wrong", grant)
            .send()
            .await
            .unwrap();
        assert_eq!(r.headers()["www-authenticate"], "Basic realm=\"nomir\"");
        let kk = problem(r, StatusCode::UNAUTHORIZED, "invalid_client").await;
        let r = api
            .token_request("demo-bank", "wrong", grant)
            .header("accept-language", "ru-RU,ru;q=0.9")
            .send()
            .await
            .unwrap();
        assert_eq!(r.headers()["content-language"], "ru");
        let ru = problem(r, StatusCode::UNAUTHORIZED, "invalid_client").await;
        let r = api
            .token_request("demo-bank", "wrong", grant)
            .header("accept-language", "en")
            .send()
            .await
            .unwrap();
        let en = problem(r, StatusCode::UNAUTHORIZED, "invalid_client").await;
        assert!(en["detail"]
            .as_str()
            .unwrap()
            .starts_with("The client could not"));
        assert_ne!(kk["detail"], ru["detail"]);
        assert_ne!(ru["detail"], en["detail"]);

        let no_auth = api
            .post("/api/v1/token")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(grant)
            .send()
            .await
            .unwrap();
        problem(no_auth, StatusCode::UNAUTHORIZED, "invalid_client").await;
        let r = api
            .token_request("demo-bank", "demo-bank-secret", "grant_type=password")
            .send()
            .await
            .unwrap();
        problem(r, StatusCode::BAD_REQUEST, "unsupported_grant_type").await;
        let r = api
            .token_request(
                "demo-bank",
                "demo-bank-secret",
                "grant_type=client_credentials&scope=bind",
            )
            .send()
            .await
            .unwrap();
        let body = problem(r, StatusCode::BAD_REQUEST, "invalid_scope").await;
        assert_eq!(body["field"], "scope");
        let r = api
            .token_request("demo-bank", "demo-bank-secret", "scope=bind")
            .send()
            .await
            .unwrap();
        let body = problem(r, StatusCode::BAD_REQUEST, "invalid_request").await;
        assert_eq!(body["field"], "grant_type", "a missing field is named");
        let r = api
            .token_request(
                "demo-bank",
                "demo-bank-secret",
                "grant_type=client_credentials&client_id=x",
            )
            .send()
            .await
            .unwrap();
        let body = problem(r, StatusCode::BAD_REQUEST, "invalid_request").await;
        assert_eq!(body["field"], "client_id", "an unknown field is named");
        let r = api
            .post("/api/v1/token")
            .basic_auth("demo-bank", Some("demo-bank-secret"))
            .header("content-type", "application/json")
            .body("{\"grant_type\":\"client_credentials\"}")
            .send()
            .await
            .unwrap();
        problem(
            r,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        )
        .await;
        let huge = format!(
            "grant_type=client_credentials&scope={}",
            "b".repeat(200_000)
        );
        let r = api
            .token_request("demo-bank", "demo-bank-secret", &huge)
            .send()
            .await
            .unwrap();
        problem(r, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large").await;
        t.cleanup().await;
    }
}

#[tokio::test]
async fn calls_without_a_good_token_are_problems_and_nothing_else_answers() {
    for t in engines().await {
        let api = Api::over(&t).await;
        let r = api.get("/api/v1/client").send().await.unwrap();
        assert_eq!(
            r.headers()["www-authenticate"],
            "Bearer realm=\"nomir\", error=\"invalid_token\""
        );
        problem(r, StatusCode::UNAUTHORIZED, "invalid_token").await;
        for auth in [
            "Bearer nonsense",
            &format!("Bearer {}", "a".repeat(64)),
            "Basic abc",
        ] {
            let r = api
                .get("/api/v1/client")
                .header("authorization", auth)
                .send()
                .await
                .unwrap();
            problem(r, StatusCode::UNAUTHORIZED, "invalid_token").await;
        }

        // Revoked: its live token stops working at once.
        let reg = Registry::of(&t.ports);
        add(
            reg,
            NewClient {
                id: ClientId::parse("gone-bank").unwrap(),
                name: "Gone Bank".into(),
                kind: ClientKind::Bank,
                scopes: Scopes::parse("bind-with-documents-permission").unwrap(),
                calls_per_minute: 60,
            },
            Some("gone-bank-secret-123".into()),
            "operator:test",
        )
        .await
        .unwrap();
        let token = api.token("gone-bank", "gone-bank-secret-123").await;
        let r = api
            .get("/api/v1/client")
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        nomir::services::api_clients::revoke(
            reg,
            &ClientId::parse("gone-bank").unwrap(),
            "operator:test",
        )
        .await
        .unwrap();
        let r = api
            .get("/api/v1/client")
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        problem(r, StatusCode::UNAUTHORIZED, "invalid_token").await;

        let r = api.get("/api/v1/no-such-thing").send().await.unwrap();
        problem(r, StatusCode::NOT_FOUND, "not_found").await;
        let r = api.get("/api/v1/token").send().await.unwrap();
        problem(r, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed").await;
        t.cleanup().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_client_over_its_rate_gets_429_with_retry_after() {
    for t in engines().await {
        let api = Api::over(&t).await;
        add(
            Registry::of(&t.ports),
            NewClient {
                id: ClientId::parse("slow-bank").unwrap(),
                name: "Slow Bank".into(),
                kind: ClientKind::Bank,
                scopes: Scopes::parse("bind-with-documents-permission").unwrap(),
                calls_per_minute: 2,
            },
            Some("slow-bank-secret-123".into()),
            "operator:test",
        )
        .await
        .unwrap();
        let token = api.token("slow-bank", "slow-bank-secret-123").await;
        let responses = at_once(6, |_| {
            let call = api.get("/api/v1/client").bearer_auth(&token);
            async move { call.send().await.unwrap() }
        })
        .await;
        // Two calls a minute, one spent on the token: even across a minute's
        // end at most three of the six pass.
        let mut limited = 0;
        for r in responses {
            if r.status() == StatusCode::TOO_MANY_REQUESTS {
                let retry: u64 = r.headers()["retry-after"]
                    .to_str()
                    .unwrap()
                    .parse()
                    .unwrap();
                assert!((1..=60).contains(&retry), "{}: {retry}", t.name);
                problem(r, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
                limited += 1;
            } else {
                assert_eq!(r.status(), StatusCode::OK, "{}", t.name);
            }
        }
        assert!(limited >= 3, "{}: {limited} of 6 limited", t.name);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn the_openapi_document_describes_the_api() {
    let t = TestDb::sqlite().await;
    let api = Api::over(&t).await;
    let r = api.get("/api/v1/openapi.json").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let doc = json(r).await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    assert!(doc["paths"]["/api/v1/token"]["post"].is_object());
    assert!(doc["paths"]["/api/v1/client"]["get"].is_object());
    assert!(doc["components"]["securitySchemes"]["client_basic"].is_object());
    let r = api
        .get("/api/v1/docs")
        .header("cookie", "nomir_lang=ru")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let page = r.text().await.unwrap();
    assert!(page.contains("<html lang=\"ru\">") && page.contains("Документация API"));
    for path in doc["paths"].as_object().unwrap().keys() {
        assert!(
            page.contains(&format!("{path}</code>")),
            "{path} is on the page"
        );
    }
    t.cleanup().await;
}
