//! Floods against the secret checks, from outside over loopback (bounded in
//! count, stopping by themselves): a flood of wrong client secrets at the
//! token endpoint, from one source and from many (loopback addresses
//! 127.0.0.2 and up), is refused before Argon2 beyond the per-source and
//! per-client limits, and never keeps a citizen from signing in, because
//! client secrets and people's passwords hash in separate pools.

use crate::support;

use std::net::{IpAddr, Ipv4Addr};

use base64::Engine as _;
use reqwest::StatusCode;
use support::at_once;
use support::portal::App;

/// One token call with a wrong secret, from `source`.
async fn wrong_secret(base: String, source: IpAddr, client: String) -> StatusCode {
    let http = reqwest::Client::builder()
        .local_address(source)
        .build()
        .unwrap();
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{client}:wrong-secret"));
    http.post(format!("{base}/api/v1/token"))
        .header("authorization", format!("Basic {basic}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("grant_type=client_credentials")
        .send()
        .await
        .map(|r| r.status())
        .unwrap_or(StatusCode::BAD_GATEWAY)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_flood_of_client_secrets_is_cut_before_argon2_and_never_keeps_citizens_out() {
    let app = App::spawn().await;
    // From one source: 150 calls naming 150 client ids. At most the
    // source's 60 a minute reach the secret check; the rest wait (429).
    let one = at_once(150, |i| {
        wrong_secret(
            app.base.clone(),
            IpAddr::V4(Ipv4Addr::LOCALHOST),
            format!("flood-{i}"),
        )
    })
    .await;
    let checked = one
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    let refused = one
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert!(checked <= 60, "{checked} secrets checked from one source");
    assert_eq!(checked + refused, 150, "{one:?}");

    // From 40 sources at once, 10 calls each (400 calls, each a hash if let
    // through): the client-secret pool is saturated, yet a citizen signs
    // in meanwhile, and every flood answer is a clean 401, 429 or 503.
    let flood = tokio::spawn({
        let base = app.base.clone();
        async move {
            at_once(400, move |i| {
                let source = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2 + (i % 40) as u8));
                wrong_secret(base.clone(), source, format!("bank-{}", i % 7))
            })
            .await
        }
    });
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let signed_in = app.session("900515410001").await;
    assert!(signed_in.starts_with("nomir_session="), "{signed_in}");
    let answers = flood.await.unwrap();
    assert!(
        answers.iter().all(|s| matches!(
            *s,
            StatusCode::UNAUTHORIZED
                | StatusCode::TOO_MANY_REQUESTS
                | StatusCode::SERVICE_UNAVAILABLE
        )),
        "{answers:?}"
    );
    // Seven client ids, 30 a minute each: at most 210 reached a hash.
    let hashed = answers
        .iter()
        .filter(|s| **s != StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert!(
        hashed <= 7 * 30,
        "{hashed} secrets checked for 7 client ids"
    );
}

/// A staff sign-in form post from `source` (a browser without the WASM).
async fn staff_sign_in(app: &App, source: IpAddr, password: &str) -> reqwest::Response {
    use leptos::server_fn::ServerFn as _;
    let http = reqwest::Client::builder()
        .local_address(source)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    http.post(app.url(app::server_fns::StaffSignIn::PATH))
        .header("origin", &app.base)
        .header("accept", "text/html")
        .header("referer", app.url("/office/sign-in"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("login=official.demo&password={password}"))
        .send()
        .await
        .unwrap()
}

/// Nobody can keep an official out: guesses from one place delay only that
/// place (the delays are per login and source, shared through the database).
#[tokio::test]
async fn a_guesser_cannot_keep_an_official_out() {
    let app = App::spawn().await;
    let guesser = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 9));
    for _ in 0..8 {
        staff_sign_in(&app, guesser, "guess").await;
    }
    let r = staff_sign_in(&app, guesser, "demo-pass-2026").await;
    assert!(
        support::portal::set_cookie(&r).is_empty(),
        "the guesser's place waits, even with the right password"
    );
    let r = staff_sign_in(&app, IpAddr::V4(Ipv4Addr::LOCALHOST), "demo-pass-2026").await;
    assert!(
        support::portal::set_cookie(&r).starts_with("nomir_staff="),
        "the official, from their own place, is in: {:?}",
        r.headers()
    );
}
