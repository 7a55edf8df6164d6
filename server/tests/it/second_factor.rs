//! Signing in with a code to the bound number (`services::second_factor`),
//! on SQLite and PostgreSQL: turned on only with a bound number (ending
//! the account's other sessions); a right password then sends a code
//! instead of starting a session; the code's rules are the binding's (3
//! wrong entries, a minute between codes, 5 an hour to a number with the
//! binding's codes), decided by the database under parallel calls; an
//! attempt is its own browser's and lasts 15 minutes; a binding that ends
//! stops its codes at once.

use crate::support;

use nomir::domain::Iin;
use nomir::ports::{BindingEndReason, Clock};
use nomir::services::second_factor::{self, SecondFactorError, ATTEMPT_LIFETIME};
use nomir::services::session;
use nomir::services::sign_in::{sign_in, SignInError, SignedIn};
use support::demo::{code_sent_to, engines_with_demo_data, wrong_code};
use support::{at_once, TestDb};
use time::Duration;

const MADINA: &str = "880808410008";
const NUMBER: &str = "+77025551234";
const PASSWORD: &str = "demo-pass-2026";

fn madina() -> Iin {
    Iin::parse(MADINA).unwrap()
}

/// Binds Madina's number, as a finished procedure would have.
async fn bind(t: &TestDb) {
    support::demo::bind_directly(t, MADINA, NUMBER).await;
}

/// A session of Madina's, while the factor is off: its token.
async fn session_of(t: &TestDb) -> String {
    sign_in(&t.ports, MADINA, PASSWORD, "127.0.0.1")
        .await
        .unwrap()
        .session()
        .expect("the factor is off")
}

/// Binds the number and turns the factor on from a session.
async fn factor_on(t: &TestDb) {
    bind(t).await;
    let here = session_of(t).await;
    second_factor::set(&t.ports, &madina(), &here, true)
        .await
        .unwrap();
}

/// A password sign-in that must stop at the code: the attempt's token.
async fn attempt(t: &TestDb) -> String {
    match sign_in(&t.ports, MADINA, PASSWORD, "127.0.0.1")
        .await
        .unwrap()
    {
        SignedIn::CodeSent(token) => token,
        SignedIn::Session(_) => panic!("{}: signed in without the code", t.name),
    }
}

#[tokio::test]
async fn with_the_second_factor_on_a_password_alone_never_opens_a_session() {
    for t in engines_with_demo_data().await {
        // No number, no such option.
        let here = session_of(&t).await;
        let e = second_factor::set(&t.ports, &madina(), &here, true)
            .await
            .unwrap_err();
        assert!(
            matches!(e, SecondFactorError::NoBoundNumber),
            "{}: {e:?}",
            t.name
        );
        bind(&t).await;
        // Turned on: every other session (opened by the password alone) ends.
        let elsewhere = session_of(&t).await;
        second_factor::set(&t.ports, &madina(), &here, true)
            .await
            .unwrap();
        assert_eq!(
            session::current(&t.ports, Some(&elsewhere)).await.unwrap(),
            None
        );
        assert_eq!(
            session::current(&t.ports, Some(&here)).await.unwrap(),
            Some(madina())
        );

        let token = attempt(&t).await;
        let code = code_sent_to(&t.ports, NUMBER).await;
        let pending = second_factor::pending(&t.ports, Some(&token))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(pending.msisdn.hint(), "+7 *** *** ** 34", "{}", t.name);
        // A wrong code: two tries left, and no session.
        let e = second_factor::confirm(&t.ports, Some(&token), wrong_code(&code))
            .await
            .unwrap_err();
        assert!(
            matches!(e, SecondFactorError::WrongCode { tries_left: 2 }),
            "{}: {e:?}",
            t.name
        );
        // Another browser's attempt (a sign-in of its own) cannot use this code.
        let other = attempt(&t).await;
        let theirs = code_sent_to(&t.ports, NUMBER).await;
        if theirs != code {
            let e = second_factor::confirm(&t.ports, Some(&other), &code)
                .await
                .unwrap_err();
            assert!(
                matches!(e, SecondFactorError::WrongCode { .. }),
                "{}: {e:?}",
                t.name
            );
        }
        let session_token = second_factor::confirm(&t.ports, Some(&token), &code)
            .await
            .unwrap();
        let who = session::current(&t.ports, Some(&session_token))
            .await
            .unwrap();
        assert_eq!(who, Some(madina()), "{}", t.name);
        // Used: never again.
        let e = second_factor::confirm(&t.ports, Some(&token), &code)
            .await
            .unwrap_err();
        assert!(
            matches!(e, SecondFactorError::AttemptOver),
            "{}: {e:?}",
            t.name
        );
        let actions = t.recent_actions(3).await;
        assert_eq!(actions[0], "sign_in", "{}: {actions:?}", t.name);
        // Turned off: the password alone signs in again.
        second_factor::set(&t.ports, &madina(), &session_token, false)
            .await
            .unwrap();
        assert_eq!(t.recent_actions(1).await, ["second_factor_off"]);
        let signed = sign_in(&t.ports, MADINA, PASSWORD, "127.0.0.1")
            .await
            .unwrap();
        assert!(matches!(signed, SignedIn::Session(_)), "{}", t.name);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn three_wrong_codes_in_parallel_void_the_code_and_resending_waits_a_minute() {
    for t in engines_with_demo_data().await {
        factor_on(&t).await;
        let token = attempt(&t).await;
        let code = code_sent_to(&t.ports, NUMBER).await;
        let wrong = wrong_code(&code).to_owned();
        let results = at_once(8, |_| {
            let (ports, token, wrong) = (t.ports.clone(), token.clone(), wrong.clone());
            async move { second_factor::confirm(&ports, Some(&token), &wrong).await }
        })
        .await;
        let counted = results
            .iter()
            .filter(|r| matches!(r, Err(SecondFactorError::WrongCode { .. })))
            .count();
        assert_eq!(counted, 3, "{}: {results:?}", t.name);
        // The code is void: even the right one no longer opens a session.
        let e = second_factor::confirm(&t.ports, Some(&token), &code)
            .await
            .unwrap_err();
        assert!(
            matches!(e, SecondFactorError::AttemptOver),
            "{}: {e:?}",
            t.name
        );
        // A new code only after a minute; of parallel asks, one is sent.
        let e = second_factor::resend(&t.ports, Some(&token))
            .await
            .unwrap_err();
        assert!(
            matches!(e, SecondFactorError::TooSoon { .. }),
            "{}: {e:?}",
            t.name
        );
        t.clock.advance(Duration::seconds(61));
        let results = at_once(5, |_| {
            let (ports, token) = (t.ports.clone(), token.clone());
            async move { second_factor::resend(&ports, Some(&token)).await }
        })
        .await;
        assert_eq!(
            results.iter().filter(|r| r.is_ok()).count(),
            1,
            "{}: {results:?}",
            t.name
        );
        let fresh = code_sent_to(&t.ports, NUMBER).await;
        second_factor::confirm(&t.ports, Some(&token), &fresh)
            .await
            .unwrap();
        t.cleanup().await;
    }
}

/// The minute between codes is a cheap limit, decided before the operator
/// is asked about the SIM (an outside call): "wait", even though the SIM
/// has changed since the first code.
#[tokio::test]
async fn a_new_code_asked_too_soon_waits_before_any_sim_question() {
    for t in engines_with_demo_data().await {
        factor_on(&t).await;
        let token = attempt(&t).await;
        let number = nomir::domain::Msisdn::parse(NUMBER).unwrap();
        crate::support::demo::sim_changed_now(&t, &number, madina()).await;
        t.clock.advance(Duration::seconds(30));
        let e = second_factor::resend(&t.ports, Some(&token))
            .await
            .unwrap_err();
        assert!(
            matches!(e, SecondFactorError::TooSoon { .. }),
            "{}: {e:?}",
            t.name
        );
        t.clock.advance(Duration::seconds(31));
        let e = second_factor::resend(&t.ports, Some(&token))
            .await
            .unwrap_err();
        assert!(
            matches!(e, SecondFactorError::SimSwapped { .. }),
            "{}: {e:?}",
            t.name
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn codes_to_a_number_stop_at_five_an_hour_and_an_attempt_at_fifteen_minutes() {
    for t in engines_with_demo_data().await {
        // A binding code to the number counts against the same limit.
        nomir::services::request_code::request_code(&t.ports, &madina(), NUMBER, true)
            .await
            .unwrap();
        factor_on(&t).await;
        let first = attempt(&t).await;
        for _ in 0..3 {
            attempt(&t).await;
        }
        // One binding code and four sign-in codes this hour: no sixth.
        let e = sign_in(&t.ports, MADINA, PASSWORD, "127.0.0.1")
            .await
            .unwrap_err();
        assert!(
            matches!(
                e,
                SignInError::SecondFactor(SecondFactorError::TooSoon { .. })
            ),
            "{}: {e:?}",
            t.name
        );
        assert_eq!(t.recent_actions(1).await, ["sign_in_code_not_sent"]);
        // An attempt ends 15 minutes after its first code, new codes or not.
        t.clock.advance(ATTEMPT_LIFETIME);
        let e = second_factor::resend(&t.ports, Some(&first))
            .await
            .unwrap_err();
        assert!(
            matches!(e, SecondFactorError::AttemptOver),
            "{}: {e:?}",
            t.name
        );
        assert!(second_factor::pending(&t.ports, Some(&first))
            .await
            .unwrap()
            .is_none());
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_binding_that_ends_stops_its_codes_at_once() {
    for t in engines_with_demo_data().await {
        factor_on(&t).await;
        let token = attempt(&t).await;
        let code = code_sent_to(&t.ports, NUMBER).await;
        // The operator reassigns the number while the code is on its way.
        let mut tx = t
            .ports
            .requests
            .lock_account(&madina(), None)
            .await
            .unwrap();
        let bound = tx.active_binding().await.unwrap().unwrap();
        assert!(tx
            .end_binding(
                &bound.id,
                t.clock.now(),
                BindingEndReason::OperatorReassigned
            )
            .await
            .unwrap());
        tx.commit().await.unwrap();
        let e = second_factor::confirm(&t.ports, Some(&token), &code)
            .await
            .unwrap_err();
        assert!(
            matches!(e, SecondFactorError::AttemptOver),
            "{}: {e:?}",
            t.name
        );
        assert!(second_factor::pending(&t.ports, Some(&token))
            .await
            .unwrap()
            .is_none());
        // With no number, the password alone does not open a session either:
        // the citizen is sent to EDS, and the refusal is audited.
        let e = sign_in(&t.ports, MADINA, PASSWORD, "127.0.0.1")
            .await
            .unwrap_err();
        assert!(
            matches!(
                e,
                SignInError::SecondFactor(SecondFactorError::NoBoundNumber)
            ),
            "{}: {e:?}",
            t.name
        );
        assert_eq!(t.recent_actions(1).await, ["sign_in_code_not_sent"]);
        t.cleanup().await;
    }
}
