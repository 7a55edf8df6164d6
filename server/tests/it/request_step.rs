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
