//! Appendix row 7: maintenance windows, on both engines (the schedule, and
//! a request's term lengthened by a break), over HTTP (banners, 503s), and
//! from the command line.

mod http;
mod snapshot;

use nomir::domain::maintenance::{Notice, WARN_AHEAD};
use nomir::domain::{BindingState, Iin};
use nomir::ports::Clock;
use nomir::services::maintenance::{self, AnnounceError};
use nomir::services::open_request::expire_overdue;
use nomir::services::request_status;
use time::Duration;

use crate::support::demo::engines_with_demo_data;
use crate::support::procedure::{at_signing, ready_to_certify};

const AIGERIM: &str = "900515410001";
const DANA: &str = "991231410007";

fn iin(s: &str) -> Iin {
    Iin::parse(s).unwrap()
}

#[tokio::test]
async fn windows_are_announced_without_overlap_warned_of_a_day_ahead_and_cancelled_with_audit() {
    for t in engines_with_demo_data().await {
        let now = t.clock.now();
        let from = now + Duration::hours(30);
        let w = maintenance::announce(&t.ports, from, from + Duration::hours(2))
            .await
            .unwrap();
        // Overlapping, backwards, too long or past windows are refused.
        let overlap = maintenance::announce(
            &t.ports,
            from + Duration::hours(1),
            from + Duration::hours(3),
        )
        .await;
        assert!(
            matches!(overlap, Err(AnnounceError::Overlaps)),
            "{}",
            t.name
        );
        for (a, b) in [
            (from + Duration::hours(5), from + Duration::hours(4)),
            (from + Duration::hours(5), from + Duration::hours(30)),
            (now - Duration::hours(1), now + Duration::hours(1)),
        ] {
            assert!(matches!(
                maintenance::announce(&t.ports, a, b).await,
                Err(AnnounceError::Window(_))
            ));
        }
        assert_eq!(
            maintenance::schedule(&t.ports).await.unwrap(),
            vec![w.clone()]
        );
        // Nothing to say until a day before; then the banner; then paused.
        assert_eq!(maintenance::notice(&t.ports).await, None, "{}", t.name);
        t.clock.advance(from - now - WARN_AHEAD);
        assert_eq!(
            maintenance::notice(&t.ports).await,
            Some(Notice::Upcoming {
                from: w.from,
                until: w.until
            })
        );
        t.clock.advance(WARN_AHEAD + Duration::minutes(30));
        assert_eq!(
            maintenance::notice(&t.ports).await,
            Some(Notice::Paused { until: w.until })
        );
        // Cancelled while under way: it ends now, and the schedule is empty.
        assert!(maintenance::cancel(&t.ports, &w.id).await.unwrap());
        assert!(
            !maintenance::cancel(&t.ports, &w.id).await.unwrap(),
            "{}",
            t.name
        );
        assert_eq!(maintenance::notice(&t.ports).await, None);
        assert!(maintenance::schedule(&t.ports).await.unwrap().is_empty());
        // One to come is called off whole; audited both ways.
        let later = t.clock.now() + Duration::hours(3);
        let w2 = maintenance::announce(&t.ports, later, later + Duration::hours(1))
            .await
            .unwrap();
        assert!(maintenance::cancel(&t.ports, &w2.id).await.unwrap());
        assert!(maintenance::schedule(&t.ports).await.unwrap().is_empty());
        let actions = t.recent_actions(10).await;
        assert_eq!(
            actions
                .iter()
                .filter(|a| a.starts_with("maintenance_"))
                .collect::<Vec<_>>(),
            [
                "maintenance_cancelled",
                "maintenance_announced",
                "maintenance_cancelled",
                "maintenance_announced"
            ],
            "{}",
            t.name
        );
        t.cleanup().await;
    }
}

/// "No request started before the window is refused or expired because of
/// it": a request 5 minutes into its term when a 60-minute break begins has
/// its 5 minutes left after the break, and binds.
#[tokio::test]
async fn a_break_within_a_requests_term_lengthens_it_so_it_still_binds_after() {
    for t in engines_with_demo_data().await {
        let who = iin(AIGERIM);
        let (id, cms) = ready_to_certify(&t, &who, "+77011234567").await;
        let from = t.clock.now() + Duration::minutes(5);
        maintenance::announce(&t.ports, from, from + Duration::hours(1))
            .await
            .unwrap();
        // 40 minutes on, in the break: the sweep leaves it, the page shows
        // the lengthened term.
        t.clock.advance(Duration::minutes(40));
        assert_eq!(expire_overdue(&t.ports).await.unwrap(), 0, "{}", t.name);
        let status = request_status::view(&t.ports, &who, &id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(status.request.state, BindingState::AwaitingCertification);
        assert_eq!(
            status.term_ends_at,
            status.request.started_at + Duration::minutes(70)
        );
        // After the break, 4 minutes of its term are left: it binds.
        t.clock.advance(Duration::minutes(26));
        assert_eq!(expire_overdue(&t.ports).await.unwrap(), 0);
        nomir::services::certify::certify(&t.ports, &who, &id, &cms)
            .await
            .unwrap_or_else(|e| panic!("{}: {e:?}", t.name));
        t.cleanup().await;
    }
}

/// Past the lengthened term a request still expires, and a request started
/// after a break gets only its own 10 minutes.
#[tokio::test]
async fn past_the_lengthened_term_a_request_expires() {
    for t in engines_with_demo_data().await {
        let who = iin(DANA);
        let from = t.clock.now() + Duration::minutes(1);
        maintenance::announce(&t.ports, from, from + Duration::minutes(30))
            .await
            .unwrap();
        let (id, _) = at_signing(&t, &who, "+77777654321").await;
        // 10 minutes and the 30-minute break: the term ends at minute 40.
        t.clock.advance(Duration::minutes(39));
        assert_eq!(expire_overdue(&t.ports).await.unwrap(), 0, "{}", t.name);
        t.clock.advance(Duration::minutes(1));
        assert_eq!(expire_overdue(&t.ports).await.unwrap(), 1, "{}", t.name);
        let status = request_status::view(&t.ports, &who, &id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(status.request.state, BindingState::Expired);
        // A new request after the break has its 10 minutes, no more.
        let (id, _) = at_signing(&t, &who, "+77777654321").await;
        let status = request_status::view(&t.ports, &who, &id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            status.term_ends_at,
            status.request.started_at + Duration::minutes(10)
        );
        t.cleanup().await;
    }
}
