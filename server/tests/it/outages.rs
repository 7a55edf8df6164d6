//! Outside systems that fail (SPEC §7): a failed SMS gateway or an
//! unreachable register leaves nothing half-done, and the citizen can go on
//! once the system is back. On SQLite and on PostgreSQL.

use crate::support;

use std::sync::Arc;

use async_trait::async_trait;
use nomir::demo::pki::sign_detached;
use nomir::domain::{BindingState, Iin, Msisdn};
use nomir::ports::{IdentityRecord, IdentityRegister, SendFailure, SmsGateway, Unavailable};
use nomir::services::certify::{certify, CertifyError};
use nomir::services::confirm_code::confirm_code;
use nomir::services::request_code::{request_code, RequestCodeError};
use nomir::services::resend_code::resend_code;
use support::demo::{citizen_key, code_sent_to, engines_with_demo_data};
use support::TestDb;
use time::Duration;

/// An outside system that does not answer.
struct Down;

fn down() -> Unavailable {
    Unavailable {
        system: "test",
        reason: "connection refused".into(),
    }
}

#[async_trait]
impl SmsGateway for Down {
    async fn send(&self, _: &str, _: &Msisdn, _: &str) -> Result<Vec<String>, SendFailure> {
        Err(SendFailure::Final("connection refused".into()))
    }
}

#[async_trait]
impl IdentityRegister for Down {
    async fn person(&self, _: &Iin) -> Result<Option<IdentityRecord>, Unavailable> {
        Err(down())
    }
}

const AIGERIM: &str = "900515410001";
const NUMBER: &str = "+77011234567";

fn aigerim() -> Iin {
    Iin::parse(AIGERIM).unwrap()
}

async fn audit_actions(t: &TestDb) -> Vec<String> {
    let entries = t.ports.audit.recent(20).await.unwrap();
    entries
        .into_iter()
        .map(|e| e.action.code().to_owned())
        .collect()
}

#[tokio::test]
async fn a_failed_sms_gateway_starts_nothing_and_the_next_try_works() {
    for mut t in engines_with_demo_data().await {
        let working = std::mem::replace(&mut t.ports.sms, Arc::new(Down));
        let e = request_code(&t.ports, &aigerim(), NUMBER, true)
            .await
            .unwrap_err();
        assert!(
            matches!(e, RequestCodeError::SmsUnavailable),
            "{}: {e:?}",
            t.name
        );
        let open = t.ports.requests.open_requests_of(&aigerim()).await.unwrap();
        assert!(open.is_empty(), "{}: nothing left open", t.name);
        assert!(audit_actions(&t).await.contains(&"sms_failed".to_owned()));

        t.ports.sms = working;
        let sent = request_code(&t.ports, &aigerim(), NUMBER, true)
            .await
            .unwrap();
        let code = code_sent_to(&t.ports, NUMBER).await;
        confirm_code(&t.ports, &aigerim(), &sent.request_id, &code)
            .await
            .unwrap();
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_failed_resend_keeps_the_request_open_for_another_try() {
    for mut t in engines_with_demo_data().await {
        let sent = request_code(&t.ports, &aigerim(), NUMBER, true)
            .await
            .unwrap();
        t.clock.advance(Duration::seconds(61));
        let working = std::mem::replace(&mut t.ports.sms, Arc::new(Down));
        let e = resend_code(&t.ports, &aigerim(), &sent.request_id)
            .await
            .unwrap_err();
        assert!(matches!(e, RequestCodeError::SmsUnavailable), "{}", t.name);
        let request = t.ports.requests.request(&sent.request_id).await.unwrap();
        assert_eq!(request.unwrap().state, BindingState::AwaitingCode);

        t.ports.sms = working;
        t.clock.advance(Duration::seconds(61));
        resend_code(&t.ports, &aigerim(), &sent.request_id)
            .await
            .unwrap();
        let code = code_sent_to(&t.ports, NUMBER).await;
        confirm_code(&t.ports, &aigerim(), &sent.request_id, &code)
            .await
            .unwrap();
        t.cleanup().await;
    }
}

#[tokio::test]
async fn an_unreachable_identity_register_binds_nothing_and_certifying_again_works() {
    for mut t in engines_with_demo_data().await {
        let sent = request_code(&t.ports, &aigerim(), NUMBER, true)
            .await
            .unwrap();
        let code = code_sent_to(&t.ports, NUMBER).await;
        let document = confirm_code(&t.ports, &aigerim(), &sent.request_id, &code)
            .await
            .unwrap();
        let cms = sign_detached(&document, &citizen_key(&format!("{AIGERIM}-sign"))).unwrap();

        let working = std::mem::replace(&mut t.ports.identity, Arc::new(Down));
        let e = certify(&t.ports, &aigerim(), &sent.request_id, &cms)
            .await
            .unwrap_err();
        assert!(matches!(e, CertifyError::Unavailable), "{}: {e:?}", t.name);
        let bound = t.ports.bindings.active_binding(&aigerim()).await.unwrap();
        assert!(bound.is_none(), "{}: nothing bound", t.name);
        let request = t.ports.requests.request(&sent.request_id).await.unwrap();
        assert_eq!(request.unwrap().state, BindingState::AwaitingCertification);

        t.ports.identity = working;
        certify(&t.ports, &aigerim(), &sent.request_id, &cms)
            .await
            .unwrap();
        let bound = t.ports.bindings.active_binding(&aigerim()).await.unwrap();
        assert_eq!(bound.unwrap().msisdn.as_str(), NUMBER, "{}", t.name);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_failed_sms_leaves_the_consent_as_it_was() {
    for mut t in engines_with_demo_data().await {
        let madina = Iin::parse("880808410008").unwrap();
        let working = std::mem::replace(&mut t.ports.sms, Arc::new(Down));
        request_code(&t.ports, &madina, "+77025551234", true)
            .await
            .unwrap_err();
        let consent = t.ports.requests.active_consent(&madina).await.unwrap();
        assert!(
            consent.is_none(),
            "{}: consent granted by a failed step",
            t.name
        );

        t.ports.sms = working;
        request_code(&t.ports, &aigerim(), NUMBER, true)
            .await
            .unwrap();
        let given = t.ports.requests.active_consent(&aigerim()).await.unwrap();
        t.ports.sms = Arc::new(Down);
        request_code(&t.ports, &aigerim(), "+77019990000", false)
            .await
            .unwrap_err();
        let consent = t.ports.requests.active_consent(&aigerim()).await.unwrap();
        assert!(
            consent.is_some(),
            "{}: consent revoked by a failed step",
            t.name
        );
        assert_eq!(consent, given, "{}: the same consent stands again", t.name);
        assert!(audit_actions(&t)
            .await
            .contains(&"consent_restored".to_owned()));
        t.cleanup().await;
    }
}
