//! Deadlines on a calendar that is known (SPEC §5): a deadline past the
//! calendar's last year is provisional, the health check says so, and
//! importing a calendar that lists the year counts it again, audited.

use super::*;
use nomir::domain::calendar::WorkingCalendar;
use nomir::services::health;
use std::sync::Arc;

/// Yerlan's complaint to the authorized body, filed on Monday 21 December
/// 2026 with a calendar that lists 2026 only: the ports that calendar is
/// in, and the complaint.
async fn filed_past_the_calendar(t: &TestDb) -> (nomir::services::Ports, nomir::ports::Complaint) {
    let mut short = t.ports.clone();
    short.calendar = Arc::new(
        WorkingCalendar::parse("date,status,reason\n2026-12-16,off,Independence Day\n").unwrap(),
    );
    t.clock.advance(Duration::days(26));
    let request = expired_request(t, YERLAN, "+77051234568").await;
    let filed = complaints::file(
        &short,
        &iin(YERLAN),
        &request,
        Subject::Refusal,
        Addressee::AuthorizedBody,
        None,
        TEXT,
    )
    .await
    .unwrap();
    (short, filed)
}

#[tokio::test]
async fn a_deadline_past_the_calendar_is_provisional_until_an_import_counts_it_again() {
    for t in engines_with_demo_data().await {
        let (short, filed) = filed_past_the_calendar(&t).await;
        // 15 working days reach into 2027, whose holidays it does not know.
        assert!(filed.deadlines.provisional, "{}", t.name);
        assert_eq!(filed.deadlines.review_by, date!(2027 - 01 - 11));
        let stored = complaints::one(&t.ports, &iin(YERLAN), &filed.id)
            .await
            .unwrap()
            .unwrap();
        assert!(stored.deadlines.provisional, "{}: stored so", t.name);
        let warned = health::warnings(&short).await;
        assert_eq!(warned.len(), 1, "{}", t.name);
        assert!(warned[0].contains("ends in 2026"), "{}", warned[0]);

        // The operator imports the full calendar: 1, 4 and 7 January are off.
        let dir = std::env::temp_dir().join(format!("nomir-cal-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("kz.csv");
        std::fs::write(&file, nomir::calendar_data::BUILT_IN).unwrap();
        let summary = nomir::calendar_data::import(&file, &t.db).await.unwrap();
        assert!(
            summary.contains("1 open complaints' provisional deadlines counted again"),
            "{}: {summary}",
            t.name
        );
        let recounted = complaints::one(&t.ports, &iin(YERLAN), &filed.id)
            .await
            .unwrap()
            .unwrap();
        assert!(!recounted.deadlines.provisional, "{}", t.name);
        assert_eq!(recounted.deadlines.review_by, date!(2027 - 01 - 14));
        assert!(t
            .recent_actions(5)
            .await
            .iter()
            .any(|a| a == "deadlines_recounted"));
        assert!(health::warnings(&t.ports).await.is_empty(), "{}", t.name);
        // Nothing is provisional any more: a second import changes nothing.
        let again = nomir::calendar_data::import(&file, &t.db).await.unwrap();
        assert!(!again.contains("counted again"), "{again}");
        std::fs::remove_dir_all(dir).ok();
        t.cleanup().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_recounts_change_a_provisional_deadline_once() {
    use nomir::ports::Clock as _;
    for t in engines_with_demo_data().await {
        let (_, filed) = filed_past_the_calendar(&t).await;
        assert!(filed.deadlines.provisional, "{}", t.name);
        let store = t.ports.complaints.clone();
        let now = t.clock.now();
        let counted = at_once(6, |_| {
            let store = store.clone();
            async move {
                let kz = nomir::calendar_data::builtin();
                nomir::services::deadlines::recount(store.as_ref(), &kz, now)
                    .await
                    .unwrap()
            }
        })
        .await;
        assert_eq!(counted.iter().sum::<usize>(), 1, "{}: {counted:?}", t.name);
        let audit = t.recent_actions(20).await;
        let recounts = audit.iter().filter(|a| *a == "deadlines_recounted").count();
        assert_eq!(recounts, 1, "{}", t.name);
        t.cleanup().await;
    }
}
