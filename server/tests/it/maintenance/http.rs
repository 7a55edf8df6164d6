//! Appendix row 7 over HTTP, with the window announced and cancelled by
//! the operator's command: the banner a day ahead, the pause (pages say
//! until when; actions 503 with Retry-After, a page or a problem), the
//! back office's schedule, and the service back after a cancel.

use std::process::Command;

use reqwest::StatusCode;
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

use crate::support::api::problem;
use crate::support::portal::App;

fn nomir(app: &App, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nomir"))
        .arg("maintenance")
        .args(args)
        .env_remove("NOMIR_CONFIG")
        .env("DATABASE_URL", app.database_url())
        .env(
            "NOMIR_SECRET",
            "a-secret-for-the-maintenance-test-0123456789",
        )
        .env("NOMIR_DEMO", "1")
        .output()
        .expect("run nomir")
}

fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap()
}

#[tokio::test]
async fn a_window_is_shown_a_day_ahead_pauses_every_action_and_ends_when_cancelled() {
    let app = App::spawn().await;
    let official = app.staff_session("official.demo").await;
    let from = OffsetDateTime::now_utc() + Duration::hours(2);
    let until = from + Duration::hours(2);
    // Bad times are refused with a reason, and nothing is stored.
    let bad = nomir(
        &app,
        &["announce", "--from", "tomorrow", "--until", &rfc3339(until)],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("RFC 3339"),
        "{bad:?}"
    );
    let backwards = nomir(
        &app,
        &[
            "announce",
            "--from",
            &rfc3339(until),
            "--until",
            &rfc3339(from),
        ],
    );
    assert!(!backwards.status.success());
    assert_eq!(app.rows("maintenance_windows").await, 0);

    let out = nomir(
        &app,
        &[
            "announce",
            "--from",
            &rfc3339(from),
            "--until",
            &rfc3339(until),
        ],
    );
    assert!(out.status.success(), "{out:?}");
    let id = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .nth(1)
        .expect("the window's id")
        .to_owned();
    let list = nomir(&app, &["list"]);
    assert!(
        String::from_utf8_lossy(&list.stdout).contains(&id),
        "{list:?}"
    );

    // Ahead: every page shows when, in Kazakhstan's time, in the reader's language.
    let local = |t: OffsetDateTime| nomir_core::kz_time::local_time(t);
    let home = app.get("/", None).await.text().await.unwrap();
    assert!(
        home.contains("data-testid=\"maintenance-banner\""),
        "{home}"
    );
    assert!(home.contains("Жоспарлы техникалық үзіліс"));
    assert!(home.contains(&local(from)) && home.contains(&local(until)));
    assert!(!home.contains("data-paused"));
    let en = app
        .get("/sign-in", Some("nomir_lang=en"))
        .await
        .text()
        .await
        .unwrap();
    assert!(en.contains("Scheduled maintenance break") && en.contains("Astana time (UTC+5)"));
    // The back office lists the provider's schedule.
    let office = app
        .get("/office", Some(&official))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        office.contains("data-testid=\"maintenance-schedule\""),
        "{office}"
    );
    assert!(office.contains(&local(until)));
    // Actions still work before the window.
    let r = app
        .sign_in("iin=900515410001&password=demo-pass-2026")
        .await;
    assert!(r.status().is_redirection(), "{}", r.status());

    // During: pages say until when; actions answer 503 with Retry-After.
    let r = app
        .client
        .post(app.url("/demo/clock?minutes=150"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let home = app
        .get("/", Some("nomir_lang=ru"))
        .await
        .text()
        .await
        .unwrap();
    assert!(home.contains("data-paused=\"true\""), "{home}");
    assert!(home.contains("Услуга приостановлена на время технических работ"));
    let r = app
        .sign_in("iin=900515410001&password=demo-pass-2026")
        .await;
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    let wait: i64 = r.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((90 * 60 - 5..=90 * 60).contains(&wait), "{wait}");
    let page = r.text().await.unwrap();
    assert!(
        page.contains("<html lang=\"kk\">") && page.contains(&local(until)),
        "{page}"
    );
    // The API: a problem with Retry-After; its description stays readable.
    let r = app
        .client
        .post(app.url("/api/v1/token"))
        .header("accept-language", "en")
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap();
    assert!(r.headers().contains_key("retry-after"));
    let body = problem(r, StatusCode::SERVICE_UNAVAILABLE, "maintenance").await;
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .contains("term is extended"),
        "{body}"
    );
    let r = app.get("/api/v1/openapi.json", None).await;
    assert_eq!(r.status(), StatusCode::OK);

    // Cancelled while under way: the service is back at once.
    let out = nomir(&app, &["cancel", &id]);
    assert!(out.status.success(), "{out:?}");
    assert!(!nomir(&app, &["cancel", &id]).status.success());
    let home = app.get("/", None).await.text().await.unwrap();
    assert!(!home.contains("maintenance-banner"));
    let r = app
        .sign_in("iin=900515410001&password=demo-pass-2026")
        .await;
    assert!(r.status().is_redirection(), "{}", r.status());
}
