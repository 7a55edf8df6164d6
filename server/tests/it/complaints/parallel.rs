//! Complaints filed and decided in parallel: one registration, distinct numbers, one decision.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_filings_about_one_request_register_one() {
    for t in engines_with_demo_data().await {
        let request = expired_request(&t, AIGERIM, "+77011234567").await;
        let ports = t.ports.clone();
        let results = at_once(8, |_| {
            let (ports, request) = (ports.clone(), request.clone());
            async move {
                complaints::file(
                    &ports,
                    &iin(AIGERIM),
                    &request,
                    Subject::Refusal,
                    Addressee::Provider,
                    None,
                    TEXT,
                )
                .await
            }
        })
        .await;
        let ok = results.iter().filter(|r| r.is_ok()).count();
        let under_review = results
            .iter()
            .filter(|r| matches!(r, Err(FileError::AlreadyUnderReview)))
            .count();
        assert_eq!((ok, under_review), (1, 7), "{}: {results:?}", t.name);
        assert_eq!(
            complaints::list(&t.ports, &iin(AIGERIM))
                .await
                .unwrap()
                .len(),
            1
        );
        t.cleanup().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_filings_get_distinct_numbers() {
    for t in engines_with_demo_data().await {
        let people = [
            (AIGERIM, "+77011234567"),
            (YERLAN, "+77051234568"),
            (DANA, "+77777654321"),
            (MADINA, "+77025551234"),
            (ARMAN, "+77081112233"),
        ];
        let mut requests = Vec::new();
        for (who, number) in people {
            let sent = request_code(&t.ports, &iin(who), number, true)
                .await
                .unwrap();
            requests.push((who, sent.request_id));
        }
        let ports = t.ports.clone();
        let results = at_once(requests.len(), |i| {
            let (ports, (who, request)) = (ports.clone(), requests[i].clone());
            async move {
                complaints::file(
                    &ports,
                    &iin(who),
                    &request,
                    Subject::Inaction,
                    Addressee::Provider,
                    None,
                    TEXT,
                )
                .await
                .unwrap()
                .number
            }
        })
        .await;
        let mut numbers = results;
        numbers.sort();
        let expected: Vec<String> = (1..=5).map(|n| format!("ZH-2026-{n:06}")).collect();
        assert_eq!(numbers, expected, "{}", t.name);
        t.cleanup().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_decisions_on_one_complaint_take_one() {
    for t in engines_with_demo_data().await {
        let request = expired_request(&t, AIGERIM, "+77011234567").await;
        let c = file(&t, AIGERIM, &request, Addressee::Provider).await;
        let official = member(&t, "official.demo").await;
        let ports = t.ports.clone();
        let results = at_once(8, |i| {
            let (ports, official, id) = (ports.clone(), official.clone(), c.id.clone());
            let decision = if i % 2 == 0 {
                Decision::Satisfy
            } else {
                Decision::Forward
            };
            async move { office::decide(&ports, &official, &id, decision, REASONS).await }
        })
        .await;
        let ok: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
        assert_eq!(ok.len(), 1, "{}: {results:?}", t.name);
        assert!(results.iter().all(|r| matches!(
            r,
            Ok(_) | Err(OfficeError::Moved) | Err(OfficeError::Decision(DecisionError::NotWaiting))
        )));
        let decisions = t
            .ports
            .audit
            .recent(20)
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.action == "complaint_satisfy" || e.action == "complaint_forward")
            .count();
        assert_eq!(decisions, 1, "one decision, one audit entry");
        t.cleanup().await;
    }
}
