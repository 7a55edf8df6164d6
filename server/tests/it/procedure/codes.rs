//! The one-time code: wrong tries, its lifetime and resend, the hourly limits, a used code.

use super::*;

#[tokio::test]
async fn three_wrong_codes_end_the_request_and_the_right_code_no_longer_works() {
    for t in engines_with_demo_data().await {
        let person = iin("900515410001");
        let (request_id, right) = code_for(&t, &person, "+77011234567").await;
        let wrong = wrong_code(&right);
        let e = confirm_code(&t.ports, &person, &request_id, wrong)
            .await
            .unwrap_err();
        assert!(
            matches!(e, ConfirmCodeError::Wrong { tries_left: 2 }),
            "{e:?}"
        );
        let e = confirm_code(&t.ports, &person, &request_id, wrong)
            .await
            .unwrap_err();
        assert!(
            matches!(e, ConfirmCodeError::Wrong { tries_left: 1 }),
            "{e:?}"
        );
        let e = confirm_code(&t.ports, &person, &request_id, wrong)
            .await
            .unwrap_err();
        assert!(matches!(e, ConfirmCodeError::TooManyTries), "{e:?}");
        let e = confirm_code(&t.ports, &person, &request_id, &right)
            .await
            .unwrap_err();
        assert!(
            matches!(
                e,
                ConfirmCodeError::Request(OpenRequestError::Ended(BindingState::Ended(
                    EndReason::CodeNotConfirmed
                )))
            ),
            "{}: {e:?}",
            t.name
        );
        assert!(nothing_bound(&t, "900515410001").await);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_code_lives_five_minutes_and_a_new_one_comes_after_a_minute() {
    for t in engines_with_demo_data().await {
        let person = iin("900515410001");
        let (request_id, first) = code_for(&t, &person, "+77011234567").await;
        let e = resend_code(&t.ports, &person, &request_id)
            .await
            .unwrap_err();
        assert!(matches!(e, RequestCodeError::TooSoon { .. }), "{e:?}");
        t.clock.advance(Duration::minutes(5));
        let e = confirm_code(&t.ports, &person, &request_id, &first)
            .await
            .unwrap_err();
        assert!(
            matches!(e, ConfirmCodeError::CodeExpired),
            "{}: {e:?}",
            t.name
        );
        resend_code(&t.ports, &person, &request_id).await.unwrap();
        let second = code_sent_to(&t.ports, "+77011234567").await;
        confirm_code(&t.ports, &person, &request_id, &second)
            .await
            .unwrap();
        t.cleanup().await;
    }
}

#[tokio::test]
async fn at_most_five_codes_go_to_a_number_in_an_hour() {
    for t in engines_with_demo_data().await {
        let person = iin("900515410001");
        for _ in 0..5 {
            request_code(&t.ports, &person, "+77011234567", true)
                .await
                .unwrap();
        }
        let e = request_code(&t.ports, &person, "+77011234567", true)
            .await
            .unwrap_err();
        assert!(
            matches!(e, RequestCodeError::TooSoon { .. }),
            "{}: {e:?}",
            t.name
        );
        t.clock.advance(Duration::minutes(61));
        request_code(&t.ports, &person, "+77011234567", true)
            .await
            .unwrap();
        t.cleanup().await;
    }
}

#[tokio::test]
async fn one_account_gets_at_most_ten_codes_an_hour_whatever_the_numbers() {
    for mut t in engines_with_demo_data().await {
        let person = iin("900515410001");
        unknown_numbers_are(&mut t, "900515410001");
        for n in 0..10 {
            request_code(&t.ports, &person, &format!("+7701000000{n}"), true)
                .await
                .unwrap();
        }
        let e = request_code(&t.ports, &person, "+77011234567", true)
            .await
            .unwrap_err();
        assert!(
            matches!(e, RequestCodeError::TooSoon { .. }),
            "{}: {e:?}",
            t.name
        );
        // Another account is not held back by this one's limit.
        request_code(&t.ports, &iin("851102310000"), "+77051234568", true)
            .await
            .unwrap();
        t.clock.advance(Duration::minutes(61));
        request_code(&t.ports, &person, "+77011234567", true)
            .await
            .unwrap();
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_used_code_never_works_again() {
    for t in engines_with_demo_data().await {
        let person = iin("900515410001");
        let (request_id, code) = code_for(&t, &person, "+77011234567").await;
        confirm_code(&t.ports, &person, &request_id, &code)
            .await
            .unwrap();
        let again = confirm_code(&t.ports, &person, &request_id, &code).await;
        assert!(
            matches!(again, Err(ConfirmCodeError::NotAwaitingCode)),
            "{}: {again:?}",
            t.name
        );
        let stored = t
            .ports
            .requests
            .latest_challenge(&request_id)
            .await
            .unwrap()
            .unwrap();
        assert!(stored.used_at.is_some(), "{}", t.name);
        t.cleanup().await;
    }
}
