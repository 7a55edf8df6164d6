//! The bank channel's refusals: bad asks, another bank's request, the consent, another channel's request, the limits.

use super::*;

#[tokio::test]
async fn bad_asks_are_problems_and_a_request_is_the_asking_banks_only() {
    for t in engines().await {
        let api = Api::over(&t).await;
        let bank = bank(&api).await;
        let mut bad_docs = ask(YERLAN, HIS_NUMBER);
        bad_docs["permission"]["documents"] = body!("medical-records");
        let p = problem(
            bank.post("/binding-requests", bad_docs).await,
            StatusCode::BAD_REQUEST,
            "invalid_request",
        )
        .await;
        assert_eq!(p["field"], "permission.documents", "{}", t.name);
        let mut bad_expiry = ask(YERLAN, HIS_NUMBER);
        bad_expiry["permission"]["expires_at"] = body!("2020-01-01T00:00:00Z");
        let p = problem(
            bank.post("/binding-requests", bad_expiry).await,
            StatusCode::BAD_REQUEST,
            "invalid_request",
        )
        .await;
        assert_eq!(p["field"], "permission.expires_at");
        let mut not_a_time = ask(YERLAN, HIS_NUMBER);
        not_a_time["permission"]["expires_at"] = body!("next week");
        problem(
            bank.post("/binding-requests", not_a_time).await,
            StatusCode::BAD_REQUEST,
            "invalid_request",
        )
        .await;
        let r = bank
            .post("/binding-requests", ask("851102310001", HIS_NUMBER))
            .await;
        problem(r, StatusCode::BAD_REQUEST, "iin_check_digit").await;
        let r = bank
            .post("/binding-requests", ask(YERLAN, "+7 727 250 00 00"))
            .await;
        problem(r, StatusCode::BAD_REQUEST, "number_landline").await;
        let no_account = no_account();
        // No account, and a number the operator does not give him: one
        // answer, so the bank cannot tell who has an account.
        let r = bank
            .post("/binding-requests", ask(&no_account, HIS_NUMBER))
            .await;
        let none = problem(r, StatusCode::UNPROCESSABLE_ENTITY, "number_not_yours").await;
        // The same audit entry as for a refused number: the same work, so
        // the same time.
        assert!(
            t.recent_actions(3)
                .await
                .contains(&"code_not_sent".to_owned()),
            "{}",
            t.name
        );
        let r = bank
            .post("/binding-requests", ask(YERLAN, "+77011234567"))
            .await;
        let not_his = problem(r, StatusCode::UNPROCESSABLE_ENTITY, "number_not_yours").await;
        assert_eq!(none["detail"], not_his["detail"], "{}", t.name);
        assert_eq!(none["field"], not_his["field"], "{}", t.name);
        // A recent SIM change is not the bank's to learn: the same answer,
        // and no Retry-After that would date it.
        let r = bank
            .post("/binding-requests", ask("900515410001", "+77013330000"))
            .await;
        assert!(r.headers().get("retry-after").is_none(), "{}", t.name);
        let swapped = problem(r, StatusCode::UNPROCESSABLE_ENTITY, "number_not_yours").await;
        assert_eq!(swapped["detail"], none["detail"], "{}", t.name);
        let mut missing = ask(YERLAN, HIS_NUMBER);
        missing.as_object_mut().unwrap().remove("consent");
        let p = problem(
            bank.post("/binding-requests", missing).await,
            StatusCode::BAD_REQUEST,
            "invalid_request",
        )
        .await;
        assert_eq!(p["field"], "consent");

        // The mobile app may not use the bank's door, nor see its requests.
        let started = bank.ok("/binding-requests", ask(YERLAN, HIS_NUMBER)).await;
        let id = started["request"]["id"].as_str().unwrap();
        let app = api
            .token("demo-egov-mobile", "demo-egov-mobile-secret")
            .await;
        let r = api
            .get(&format!("/api/v1/bank/binding-requests/{id}"))
            .bearer_auth(&app)
            .send()
            .await
            .unwrap();
        problem(r, StatusCode::FORBIDDEN, "insufficient_scope").await;
        // Another bank gets 404 for this bank's request.
        nomir::services::api_clients::add(
            nomir::services::api_clients::Registry::of(&t.ports),
            nomir::services::api_clients::NewClient {
                id: nomir::domain::api_client::ClientId::parse("other-bank").unwrap(),
                name: "Other Bank".into(),
                kind: nomir::domain::api_client::ClientKind::Bank,
                scopes: nomir::domain::api_client::Scopes::parse("bind-with-documents-permission")
                    .unwrap(),
                calls_per_minute: 60,
            },
            Some("other-bank-secret-123".into()),
            "operator:test",
        )
        .await
        .unwrap();
        let other = api.token("other-bank", "other-bank-secret-123").await;
        let r = api
            .get(&format!("/api/v1/bank/binding-requests/{id}"))
            .bearer_auth(&other)
            .send()
            .await
            .unwrap();
        problem(r, StatusCode::NOT_FOUND, "request_not_found").await;
        let r = api
            .get(&format!("/api/v1/bank/permissions?iin={YERLAN}"))
            .bearer_auth(&other)
            .send()
            .await
            .unwrap();
        assert_eq!(json(r).await["permissions"], body!([]), "{}", t.name);
        // A missing or unknown query parameter is a problem too.
        for query in ["", "?iin=851102310000&x=1"] {
            let r = api
                .get(&format!("/api/v1/bank/permissions{query}"))
                .bearer_auth(&other)
                .send()
                .await
                .unwrap();
            problem(r, StatusCode::BAD_REQUEST, "invalid_request").await;
        }
        t.cleanup().await;
    }
}

/// The bank's consent is recorded as its statement with the request, never
/// over the citizen's own consent record; a bank that states none gets a
/// refusal on ground 2 after the citizen's code and biometrics.
#[tokio::test]
async fn the_banks_consent_is_its_statement_not_the_citizens_record() {
    for t in engines().await {
        let api = Api::over(&t).await;
        let bank = bank(&api).await;
        let iin = Iin::parse(YERLAN).unwrap();
        let before = t.ports.requests.active_consent(&iin).await.unwrap();
        let done = bank.bind(&t, YERLAN, HIS_NUMBER, 0.95).await;
        assert_eq!(done["request"]["state"], "bound", "{}", t.name);
        assert_eq!(
            t.ports.requests.active_consent(&iin).await.unwrap(),
            before,
            "{}: the citizen's record is untouched",
            t.name
        );
        // Without the bank's statement of consent: nothing is granted.
        let mut no_consent = ask(YERLAN, "+77051234568");
        no_consent["consent"] = body!(false);
        let started = bank.ok("/binding-requests", no_consent).await;
        let id = started["request"]["id"].as_str().unwrap();
        let (_, refused) = bank.finish(&t, id, YERLAN, "+77051234568", 0.95).await;
        assert_eq!(refused["request"]["state"], "refused", "{}", t.name);
        assert_eq!(refused["request"]["ending"]["ground"], "consent_missing");
        assert_eq!(refused["permission"]["state"], "not_granted");
        let bound = t
            .ports
            .bindings
            .active_binding(&iin)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(bound.msisdn.as_str(), HIS_NUMBER, "{}: unchanged", t.name);
        t.cleanup().await;
    }
}

/// A bank's call never withdraws or alters a request the citizen started
/// elsewhere: it is answered 409 and the citizen's request goes on.
#[tokio::test]
async fn a_bank_never_withdraws_a_request_started_elsewhere() {
    for t in engines().await {
        let api = Api::over(&t).await;
        let bank = bank(&api).await;
        let iin = Iin::parse(YERLAN).unwrap();
        // The server runs on the wall clock: the portal's request too.
        t.clock
            .advance(time::OffsetDateTime::now_utc() - nomir::ports::Clock::now(&*t.clock));
        let own = nomir::services::request_code::request_code(&t.ports, &iin, HIS_NUMBER, true)
            .await
            .unwrap();
        let r = bank
            .post("/binding-requests", ask(YERLAN, HIS_NUMBER))
            .await;
        problem(r, StatusCode::CONFLICT, "open_elsewhere").await;
        let open = t.ports.requests.open_requests_of(&iin).await.unwrap();
        assert_eq!(open.len(), 1, "{}", t.name);
        assert_eq!(open[0].id, own.request_id, "{}: still open", t.name);
        // The citizen's code still works on the portal.
        let code = code_sent_to(&t.ports, HIS_NUMBER).await;
        nomir::services::confirm_code::confirm_code(&t.ports, &iin, &own.request_id, &code)
            .await
            .unwrap();
        t.cleanup().await;
    }
}

/// A bank's codes count against that bank's own limits: however many it
/// sends, the citizen's own hourly codes are untouched.
#[tokio::test]
async fn a_banks_codes_do_not_use_the_citizens_limits() {
    for t in engines().await {
        let api = Api::over(&t).await;
        let bank = bank(&api).await;
        let mut limited = false;
        for _ in 0..12 {
            let r = bank
                .post("/binding-requests", ask(YERLAN, HIS_NUMBER))
                .await;
            if r.status() == StatusCode::TOO_MANY_REQUESTS {
                limited = true;
                break;
            }
            assert_eq!(r.status(), StatusCode::CREATED, "{}", t.name);
        }
        assert!(limited, "{}: the bank's own limit holds", t.name);
        let iin = Iin::parse(YERLAN).unwrap();
        t.clock
            .advance(time::OffsetDateTime::now_utc() - nomir::ports::Clock::now(&*t.clock));
        nomir::services::request_code::request_code(&t.ports, &iin, HIS_NUMBER, true)
            .await
            .unwrap_or_else(|e| panic!("{}: the citizen's own code: {e:?}", t.name));
        t.cleanup().await;
    }
}

/// A bank's questions to the operators count against that bank: the 31st
/// in a minute waits whether the citizen has an account or not (so the
/// limit does not tell the bank which), and the citizen's own channels,
/// counted apart, still ask.
#[tokio::test]
async fn a_banks_operator_questions_are_its_own_and_say_nothing_of_an_account() {
    for t in engines().await {
        let api = Api::over(&t).await;
        let bank = bank(&api).await;
        let no_account = no_account();
        for iin in [no_account.as_str(), YERLAN] {
            let mut answered = 0;
            loop {
                let r = bank
                    .post("/binding-requests", ask(iin, "+77011234567"))
                    .await;
                if r.status() == StatusCode::TOO_MANY_REQUESTS {
                    break;
                }
                problem(r, StatusCode::UNPROCESSABLE_ENTITY, "number_not_yours").await;
                answered += 1;
                assert!(answered <= 30, "{}: no limit for {iin}", t.name);
            }
            assert_eq!(answered, 30, "{}: {iin}", t.name);
        }
        nomir::services::request_code::request_code(
            &t.ports,
            &Iin::parse(YERLAN).unwrap(),
            HIS_NUMBER,
            true,
        )
        .await
        .unwrap_or_else(|e| panic!("{}: the citizen's own code: {e:?}", t.name));
        t.cleanup().await;
    }
}

/// A bank's request is certified in that bank's app alone (§7): after its
/// code, neither the citizen's EDS on the portal nor biometrics through
/// the mobile app's door take it on (its permission would take effect
/// without the bank's own step); the bank's biometrics then bind it.
#[tokio::test]
async fn a_banks_request_is_certified_through_the_bank_alone() {
    use nomir::domain::Channel;
    use nomir::services::biometric_certify::certify_with_biometrics;
    use nomir::services::certify::{certify, CertifyError};
    use nomir::services::confirm_code::{confirm_code, ConfirmCodeError};
    use nomir::services::open_request::OpenRequestError;
    use nomir::services::request_code::RequestCodeError;
    use nomir::services::resend_code::resend_code;
    for t in engines().await {
        let api = Api::over(&t).await;
        let bank = bank(&api).await;
        let started = bank.ok("/binding-requests", ask(YERLAN, HIS_NUMBER)).await;
        let id = started["request"]["id"].as_str().unwrap().to_owned();
        let code = code_sent_to(&t.ports, HIS_NUMBER).await;
        let iin = Iin::parse(YERLAN).unwrap();
        // The citizen's own channels take no step of it: not the code, not
        // a new code (the code stays the bank's to enter).
        let by_portal = confirm_code(&t.ports, &iin, &id, &code).await;
        assert!(
            matches!(
                by_portal,
                Err(ConfirmCodeError::Request(OpenRequestError::NotFound))
            ),
            "{}: {by_portal:?}",
            t.name
        );
        let resent = resend_code(&t.ports, &iin, &id).await;
        assert!(
            matches!(
                resent,
                Err(RequestCodeError::Request(OpenRequestError::NotFound))
            ),
            "{}: {resent:?}",
            t.name
        );
        let confirmed = bank
            .ok(
                &format!("/binding-requests/{id}/code"),
                body!({ "code": code }),
            )
            .await;
        let nonce = confirmed["request"]["biometric_nonce"]
            .as_str()
            .unwrap()
            .to_owned();
        // The app's door does not see it; the bank's does.
        use nomir::services::request_status::view_at;
        assert!(view_at(&t.ports, &iin, &id, Channel::MobileApp)
            .await
            .unwrap()
            .is_none());
        assert!(view_at(&t.ports, &iin, &id, Channel::Bank)
            .await
            .unwrap()
            .is_some());
        let by_eds = certify(&t.ports, &iin, &id, b"any signature").await;
        assert!(
            matches!(by_eds, Err(CertifyError::NotAwaitingCertification)),
            "{}: {by_eds:?}",
            t.name
        );
        let good = assertion(YERLAN, &nonce, 0.95);
        let by_app = certify_with_biometrics(&t.ports, &iin, &id, &good, Channel::MobileApp).await;
        assert!(
            matches!(by_app, Err(CertifyError::NotAwaitingCertification)),
            "{}: {by_app:?}",
            t.name
        );
        let permissions = bank.permissions(YERLAN).await;
        assert_eq!(permissions[0]["state"], "pending", "{}", t.name);
        let done = bank
            .ok(
                &format!("/binding-requests/{id}/biometrics"),
                body!({ "assertion": good }),
            )
            .await;
        assert_eq!(done["request"]["state"], "bound", "{}", t.name);
        assert_eq!(done["permission"]["state"], "in_force", "{}", t.name);
        t.cleanup().await;
    }
}
