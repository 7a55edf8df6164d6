//! The portal procedure end to end (Rules §5, §8, §9; appendix rows 3, 9),
//! on SQLite and on PostgreSQL, with a test clock.

use crate::support;

use nomir::demo::pki::sign_detached;
use nomir::domain::{BindingState, EndReason, Iin};
use nomir::services::certify::{certify, CertifyError};
use nomir::services::confirm_code::{confirm_code, ConfirmCodeError};
use nomir::services::open_request::{expire_overdue, OpenRequestError};
use nomir::services::request_code::{request_code, RequestCodeError};
use nomir::services::resend_code::resend_code;
use support::demo::{
    citizen_key, code_sent_to, engines_with_demo_data, unknown_numbers_are, wrong_code,
};
use support::TestDb;
use time::Duration;

mod codes;
mod older_requests;
mod term;

fn iin(s: &str) -> Iin {
    Iin::parse(s).unwrap()
}

/// Asks for a code for `number` (with consent); returns the request id and the code sent.
async fn code_for(t: &TestDb, person: &Iin, number: &str) -> (String, String) {
    let sent = request_code(&t.ports, person, number, true).await.unwrap();
    let code = code_sent_to(&t.ports, sent.msisdn.as_str()).await;
    (sent.request_id, code)
}

/// Runs the whole procedure for `who` and `number`, signing with `signer`'s key.
async fn bind(
    t: &TestDb,
    who: &str,
    number: &str,
    consent: bool,
    signer: &str,
) -> Result<(), CertifyError> {
    let person = iin(who);
    let sent = request_code(&t.ports, &person, number, consent)
        .await
        .unwrap();
    let code = code_sent_to(&t.ports, sent.msisdn.as_str()).await;
    let document = confirm_code(&t.ports, &person, &sent.request_id, &code)
        .await
        .unwrap();
    let cms = sign_detached(&document, &citizen_key(&format!("{signer}-sign"))).unwrap();
    certify(&t.ports, &person, &sent.request_id, &cms)
        .await
        .map(|_| ())
}

async fn nothing_bound(t: &TestDb, who: &str) -> bool {
    t.ports
        .bindings
        .binding_history(&iin(who))
        .await
        .unwrap()
        .is_empty()
}

#[tokio::test]
async fn a_citizen_binds_a_number_through_the_portal() {
    for t in engines_with_demo_data().await {
        bind(&t, "900515410001", "8 701 123 45 67", true, "900515410001")
            .await
            .unwrap();
        let active = t
            .ports
            .bindings
            .active_binding(&iin("900515410001"))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(active.msisdn.as_str(), "+77011234567", "{}", t.name);
        assert_eq!(active.operator, "Kcell");
        let actions = t.recent_actions(3).await;
        assert_eq!(actions, ["number_bound", "code_confirmed", "code_sent"]);
        let sms = t.ports.outbox.outbox().await.unwrap();
        assert!(sms[0].body.contains("Ешкімге айтпаңыз"));
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_citizen_changes_the_number_and_the_old_binding_stays_in_the_history() {
    for t in engines_with_demo_data().await {
        bind(&t, "851102310000", "+77051234568", true, "851102310000")
            .await
            .unwrap();
        t.clock.advance(Duration::minutes(1));
        bind(&t, "851102310000", "+77471234569", true, "851102310000")
            .await
            .unwrap();
        let history = t
            .ports
            .bindings
            .binding_history(&iin("851102310000"))
            .await
            .unwrap();
        assert_eq!(history.len(), 2, "{}", t.name);
        assert_eq!(history[0].msisdn.as_str(), "+77471234569");
        assert!(history[0].ended_at.is_none());
        assert_eq!(history[1].msisdn.as_str(), "+77051234568");
        assert!(history[1].ended_at.is_some());
        // The old number is told, in Kazakh and Russian; the new one is not.
        let outbox = t.ports.outbox.outbox().await.unwrap();
        let told: Vec<_> = outbox
            .iter()
            .filter(|m| m.body.contains("больше не привязан"))
            .collect();
        assert_eq!(told.len(), 1, "{}: {outbox:?}", t.name);
        assert_eq!(told[0].msisdn.as_str(), "+77051234568");
        assert!(told[0].body.contains("байланысты емес"));
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_change_within_the_same_second_still_lists_the_new_number_first() {
    for t in engines_with_demo_data().await {
        for number in ["+77051234568", "+77471234569"] {
            bind(&t, "851102310000", number, true, "851102310000")
                .await
                .unwrap();
        }
        let history = t
            .ports
            .bindings
            .binding_history(&iin("851102310000"))
            .await
            .unwrap();
        assert_eq!(history[0].bound_at, history[1].bound_at, "{}", t.name);
        assert_eq!(history[0].msisdn.as_str(), "+77471234569", "{}", t.name);
        assert!(history[0].ended_at.is_none());
        t.cleanup().await;
    }
}

#[tokio::test]
async fn every_refusal_ground_of_the_demo_dataset_ends_with_its_reason_and_nothing_bound() {
    for t in engines_with_demo_data().await {
        for (who, number, consent, ground) in [
            (
                "720314410000",
                "+77014440000",
                true,
                EndReason::IdentityDocumentInvalid,
            ),
            (
                "550101310009",
                "+77015550000",
                true,
                EndReason::PersonDeceased,
            ),
            (
                "000229510005",
                "+77016660000",
                true,
                EndReason::IdentityNotFound,
            ),
            (
                "880808410008",
                "+77025551234",
                false,
                EndReason::ConsentMissing,
            ),
        ] {
            let e = bind(&t, who, number, consent, who).await.unwrap_err();
            assert!(
                matches!(e, CertifyError::Ended(g) if g == ground),
                "{} {who}: {e:?}",
                t.name
            );
            let history = t.ports.bindings.binding_history(&iin(who)).await.unwrap();
            let number = nomir::domain::Msisdn::parse(number).unwrap();
            assert!(history.iter().all(|b| b.msisdn != number), "{who}");
        }
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_request_certified_with_another_persons_key_is_refused() {
    for t in engines_with_demo_data().await {
        let e = bind(&t, "900515410001", "+77011234567", true, "991231410007")
            .await
            .unwrap_err();
        assert!(
            matches!(e, CertifyError::Ended(EndReason::SignatureInvalid)),
            "{}: {e:?}",
            t.name
        );
        assert!(nothing_bound(&t, "900515410001").await);
        t.cleanup().await;
    }
}

/// No code goes to a number the operator attributes to someone else (or to
/// nobody): the citizen is told plainly, nothing is started or counted,
/// and the attempt is audited. So nobody can send codes to a stranger's
/// phone, nor use up the limits of a number that is not theirs.
#[tokio::test]
async fn no_code_goes_to_a_number_the_operator_gives_someone_else() {
    for t in engines_with_demo_data().await {
        let dana = iin("991231410007");
        let sms_before = t.ports.outbox.outbox().await.unwrap().len();
        for number in ["+77011234567", "+77000000000"] {
            for _ in 0..8 {
                let e = request_code(&t.ports, &dana, number, true)
                    .await
                    .unwrap_err();
                assert!(
                    matches!(e, RequestCodeError::NumberNotYours),
                    "{}: {e:?}",
                    t.name
                );
            }
        }
        assert_eq!(
            t.ports.outbox.outbox().await.unwrap().len(),
            sms_before,
            "{}: no SMS",
            t.name
        );
        assert!(t
            .ports
            .requests
            .open_requests_of(&dana)
            .await
            .unwrap()
            .is_empty());
        let audited = t
            .ports
            .audit
            .recent(50)
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.action == "code_not_sent" && e.subject == dana.as_str())
            .count();
        assert_eq!(audited, 16, "{}", t.name);
        // The owner's own limits are untouched by the attempts.
        request_code(&t.ports, &iin("900515410001"), "+77011234567", true)
            .await
            .unwrap();
        // Her own number: the code goes.
        request_code(&t.ports, &dana, "+77777654321", true)
            .await
            .unwrap();
        t.cleanup().await;
    }
}

#[tokio::test]
async fn bad_numbers_and_codes_are_refused_before_anything_is_stored() {
    for t in engines_with_demo_data().await {
        let person = iin("900515410001");
        for bad in [
            "",
            "+7 727 123 45 67",
            "+7 916 123 45 67",
            "<script>",
            "8701",
        ] {
            let e = request_code(&t.ports, &person, bad, true)
                .await
                .unwrap_err();
            assert!(
                matches!(e, RequestCodeError::InvalidNumber(_)),
                "{bad}: {e:?}"
            );
        }
        assert!(t.ports.outbox.outbox().await.unwrap().is_empty());
        let sent = request_code(&t.ports, &person, "+77011234567", true)
            .await
            .unwrap();
        for bad in ["", "12345", "abcdef", "1234567"] {
            let e = confirm_code(&t.ports, &person, &sent.request_id, bad)
                .await
                .unwrap_err();
            assert!(matches!(e, ConfirmCodeError::Malformed(_)), "{bad}: {e:?}");
        }
        // Someone else's request id is simply not found.
        let e = confirm_code(&t.ports, &iin("991231410007"), &sent.request_id, "123456")
            .await
            .unwrap_err();
        assert!(
            matches!(e, ConfirmCodeError::Request(OpenRequestError::NotFound)),
            "{e:?}"
        );
        let e = certify(&t.ports, &person, &sent.request_id, b"junk")
            .await
            .unwrap_err();
        assert!(matches!(e, CertifyError::NotAwaitingCertification), "{e:?}");
        t.cleanup().await;
    }
}

#[tokio::test]
async fn an_already_bound_number_is_not_requested_again() {
    for t in engines_with_demo_data().await {
        bind(&t, "900515410001", "+77011234567", true, "900515410001")
            .await
            .unwrap();
        let e = request_code(&t.ports, &iin("900515410001"), "87011234567", true)
            .await
            .unwrap_err();
        assert!(matches!(e, RequestCodeError::AlreadyBound), "{e:?}");
        t.cleanup().await;
    }
}

/// The identity register, counting how often it is read.
struct CountingRegister {
    inner: std::sync::Arc<dyn nomir::ports::IdentityRegister>,
    reads: std::sync::atomic::AtomicUsize,
}

#[async_trait::async_trait]
impl nomir::ports::IdentityRegister for CountingRegister {
    async fn person(
        &self,
        iin: &Iin,
    ) -> Result<Option<nomir::ports::IdentityRecord>, nomir::ports::Unavailable> {
        self.reads.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        self.inner.person(iin).await
    }
}

#[tokio::test]
async fn revoking_consent_before_certifying_refuses_on_ground_2_without_reading_the_register() {
    for mut t in engines_with_demo_data().await {
        let register = std::sync::Arc::new(CountingRegister {
            inner: t.ports.identity.clone(),
            reads: Default::default(),
        });
        t.ports.identity = register.clone();
        let person = iin("900515410001");
        let (request_id, code) = code_for(&t, &person, "+77011234567").await;
        let document = confirm_code(&t.ports, &person, &request_id, &code)
            .await
            .unwrap();
        nomir::services::consent::revoke(&t.ports, &person)
            .await
            .unwrap();
        let cms = sign_detached(&document, &citizen_key("900515410001-sign")).unwrap();
        let e = certify(&t.ports, &person, &request_id, &cms)
            .await
            .unwrap_err();
        assert!(
            matches!(e, CertifyError::Ended(EndReason::ConsentMissing)),
            "{}: {e:?}",
            t.name
        );
        let reads = register.reads.load(std::sync::atomic::Ordering::SeqCst);
        assert_eq!(reads, 0, "{}: the register was read", t.name);
        assert!(nothing_bound(&t, "900515410001").await);
        t.cleanup().await;
    }
}
