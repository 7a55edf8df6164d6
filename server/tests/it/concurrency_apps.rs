//! One-time and one-way changes of the app channels under parallel calls,
//! on SQLite and on PostgreSQL: an app sign-in challenge is used once, and
//! a bank's permission is revoked once (one conditional update each).

use crate::support;

use nomir::demo::pki::sign_detached;
use nomir::domain::api_client::ClientId;
use nomir::domain::permission::DocumentScope;
use nomir::domain::Iin;
use nomir::ports::{AuditEntry, Clock, DocumentPermission};
use nomir::services::{app_sign_in, permissions};
use support::at_once;
use support::demo::{citizen_key, engines_with_demo_data};
use time::Duration;

const AIGERIM: &str = "900515410001";

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_sign_in_challenge_signed_once_and_sent_eight_times_opens_one_session() {
    for t in engines_with_demo_data().await {
        let client = ClientId::parse("demo-egov-mobile").unwrap();
        let challenge = app_sign_in::new_challenge(&t.ports, &client, "unknown")
            .await
            .unwrap();
        let cms = sign_detached(
            challenge.text.as_bytes(),
            &citizen_key(&format!("{AIGERIM}-auth")),
        )
        .unwrap();
        let ports = t.ports.clone();
        let results = at_once(8, |_| {
            let (ports, client, id, cms) = (
                ports.clone(),
                client.clone(),
                challenge.id.clone(),
                cms.clone(),
            );
            async move { app_sign_in::sign_in(&ports, &client, &id, &cms).await }
        })
        .await;
        let opened = results.iter().filter(|r| r.is_ok()).count();
        let refused = results
            .iter()
            .filter(|r| matches!(r, Err(app_sign_in::AppSignInError::ChallengeUnusable)))
            .count();
        assert_eq!((opened, refused), (1, 7), "{}", t.name);
        let sign_ins = t
            .ports
            .audit
            .recent(20)
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.action == "app_sign_in")
            .count();
        assert_eq!(sign_ins, 1, "{}", t.name);
        t.cleanup().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn eight_revocations_of_one_permission_revoke_it_once() {
    for t in engines_with_demo_data().await {
        let iin = Iin::parse(AIGERIM).unwrap();
        let now = t.clock.now();
        let permission = DocumentPermission {
            id: "parallel-revoke".into(),
            client_id: ClientId::parse("demo-bank").unwrap(),
            iin: iin.clone(),
            scope: DocumentScope::parse("identity-card").unwrap(),
            request_id: None,
            asked_at: now,
            granted_at: Some(now),
            expires_at: now + Duration::days(30),
            revoked_at: None,
            consent_stated: true,
        };
        let audit = AuditEntry {
            at: now,
            actor: AIGERIM.into(),
            action: nomir::domain::audit::AuditAction::PermissionGranted,
            subject: AIGERIM.into(),
            detail: "permission=parallel-revoke".into(),
        };
        t.ports
            .permissions
            .grant_now(&permission, &audit)
            .await
            .unwrap();
        let ports = t.ports.clone();
        let results = at_once(8, |_| {
            let (ports, iin) = (ports.clone(), iin.clone());
            async move {
                permissions::revoke(&ports, &iin, "parallel-revoke")
                    .await
                    .unwrap()
            }
        })
        .await;
        assert_eq!(results.iter().filter(|r| **r).count(), 1, "{}", t.name);
        let revocations = t
            .ports
            .audit
            .recent(20)
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.action == "permission_revoked")
            .count();
        assert_eq!(revocations, 1, "{}", t.name);
        t.cleanup().await;
    }
}
