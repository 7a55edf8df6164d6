//! Signing in to the portal with EDS, on SQLite and PostgreSQL: the
//! authentication key over a one-time challenge opens a session; the
//! signing key is refused saying which key to choose; a challenge serves
//! once, in time; a first sign-in opens the account only when the identity
//! register confirms the person.

mod support;

use std::path::PathBuf;

use nomir::demo_pki::{sign_detached, KeyPair};
use nomir::domain::Iin;
use nomir::ports::{KeyPurpose, SignatureError};
use nomir::services::eds_sign_in::{self, EdsSignInError};
use nomir::services::session;
use support::at_once;
use support::demo::{citizen_key, engines_with_demo_data};
use time::Duration;

const AIGERIM: &str = "900515410001";
/// In the identity register, with demo certificates, without an account.
const ARMAN: &str = "950308300011";

fn test_key(stem: &str) -> KeyPair {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("demo-pki")
        .join("test");
    KeyPair::load(&dir, stem).expect("test key")
}

#[tokio::test]
async fn the_authentication_key_opens_a_session_once() {
    for t in engines_with_demo_data().await {
        let (id, text) = eds_sign_in::new_challenge(&t.ports).await.unwrap();
        let cms = sign_detached(text.as_bytes(), &citizen_key(&format!("{AIGERIM}-auth"))).unwrap();
        let token = eds_sign_in::sign_in(&t.ports, &id, &cms).await.unwrap();
        let who = session::current(&t.ports, Some(&token)).await.unwrap();
        assert_eq!(who, Iin::parse(AIGERIM).ok(), "{}", t.name);
        let audit = t.ports.audit.recent(5).await.unwrap();
        assert!(
            audit
                .iter()
                .any(|e| e.action == "sign_in" && e.detail.contains("method=eds")),
            "{}",
            t.name
        );
        // Replayed: the challenge served once.
        assert!(matches!(
            eds_sign_in::sign_in(&t.ports, &id, &cms).await,
            Err(EdsSignInError::ChallengeUnusable)
        ));
        t.cleanup().await;
    }
}

#[tokio::test]
async fn the_signing_key_is_refused_saying_which_key_to_choose_and_the_challenge_stays() {
    for t in engines_with_demo_data().await {
        let (id, text) = eds_sign_in::new_challenge(&t.ports).await.unwrap();
        let sign =
            sign_detached(text.as_bytes(), &citizen_key(&format!("{AIGERIM}-sign"))).unwrap();
        assert!(matches!(
            eds_sign_in::sign_in(&t.ports, &id, &sign).await,
            Err(EdsSignInError::Signature(SignatureError::WrongKey {
                expected: KeyPurpose::Auth
            }))
        ));
        // The citizen chooses the other key on the same page.
        let auth =
            sign_detached(text.as_bytes(), &citizen_key(&format!("{AIGERIM}-auth"))).unwrap();
        assert!(
            eds_sign_in::sign_in(&t.ports, &id, &auth).await.is_ok(),
            "{}",
            t.name
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_challenge_expires_and_another_challenge_is_not_this_one() {
    for t in engines_with_demo_data().await {
        let (first, first_text) = eds_sign_in::new_challenge(&t.ports).await.unwrap();
        let (second, _) = eds_sign_in::new_challenge(&t.ports).await.unwrap();
        let cms = sign_detached(
            first_text.as_bytes(),
            &citizen_key(&format!("{AIGERIM}-auth")),
        )
        .unwrap();
        // A signature over one challenge does not answer another.
        assert!(matches!(
            eds_sign_in::sign_in(&t.ports, &second, &cms).await,
            Err(EdsSignInError::Signature(SignatureError::ContentMismatch))
        ));
        t.clock
            .advance(eds_sign_in::CHALLENGE_LIFETIME + Duration::seconds(1));
        assert!(matches!(
            eds_sign_in::sign_in(&t.ports, &first, &cms).await,
            Err(EdsSignInError::ChallengeUnusable)
        ));
        assert!(matches!(
            eds_sign_in::sign_in(&t.ports, "no-such-challenge", &cms).await,
            Err(EdsSignInError::ChallengeUnusable)
        ));
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_first_sign_in_opens_the_account_the_register_confirms() {
    for t in engines_with_demo_data().await {
        let arman = Iin::parse(ARMAN).unwrap();
        assert!(t.ports.accounts.account(&arman).await.unwrap().is_none());
        let (id, text) = eds_sign_in::new_challenge(&t.ports).await.unwrap();
        let cms = sign_detached(text.as_bytes(), &citizen_key(&format!("{ARMAN}-auth"))).unwrap();
        eds_sign_in::sign_in(&t.ports, &id, &cms).await.unwrap();
        let account = t
            .ports
            .accounts
            .account(&arman)
            .await
            .unwrap()
            .expect("account opened");
        assert_eq!(account.name_latin, "Arman Alimzhanov", "{}", t.name);
        // No password opens it: it was opened by EDS.
        assert!(matches!(
            nomir::services::sign_in::sign_in(
                &t.ports,
                ARMAN,
                eds_sign_in::NO_PASSWORD,
                "127.0.0.1"
            )
            .await,
            Err(nomir::services::sign_in::SignInError::BadCredentials)
        ));
        let audit = t.ports.audit.recent(10).await.unwrap();
        assert!(
            audit
                .iter()
                .any(|e| e.action == "account_created" && e.subject == ARMAN),
            "{}",
            t.name
        );

        // Someone the register does not know gets no account.
        let (id, text) = eds_sign_in::new_challenge(&t.ports).await.unwrap();
        let cms =
            sign_detached(text.as_bytes(), &test_key("unregistered-931111300053-auth")).unwrap();
        assert!(matches!(
            eds_sign_in::sign_in(&t.ports, &id, &cms).await,
            Err(EdsSignInError::NotConfirmed)
        ));
        let stranger = Iin::parse("931111300053").unwrap();
        assert!(
            t.ports.accounts.account(&stranger).await.unwrap().is_none(),
            "{}",
            t.name
        );
        t.cleanup().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_signed_challenge_sent_eight_times_opens_one_session() {
    for t in engines_with_demo_data().await {
        let (id, text) = eds_sign_in::new_challenge(&t.ports).await.unwrap();
        let cms = sign_detached(text.as_bytes(), &citizen_key(&format!("{AIGERIM}-auth"))).unwrap();
        let ports = t.ports.clone();
        let results = at_once(8, |_| {
            let (ports, id, cms) = (ports.clone(), id.clone(), cms.clone());
            async move { eds_sign_in::sign_in(&ports, &id, &cms).await }
        })
        .await;
        let opened = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(opened, 1, "{}", t.name);
        assert!(results
            .iter()
            .all(|r| r.is_ok() || matches!(r, Err(EdsSignInError::ChallengeUnusable))));
        t.cleanup().await;
    }
}
