//! Complaints through the mobile app (Rules ch. 3): filed about one of the
//! citizen's requests, listed and read back; what the portal's form refuses
//! is refused here too, as problems.

use super::*;

/// A request of Aigerim's refused in the app (failed biometrics); its id.
async fn refused_request(app: &App<'_>, t: &TestDb) -> String {
    let confirmed = app.confirmed(t, "+77011234567").await;
    let id = confirmed["id"].as_str().unwrap().to_owned();
    let nonce = confirmed["biometric_nonce"].as_str().unwrap();
    let refused = app
        .ok(
            "POST",
            &format!("/binding-requests/{id}/biometrics"),
            Some(body!({ "assertion": assertion(AIGERIM, nonce, |c| c.score = 0.1) })),
        )
        .await;
    assert_eq!(refused["state"], "not_performed", "{}", t.name);
    id
}

#[tokio::test]
async fn the_app_files_a_complaint_lists_it_and_reads_it() {
    for t in engines().await {
        let api = Api::over(&t).await;
        let app = App::sign_in(&api, AIGERIM).await;
        let request = refused_request(&app, &t).await;
        let complaint = |text: &str, to: &str| body!({ "request_id": request, "about": "refusal", "to": to, "text": text });
        // What the form refuses, the API refuses with the field named.
        let r = app
            .call("POST", "/complaints", Some(complaint("short", "provider")))
            .await;
        let p = problem(r, StatusCode::BAD_REQUEST, "complaint_text_short").await;
        assert_eq!(p["field"], "text", "{}", t.name);
        let r = app
            .call(
                "POST",
                "/complaints",
                Some(body!({ "request_id": request, "about": "everything", "to": "provider", "text": "My biometrics were refused wrongly." })),
            )
            .await;
        let p = problem(r, StatusCode::BAD_REQUEST, "invalid_request").await;
        assert_eq!(p["field"], "about");
        let r = app
            .call(
                "POST",
                "/complaints",
                Some(body!({ "request_id": "no-such-request", "about": "inaction", "to": "provider", "text": "Nothing happened at all for an hour." })),
            )
            .await;
        problem(r, StatusCode::NOT_FOUND, "request_not_found").await;

        let r = app
            .call(
                "POST",
                "/complaints",
                Some(complaint("My biometrics were refused wrongly.", "provider")),
            )
            .await;
        assert_eq!(r.status(), StatusCode::CREATED, "{}", t.name);
        let filed = json(r).await;
        assert!(
            filed["number"].as_str().unwrap().starts_with("ZH-"),
            "{filed}"
        );
        assert_eq!(filed["status"], "at_provider");
        assert_eq!(filed["to"], "provider");
        assert!(filed["forward_by"].is_string() && filed["review_by"].is_string());
        assert_eq!(filed["court_next"], false);
        // One under review per request.
        let r = app
            .call(
                "POST",
                "/complaints",
                Some(complaint("And again, the same refusal.", "provider")),
            )
            .await;
        problem(r, StatusCode::CONFLICT, "complaint_under_review").await;

        let id = filed["id"].as_str().unwrap();
        let listed = app.ok("GET", "/complaints", None).await;
        assert_eq!(listed["complaints"][0]["id"], id, "{}", t.name);
        let one = app.ok("GET", &format!("/complaints/{id}"), None).await;
        assert_eq!(one["number"], filed["number"]);
        // Another citizen's app sees neither.
        let other = App::sign_in(&api, "851102310000").await;
        let r = other.call("GET", &format!("/complaints/{id}"), None).await;
        problem(r, StatusCode::NOT_FOUND, "complaint_not_found").await;
        let theirs = other.ok("GET", "/complaints", None).await;
        assert_eq!(theirs["complaints"], body!([]), "{}", t.name);
        let audit = t.recent_actions(20).await;
        assert!(audit.iter().any(|a| a == "complaint_filed"), "{}", t.name);
        t.cleanup().await;
    }
}
