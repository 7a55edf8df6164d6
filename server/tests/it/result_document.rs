//! Issuing the result document (appendix row 5) on SQLite with the demo
//! data: a refused and a bound request each give a sealed PDF that checks
//! and states its outcome; another citizen's request, an open one and a
//! withdrawn one give none.

use crate::support;

use nomir::demo::pki::sign_detached;
use nomir::demo::seal::sealer as demo_sealer;
use nomir::domain::Iin;
use nomir::ports::Clock;
use nomir::services::certify::certify;
use nomir::services::confirm_code::confirm_code;
use nomir::services::request_code::request_code;
use nomir::services::result_document::issue;
use nomir_core::i18n::Lang;
use support::demo::{citizen_key, code_sent_to};
use support::TestDb;

fn iin(s: &str) -> Iin {
    Iin::parse(s).unwrap()
}

async fn demo_db() -> TestDb {
    let t = TestDb::sqlite().await;
    nomir::demo::load(&t.ports).await.expect("demo data");
    t
}

/// Runs the portal procedure for `who` and `number` to its end; the request id.
async fn run_procedure(t: &TestDb, who: &str, number: &str, consent: bool) -> String {
    let person = iin(who);
    let sent = request_code(&t.ports, &person, number, consent)
        .await
        .unwrap();
    let code = code_sent_to(&t.ports, sent.msisdn.as_str()).await;
    let document = confirm_code(&t.ports, &person, &sent.request_id, &code)
        .await
        .unwrap();
    let cms = sign_detached(&document, &citizen_key(&format!("{who}-sign"))).unwrap();
    let _ = certify(&t.ports, &person, &sent.request_id, &cms).await;
    sent.request_id
}

#[tokio::test]
async fn a_refusal_is_issued_sealed_with_its_ground() {
    let t = demo_db().await;
    let sealer = demo_sealer().unwrap();
    let id = run_procedure(&t, "880808410008", "+77025551234", false).await;
    let person = iin("880808410008");
    let sealed = issue(&t.ports, &sealer, &person, &id, Lang::Ru)
        .await
        .unwrap()
        .expect("a document for a refused request");
    assert!(sealed.starts_with(b"%PDF-"));
    let meta = support::check_demo_document(&sealed).await.unwrap().meta;
    assert_eq!(meta.request_id, id);
    assert_eq!(meta.outcome, "refused");
    assert_eq!(meta.ground.as_deref(), Some("consent_missing"));
    assert_eq!(meta.issued_at, t.clock.now());

    // Someone else asking for it gets nothing, as for a request that does not exist.
    let other = iin("900515410001");
    assert!(issue(&t.ports, &sealer, &other, &id, Lang::Kk)
        .await
        .unwrap()
        .is_none());
    assert!(
        issue(&t.ports, &sealer, &person, "no-such-request", Lang::Kk)
            .await
            .unwrap()
            .is_none()
    );
    t.cleanup().await;
}

#[tokio::test]
async fn a_bound_request_is_issued_and_an_open_or_withdrawn_one_is_not() {
    let mut t = demo_db().await;
    // The numbers she changes to below are hers, as the operator says.
    support::demo::unknown_numbers_are(&mut t, "900515410001");
    let sealer = demo_sealer().unwrap();
    let person = iin("900515410001");
    let id = run_procedure(&t, "900515410001", "+77011234567", true).await;
    let sealed = issue(&t.ports, &sealer, &person, &id, Lang::Kk)
        .await
        .unwrap()
        .expect("a document for a bound request");
    let meta = support::check_demo_document(&sealed).await.unwrap().meta;
    assert_eq!((meta.outcome.as_str(), meta.ground), ("bound", None));

    // An open request has no result yet; a newer one withdraws it.
    let first = request_code(&t.ports, &person, "+77011234568", true)
        .await
        .unwrap();
    assert!(
        issue(&t.ports, &sealer, &person, &first.request_id, Lang::Kk)
            .await
            .unwrap()
            .is_none()
    );
    t.clock.advance(time::Duration::minutes(2));
    let second = request_code(&t.ports, &person, "+77011234569", true)
        .await
        .unwrap();
    assert!(
        issue(&t.ports, &sealer, &person, &first.request_id, Lang::Kk)
            .await
            .unwrap()
            .is_none()
    );
    // Once its term has passed, the open request is expired and its refusal issued.
    t.clock.advance(time::Duration::minutes(11));
    let sealed = issue(&t.ports, &sealer, &person, &second.request_id, Lang::En)
        .await
        .unwrap()
        .expect("a document for an expired request");
    let meta = support::check_demo_document(&sealed).await.unwrap().meta;
    assert_eq!(meta.ground.as_deref(), Some("term_expired"));
    t.cleanup().await;
}

/// One citizen's documents are counted before they are drawn: past 30 in
/// a minute the next waits (nothing drawn, nothing sealed), another
/// citizen is not held up, and a minute on it is issued again.
#[tokio::test]
async fn one_citizens_documents_wait_past_thirty_a_minute() {
    use nomir::services::result_document::IssueError;
    let t = demo_db().await;
    let sealer = demo_sealer().unwrap();
    let id = run_procedure(&t, "880808410008", "+77025551234", false).await;
    let person = iin("880808410008");
    for n in 0..30 {
        assert!(
            issue(&t.ports, &sealer, &person, &id, Lang::Kk)
                .await
                .unwrap_or_else(|e| panic!("document {n}: {e}"))
                .is_some(),
            "document {n}"
        );
    }
    let refused = issue(&t.ports, &sealer, &person, &id, Lang::Kk).await;
    assert!(
        matches!(refused, Err(IssueError::TooMany(s)) if (1..=60).contains(&s)),
        "{refused:?}"
    );
    let other = iin("900515410001");
    assert!(issue(&t.ports, &sealer, &other, &id, Lang::Kk)
        .await
        .unwrap()
        .is_none());
    t.clock.advance(time::Duration::minutes(1));
    assert!(issue(&t.ports, &sealer, &person, &id, Lang::Kk)
        .await
        .unwrap()
        .is_some());
    t.cleanup().await;
}
