//! Signing in to the portal with EDS, on SQLite and PostgreSQL: the
//! authentication key over a one-time challenge opens a session; the
//! signing key is refused saying which key to choose; a challenge serves
//! once, in time; a first sign-in opens the account only when the identity
//! register confirms the person. Any attempt spends the challenge; it
//! serves only the browser holding its binder cookie; a source gets a
//! limited number a minute; showing the sign-in page makes none.

use crate::support;

use std::path::PathBuf;

use app::source::Source;
use nomir::demo::pki::{sign_detached, KeyPair};
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

/// The browser asking: its source.
fn here() -> Source {
    Source("198.51.100.7".to_owned())
}

/// A new challenge from `here()`: its id, text and binder (the cookie).
async fn challenge(ports: &nomir::services::Ports) -> (String, String, String) {
    let c = eds_sign_in::new_challenge(ports, here().as_str())
        .await
        .unwrap();
    (c.id, c.text, c.binder)
}

#[tokio::test]
async fn the_authentication_key_opens_a_session_once() {
    for t in engines_with_demo_data().await {
        let (id, text, binder) = challenge(&t.ports).await;
        let cms = sign_detached(text.as_bytes(), &citizen_key(&format!("{AIGERIM}-auth"))).unwrap();
        let token = eds_sign_in::sign_in(&t.ports, &id, Some(&binder), &cms)
            .await
            .unwrap();
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
            eds_sign_in::sign_in(&t.ports, &id, Some(&binder), &cms).await,
            Err(EdsSignInError::ChallengeUnusable)
        ));
        t.cleanup().await;
    }
}

#[tokio::test]
async fn the_signing_key_is_refused_saying_which_key_to_choose_and_spends_the_challenge() {
    for t in engines_with_demo_data().await {
        let (id, text, binder) = challenge(&t.ports).await;
        let sign =
            sign_detached(text.as_bytes(), &citizen_key(&format!("{AIGERIM}-sign"))).unwrap();
        assert!(matches!(
            eds_sign_in::sign_in(&t.ports, &id, Some(&binder), &sign).await,
            Err(EdsSignInError::Signature(SignatureError::WrongKey {
                expected: KeyPurpose::Auth
            }))
        ));
        // The attempt spent the challenge: the right key over it is refused.
        let auth =
            sign_detached(text.as_bytes(), &citizen_key(&format!("{AIGERIM}-auth"))).unwrap();
        assert!(
            matches!(
                eds_sign_in::sign_in(&t.ports, &id, Some(&binder), &auth).await,
                Err(EdsSignInError::ChallengeUnusable)
            ),
            "{}",
            t.name
        );
        // The citizen chooses the other key: pressing again gets a new challenge.
        let (id, text, binder) = challenge(&t.ports).await;
        let auth =
            sign_detached(text.as_bytes(), &citizen_key(&format!("{AIGERIM}-auth"))).unwrap();
        assert!(
            eds_sign_in::sign_in(&t.ports, &id, Some(&binder), &auth)
                .await
                .is_ok(),
            "{}",
            t.name
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_challenge_expires_and_another_challenge_is_not_this_one() {
    for t in engines_with_demo_data().await {
        let (first, first_text, first_binder) = challenge(&t.ports).await;
        let (second, _, second_binder) = challenge(&t.ports).await;
        let cms = sign_detached(
            first_text.as_bytes(),
            &citizen_key(&format!("{AIGERIM}-auth")),
        )
        .unwrap();
        // A signature over one challenge does not answer another.
        assert!(matches!(
            eds_sign_in::sign_in(&t.ports, &second, Some(&second_binder), &cms).await,
            Err(EdsSignInError::Signature(SignatureError::ContentMismatch))
        ));
        t.clock
            .advance(eds_sign_in::CHALLENGE_LIFETIME + Duration::seconds(1));
        assert!(matches!(
            eds_sign_in::sign_in(&t.ports, &first, Some(&first_binder), &cms).await,
            Err(EdsSignInError::ChallengeUnusable)
        ));
        assert!(matches!(
            eds_sign_in::sign_in(&t.ports, "no-such-challenge", Some(&first_binder), &cms).await,
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
        let (id, text, binder) = challenge(&t.ports).await;
        let cms = sign_detached(text.as_bytes(), &citizen_key(&format!("{ARMAN}-auth"))).unwrap();
        eds_sign_in::sign_in(&t.ports, &id, Some(&binder), &cms)
            .await
            .unwrap();
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
        let (id, text, binder) = challenge(&t.ports).await;
        let cms =
            sign_detached(text.as_bytes(), &test_key("unregistered-931111300053-auth")).unwrap();
        assert!(matches!(
            eds_sign_in::sign_in(&t.ports, &id, Some(&binder), &cms).await,
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
        let (id, text, binder) = challenge(&t.ports).await;
        let cms = sign_detached(text.as_bytes(), &citizen_key(&format!("{AIGERIM}-auth"))).unwrap();
        let ports = t.ports.clone();
        let results = at_once(8, |_| {
            let (ports, id, binder, cms) = (ports.clone(), id.clone(), binder.clone(), cms.clone());
            async move { eds_sign_in::sign_in(&ports, &id, Some(&binder), &cms).await }
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

#[tokio::test]
async fn a_wrong_signature_spends_the_challenge() {
    for t in engines_with_demo_data().await {
        let (id, text, binder) = challenge(&t.ports).await;
        // Not a signature at all, then one over other bytes: each an attempt.
        assert!(matches!(
            eds_sign_in::sign_in(&t.ports, &id, Some(&binder), b"not a cms").await,
            Err(EdsSignInError::Signature(SignatureError::Malformed(_)))
        ));
        let right =
            sign_detached(text.as_bytes(), &citizen_key(&format!("{AIGERIM}-auth"))).unwrap();
        assert!(
            matches!(
                eds_sign_in::sign_in(&t.ports, &id, Some(&binder), &right).await,
                Err(EdsSignInError::ChallengeUnusable)
            ),
            "{}",
            t.name
        );
        // No session was opened, and none was audited.
        let audit = t.ports.audit.recent(20).await.unwrap();
        assert!(!audit.iter().any(|e| e.action == "sign_in"), "{}", t.name);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_challenge_serves_only_the_browser_holding_its_binder() {
    for t in engines_with_demo_data().await {
        let (id, text, binder) = challenge(&t.ports).await;
        let (_, _, other_browser) = challenge(&t.ports).await;
        let cms = sign_detached(text.as_bytes(), &citizen_key(&format!("{AIGERIM}-auth"))).unwrap();
        // Another browser's cookie, or none (another site's form: the
        // cookie is SameSite=Strict), cannot use it.
        for cookie in [Some(other_browser.as_str()), None, Some("")] {
            assert!(
                matches!(
                    eds_sign_in::sign_in(&t.ports, &id, cookie, &cms).await,
                    Err(EdsSignInError::ChallengeUnusable)
                ),
                "{} {cookie:?}",
                t.name
            );
        }
        // Nor did those attempts spend it: its own browser signs in.
        let token = eds_sign_in::sign_in(&t.ports, &id, Some(&binder), &cms)
            .await
            .unwrap();
        assert_eq!(
            session::current(&t.ports, Some(&token)).await.unwrap(),
            Iin::parse(AIGERIM).ok(),
            "{}",
            t.name
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_source_gets_a_limited_number_of_challenges_a_minute() {
    use eds_sign_in::ChallengeError;
    use nomir::services::flood::CHALLENGES_PER_MINUTE;
    for t in engines_with_demo_data().await {
        for _ in 0..CHALLENGES_PER_MINUTE {
            challenge(&t.ports).await;
        }
        let over = eds_sign_in::new_challenge(&t.ports, here().as_str()).await;
        assert!(
            matches!(over, Err(ChallengeError::TooMany(s)) if (1..=60).contains(&s)),
            "{} {over:?}",
            t.name
        );
        // Another source is not held back by this one.
        let elsewhere = Source("203.0.113.9".to_owned());
        assert!(eds_sign_in::new_challenge(&t.ports, elsewhere.as_str())
            .await
            .is_ok());
        // A minute on, the source may ask again.
        t.clock.advance(Duration::seconds(61));
        assert!(eds_sign_in::new_challenge(&t.ports, here().as_str())
            .await
            .is_ok());
        t.cleanup().await;
    }
}

/// Over HTTP, as a browser: the page makes no challenge; the button's
/// server function does, with a Strict, HttpOnly binder cookie; the
/// signature posted with that cookie signs in, and from another browser
/// (another cookie, or none) it is refused.
#[tokio::test]
async fn over_http_the_page_makes_no_challenge_and_the_binder_cookie_decides() {
    use app::error::PortalError;
    use app::server_fns::{GetEdsChallenge, SignInEds};
    use base64::Engine as _;
    use leptos::server_fn::ServerFn;
    use support::portal::App;

    let app = App::spawn().await;
    let before = app.rows("portal_challenges").await;
    for _ in 0..3 {
        let page = app.get("/sign-in", None).await;
        assert!(page.status().is_success());
        assert!(page.text().await.unwrap().contains("sign-button"));
    }
    assert_eq!(
        app.rows("portal_challenges").await,
        before,
        "a page view made a challenge"
    );

    // The button asks for one.
    let ask = || async {
        let r = app
            .client
            .post(app.url(GetEdsChallenge::PATH))
            .header("origin", &app.base)
            .header("accept", "application/json")
            .header("content-type", "application/x-www-form-urlencoded")
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success(), "{}", r.status());
        let cookie = support::portal::set_cookie(&r);
        let c: serde_json::Value = serde_json::from_str(&r.text().await.unwrap()).unwrap();
        (c, cookie)
    };
    let (c, set) = ask().await;
    assert_eq!(app.rows("portal_challenges").await, before + 1);
    assert!(set.starts_with("nomir_eds_binder="), "{set}");
    for flag in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(set.contains(flag), "{set}");
    }
    let binder = set.split(';').next().unwrap().to_owned();
    let id = c["id"].as_str().unwrap();
    let text = base64::engine::general_purpose::STANDARD
        .decode(c["document_base64"].as_str().unwrap())
        .unwrap();
    let cms = sign_detached(&text, &citizen_key(&format!("{AIGERIM}-auth"))).unwrap();
    let body = format!(
        "challenge_id={id}&cms_base64={}",
        urlencoding(&base64::engine::general_purpose::STANDARD.encode(cms))
    );
    // Another browser's binder, then none: refused, the challenge unused.
    let (_, other) = ask().await;
    let other = other.split(';').next().unwrap().to_owned();
    for cookie in [other.as_str(), ""] {
        let (status, error) = app.call(SignInEds::PATH, cookie, &body).await;
        assert_eq!(
            (status.as_u16(), error),
            (409, Some(PortalError::ChallengeUnusable)),
            "{cookie}"
        );
    }
    // Its own browser signs in.
    let (status, error) = app.call(SignInEds::PATH, &binder, &body).await;
    assert!(
        error.is_none() && (status.is_success() || status.is_redirection()),
        "{status} {error:?}"
    );
}

fn urlencoding(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The EDS button asks for challenges with `gloo-net` and reads the answer
/// with the browser's JSON parser, not Leptos' client: a challenge is a
/// JSON object with `id`, `document_base64` and `signer_url`, and past the
/// limit the error is the JSON string `"LockedOut"`, which the button shows
/// as "too many, wait".
#[tokio::test]
async fn over_http_past_the_limit_a_challenge_is_refused_as_the_button_reads_it() {
    use app::server_fns::GetEdsChallenge;
    use leptos::server_fn::ServerFn;
    use nomir::services::flood::CHALLENGES_PER_MINUTE;
    use support::portal::App;

    let app = App::spawn().await;
    let ask = || async {
        let r = app
            .client
            .post(app.url(GetEdsChallenge::PATH))
            .header("origin", &app.base)
            .header("content-type", "application/x-www-form-urlencoded")
            .send()
            .await
            .unwrap();
        (r.status(), r.text().await.unwrap())
    };
    for _ in 0..CHALLENGES_PER_MINUTE {
        let (status, body) = ask().await;
        assert!(status.is_success(), "{status} {body}");
        let c: serde_json::Value = serde_json::from_str(&body).unwrap();
        for field in ["id", "document_base64", "signer_url"] {
            assert!(c[field].as_str().is_some_and(|v| !v.is_empty()), "{body}");
        }
    }
    let (status, body) = ask().await;
    assert!(!status.is_success(), "{status} {body}");
    assert_eq!(body, r#""LockedOut""#);
}
