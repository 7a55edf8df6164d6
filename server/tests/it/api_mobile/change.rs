//! A change of number in the app (Rules §8): after the code to the new
//! number and the biometrics, the citizen's EDS signing key signs the
//! request's document; without it nothing changes.

use super::*;

const OLD: &str = "+77011234567";
const NEW: &str = "+77017654321";

impl App<'_> {
    /// Binds `number` with the code and biometrics.
    async fn bound(&self, t: &TestDb, number: &str) {
        let done = self.biometrics_passed(t, number).await;
        assert_eq!(done["state"], "bound", "{}", t.name);
    }

    /// Starts a request for `number`, enters its code and passes the biometrics.
    async fn biometrics_passed(&self, t: &TestDb, number: &str) -> Value {
        let confirmed = self.confirmed(t, number).await;
        let id = confirmed["id"].as_str().unwrap();
        let nonce = confirmed["biometric_nonce"].as_str().unwrap();
        self.ok(
            "POST",
            &format!("/binding-requests/{id}/biometrics"),
            Some(body!({ "assertion": assertion(AIGERIM, nonce, |_| {}) })),
        )
        .await
    }

    async fn sign(&self, id: &str, document: &[u8], key: &str) -> reqwest::Response {
        let cms = sign_detached(document, &citizen_key(&format!("{AIGERIM}-{key}"))).unwrap();
        self.call(
            "POST",
            &format!("/binding-requests/{id}/signature"),
            Some(body!({ "cms_base64": B64.encode(cms) })),
        )
        .await
    }

    async fn number(&self) -> Value {
        self.ok("GET", "/binding", None).await["binding"]["number"].clone()
    }
}

#[tokio::test]
async fn a_change_in_the_app_binds_only_with_the_citizens_eds_after_the_biometrics() {
    for t in engines().await {
        let api = Api::over(&t).await;
        let app = App::sign_in(&api, AIGERIM).await;
        app.bound(&t, OLD).await;

        // The signature before the biometrics is the wrong step.
        let confirmed = app.confirmed(&t, NEW).await;
        assert_eq!(confirmed["purpose"], "change", "{}", t.name);
        assert_eq!(confirmed["state"], "awaiting_biometrics");
        assert!(confirmed.get("document_base64").is_none());
        let id = confirmed["id"].as_str().unwrap().to_owned();
        let r = app.sign(&id, b"anything", "sign").await;
        problem(r, StatusCode::CONFLICT, "wrong_step").await;

        // The biometrics pass: the request now waits for the EDS, and
        // nothing has changed yet.
        let nonce = confirmed["biometric_nonce"].as_str().unwrap();
        let waiting = app
            .ok(
                "POST",
                &format!("/binding-requests/{id}/biometrics"),
                Some(body!({ "assertion": assertion(AIGERIM, nonce, |_| {}) })),
            )
            .await;
        assert_eq!(waiting["state"], "awaiting_signature", "{}", t.name);
        assert!(waiting.get("biometric_nonce").is_none());
        let document = B64
            .decode(waiting["document_base64"].as_str().unwrap())
            .unwrap();
        let text = String::from_utf8_lossy(&document);
        assert!(text.contains(&id) && text.contains("change"), "{text}");
        assert!(
            !text.contains(nonce),
            "a fresh nonce, not the biometric one"
        );
        assert_eq!(app.number().await, OLD, "{}", t.name);
        // The same biometrics again are the wrong step now.
        let r = app
            .call(
                "POST",
                &format!("/binding-requests/{id}/biometrics"),
                Some(body!({ "assertion": assertion(AIGERIM, nonce, |_| {}) })),
            )
            .await;
        problem(r, StatusCode::CONFLICT, "wrong_step").await;

        // The authentication key is refused; the request waits.
        let r = app.sign(&id, &document, "auth").await;
        problem(r, StatusCode::UNPROCESSABLE_ENTITY, "wrong_key_sign").await;
        let r = app
            .call(
                "POST",
                &format!("/binding-requests/{id}/signature"),
                Some(body!({ "cms_base64": "not base64!" })),
            )
            .await;
        problem(r, StatusCode::BAD_REQUEST, "invalid_request").await;
        assert_eq!(app.number().await, OLD);

        // The signing key binds the new number; the old binding ends.
        let r = app.sign(&id, &document, "sign").await;
        assert_eq!(r.status(), StatusCode::OK, "{}", t.name);
        assert_eq!(json(r).await["state"], "bound");
        assert_eq!(app.number().await, NEW, "{}", t.name);
        let audit = t.recent_actions(50).await;
        assert!(audit.iter().any(|a| a == "biometrics_passed"), "{}", t.name);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn without_the_signature_a_change_in_the_app_expires_and_binds_nothing() {
    for t in engines().await {
        let api = Api::over(&t).await;
        let app = App::sign_in(&api, AIGERIM).await;
        app.bound(&t, OLD).await;
        let waiting = app.biometrics_passed(&t, NEW).await;
        assert_eq!(waiting["state"], "awaiting_signature", "{}", t.name);
        let id = waiting["id"].as_str().unwrap().to_owned();
        let document = B64
            .decode(waiting["document_base64"].as_str().unwrap())
            .unwrap();
        // The demo server's clock, 11 minutes on: the term has passed.
        let moved = api
            .http
            .post(format!("{}/demo/clock?minutes=11", api.base))
            .send()
            .await
            .unwrap();
        assert_eq!(moved.status(), StatusCode::NO_CONTENT, "{}", t.name);
        // The app's token is short-lived: it signs the citizen in again.
        let app = App::sign_in(&api, AIGERIM).await;
        let ended = app
            .ok("GET", &format!("/binding-requests/{id}"), None)
            .await;
        assert_eq!(ended["state"], "expired", "{}", t.name);
        // A signature after the term ends changes nothing.
        let late = app.sign(&id, &document, "sign").await;
        assert_eq!(late.status(), StatusCode::OK);
        assert_eq!(json(late).await["state"], "expired");
        assert_eq!(app.number().await, OLD, "{}", t.name);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn the_portal_finishes_an_app_change_only_after_its_biometrics() {
    use nomir::domain::Iin;
    use nomir::services::certify::{certify, CertifyError};
    use nomir::services::request_status;
    for t in engines().await {
        let api = Api::over(&t).await;
        let app = App::sign_in(&api, AIGERIM).await;
        app.bound(&t, OLD).await;
        let confirmed = app.confirmed(&t, NEW).await;
        let id = confirmed["id"].as_str().unwrap().to_owned();
        let who = Iin::parse(AIGERIM).unwrap();
        let key = citizen_key(&format!("{AIGERIM}-sign"));
        // Before the biometrics, the portal's EDS step is closed to it.
        let status = request_status::view(&t.ports, &who, &id)
            .await
            .unwrap()
            .unwrap();
        let cms = sign_detached(&status.document.unwrap(), &key).unwrap();
        let early = certify(&t.ports, &who, &id, &cms).await;
        assert!(
            matches!(early, Err(CertifyError::NotAwaitingCertification)),
            "{}: {early:?}",
            t.name
        );
        assert_eq!(app.number().await, OLD);
        // After them, the citizen may sign on the portal as well.
        let nonce = confirmed["biometric_nonce"].as_str().unwrap();
        let waiting = app
            .ok(
                "POST",
                &format!("/binding-requests/{id}/biometrics"),
                Some(body!({ "assertion": assertion(AIGERIM, nonce, |_| {}) })),
            )
            .await;
        let document = B64
            .decode(waiting["document_base64"].as_str().unwrap())
            .unwrap();
        let cms = sign_detached(&document, &key).unwrap();
        certify(&t.ports, &who, &id, &cms).await.unwrap();
        assert_eq!(app.number().await, NEW, "{}", t.name);
        t.cleanup().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_biometrics_and_signatures_on_one_change_move_it_once() {
    use nomir::domain::Iin;
    use nomir::ports::Clock as _;
    use nomir::services::biometric_certify::certify_with_biometrics;
    use nomir::services::certify::certify;
    use support::at_once;
    for t in engines().await {
        let api = Api::over(&t).await;
        let app = App::sign_in(&api, AIGERIM).await;
        app.bound(&t, OLD).await;
        let confirmed = app.confirmed(&t, NEW).await;
        let id = confirmed["id"].as_str().unwrap().to_owned();
        let nonce = confirmed["biometric_nonce"].as_str().unwrap().to_owned();
        let who = Iin::parse(AIGERIM).unwrap();
        // Eight good assertions at once (timed by the test's clock): one moves it on.
        let now = t.clock.now().unix_timestamp();
        let jws = demo_assertion(&Claims {
            sub: AIGERIM.into(),
            nonce,
            liveness: true,
            score: 0.93,
            iat: now,
            exp: now + 120,
        })
        .unwrap();
        let ports = t.ports.clone();
        let passed = at_once(8, |_| {
            let (ports, who, id, jws) = (ports.clone(), who.clone(), id.clone(), jws.clone());
            async move {
                certify_with_biometrics(&ports, &who, &id, &jws, nomir::domain::Channel::MobileApp)
                    .await
            }
        })
        .await;
        let moved = passed.iter().filter(|r| matches!(r, Ok(None))).count();
        assert_eq!(moved, 1, "{}: {passed:?}", t.name);
        let audit = t.recent_actions(50).await;
        let count = |action: &str| audit.iter().filter(|a| *a == action).count();
        assert_eq!(count("biometrics_passed"), 1, "{}", t.name);
        // Eight signatures at once: one binds.
        let waiting = app
            .ok("GET", &format!("/binding-requests/{id}"), None)
            .await;
        assert_eq!(waiting["state"], "awaiting_signature", "{}", t.name);
        let document = B64
            .decode(waiting["document_base64"].as_str().unwrap())
            .unwrap();
        let cms = sign_detached(&document, &citizen_key(&format!("{AIGERIM}-sign"))).unwrap();
        let signed = at_once(8, |_| {
            let (ports, who, id, cms) = (ports.clone(), who.clone(), id.clone(), cms.clone());
            async move { certify(&ports, &who, &id, &cms).await }
        })
        .await;
        assert_eq!(
            signed.iter().filter(|r| r.is_ok()).count(),
            1,
            "{}: {signed:?}",
            t.name
        );
        assert_eq!(app.number().await, NEW, "{}", t.name);
        let audit = t.recent_actions(50).await;
        let bound = audit.iter().filter(|a| *a == "number_bound").count();
        assert_eq!(
            bound, 2,
            "{}: the first binding and the change, once",
            t.name
        );
        t.cleanup().await;
    }
}
