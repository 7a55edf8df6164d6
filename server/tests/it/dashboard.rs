//! The service dashboard's figures, on SQLite and on PostgreSQL: requests
//! per day and channel, outcomes and grounds, service time against the
//! 10-minute term, complaints by status with the overdue; and its CSV.

use crate::support;
use crate::support::procedure::ready_to_certify;

use nomir::domain::complaint::{Addressee, Subject};
use nomir::domain::Iin;
use nomir::services::certify::certify;
use nomir::services::open_request::expire_overdue;
use nomir::services::request_code::request_code;
use nomir::services::{complaints, dashboard};
use support::demo::engines_with_demo_data;
use support::TestDb;
use time::Duration;

fn iin(s: &str) -> Iin {
    Iin::parse(s).unwrap()
}

/// The whole portal procedure for `who` and `number`, taking `minutes`
/// between the code and the signature.
async fn procedure(t: &TestDb, who: &str, number: &str, minutes: i64) -> String {
    let (request, cms) = ready_to_certify(t, &iin(who), number).await;
    t.clock.advance(Duration::minutes(minutes));
    let _ = certify(&t.ports, &iin(who), &request, &cms).await;
    request
}

#[tokio::test]
async fn the_dashboard_counts_what_happened() {
    for t in engines_with_demo_data().await {
        // Bound in no time; refused (not in the register) after 3 minutes;
        // one left to expire; one still open.
        procedure(&t, "900515410001", "+77011234567", 0).await;
        let refused = procedure(&t, "000229510005", "+77016660000", 3).await;
        request_code(&t.ports, &iin("991231410007"), "+77777654321", true)
            .await
            .unwrap();
        t.clock.advance(Duration::minutes(11));
        expire_overdue(&t.ports).await.unwrap();
        request_code(&t.ports, &iin("851102310000"), "+77051234568", true)
            .await
            .unwrap();
        complaints::file(
            &t.ports,
            &iin("000229510005"),
            &refused,
            Subject::Refusal,
            Addressee::Provider,
            None,
            "Менің деректерім тізілімде бар.",
        )
        .await
        .unwrap();
        // A week later the complaint is overdue; the requests are 7 days back.
        t.clock.advance(Duration::days(7));
        let d = dashboard::view(&t.ports, 30).await.unwrap();
        assert_eq!(d.per_day.len(), 1, "{}: {:?}", t.name, d.per_day);
        assert_eq!(
            (d.per_day[0].channel.as_str(), d.per_day[0].count),
            ("portal", 4)
        );
        let mut outcomes: Vec<(String, Option<String>, u64)> = d
            .outcomes
            .iter()
            .map(|o| (o.state.clone(), o.ground.clone(), o.count))
            .collect();
        outcomes.sort();
        assert_eq!(
            outcomes,
            vec![
                ("awaiting_code".into(), None, 1),
                ("bound".into(), None, 1),
                ("expired".into(), None, 1),
                ("refused".into(), Some("identity_not_found".into()), 1),
            ],
            "{}: as stored (the sweeper ends overdue requests in time)",
            t.name
        );
        let minutes: Vec<(u32, u64)> = d
            .service_times
            .iter()
            .map(|s| (s.minutes, s.count))
            .collect();
        assert_eq!(minutes, vec![(0, 1), (3, 1), (10, 1)], "{}", t.name);
        assert_eq!(d.within_term(), (2, 3), "the expired request counts");
        assert_eq!(d.complaints.len(), 1);
        assert_eq!(
            (
                d.complaints[0].state.as_str(),
                d.complaints[0].count,
                d.complaints[0].overdue
            ),
            ("at_provider", 1, 1)
        );
        // A window that ends before the requests counts none of them.
        let two = dashboard::view(&t.ports, 2).await.unwrap();
        assert!(two.per_day.is_empty() && two.outcomes.is_empty());
        let csv = dashboard::csv(&d).unwrap();
        assert!(csv.starts_with("section,key,subkey,count\n"), "{csv}");
        assert!(
            csv.contains("requests_per_day,2026-11-25,portal,4\n"),
            "{csv}"
        );
        assert!(csv.contains("outcome,refused,identity_not_found,1\n"));
        assert!(csv.contains("service_minutes,3,,1\n"));
        assert!(csv.contains("complaints,at_provider,overdue,1\n"));
        t.cleanup().await;
    }
}
