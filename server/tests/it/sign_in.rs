//! The sign-in service against both engines, with a test clock.

use crate::support;

use nomir::demo::DEMO_PASSWORD;
use nomir::domain::{Iin, IinError};
use nomir::services::session;
use nomir::services::sign_in::{sign_in, SignInError, FREE_FAILURES};
use nomir::services::staff;
use support::demo::engines_with_demo_data;
use support::engines;
use time::Duration;

#[tokio::test]
async fn a_demo_citizen_signs_in_and_out() {
    for t in engines_with_demo_data().await {
        let token = sign_in(&t.ports, "900515410001", DEMO_PASSWORD, "127.0.0.1")
            .await
            .unwrap()
            .session()
            .unwrap();
        let who = session::current(&t.ports, Some(&token)).await.unwrap();
        assert_eq!(who, Some(Iin::parse("900515410001").unwrap()), "{}", t.name);
        session::sign_out(&t.ports, who.as_ref().unwrap(), &token)
            .await
            .unwrap();
        assert_eq!(
            session::current(&t.ports, Some(&token)).await.unwrap(),
            None
        );
        let actions = t.recent_actions(5).await;
        assert_eq!(actions, ["sign_out", "sign_in"]);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn an_unknown_iin_and_a_wrong_password_get_the_same_answer() {
    for t in engines_with_demo_data().await {
        let wrong_password = sign_in(&t.ports, "900515410001", "not-the-password", "127.0.0.1")
            .await
            .unwrap_err();
        let unknown = sign_in(&t.ports, "991331700012", DEMO_PASSWORD, "127.0.0.1")
            .await
            .unwrap_err();
        assert!(
            matches!(wrong_password, SignInError::BadCredentials),
            "{}",
            t.name
        );
        assert!(matches!(unknown, SignInError::BadCredentials), "{}", t.name);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn malformed_input_is_refused_before_any_lookup() {
    for t in engines().await {
        let e = sign_in(&t.ports, "90051541000A", "x", "127.0.0.1")
            .await
            .unwrap_err();
        assert!(matches!(e, SignInError::InvalidIin(IinError::NotDigits)));
        let e = sign_in(&t.ports, "940140000385", "x", "127.0.0.1")
            .await
            .unwrap_err();
        assert!(matches!(e, SignInError::InvalidIin(IinError::LegalEntity)));
        let e = sign_in(&t.ports, "900515410001", "", "127.0.0.1")
            .await
            .unwrap_err();
        assert!(matches!(e, SignInError::EmptyPassword));
        let e = sign_in(&t.ports, "900515410001", &"x".repeat(10_000), "127.0.0.1")
            .await
            .unwrap_err();
        assert!(matches!(e, SignInError::BadCredentials));
        t.cleanup().await;
    }
}

#[tokio::test]
async fn repeated_failures_lock_the_account_for_a_while() {
    for t in engines_with_demo_data().await {
        for _ in 0..FREE_FAILURES {
            let e = sign_in(&t.ports, "851102310000", "wrong", "127.0.0.1")
                .await
                .unwrap_err();
            assert!(matches!(e, SignInError::BadCredentials));
        }
        // Even the right password waits until the lock ends.
        let e = sign_in(&t.ports, "851102310000", DEMO_PASSWORD, "127.0.0.1")
            .await
            .unwrap_err();
        assert!(matches!(e, SignInError::Locked { .. }), "{}: {e:?}", t.name);
        t.clock.advance(Duration::seconds(31));
        sign_in(&t.ports, "851102310000", DEMO_PASSWORD, "127.0.0.1")
            .await
            .unwrap();
        // Success clears the count.
        assert_eq!(
            t.ports
                .accounts
                .sign_in_failures(&nomir::services::sign_in::failure_key(
                    "851102310000",
                    "127.0.0.1"
                ))
                .await
                .unwrap()
                .count,
            0
        );
        t.cleanup().await;
    }
}

/// A guesser cannot keep a person out: the delays after failed passwords
/// are per (IIN, source), so the citizen signing in from elsewhere is not
/// slowed by someone else's guesses.
#[tokio::test]
async fn a_guesser_slows_only_themself_never_the_citizen() {
    for t in engines_with_demo_data().await {
        for _ in 0..FREE_FAILURES + 3 {
            let e = sign_in(&t.ports, "851102310000", "guess", "203.0.113.9")
                .await
                .unwrap_err();
            assert!(
                matches!(e, SignInError::BadCredentials | SignInError::Locked { .. }),
                "{}: {e:?}",
                t.name
            );
        }
        let e = sign_in(&t.ports, "851102310000", DEMO_PASSWORD, "203.0.113.9")
            .await
            .unwrap_err();
        assert!(matches!(e, SignInError::Locked { .. }), "{}: {e:?}", t.name);
        // The citizen, from their own place, signs in at once.
        sign_in(&t.ports, "851102310000", DEMO_PASSWORD, "198.51.100.7")
            .await
            .unwrap();
        // The same holds for officials.
        for _ in 0..FREE_FAILURES + 1 {
            let _ = staff::sign_in(&t.ports, "official.demo", "guess", "203.0.113.9").await;
        }
        assert!(matches!(
            staff::sign_in(&t.ports, "official.demo", DEMO_PASSWORD, "203.0.113.9").await,
            Err(SignInError::Locked { .. })
        ));
        staff::sign_in(&t.ports, "official.demo", DEMO_PASSWORD, "198.51.100.7")
            .await
            .unwrap();
        t.cleanup().await;
    }
}

/// The cheap limits come before any hash: a flood from one source, or
/// aimed at one IIN from many, is told to wait without a password check.
#[tokio::test]
async fn floods_are_refused_before_the_password_is_hashed() {
    use nomir::services::floods::FloodQuotas;
    for mut t in engines_with_demo_data().await {
        t.ports.floods = std::sync::Arc::new(nomir::services::floods::Floods::new(FloodQuotas {
            per_source: 3,
            per_identity: 5,
        }));
        for _ in 0..3 {
            let _ = sign_in(&t.ports, "900515410001", "guess", "203.0.113.9").await;
        }
        let e = sign_in(&t.ports, "851102310000", DEMO_PASSWORD, "203.0.113.9")
            .await
            .unwrap_err();
        assert!(matches!(e, SignInError::Locked { .. }), "{}: {e:?}", t.name);
        // Refused before the attempt was even counted (so before any hash).
        let key = nomir::services::sign_in::failure_key("851102310000", "203.0.113.9");
        let counted = t.ports.accounts.sign_in_failures(&key).await.unwrap();
        assert_eq!(counted.count, 0, "{}", t.name);
        // One IIN from many sources: limited too (5 a minute).
        for n in 0..2 {
            let _ = sign_in(
                &t.ports,
                "900515410001",
                "guess",
                &format!("198.51.100.{n}"),
            )
            .await;
        }
        let e = sign_in(&t.ports, "900515410001", DEMO_PASSWORD, "198.51.100.99")
            .await
            .unwrap_err();
        assert!(matches!(e, SignInError::Locked { .. }), "{}: {e:?}", t.name);
        // Another source, another IIN: no wait.
        sign_in(&t.ports, "851102310000", DEMO_PASSWORD, "198.51.100.50")
            .await
            .unwrap();
        t.cleanup().await;
    }
}

#[tokio::test]
async fn guesses_at_unknown_iins_leave_no_audit_and_their_records_are_forgotten() {
    use nomir::services::sign_in::{forget_old_failures, FAILURE_WINDOW};
    for t in engines_with_demo_data().await {
        let before = t.ports.audit.recent(100).await.unwrap().len();
        // A valid IIN with no account, guessed until locked out.
        let stranger = "010101300000";
        for _ in 0..FREE_FAILURES {
            let e = sign_in(&t.ports, stranger, "guess", "127.0.0.1")
                .await
                .unwrap_err();
            assert!(
                matches!(e, SignInError::BadCredentials),
                "{}: {e:?}",
                t.name
            );
        }
        assert_eq!(t.ports.audit.recent(100).await.unwrap().len(), before);
        let iin = Iin::parse(stranger).unwrap();
        assert_eq!(
            t.ports
                .accounts
                .sign_in_failures(&nomir::services::sign_in::failure_key(
                    iin.as_str(),
                    "127.0.0.1"
                ))
                .await
                .unwrap()
                .count,
            FREE_FAILURES
        );

        // Within the window, or while locked, the record stays.
        assert_eq!(
            forget_old_failures(&t.ports).await.unwrap(),
            0,
            "{}",
            t.name
        );
        t.clock.advance(FAILURE_WINDOW + Duration::seconds(1));
        assert_eq!(
            forget_old_failures(&t.ports).await.unwrap(),
            1,
            "{}",
            t.name
        );
        let left = t
            .ports
            .accounts
            .sign_in_failures(&nomir::services::sign_in::failure_key(
                iin.as_str(),
                "127.0.0.1",
            ))
            .await
            .unwrap();
        assert_eq!(left.count, 0, "{}", t.name);
        t.cleanup().await;
    }
}
