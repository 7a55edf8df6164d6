//! Whose a number is (the Rules' title: the mobile operator is the
//! authority): a recycled number ends its previous holder's binding, and two
//! accounts binding one number at once never both win. SQLite and PostgreSQL.

use crate::support;
use crate::support::procedure;

use std::sync::Arc;

use async_trait::async_trait;
use nomir::domain::{EndReason, Iin, Msisdn};
use nomir::ports::{Attribution, BindingEndReason, OperatorRegistry, Unavailable};
use nomir::services::cabinet;
use nomir::services::certify::{certify, CertifyError};
use support::demo::engines_with_demo_data;
use support::TestDb;
use time::OffsetDateTime;

const GULNAR: &str = "720314410000";
const DANA: &str = "991231410007";
const AIGERIM: &str = "900515410001";
/// Bound to Gulnar since 2023 in the demo data; the operator now attributes it to Dana.
const RECYCLED: &str = "+77017770000";

fn iin(s: &str) -> Iin {
    Iin::parse(s).unwrap()
}

/// Asks for a code, enters it and signs the document: the request is ready to certify.
async fn ready_to_certify(t: &TestDb, who: &str, number: &str) -> (String, Vec<u8>) {
    procedure::ready_to_certify(t, &iin(who), number).await
}

#[tokio::test]
async fn a_recycled_number_ends_the_previous_holders_binding_and_binds_the_new_one() {
    for t in engines_with_demo_data().await {
        let before = t.ports.bindings.active_binding(&iin(GULNAR)).await.unwrap();
        assert_eq!(before.unwrap().msisdn.as_str(), RECYCLED, "{}", t.name);

        let (request, cms) = ready_to_certify(&t, DANA, RECYCLED).await;
        let bound = certify(&t.ports, &iin(DANA), &request, &cms).await.unwrap();
        assert_eq!(bound.msisdn.as_str(), RECYCLED);

        let gulnar = t
            .ports
            .bindings
            .binding_history(&iin(GULNAR))
            .await
            .unwrap();
        assert_eq!(gulnar.len(), 1, "{}: her history is kept", t.name);
        assert!(gulnar[0].ended_at.is_some());
        assert_eq!(
            gulnar[0].end_reason,
            Some(BindingEndReason::OperatorReassigned)
        );
        let dana = t.ports.bindings.active_binding(&iin(DANA)).await.unwrap();
        assert_eq!(dana.unwrap().msisdn.as_str(), RECYCLED);

        let entries = t.ports.audit.recent(3).await.unwrap();
        let ended = entries
            .iter()
            .find(|e| e.action == "binding_ended")
            .expect("an audit entry about the previous holder");
        assert_eq!(ended.subject, GULNAR);
        assert_eq!(ended.actor, DANA);
        assert!(ended.detail.contains("operator_reassigned"));
        assert_eq!(entries[0].action, "number_bound");

        let view = cabinet::view(&t.ports, &iin(GULNAR))
            .await
            .unwrap()
            .unwrap();
        assert!(view.active.is_none(), "{}", t.name);
        assert_eq!(
            view.history[0].end_reason,
            Some(BindingEndReason::OperatorReassigned)
        );
        t.cleanup().await;
    }
}

/// An operator registry that attributes every number to whoever asks: it
/// lets two accounts pass the operator's check for one number at once, so
/// only the store's lock stands between them.
struct AttributesToAsker;

#[async_trait]
impl OperatorRegistry for AttributesToAsker {
    async fn attribution(&self, _: &Msisdn, _: &Iin) -> Result<Attribution, Unavailable> {
        Ok(Attribution::Theirs {
            operator: "Kcell".into(),
        })
    }

    async fn latest_sim_change(&self, _: &Msisdn) -> Result<Option<OffsetDateTime>, Unavailable> {
        Ok(None)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_accounts_binding_one_number_at_once_bind_it_once_and_the_other_ends_not_performed() {
    for mut t in engines_with_demo_data().await {
        t.ports.operators = Arc::new(AttributesToAsker);
        let number = "+77019990000";
        let (first, first_cms) = ready_to_certify(&t, AIGERIM, number).await;
        // A second later, so the newest SMS to the number is Dana's.
        t.clock.advance(time::Duration::seconds(1));
        let (second, second_cms) = ready_to_certify(&t, DANA, number).await;
        let barrier = Arc::new(tokio::sync::Barrier::new(2));
        let mut tasks = Vec::new();
        for (who, request, cms) in [(AIGERIM, first, first_cms), (DANA, second, second_cms)] {
            let (ports, barrier) = (t.ports.clone(), barrier.clone());
            tasks.push(tokio::spawn(async move {
                barrier.wait().await;
                certify(&ports, &iin(who), &request, &cms).await
            }));
        }
        let mut results = Vec::new();
        for task in tasks {
            results.push(task.await.unwrap());
        }
        let bound = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(bound, 1, "{}: {results:?}", t.name);
        let refused = results.iter().find_map(|r| r.as_ref().err()).unwrap();
        assert!(
            matches!(
                refused,
                CertifyError::Ended(EndReason::NumberTakenMeanwhile)
            ),
            "{}: {refused:?}",
            t.name
        );
        let mut holders = 0;
        for who in [AIGERIM, DANA] {
            let active = t.ports.bindings.active_binding(&iin(who)).await.unwrap();
            holders += usize::from(active.is_some_and(|b| b.msisdn.as_str() == number));
        }
        assert_eq!(holders, 1, "{}", t.name);
        t.cleanup().await;
    }
}
