//! A recent SIM change (`domain::sim_swap`): no code goes to a number whose
//! SIM card changed within the window, the citizen is told for how long,
//! and nobody learns it of a number that is not theirs. On SQLite and on
//! PostgreSQL, with the demo registry (Aigerim's `+77013330000` changed its
//! SIM 24 hours before the demo loaded).

use crate::support;

use nomir::domain::Iin;
use nomir::ports::Clock;
use nomir::services::request_code::{request_code, RequestCodeError};
use support::demo::{code_sent_to, engines_with_demo_data};
use time::Duration;

const AIGERIM: &str = "900515410001";
const DANA: &str = "991231410007";
const SWAPPED: &str = "+77013330000";

fn iin(s: &str) -> Iin {
    Iin::parse(s).unwrap()
}

#[tokio::test]
async fn no_code_goes_to_a_number_whose_sim_changed_in_the_window_until_it_passes() {
    for t in engines_with_demo_data().await {
        let e = request_code(&t.ports, &iin(AIGERIM), SWAPPED, true)
            .await
            .unwrap_err();
        let RequestCodeError::SimRecentlySwapped {
            codes_from,
            window_hours,
        } = e
        else {
            panic!("{}: {e:?}", t.name)
        };
        assert_eq!(window_hours, 72);
        assert_eq!(
            codes_from,
            t.clock.now() + Duration::hours(48),
            "{}",
            t.name
        );
        let outbox = t.ports.outbox.outbox().await.unwrap();
        assert!(
            outbox.iter().all(|m| m.msisdn.as_str() != SWAPPED),
            "{}: no SMS to the swapped SIM",
            t.name
        );
        assert!(t
            .ports
            .requests
            .open_requests_of(&iin(AIGERIM))
            .await
            .unwrap()
            .is_empty());
        let audit = t.ports.audit.recent(5).await.unwrap();
        assert_eq!(audit[0].action.code(), "code_not_sent", "{}", t.name);
        assert!(audit[0].detail.contains("reason=sim_swapped"), "{}", t.name);

        // A second before the window ends: still none; at its end, a code.
        t.clock.advance(Duration::hours(48) - Duration::seconds(1));
        assert!(matches!(
            request_code(&t.ports, &iin(AIGERIM), SWAPPED, true).await,
            Err(RequestCodeError::SimRecentlySwapped { .. })
        ));
        t.clock.advance(Duration::seconds(1));
        request_code(&t.ports, &iin(AIGERIM), SWAPPED, true)
            .await
            .unwrap_or_else(|e| panic!("{}: {e:?}", t.name));
        assert_eq!(code_sent_to(&t.ports, SWAPPED).await.len(), 6);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_stranger_learns_nothing_of_the_sim_of_a_number_that_is_not_theirs() {
    for t in engines_with_demo_data().await {
        let e = request_code(&t.ports, &iin(DANA), SWAPPED, true)
            .await
            .unwrap_err();
        assert!(
            matches!(e, RequestCodeError::NumberNotYours),
            "{}: the same answer as any stranger's number: {e:?}",
            t.name
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_zero_window_turns_the_rule_off() {
    for mut t in engines_with_demo_data().await {
        t.ports.sim_swap_window = Duration::ZERO;
        request_code(&t.ports, &iin(AIGERIM), SWAPPED, true)
            .await
            .unwrap_or_else(|e| panic!("{}: {e:?}", t.name));
        t.cleanup().await;
    }
}

/// Aigerim's SIM of `number` changes now; `seconds` later a new code is
/// asked for on `request`: what the service answers.
async fn new_code_after_a_sim_change(
    t: &crate::support::TestDb,
    number: &nomir::domain::Msisdn,
    request: &str,
    seconds: i64,
) -> RequestCodeError {
    crate::support::demo::sim_changed_now(t, number, iin(AIGERIM)).await;
    t.clock.advance(Duration::seconds(seconds));
    nomir::services::resend_code::resend_code(&t.ports, &iin(AIGERIM), request)
        .await
        .unwrap_err()
}

#[tokio::test]
async fn a_new_code_is_not_sent_once_the_sim_has_changed_since_the_first() {
    for t in engines_with_demo_data().await {
        let number = "+77017654321";
        let sent = request_code(&t.ports, &iin(AIGERIM), number, true)
            .await
            .unwrap();
        let e = new_code_after_a_sim_change(&t, &sent.msisdn, &sent.request_id, 120).await;
        assert!(
            matches!(e, RequestCodeError::SimRecentlySwapped { .. }),
            "{}: {e:?}",
            t.name
        );
        let codes = t.ports.outbox.outbox().await.unwrap();
        assert_eq!(
            codes.iter().filter(|m| m.msisdn.as_str() == number).count(),
            1,
            "{}: only the first code",
            t.name
        );
        t.cleanup().await;
    }
}

/// The minute between codes is a cheap limit, decided before the operator
/// is asked about the SIM (an outside call): a new code asked for too soon
/// hears "wait", even from a number whose SIM has changed since.
#[tokio::test]
async fn a_new_code_asked_too_soon_waits_before_any_sim_question() {
    for t in engines_with_demo_data().await {
        let sent = request_code(&t.ports, &iin(AIGERIM), "+77017654321", true)
            .await
            .unwrap();
        let e = new_code_after_a_sim_change(&t, &sent.msisdn, &sent.request_id, 30).await;
        assert!(
            matches!(e, RequestCodeError::TooSoon { .. }),
            "{}: {e:?}",
            t.name
        );
        t.cleanup().await;
    }
}

/// Past the request's term the early "wait" is not given: the request is
/// ended as expired, as it was before the early check (a code sent at
/// 9:10 of the term, another asked for at 10:05).
#[tokio::test]
async fn a_new_code_asked_after_the_term_hears_it_expired_not_wait() {
    use nomir::services::open_request::OpenRequestError;
    use nomir::services::resend_code::resend_code;
    for t in engines_with_demo_data().await {
        let sent = request_code(&t.ports, &iin(AIGERIM), "+77017654321", true)
            .await
            .unwrap();
        t.clock.advance(Duration::seconds(9 * 60 + 10));
        resend_code(&t.ports, &iin(AIGERIM), &sent.request_id)
            .await
            .unwrap_or_else(|e| panic!("{}: {e:?}", t.name));
        t.clock.advance(Duration::seconds(55));
        let e = resend_code(&t.ports, &iin(AIGERIM), &sent.request_id)
            .await
            .unwrap_err();
        assert!(
            matches!(e, RequestCodeError::Request(OpenRequestError::Expired)),
            "{}: {e:?}",
            t.name
        );
        t.cleanup().await;
    }
}

/// A bank's request gets no new code through the citizen's own channels
/// (the bank's app alone goes on with it), so nothing of a SIM changed
/// since is told there either.
#[tokio::test]
async fn a_banks_request_gets_no_new_code_from_the_citizens_channels() {
    use nomir::domain::api_client::ClientId;
    use nomir::services::bank::{start, BankAsk};
    for t in engines_with_demo_data().await {
        let bank = ClientId::parse("demo-bank").unwrap();
        let number = "+77017654321";
        let ask = BankAsk {
            iin: AIGERIM.into(),
            number: number.into(),
            documents: "identity-card".into(),
            expires_at: t.clock.now() + Duration::days(30),
            consent: true,
        };
        let sent = start(&t.ports, &bank, ask).await.unwrap();
        let e = new_code_after_a_sim_change(&t, &sent.msisdn, &sent.request_id, 120).await;
        assert!(
            matches!(
                e,
                RequestCodeError::Request(
                    nomir::services::open_request::OpenRequestError::NotFound
                )
            ),
            "{}: {e:?}",
            t.name
        );
        t.cleanup().await;
    }
}

/// The operators are an outside call: an account trying number after
/// number gets 30 questions a minute, then "wait" before any call is made.
#[tokio::test]
async fn an_account_asks_the_operators_at_most_thirty_times_a_minute() {
    for t in engines_with_demo_data().await {
        for n in 0..30 {
            let e = request_code(&t.ports, &iin(DANA), &format!("+7701000{n:04}"), true)
                .await
                .unwrap_err();
            assert!(
                matches!(e, RequestCodeError::NumberNotYours),
                "{}: {n}: {e:?}",
                t.name
            );
        }
        let e = request_code(&t.ports, &iin(DANA), "+77010009999", true)
            .await
            .unwrap_err();
        assert!(
            matches!(e, RequestCodeError::TooSoon { .. }),
            "{}: {e:?}",
            t.name
        );
        // Another account is not held up by it.
        let e = request_code(&t.ports, &iin(AIGERIM), "+77010009999", true)
            .await
            .unwrap_err();
        assert!(
            matches!(e, RequestCodeError::NumberNotYours),
            "{}: {e:?}",
            t.name
        );
        t.clock.advance(Duration::minutes(1));
        let e = request_code(&t.ports, &iin(DANA), "+77010009999", true)
            .await
            .unwrap_err();
        assert!(
            matches!(e, RequestCodeError::NumberNotYours),
            "{}: {e:?}",
            t.name
        );
        t.cleanup().await;
    }
}
