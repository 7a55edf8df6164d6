//! `GET /cabinet/request/{id}/step`, which the code step's island asks
//! every few seconds: the request's step as JSON, its owner's only (404
//! for anyone else, 401 signed out), following what happens elsewhere
//! (here the term running out).

use crate::support;

use app::server_fns::RequestCode;
use leptos::server_fn::ServerFn;
use reqwest::StatusCode;
use support::portal::{location, App};

#[tokio::test]
async fn the_step_is_the_owners_and_follows_the_request() {
    let app = App::spawn().await;
    let aigerim = app.session("900515410001").await;
    let r = app
        .form(
            RequestCode::PATH,
            &aigerim,
            "number=%2B77011234567&consent=yes",
            "/cabinet",
        )
        .await;
    let step = format!("{}/step", location(&r));
    let r = app.get(&step, Some(&aigerim)).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/json");
    assert_eq!(r.headers()["cache-control"], "no-store");
    let body = r.text().await.unwrap();
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["step"], "code", "{body}");
    let (now, ends, resend) = (
        json["now"].as_i64().unwrap(),
        json["term_ends"].as_i64().unwrap(),
        json["resend_at"].as_i64().unwrap(),
    );
    // The server's clock is real: a second may turn between the request's
    // start and this read.
    assert!((599..=600).contains(&(ends - now)), "{body}");
    assert!((59..=60).contains(&(resend - now)), "{body}");

    // Nobody else learns anything of it, not even that it exists.
    let dana = app.session("991231410007").await;
    let r = app.get(&step, Some(&dana)).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(r.text().await.unwrap(), r#"{"error":"not_found"}"#);
    let r = app.get(&step, None).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = app
        .get("/cabinet/request/no-such-request/step", Some(&aigerim))
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    // Its term runs out: the next ask says so.
    let moved = app
        .client
        .post(app.url("/demo/clock?minutes=11"))
        .send()
        .await
        .unwrap();
    assert!(moved.status().is_success() || moved.status().is_redirection());
    let r = app.get(&step, Some(&aigerim)).await;
    assert_eq!(r.text().await.unwrap(), r#"{"step":"expired"}"#);
}

/// A bank's open request is the bank's app's to go on with (§7): the
/// citizen's cabinet links to it, and its page says so, with no form.
#[tokio::test]
async fn a_banks_request_shows_as_the_banks_to_go_on_with() {
    let app = App::spawn().await;
    let basic = "Basic ZGVtby1iYW5rOmRlbW8tYmFuay1zZWNyZXQ="; // demo-bank:demo-bank-secret
    let token: serde_json::Value = app
        .client
        .post(app.url("/api/v1/token"))
        .header("authorization", basic)
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let expires = (time::OffsetDateTime::now_utc() + time::Duration::days(30))
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    let r = app
        .client
        .post(app.url("/api/v1/bank/binding-requests"))
        .bearer_auth(token["access_token"].as_str().unwrap())
        .json(&serde_json::json!({
            "iin": "851102310000",
            "number": "+77471234569",
            "consent": true,
            "permission": { "documents": "passport", "expires_at": expires },
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let id = r.json::<serde_json::Value>().await.unwrap()["request"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let yerlan = app.session("851102310000").await;
    let r = app
        .get(&format!("/cabinet/request/{id}/step"), Some(&yerlan))
        .await;
    let json: serde_json::Value = r.json().await.unwrap();
    assert_eq!(json["step"], "at_bank", "{json}");
    let page = app
        .get(&format!("/cabinet/request/{id}"), Some(&yerlan))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains(r#"data-testid="at-bank""#), "{page}");
    assert!(!page.contains(r#"name="code""#), "a code form: {page}");
}
