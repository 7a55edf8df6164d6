//! Operators' metrics: `/metrics` in Prometheus' text format on its own
//! listener and never on the portal's; requests counted by route pattern
//! (no ids or numbers in labels), codes sent, request endings, the pool and
//! the audit chains; `/ready` says whether the instance can take requests.

use app::server_fns::RequestCode;
use leptos::server_fn::ServerFn;
use reqwest::StatusCode;

use crate::support::portal::App;

/// The value of the first sample line that starts with `series`.
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find(|l| l.starts_with(series))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
}

#[tokio::test]
async fn metrics_are_served_to_operators_only_and_count_what_happened() {
    let app = App::spawn_with(|s| s.metrics_addr = Some("127.0.0.1:0".parse().unwrap())).await;
    let metrics = app.metrics_base.clone().expect("a metrics listener");

    let ready = app.get("/ready", None).await;
    assert_eq!(ready.status(), StatusCode::OK);
    let says = ready.text().await.unwrap();
    assert!(
        says.contains("database: ok") && says.contains("sms worker: ok"),
        "{says}"
    );
    // The portal's address has no metrics.
    assert_eq!(
        app.get("/metrics", None).await.status(),
        StatusCode::NOT_FOUND
    );

    let aigerim = app.session("900515410001").await;
    let r = app
        .form(
            RequestCode::PATH,
            &aigerim,
            "number=%2B77011234567&consent=yes",
            "/cabinet",
        )
        .await;
    let request_page = crate::support::portal::location(&r).to_owned();
    assert!(
        request_page.starts_with("/cabinet/request/"),
        "{request_page}"
    );
    assert_eq!(
        app.get(&request_page, Some(&aigerim)).await.status(),
        StatusCode::OK
    );

    let scrape = app
        .client
        .get(format!("{metrics}/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(scrape.status(), StatusCode::OK);
    assert!(scrape.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    let text = scrape.text().await.unwrap();
    let ready_count = sample(
        &text,
        r#"nomir_http_requests_total{route="/ready",method="GET",status="200"}"#,
    );
    assert!(ready_count >= Some(1.0), "{text}");
    // A request's page is counted under its pattern, never its id.
    assert!(
        text.contains(r#"route="/cabinet/request/{id}""#)
            || text.contains("route=\"/cabinet/request/:id\""),
        "{text}"
    );
    assert!(!text.contains(request_page.as_str()), "an id in a label");
    assert!(!text.contains("77011234567"), "a number in a label");
    assert!(
        sample(&text, r#"nomir_sms_total{result="sent"}"#) >= Some(1.0),
        "{text}"
    );
    assert!(
        text.contains("nomir_http_request_duration_seconds_bucket{"),
        "{text}"
    );
    assert!(
        sample(&text, r#"nomir_db_pool_connections{state="open"}"#) >= Some(1.0),
        "{text}"
    );
    // Signing in and asking for a code were audited, in the chains.
    assert!(
        sample(&text, "nomir_audit_chain_entries") >= Some(2.0),
        "{text}"
    );
    // The code was sent: nothing waits in the outbox.
    assert_eq!(
        sample(&text, "nomir_sms_outbox_messages"),
        Some(0.0),
        "{text}"
    );
    assert_eq!(
        sample(&text, "nomir_sms_outbox_oldest_seconds"),
        Some(0.0),
        "{text}"
    );
}
