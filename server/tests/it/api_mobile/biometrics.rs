//! Biometric assertions in the app: failed, forged, too early, at the ends of the range.

use super::*;

#[tokio::test]
async fn failed_biometrics_end_the_request_unbound_with_the_reason() {
    for t in engines().await {
        let api = Api::over(&t).await;
        let app = App::sign_in(&api, AIGERIM).await;
        // Five codes to one number: its hourly limit, exactly.
        let failures: [Failure; 5] = [
            ("a low score", |c| c.score = 0.42),
            ("no live person", |c| c.liveness = false),
            ("someone else's face", |c| c.sub = "851102310000".into()),
            ("another request's nonce", |c| {
                c.nonce = "not-this-one".into()
            }),
            ("three minutes old", |c| c.iat -= 180),
        ];
        for (what, change) in failures {
            let confirmed = app.confirmed(&t, "+77011234567").await;
            let id = confirmed["id"].as_str().unwrap().to_owned();
            let nonce = confirmed["biometric_nonce"].as_str().unwrap().to_owned();
            let path = format!("/binding-requests/{id}/biometrics");
            let refused = app
                .ok(
                    "POST",
                    &path,
                    Some(body!({ "assertion": assertion(AIGERIM, &nonce, change) })),
                )
                .await;
            assert_eq!(refused["state"], "not_performed", "{}: {what}", t.name);
            assert_eq!(refused["ending"]["ground"], "biometrics_failed", "{what}");
            assert_eq!(
                refused["ending"]["reason"],
                "Biometric authentication failed."
            );
            // The nonce is spent: a good assertion now binds nothing.
            let again = app
                .ok(
                    "POST",
                    &path,
                    Some(body!({ "assertion": assertion(AIGERIM, &nonce, |_| {}) })),
                )
                .await;
            assert_eq!(again["state"], "not_performed", "{}: {what}", t.name);
            let profile = app.ok("GET", "/binding", None).await;
            assert_eq!(profile["binding"], Value::Null, "{}: {what}", t.name);
        }
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_forged_assertion_or_one_too_early_refuses_or_waits() {
    for t in engines().await {
        let api = Api::over(&t).await;
        let app = App::sign_in(&api, AIGERIM).await;
        let started = app
            .ok(
                "POST",
                "/binding-requests",
                Some(body!({"number": "+77011234567", "consent": true})),
            )
            .await;
        let id = started["id"].as_str().unwrap();
        // Biometrics before the code: the wrong step, and the request stays open.
        let r = app
            .call(
                "POST",
                &format!("/binding-requests/{id}/biometrics"),
                Some(body!({ "assertion": assertion(AIGERIM, "x", |_| {}) })),
            )
            .await;
        problem(r, StatusCode::CONFLICT, "wrong_step").await;
        // A wrong code says how many tries are left.
        let code = code_sent_to(&t.ports, "+77011234567").await;
        let r = app
            .call(
                "POST",
                &format!("/binding-requests/{id}/code"),
                Some(body!({ "code": wrong_code(&code) })),
            )
            .await;
        let wrong = problem(r, StatusCode::BAD_REQUEST, "code_wrong").await;
        assert_eq!(wrong["tries_left"], 2, "{}", t.name);
        assert_eq!(wrong["field"], "code");
        let confirmed = app
            .ok(
                "POST",
                &format!("/binding-requests/{id}/code"),
                Some(body!({ "code": code })),
            )
            .await;
        let nonce = confirmed["biometric_nonce"].as_str().unwrap();
        let good = assertion(AIGERIM, nonce, |_| {});
        let mut parts: Vec<&str> = good.split('.').collect();
        let other = assertion(AIGERIM, nonce, |c| c.score = 1.0);
        parts[1] = other.split('.').nth(1).unwrap();
        let forged = parts.join(".");
        let refused = app
            .ok(
                "POST",
                &format!("/binding-requests/{id}/biometrics"),
                Some(body!({ "assertion": forged })),
            )
            .await;
        assert_eq!(
            refused["ending"]["ground"], "biometrics_failed",
            "{}",
            t.name
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn an_assertion_with_times_at_the_ends_of_the_range_is_judged_not_a_crash() {
    // The last second the server's times represent (9999-12-31 23:59:59).
    const LAST: i64 = 253_402_300_799;
    for t in engines().await {
        let api = Api::over(&t).await;
        let app = App::sign_in(&api, AIGERIM).await;
        // Five codes to one number (its hourly limit): four refusals, one binding.
        // Times it cannot represent: refused as unreadable, the request ends.
        for (what, change) in [
            (
                "exp i64::MAX",
                (|c: &mut Claims| c.exp = i64::MAX) as fn(&mut Claims),
            ),
            ("exp i64::MIN", |c| c.exp = i64::MIN),
            ("iat i64::MAX", |c| c.iat = i64::MAX),
            ("iat at the end of time", |c| c.iat = LAST),
        ] {
            let confirmed = app.confirmed(&t, "+77011234567").await;
            let id = confirmed["id"].as_str().unwrap().to_owned();
            let nonce = confirmed["biometric_nonce"].as_str().unwrap().to_owned();
            let r = app
                .call(
                    "POST",
                    &format!("/binding-requests/{id}/biometrics"),
                    Some(body!({ "assertion": assertion(AIGERIM, &nonce, change) })),
                )
                .await;
            assert_eq!(r.status(), StatusCode::OK, "{}: {what}", t.name);
            let refused = json(r).await;
            assert_eq!(refused["state"], "not_performed", "{}: {what}", t.name);
            assert_eq!(refused["ending"]["ground"], "biometrics_failed", "{what}");
        }
        // An expiry at the end of time (it used to overflow, a 500): the
        // assertion is fresh by its issue time, so it binds.
        let confirmed = app.confirmed(&t, "+77011234567").await;
        let id = confirmed["id"].as_str().unwrap().to_owned();
        let nonce = confirmed["biometric_nonce"].as_str().unwrap().to_owned();
        let r = app
            .call(
                "POST",
                &format!("/binding-requests/{id}/biometrics"),
                Some(body!({ "assertion": assertion(AIGERIM, &nonce, |c| c.exp = LAST) })),
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK, "{}", t.name);
        assert_eq!(json(r).await["state"], "bound", "{}", t.name);
        t.cleanup().await;
    }
}
