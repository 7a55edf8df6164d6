//! A newer request and the older ones: withdrawn or expired, their codes and signatures void.

use super::*;

#[tokio::test]
async fn a_newer_request_withdraws_the_older_one_and_its_code_and_signature_no_longer_bind() {
    for t in engines_with_demo_data().await {
        let yerlan = iin("851102310000");
        // Two requests, as from two browser tabs: the first gets as far as signing.
        let (first, first_code) = code_for(&t, &yerlan, "+77051234568").await;
        let document = confirm_code(&t.ports, &yerlan, &first, &first_code)
            .await
            .unwrap();
        let (second, second_code) = code_for(&t, &yerlan, "+77471234569").await;

        let first_state = t.ports.requests.request(&first).await.unwrap().unwrap();
        assert_eq!(first_state.state, BindingState::Withdrawn, "{}", t.name);
        let cms = sign_detached(&document, &citizen_key("851102310000-sign")).unwrap();
        assert!(
            matches!(
                certify(&t.ports, &yerlan, &first, &cms).await,
                Err(CertifyError::Request(OpenRequestError::Ended(
                    BindingState::Withdrawn
                )))
            ),
            "{}",
            t.name
        );
        assert!(nothing_bound(&t, "851102310000").await, "{}", t.name);

        // The newer request goes through, and it is the only one open.
        let open = t.ports.requests.open_requests_of(&yerlan).await.unwrap();
        assert_eq!(open.len(), 1);
        assert_eq!(open[0].id, second);
        let document = confirm_code(&t.ports, &yerlan, &second, &second_code)
            .await
            .unwrap();
        let cms = sign_detached(&document, &citizen_key("851102310000-sign")).unwrap();
        certify(&t.ports, &yerlan, &second, &cms).await.unwrap();
        let active = t.ports.bindings.active_binding(&yerlan).await.unwrap();
        assert_eq!(active.unwrap().msisdn.as_str(), "+77471234569");
        let withdrawn = t
            .ports
            .audit
            .recent(10)
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.action == "request_withdrawn")
            .count();
        assert_eq!(withdrawn, 1, "{}", t.name);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_newer_request_voids_the_older_requests_code() {
    for t in engines_with_demo_data().await {
        let yerlan = iin("851102310000");
        let (first, first_code) = code_for(&t, &yerlan, "+77051234568").await;
        code_for(&t, &yerlan, "+77471234569").await;
        assert!(
            matches!(
                confirm_code(&t.ports, &yerlan, &first, &first_code).await,
                Err(ConfirmCodeError::Request(OpenRequestError::Ended(
                    BindingState::Withdrawn
                )))
            ),
            "{}",
            t.name
        );
        let challenge = t.ports.requests.latest_challenge(&first).await.unwrap();
        assert!(challenge.unwrap().voided_at.is_some(), "{}", t.name);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn an_overdue_request_ends_as_expired_not_withdrawn_when_a_newer_one_starts() {
    for t in engines_with_demo_data().await {
        let person = iin("900515410001");
        let (first, _) = code_for(&t, &person, "+77011234567").await;
        t.clock.advance(Duration::minutes(11));
        code_for(&t, &person, "+77011234567").await;
        let first = t.ports.requests.request(&first).await.unwrap().unwrap();
        assert_eq!(first.state, BindingState::Expired, "{}", t.name);
        t.cleanup().await;
    }
}
