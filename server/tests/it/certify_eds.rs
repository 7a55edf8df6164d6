//! The hostile suite at the procedure, on SQLite and PostgreSQL: a revoked
//! certificate, a signature replayed from an earlier request, one over
//! another number, and another person's key each refuse the request with
//! the reason in the audit log, and nothing is bound; the authentication
//! key (the wrong kind) is refused saying which key to choose, and the
//! request stays open for the right one.

use crate::support;
use crate::support::procedure;

use std::path::PathBuf;

use nomir::demo::pki::{sign_detached, KeyPair};
use nomir::domain::{BindingState, EndReason, Iin};
use nomir::ports::{KeyPurpose, SignatureError};
use nomir::services::certify::{certify, CertifyError};
use support::demo::{citizen_key, engines_with_demo_data};
use support::TestDb;

const AIGERIM: &str = "900515410001";
const NUMBER: &str = "+77011234567";

fn aigerim() -> Iin {
    Iin::parse(AIGERIM).unwrap()
}

/// A request at the signing step: its id and the document to sign.
async fn at_signing(t: &TestDb) -> (String, Vec<u8>) {
    procedure::at_signing(t, &aigerim(), NUMBER).await
}

async fn state(t: &TestDb, id: &str) -> BindingState {
    t.ports.requests.request(id).await.unwrap().unwrap().state
}

async fn refusal_reason(t: &TestDb, id: &str) -> String {
    let entries = t.ports.audit.recent(20).await.unwrap();
    let entry = entries
        .iter()
        .find(|e| e.action == "request_not_performed" && e.detail.contains(id))
        .unwrap_or_else(|| panic!("no refusal of {id}"));
    entry
        .detail
        .split("reason=")
        .nth(1)
        .unwrap_or("")
        .to_owned()
}

async fn nothing_bound(t: &TestDb) -> bool {
    t.ports
        .bindings
        .active_binding(&aigerim())
        .await
        .unwrap()
        .is_none()
}

#[tokio::test]
async fn a_revoked_certificate_refuses_the_request_and_binds_nothing() {
    for t in engines_with_demo_data().await {
        let (id, document) = at_signing(&t).await;
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("demo-pki/test");
        let revoked = KeyPair::load(&dir, "revoked-900515410001-sign").unwrap();
        let cms = sign_detached(&document, &revoked).unwrap();
        assert!(matches!(
            certify(&t.ports, &aigerim(), &id, &cms).await,
            Err(CertifyError::Ended(EndReason::SignatureInvalid))
        ));
        assert_eq!(refusal_reason(&t, &id).await, "revoked", "{}", t.name);
        assert!(nothing_bound(&t).await, "{}", t.name);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn the_authentication_key_is_refused_and_the_request_waits_for_the_signing_key() {
    for t in engines_with_demo_data().await {
        let (id, document) = at_signing(&t).await;
        let auth = sign_detached(&document, &citizen_key(&format!("{AIGERIM}-auth"))).unwrap();
        assert!(matches!(
            certify(&t.ports, &aigerim(), &id, &auth).await,
            Err(CertifyError::SignatureNotAccepted(
                SignatureError::WrongKey {
                    expected: KeyPurpose::Sign
                }
            ))
        ));
        assert_eq!(
            state(&t, &id).await,
            BindingState::AwaitingCertification,
            "{}",
            t.name
        );
        let sign = sign_detached(&document, &citizen_key(&format!("{AIGERIM}-sign"))).unwrap();
        certify(&t.ports, &aigerim(), &id, &sign).await.unwrap();
        assert!(!nothing_bound(&t).await, "{}", t.name);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_replayed_signature_or_one_over_other_content_refuses() {
    for t in engines_with_demo_data().await {
        // The first request: signed, then the term runs out unused.
        let (first, first_doc) = at_signing(&t).await;
        let old = sign_detached(&first_doc, &citizen_key(&format!("{AIGERIM}-sign"))).unwrap();
        // A new request replaces it; the old signature is replayed on it.
        let (second, second_doc) = at_signing(&t).await;
        assert_ne!(first, second);
        assert!(matches!(
            certify(&t.ports, &aigerim(), &second, &old).await,
            Err(CertifyError::Ended(EndReason::SignatureInvalid))
        ));
        assert_eq!(
            refusal_reason(&t, &second).await,
            "content_mismatch",
            "{}",
            t.name
        );
        // A signature over the document with another number written in.
        let (third, third_doc) = at_signing(&t).await;
        let text = String::from_utf8(third_doc)
            .unwrap()
            .replace(NUMBER, "+77051234568");
        let other =
            sign_detached(text.as_bytes(), &citizen_key(&format!("{AIGERIM}-sign"))).unwrap();
        assert!(matches!(
            certify(&t.ports, &aigerim(), &third, &other).await,
            Err(CertifyError::Ended(EndReason::SignatureInvalid))
        ));
        // Someone else's valid key over the right document.
        let (fourth, fourth_doc) = at_signing(&t).await;
        let theirs = sign_detached(&fourth_doc, &citizen_key("991231410007-sign")).unwrap();
        assert!(matches!(
            certify(&t.ports, &aigerim(), &fourth, &theirs).await,
            Err(CertifyError::Ended(EndReason::SignatureInvalid))
        ));
        assert_eq!(
            refusal_reason(&t, &fourth).await,
            "another_iin",
            "{}",
            t.name
        );
        let _ = second_doc;
        assert!(nothing_bound(&t).await, "{}", t.name);
        t.cleanup().await;
    }
}
