//! The 10-minute term: a request not completed in time expires, asked or swept.

use super::*;

#[tokio::test]
async fn a_request_not_completed_in_ten_minutes_expires() {
    for t in engines_with_demo_data().await {
        let person = iin("900515410001");
        let (request_id, code) = code_for(&t, &person, "+77011234567").await;
        let document = confirm_code(&t.ports, &person, &request_id, &code)
            .await
            .unwrap();
        t.clock.advance(Duration::minutes(10));
        let cms = sign_detached(&document, &citizen_key("900515410001-sign")).unwrap();
        let e = certify(&t.ports, &person, &request_id, &cms)
            .await
            .unwrap_err();
        assert!(
            matches!(e, CertifyError::Request(OpenRequestError::Expired)),
            "{}: {e:?}",
            t.name
        );
        let stored = t
            .ports
            .requests
            .request(&request_id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(stored.state, BindingState::Expired);
        assert!(nothing_bound(&t, "900515410001").await);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn overdue_requests_are_swept_without_anyone_asking() {
    for t in engines_with_demo_data().await {
        let person = iin("851102310000");
        let sent = request_code(&t.ports, &person, "+77051234568", true)
            .await
            .unwrap();
        t.clock.advance(Duration::minutes(9));
        assert_eq!(expire_overdue(&t.ports).await.unwrap(), 0);
        t.clock.advance(Duration::minutes(1));
        assert_eq!(expire_overdue(&t.ports).await.unwrap(), 1, "{}", t.name);
        let stored = t
            .ports
            .requests
            .request(&sent.request_id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(stored.state, BindingState::Expired);
        t.cleanup().await;
    }
}
