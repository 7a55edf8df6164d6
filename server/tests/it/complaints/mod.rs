//! Complaints and the back office (Rules ch. 3, §10), on SQLite and on
//! PostgreSQL, with a test clock: filing, deadlines, every official's
//! decision, who may see and do what, and the limits under parallel calls.

use crate::support;

use nomir::domain::complaint::{Addressee, ComplaintState, Decision, DecisionError, Subject};
use nomir::domain::Iin;
use nomir::ports::{Clock, StaffMember};
use nomir::services::complaints::{self, FileError};
use nomir::services::office::{self, OfficeError};
use nomir::services::open_request::expire_overdue;
use nomir::services::request_code::request_code;
use nomir::services::staff;
use support::demo::engines_with_demo_data;
use support::{at_once, TestDb};
use time::macros::date;
use time::Duration;

mod officials;
mod parallel;
mod provisional;

const YERLAN: &str = "851102310000";
const AIGERIM: &str = "900515410001";
const DANA: &str = "991231410007";
const MADINA: &str = "880808410008";
const ARMAN: &str = "010721510001";
const TEXT: &str = "The code never came, and the request ended without a binding.";
const REASONS: &str = "Checked the SMS gateway log: the message was delayed by the operator.";

fn iin(s: &str) -> Iin {
    Iin::parse(s).unwrap()
}

/// Starts a request for `who`'s `number` and lets its term run out: an
/// ended request, expired (a refusal to complain about).
async fn expired_request(t: &TestDb, who: &str, number: &str) -> String {
    let sent = request_code(&t.ports, &iin(who), number, true)
        .await
        .unwrap();
    t.clock.advance(Duration::minutes(11));
    expire_overdue(&t.ports).await.unwrap();
    sent.request_id
}

async fn member(t: &TestDb, login: &str) -> StaffMember {
    t.ports.staff.staff_member(login).await.unwrap().unwrap()
}

async fn file(t: &TestDb, who: &str, request: &str, to: Addressee) -> nomir::ports::Complaint {
    complaints::file(
        &t.ports,
        &iin(who),
        request,
        Subject::Refusal,
        to,
        None,
        TEXT,
    )
    .await
    .unwrap()
}

/// The newest SMS to `number`, if any.
async fn last_sms(t: &TestDb, number: &str) -> Option<String> {
    let outbox = t.ports.outbox.outbox().await.unwrap();
    outbox
        .into_iter()
        .find(|m| m.msisdn.as_str() == number)
        .map(|m| m.body)
}

#[tokio::test]
async fn a_complaint_is_registered_with_its_number_and_deadlines_and_the_citizen_is_told() {
    for t in engines_with_demo_data().await {
        let request = expired_request(&t, YERLAN, "+77051234568").await;
        // Wednesday 25 November 2026, 10:11 in Astana.
        let c = file(&t, YERLAN, &request, Addressee::Provider).await;
        assert_eq!(c.number, "ZH-2026-000001", "{}", t.name);
        assert_eq!(c.state, ComplaintState::AtProvider);
        assert_eq!(c.deadlines.forward_by, Some(date!(2026 - 11 - 30)));
        assert_eq!(c.deadlines.review_by, date!(2026 - 12 - 02));
        let stored = t.ports.complaints.complaint(&c.id).await.unwrap().unwrap();
        assert_eq!(stored, c);
        let audit = t.ports.audit.recent(1).await.unwrap();
        assert_eq!(audit[0].action, "complaint_filed");
        assert_eq!(audit[0].actor, YERLAN);
        assert!(audit[0].detail.contains("number=ZH-2026-000001"));
        // No number is bound to him: no SMS about the complaint (the last
        // one is the request's code).
        assert!(!last_sms(&t, "+77051234568").await.unwrap().contains("ZH-"));
        let second = expired_request(&t, AIGERIM, "+77011234567").await;
        let c2 = file(&t, AIGERIM, &second, Addressee::AuthorizedBody).await;
        assert_eq!(c2.number, "ZH-2026-000002");
        assert_eq!(c2.state, ComplaintState::AtReviewer);
        assert_eq!(c2.deadlines.forward_by, None);
        // 15 working days from Wednesday 25 November: 16 December is off.
        assert_eq!(c2.deadlines.review_by, date!(2026 - 12 - 17));
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_refusal_is_complained_of_once_refused_and_bad_texts_store_nothing() {
    for t in engines_with_demo_data().await {
        let sent = request_code(&t.ports, &iin(DANA), "+77777654321", true)
            .await
            .unwrap();
        let open = sent.request_id;
        let refused = complaints::file(
            &t.ports,
            &iin(DANA),
            &open,
            Subject::Refusal,
            Addressee::Provider,
            None,
            TEXT,
        )
        .await;
        assert!(matches!(refused, Err(FileError::NotRefused)), "{}", t.name);
        // Inaction about an open request is fine.
        for (text, short) in [("too short", true), (&"x".repeat(4001) as &str, false)] {
            let e = complaints::file(
                &t.ports,
                &iin(DANA),
                &open,
                Subject::Inaction,
                Addressee::Provider,
                None,
                text,
            )
            .await;
            match e {
                Err(FileError::Text(nomir::domain::complaint::TextError::TooShort)) => {
                    assert!(short)
                }
                Err(FileError::Text(nomir::domain::complaint::TextError::TooLong)) => {
                    assert!(!short)
                }
                other => panic!("{other:?}"),
            }
        }
        assert!(complaints::list(&t.ports, &iin(DANA))
            .await
            .unwrap()
            .is_empty());
        let c = complaints::file(
            &t.ports,
            &iin(DANA),
            &open,
            Subject::Inaction,
            Addressee::Provider,
            None,
            TEXT,
        )
        .await
        .unwrap();
        // One complaint under review per request and addressee.
        let again = complaints::file(
            &t.ports,
            &iin(DANA),
            &open,
            Subject::Action,
            Addressee::Provider,
            None,
            TEXT,
        )
        .await;
        assert!(matches!(again, Err(FileError::AlreadyUnderReview)));
        // The authorized body can still be asked while the provider's is open
        // (ch. 3: to the provider and/or the official, or the authorized body).
        let to_authority = complaints::file(
            &t.ports,
            &iin(DANA),
            &open,
            Subject::Action,
            Addressee::AuthorizedBody,
            None,
            TEXT,
        )
        .await
        .unwrap();
        let mut listed = complaints::list(&t.ports, &iin(DANA)).await.unwrap();
        listed.sort_by(|a, b| a.number.cmp(&b.number));
        assert_eq!(listed, vec![c, to_authority], "{}", t.name);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_citizen_reaches_only_their_own_requests_and_complaints() {
    for t in engines_with_demo_data().await {
        let request = expired_request(&t, AIGERIM, "+77011234567").await;
        let c = file(&t, AIGERIM, &request, Addressee::Provider).await;
        // Dana cannot complain about Aigerim's request, nor read her complaint.
        let e = complaints::file(
            &t.ports,
            &iin(DANA),
            &request,
            Subject::Action,
            Addressee::Provider,
            None,
            TEXT,
        )
        .await;
        assert!(matches!(e, Err(FileError::RequestNotFound)), "{}", t.name);
        assert_eq!(
            complaints::one(&t.ports, &iin(DANA), &c.id).await.unwrap(),
            None
        );
        assert!(complaints::list(&t.ports, &iin(DANA))
            .await
            .unwrap()
            .is_empty());
        assert_eq!(
            complaints::one(&t.ports, &iin(AIGERIM), &c.id)
                .await
                .unwrap(),
            Some(c)
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn the_provider_satisfies_in_full_within_3_working_days_and_the_citizen_is_told() {
    for t in engines_with_demo_data().await {
        let request = expired_request(&t, AIGERIM, "+77011234567").await;
        let c = file(&t, AIGERIM, &request, Addressee::Provider).await;
        let official = member(&t, "official.demo").await;
        let queue = office::queue(&t.ports, &official).await.unwrap();
        assert_eq!(queue.len(), 1, "{}", t.name);
        assert!(!queue[0].overdue);
        // Monday 30 November is the third working day: still in time.
        t.clock.advance(Duration::days(5));
        let done = office::decide(&t.ports, &official, &c.id, Decision::Satisfy, REASONS)
            .await
            .unwrap();
        assert_eq!(done.state, ComplaintState::Satisfied);
        assert_eq!(done.decided_by.as_deref(), Some("official.demo"));
        assert_eq!(done.decision_reason.as_deref(), Some(REASONS));
        assert_eq!(done.forwarded_at, None, "satisfied in full: not forwarded");
        let audit = t.ports.audit.recent(1).await.unwrap();
        assert_eq!(audit[0].actor, "staff:official.demo");
        assert_eq!(audit[0].action, "complaint_satisfy");
        assert_eq!(audit[0].subject, AIGERIM);
        // A decided complaint takes no other decision.
        let again = office::decide(&t.ports, &official, &c.id, Decision::Forward, REASONS).await;
        assert!(matches!(
            again,
            Err(OfficeError::Decision(DecisionError::NotWaiting))
        ));
        t.cleanup().await;
    }
}

#[tokio::test]
async fn after_3_working_days_the_provider_forwards_with_the_case_file_and_the_reviewer_decides() {
    use nomir::domain::audit::{Actor, AuditAction};
    for t in engines_with_demo_data().await {
        // While the request runs, the citizen also signs out somewhere: an
        // act of the account, not of the request.
        let sent = request_code(&t.ports, &iin(YERLAN), "+77051234568", true)
            .await
            .unwrap();
        t.clock.advance(Duration::minutes(1));
        let elsewhere = nomir::ports::AuditEntry::new(
            t.clock.now(),
            Actor::Citizen(&iin(YERLAN)),
            AuditAction::SignOut,
            YERLAN,
            "session".into(),
        );
        t.ports.audit.append(&elsewhere).await.unwrap();
        // And revokes the consent, which a refusal may rest on.
        let consent = nomir::ports::AuditEntry::new(
            t.clock.now(),
            Actor::Citizen(&iin(YERLAN)),
            AuditAction::ConsentRevoked,
            YERLAN,
            "consent=1".into(),
        );
        t.ports.audit.append(&consent).await.unwrap();
        t.clock.advance(Duration::minutes(10));
        expire_overdue(&t.ports).await.unwrap();
        let request = sent.request_id;
        let c = file(&t, YERLAN, &request, Addressee::Provider).await;
        let official = member(&t, "official.demo").await;
        let reviewer = member(&t, "reviewer.demo").await;
        // Not the reviewer's yet.
        assert!(matches!(
            office::one(&t.ports, &reviewer, &c.id).await,
            Err(OfficeError::NotFound)
        ));
        assert!(office::queue(&t.ports, &reviewer).await.unwrap().is_empty());
        // Tuesday 1 December: the 3 working days have passed.
        t.clock.advance(Duration::days(6));
        let case = office::one(&t.ports, &official, &c.id).await.unwrap();
        assert!(case.overdue, "{}", t.name);
        let late = office::decide(&t.ports, &official, &c.id, Decision::Satisfy, REASONS).await;
        assert!(matches!(
            late,
            Err(OfficeError::Decision(DecisionError::SatisfyTooLate))
        ));
        let short = office::decide(&t.ports, &official, &c.id, Decision::Forward, "no").await;
        assert!(matches!(short, Err(OfficeError::Reason(_))));
        let forwarded = office::decide(&t.ports, &official, &c.id, Decision::Forward, REASONS)
            .await
            .unwrap();
        assert_eq!(forwarded.state, ComplaintState::AtReviewer);
        assert_eq!(forwarded.forwarded_by.as_deref(), Some("official.demo"));
        let file: serde_json::Value =
            serde_json::from_str(forwarded.case_file.as_deref().unwrap()).unwrap();
        assert_eq!(file["request"]["id"], request.as_str());
        assert_eq!(file["request"]["state"], "expired");
        let actions: Vec<&str> = file["audit"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        assert!(actions.contains(&"code_sent"), "{actions:?}");
        assert!(actions.contains(&"request_expired"), "{actions:?}");
        // The request's own entries and the consent's, not the citizen's
        // sign-out elsewhere.
        for e in file["audit"].as_array().unwrap() {
            let own = e["detail"].as_str().unwrap().contains(request.as_str());
            let consent = e["action"].as_str().unwrap().starts_with("consent_");
            assert!(own || consent, "{e}");
        }
        assert!(actions.contains(&"consent_revoked"), "{actions:?}");
        assert!(!actions.contains(&"sign_out"), "{actions:?}");
        // The reviewer sees it now; the provider's decisions are not theirs.
        let wrong = office::decide(&t.ports, &reviewer, &c.id, Decision::Satisfy, REASONS).await;
        assert!(matches!(
            wrong,
            Err(OfficeError::Decision(DecisionError::NotYourRole))
        ));
        let not_yet = office::decide(&t.ports, &official, &c.id, Decision::Reject, REASONS).await;
        assert!(matches!(
            not_yet,
            Err(OfficeError::Decision(DecisionError::NotYourRole))
        ));
        assert_eq!(office::queue(&t.ports, &reviewer).await.unwrap().len(), 1);
        let rejected = office::decide(&t.ports, &reviewer, &c.id, Decision::Reject, REASONS)
            .await
            .unwrap();
        assert_eq!(rejected.state, ComplaintState::Rejected);
        assert_eq!(rejected.decided_by.as_deref(), Some("reviewer.demo"));
        // The citizen sees the decision.
        let seen = complaints::one(&t.ports, &iin(YERLAN), &c.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(seen.state, ComplaintState::Rejected);
        assert_eq!(seen.decision_reason.as_deref(), Some(REASONS));
        t.cleanup().await;
    }
}

#[tokio::test]
async fn each_change_reaches_the_citizens_bound_number_by_sms() {
    for t in engines_with_demo_data().await {
        // Madina's number is bound (as the store keeps a binding) after an
        // earlier request of hers expired.
        let request = expired_request(&t, MADINA, "+77025551234").await;
        let binding = nomir::ports::Binding {
            id: "sms-test".into(),
            iin: iin(MADINA),
            msisdn: nomir::domain::Msisdn::parse("+77025551234").unwrap(),
            operator: "Kcell".into(),
            channel: nomir::domain::Channel::Portal,
            bound_at: t.clock.now(),
            ended_at: None,
            end_reason: None,
        };
        t.ports
            .bindings
            .insert_binding_if_missing(&binding)
            .await
            .unwrap();
        let c = file(&t, MADINA, &request, Addressee::Provider).await;
        let sms = last_sms(&t, "+77025551234").await.unwrap();
        assert!(
            sms.contains(&c.number) && sms.contains("шағым") && sms.contains("жалоба"),
            "{sms}"
        );
        let official = member(&t, "official.demo").await;
        office::decide(&t.ports, &official, &c.id, Decision::Satisfy, REASONS)
            .await
            .unwrap();
        let sms = last_sms(&t, "+77025551234").await.unwrap();
        assert!(
            sms.contains("удовлетворена услугодателем полностью"),
            "{sms}"
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn administrators_have_no_queue_and_decide_nothing() {
    for t in engines_with_demo_data().await {
        let request = expired_request(&t, AIGERIM, "+77011234567").await;
        let c = file(&t, AIGERIM, &request, Addressee::Provider).await;
        let admin = member(&t, "admin.demo").await;
        assert!(
            matches!(
                office::queue(&t.ports, &admin).await,
                Err(OfficeError::NoQueue)
            ),
            "{}",
            t.name
        );
        assert!(matches!(
            office::one(&t.ports, &admin, &c.id).await,
            Err(OfficeError::NotFound)
        ));
        let e = office::decide(&t.ports, &admin, &c.id, Decision::Satisfy, REASONS).await;
        assert!(matches!(e, Err(OfficeError::NotFound)));
        t.cleanup().await;
    }
}

#[tokio::test]
async fn staff_sign_in_with_their_own_passwords_and_sessions() {
    for t in engines_with_demo_data().await {
        let token = staff::sign_in(
            &t.ports,
            "reviewer.demo",
            nomir::demo::DEMO_PASSWORD,
            "127.0.0.1",
        )
        .await
        .unwrap();
        let who = staff::current(&t.ports, &token).await.unwrap().unwrap();
        assert_eq!(who.login, "reviewer.demo", "{}", t.name);
        // A citizen's IIN and password are not a staff login.
        assert!(
            staff::sign_in(&t.ports, AIGERIM, nomir::demo::DEMO_PASSWORD, "127.0.0.1")
                .await
                .is_err()
        );
        assert!(
            staff::sign_in(&t.ports, "reviewer.demo", "wrong-pass", "127.0.0.1")
                .await
                .is_err()
        );
        staff::sign_out(&t.ports, "reviewer.demo", &token)
            .await
            .unwrap();
        assert_eq!(staff::current(&t.ports, &token).await.unwrap(), None);
        let audit = t.ports.audit.recent(2).await.unwrap();
        assert_eq!(audit[0].action, "staff_sign_out");
        assert_eq!(audit[1].action, "staff_sign_in");
        t.cleanup().await;
    }
}
