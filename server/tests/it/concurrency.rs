//! The procedure's limits under requests that arrive at the same moment
//! (SPEC §3.5, §7): real parallel tasks against the real store, on SQLite
//! and on PostgreSQL. Each limit must hold by construction (the database
//! serialises the competing requests), not by timing.

use crate::support;

use nomir::domain::{BindingState, EndReason, Iin};
use nomir::services::confirm_code::{confirm_code, ConfirmCodeError};
use nomir::services::request_code::{request_code, RequestCodeError};
use nomir::services::resend_code::resend_code;
use nomir::services::sign_in::{sign_in, SignInError};
use support::demo::{code_sent_to, engines_with_demo_data, wrong_code};
use support::{at_once, TestDb};
use time::Duration;

const AIGERIM: &str = "900515410001";
const NUMBER: &str = "+77011234567";

fn iin(s: &str) -> Iin {
    Iin::parse(s).unwrap()
}

async fn sms_to(t: &TestDb, number: &str) -> usize {
    let outbox = t.ports.outbox.outbox().await.unwrap();
    outbox
        .iter()
        .filter(|m| m.msisdn.as_str() == number)
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_wrong_guesses_count_three_tries_and_then_the_right_code_fails() {
    for t in engines_with_demo_data().await {
        let sent = request_code(&t.ports, &iin(AIGERIM), NUMBER, true)
            .await
            .unwrap();
        let right = code_sent_to(&t.ports, NUMBER).await;
        let wrong = wrong_code(&right);
        let results = at_once(20, |_| {
            let (ports, id) = (t.ports.clone(), sent.request_id.clone());
            async move { confirm_code(&ports, &iin(AIGERIM), &id, wrong).await }
        })
        .await;
        for r in &results {
            assert!(
                !matches!(r, Ok(_) | Err(ConfirmCodeError::Unexpected(_))),
                "{}: {r:?}",
                t.name
            );
        }
        let last = confirm_code(&t.ports, &iin(AIGERIM), &sent.request_id, &right).await;
        assert!(
            last.is_err(),
            "{}: the right code worked after 20 wrong",
            t.name
        );
        let code = t
            .ports
            .requests
            .latest_challenge(&sent.request_id)
            .await
            .unwrap()
            .unwrap();
        eprintln!(
            "{}: 20 parallel wrong codes counted {} tries",
            t.name, code.wrong_tries
        );
        assert_eq!(code.wrong_tries, 3, "{}: tries counted", t.name);
        let request = t.ports.requests.request(&sent.request_id).await.unwrap();
        assert_eq!(
            request.unwrap().state,
            BindingState::Ended(EndReason::CodeNotConfirmed),
            "{}",
            t.name
        );
        t.cleanup().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn wrong_guesses_and_the_right_code_at_once_never_bind_after_three_wrong() {
    for t in engines_with_demo_data().await {
        for round in 0..3 {
            let sent = request_code(&t.ports, &iin(AIGERIM), NUMBER, true)
                .await
                .unwrap();
            let right = code_sent_to(&t.ports, NUMBER).await;
            let wrong = wrong_code(&right);
            let results = at_once(10, |i| {
                let (ports, id) = (t.ports.clone(), sent.request_id.clone());
                let code = if i == 5 {
                    right.clone()
                } else {
                    wrong.to_owned()
                };
                async move { confirm_code(&ports, &iin(AIGERIM), &id, &code).await }
            })
            .await;
            let won = results.iter().filter(|r| r.is_ok()).count();
            let code = t
                .ports
                .requests
                .latest_challenge(&sent.request_id)
                .await
                .unwrap()
                .unwrap();
            assert!(code.wrong_tries <= 3, "{} round {round}: {code:?}", t.name);
            if won == 1 {
                assert!(code.wrong_tries < 3, "{} round {round}: {code:?}", t.name);
            }
            assert!(won <= 1);
            t.clock.advance(Duration::minutes(7));
        }
        t.cleanup().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn thirty_parallel_code_requests_for_one_number_send_at_most_the_limit() {
    for t in engines_with_demo_data().await {
        let results = at_once(30, |_| {
            let ports = t.ports.clone();
            async move { request_code(&ports, &iin(AIGERIM), NUMBER, true).await }
        })
        .await;
        let unexpected: Vec<_> = results
            .iter()
            .filter(|r| matches!(r, Err(RequestCodeError::Unexpected(_))))
            .collect();
        assert!(unexpected.is_empty(), "{}: {unexpected:?}", t.name);
        let sent = sms_to(&t, NUMBER).await;
        eprintln!(
            "{}: 30 parallel requests for one number sent {sent} SMS",
            t.name
        );
        assert_eq!(sent, 5, "{}: SMS to one number", t.name);
        assert_eq!(
            results.iter().filter(|r| r.is_ok()).count(),
            sent,
            "{}",
            t.name
        );
        let open = t
            .ports
            .requests
            .open_requests_of(&iin(AIGERIM))
            .await
            .unwrap();
        assert_eq!(open.len(), 1, "{}: open requests", t.name);
        t.cleanup().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn thirty_parallel_code_requests_for_many_numbers_send_at_most_ten_for_one_account() {
    for mut t in engines_with_demo_data().await {
        support::demo::unknown_numbers_are(&mut t, AIGERIM);
        let results = at_once(30, |i| {
            let ports = t.ports.clone();
            async move {
                let number = format!("+7701000{:04}", i + 10);
                request_code(&ports, &iin(AIGERIM), &number, true).await
            }
        })
        .await;
        for r in &results {
            assert!(
                matches!(r, Ok(_) | Err(RequestCodeError::TooSoon { .. })),
                "{}: {r:?}",
                t.name
            );
        }
        let sent = t.ports.outbox.outbox().await.unwrap().len();
        eprintln!(
            "{}: 30 parallel requests for 30 numbers sent {sent} SMS",
            t.name
        );
        assert_eq!(sent, 10, "{}: SMS for one account", t.name);
        t.cleanup().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_resends_send_one_code() {
    for t in engines_with_demo_data().await {
        let sent = request_code(&t.ports, &iin(AIGERIM), NUMBER, true)
            .await
            .unwrap();
        t.clock.advance(Duration::seconds(61));
        let results = at_once(10, |_| {
            let (ports, id) = (t.ports.clone(), sent.request_id.clone());
            async move { resend_code(&ports, &iin(AIGERIM), &id).await }
        })
        .await;
        let resent = results.iter().filter(|r| r.is_ok()).count();
        eprintln!("{}: 10 parallel resends sent {resent}", t.name);
        assert_eq!(resent, 1, "{}: {results:?}", t.name);
        assert_eq!(sms_to(&t, NUMBER).await, 2, "{}", t.name);
        t.cleanup().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_sign_in_failures_are_all_counted() {
    for t in engines_with_demo_data().await {
        let results = at_once(20, |_| {
            let ports = t.ports.clone();
            async move { sign_in(&ports, AIGERIM, "not-the-password", "127.0.0.1").await }
        })
        .await;
        let refused = results
            .iter()
            .filter(|r| matches!(r, Err(SignInError::BadCredentials)))
            .count();
        for r in &results {
            assert!(
                matches!(
                    r,
                    Err(SignInError::BadCredentials | SignInError::Locked { .. })
                ),
                "{}: {r:?}",
                t.name
            );
        }
        let failures = t
            .ports
            .accounts
            .sign_in_failures(&nomir::services::sign_in::failure_key(AIGERIM, "127.0.0.1"))
            .await
            .unwrap();
        eprintln!(
            "{}: 20 parallel wrong passwords: {refused} checked and counted, the rest locked out",
            t.name
        );
        assert_eq!(failures.count as usize, refused, "{}", t.name);
        assert_eq!(refused, 5, "{}: checked before the lock-out", t.name);
        assert!(failures.locked_until.is_some(), "{}", t.name);
        t.cleanup().await;
    }
}
