//! The operators over CAMARA, against operators these tests run
//! (`support::camara`): KYC Match and SIM Swap answers, the operator that
//! holds a number (ranges, ported numbers, the others asked when it does
//! not know the number), OAuth tokens kept and renewed,
//! and failures that end a step with "try again later", never a refusal,
//! behind a circuit breaker. Then the whole portal procedure through them.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use nomir::adapters::camara::CamaraOperators;
use nomir::domain::{Iin, Msisdn};
use nomir::ports::{Attribution, Clock, OperatorRegistry};
use nomir::services::certify::certify;
use nomir::services::request_code::{request_code, RequestCodeError};

use crate::support::camara::{operator_settings, settings, start, Operator};
use crate::support::demo::engines_with_demo_data;
use crate::support::procedure::ready_to_certify;

const AIGERIM: &str = "900515410001";
const DANA: &str = "991231410007";

fn n(s: &str) -> Msisdn {
    Msisdn::parse(s).unwrap()
}

fn iin(s: &str) -> Iin {
    Iin::parse(s).unwrap()
}

fn kcell() -> Attribution {
    Attribution::Theirs {
        operator: "Kcell".into(),
    }
}

async fn one_operator() -> (Arc<Operator>, CamaraOperators) {
    let op = Arc::new(Operator::default());
    let base = start(op.clone()).await;
    let ops = CamaraOperators::new(settings(vec![operator_settings(
        "Kcell",
        &base,
        &["+7701"],
    )]))
    .unwrap();
    (op, ops)
}

#[tokio::test]
async fn kyc_match_and_sim_swap_are_asked_of_the_operator_that_holds_the_number() {
    let (kcell_op, beeline_op) = (Arc::new(Operator::default()), Arc::new(Operator::default()));
    let (kcell_base, beeline_base) = (
        start(kcell_op.clone()).await,
        start(beeline_op.clone()).await,
    );
    kcell_op.subscriber("+77011234567", AIGERIM);
    // Ported from Kcell to Beeline, keeping its Kcell prefix.
    beeline_op.subscriber("+77012223344", DANA);
    kcell_op.subscriber("+77012223344", AIGERIM);
    let changed = time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .unwrap();
    kcell_op.swapped("+77011234567", changed);
    let mut s = settings(vec![
        operator_settings("Kcell", &kcell_base, &["+7701", "+7702"]),
        operator_settings("Beeline", &beeline_base, &["+7705"]),
    ]);
    s.ported = vec![(n("+77012223344"), "Beeline".into())];
    let ops = CamaraOperators::new(s).unwrap();

    assert_eq!(
        ops.attribution(&n("+77011234567"), &iin(AIGERIM))
            .await
            .unwrap(),
        kcell()
    );
    assert_eq!(
        ops.attribution(&n("+77011234567"), &iin(DANA))
            .await
            .unwrap(),
        Attribution::NotTheirs
    );
    // The operator has no such subscriber: not the citizen's.
    assert_eq!(
        ops.attribution(&n("+77019998877"), &iin(AIGERIM))
            .await
            .unwrap(),
        Attribution::NotTheirs
    );
    assert_eq!(
        ops.attribution(&n("+77012223344"), &iin(DANA))
            .await
            .unwrap(),
        Attribution::Theirs {
            operator: "Beeline".into()
        },
        "a ported number is asked of the operator it moved to"
    );
    assert_eq!(
        ops.latest_sim_change(&n("+77011234567")).await.unwrap(),
        Some(changed)
    );
    assert_eq!(
        ops.latest_sim_change(&n("+77021234567")).await.unwrap(),
        None
    );
    // Ported after the list was made: Kcell does not know it, Beeline does,
    // and is then asked about its SIM too.
    beeline_op.subscriber("+77015556677", DANA);
    beeline_op.swapped("+77015556677", changed);
    assert_eq!(
        ops.attribution(&n("+77015556677"), &iin(DANA))
            .await
            .unwrap(),
        Attribution::Theirs {
            operator: "Beeline".into()
        }
    );
    assert_eq!(
        ops.latest_sim_change(&n("+77015556677")).await.unwrap(),
        Some(changed)
    );
    // No operator configured for the range: cannot check, not a refusal.
    assert!(ops
        .attribution(&n("+77471234569"), &iin(AIGERIM))
        .await
        .is_err());
}

#[tokio::test]
async fn a_token_is_asked_for_once_and_again_when_the_operator_refuses_it() {
    let (op, ops) = one_operator().await;
    op.subscriber("+77011234567", AIGERIM);
    for _ in 0..3 {
        ops.attribution(&n("+77011234567"), &iin(AIGERIM))
            .await
            .unwrap();
    }
    assert_eq!(op.tokens_issued.load(Ordering::SeqCst), 1);
    op.revoke_tokens();
    assert_eq!(
        ops.attribution(&n("+77011234567"), &iin(AIGERIM))
            .await
            .unwrap(),
        kcell()
    );
    assert_eq!(op.tokens_issued.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn an_operator_that_cannot_say_is_unavailable_never_a_refusal() {
    let (op, ops) = one_operator().await;
    op.subscriber("+77011234567", AIGERIM);
    let (number, aigerim) = (n("+77011234567"), iin(AIGERIM));
    let ask = || ops.attribution(&number, &aigerim);
    op.not_available.store(true, Ordering::SeqCst);
    assert!(ask().await.is_err(), "not_available is no answer");
    op.not_available.store(false, Ordering::SeqCst);
    // One 503, then the second attempt answers.
    op.fail_next.store(1, Ordering::SeqCst);
    assert_eq!(ask().await.unwrap(), kcell());
    // Slower than the time limit: no answer, within the limits' time.
    op.delay_ms.store(1000, Ordering::SeqCst);
    let started = std::time::Instant::now();
    assert!(ask().await.is_err());
    assert!(
        started.elapsed() < Duration::from_millis(900),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_failing_operator_trips_its_breaker_and_is_asked_again_after_the_pause() {
    let (op, ops) = one_operator().await;
    op.subscriber("+77011234567", AIGERIM);
    let (number, aigerim) = (n("+77011234567"), iin(AIGERIM));
    let ask = || ops.attribution(&number, &aigerim);
    ask().await.unwrap();
    op.fail_next.store(1000, Ordering::SeqCst);
    for _ in 0..3 {
        assert!(ask().await.is_err());
    }
    let calls = op.api_calls.load(Ordering::SeqCst);
    // Open: refused at once, the operator not called.
    let e = ask().await.unwrap_err();
    assert!(e.reason.contains("circuit breaker"), "{e}");
    assert_eq!(op.api_calls.load(Ordering::SeqCst), calls);
    // The operator recovers; after the pause one call goes through and closes it.
    op.fail_next.store(0, Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(450)).await;
    assert_eq!(ask().await.unwrap(), kcell());
    assert_eq!(ask().await.unwrap(), kcell());
}

#[tokio::test]
async fn the_portal_procedure_binds_through_camara_and_a_swapped_sim_gets_no_code() {
    for mut t in engines_with_demo_data().await {
        let (op, ops) = one_operator().await;
        op.subscriber("+77011234567", AIGERIM);
        op.subscriber("+77019990000", AIGERIM);
        op.swapped("+77019990000", t.clock.now() - time::Duration::hours(5));
        t.ports.operators = Arc::new(ops);

        let e = request_code(&t.ports, &iin(AIGERIM), "+77019990000", true)
            .await
            .unwrap_err();
        assert!(
            matches!(e, RequestCodeError::SimRecentlySwapped { .. }),
            "{}: {e:?}",
            t.name
        );
        let (request, cms) = ready_to_certify(&t, &iin(AIGERIM), "+77011234567").await;
        let binding = certify(&t.ports, &iin(AIGERIM), &request, &cms)
            .await
            .unwrap_or_else(|e| panic!("{}: {e:?}", t.name));
        assert_eq!(binding.operator, "Kcell", "{}", t.name);
        // Asked at the code and again at certification.
        assert!(op.api_calls.load(Ordering::SeqCst) >= 4, "{}", t.name);
        t.cleanup().await;
    }
}
