//! §10: a complaint addressed to the official whose decision it concerns,
//! chosen from the request's history. That official alone receives it, as
//! the provider does (satisfy in full or forward within 3 working days).

use nomir::domain::complaint::{Addressee, ComplaintState, Decision, Role, Subject};
use nomir::ports::{Clock, StaffMember};
use nomir::services::complaints::{self, FileError};
use nomir::services::office::{self, OfficeError};

use super::{expired_request, file, iin, member, AIGERIM, REASONS, TEXT};
use crate::support::demo::engines_with_demo_data;

#[tokio::test]
async fn a_complaint_to_the_official_in_the_requests_history_is_theirs_to_forward() {
    for t in engines_with_demo_data().await {
        let request = expired_request(&t, AIGERIM, "+77011234567").await;
        let who = iin(AIGERIM);
        // Before any official acted on the request, there is none to choose.
        assert!(complaints::officials_of(&t.ports, &who, &request)
            .await
            .unwrap()
            .is_empty());
        let to_official = |official: Option<&'static str>| {
            let (ports, who, request) = (t.ports.clone(), who.clone(), request.clone());
            async move {
                complaints::file(
                    &ports,
                    &who,
                    &request,
                    Subject::Action,
                    Addressee::Official,
                    official,
                    TEXT,
                )
                .await
            }
        };
        assert!(matches!(
            to_official(Some("official.demo")).await,
            Err(FileError::OfficialNotInHistory)
        ));

        // The provider's official forwards a first complaint; the reviewer decides it.
        let official = member(&t, "official.demo").await;
        let reviewer = member(&t, "reviewer.demo").await;
        let first = file(&t, AIGERIM, &request, Addressee::Provider).await;
        office::decide(&t.ports, &official, &first.id, Decision::Forward, REASONS)
            .await
            .unwrap();
        office::decide(&t.ports, &reviewer, &first.id, Decision::Reject, REASONS)
            .await
            .unwrap();
        let known = complaints::officials_of(&t.ports, &who, &request)
            .await
            .unwrap();
        assert_eq!(
            known.iter().map(|m| m.login.as_str()).collect::<Vec<_>>(),
            ["official.demo"],
            "{}",
            t.name
        );

        // Only that official may be named: not the reviewer, nobody, or a stranger.
        for bad in [Some("reviewer.demo"), None, Some("nobody.here")] {
            assert!(
                matches!(to_official(bad).await, Err(FileError::OfficialNotInHistory)),
                "{bad:?}"
            );
        }
        let c = to_official(Some("official.demo")).await.unwrap();
        assert_eq!(c.addressee, Addressee::Official);
        assert_eq!(c.official.as_deref(), Some("official.demo"));
        assert_eq!(c.state, ComplaintState::AtProvider);
        assert!(
            c.deadlines.forward_by.is_some(),
            "3 working days to satisfy or forward"
        );

        // Another official of the provider neither sees nor decides it.
        let other = StaffMember {
            login: "other.official".into(),
            name: "Басқа Қызметкер".into(),
            role: Role::ProviderOfficial,
            password_hash: "not-a-hash".into(),
            created_at: t.clock.now(),
        };
        assert!(t.ports.staff.insert_staff_if_missing(&other).await.unwrap());
        let theirs = office::queue(&t.ports, &other).await.unwrap();
        assert!(
            theirs.iter().all(|case| case.complaint.id != c.id),
            "{}",
            t.name
        );
        assert!(matches!(
            office::decide(&t.ports, &other, &c.id, Decision::Forward, REASONS).await,
            Err(OfficeError::NotFound)
        ));
        // The reviewer does not see it until it is forwarded.
        assert!(office::queue(&t.ports, &reviewer)
            .await
            .unwrap()
            .iter()
            .all(|x| x.complaint.id != c.id));
        // The named official has it in the queue and forwards it.
        let mine = office::queue(&t.ports, &official).await.unwrap();
        assert!(
            mine.iter().any(|case| case.complaint.id == c.id),
            "{}",
            t.name
        );
        let forwarded = office::decide(&t.ports, &official, &c.id, Decision::Forward, REASONS)
            .await
            .unwrap();
        assert_eq!(forwarded.state, ComplaintState::AtReviewer);
        assert!(office::queue(&t.ports, &reviewer)
            .await
            .unwrap()
            .iter()
            .any(|x| x.complaint.id == c.id));

        // Each official is an addressee of their own: with a second one in
        // the history, a complaint to each may be open at once.
        let second = file(&t, AIGERIM, &request, Addressee::Provider).await;
        office::decide(&t.ports, &other, &second.id, Decision::Forward, REASONS)
            .await
            .unwrap();
        let to_other = to_official(Some("other.official")).await.unwrap();
        assert_eq!(
            to_other.official.as_deref(),
            Some("other.official"),
            "{}",
            t.name
        );
        assert!(matches!(
            to_official(Some("other.official")).await,
            Err(FileError::AlreadyUnderReview)
        ));
        t.cleanup().await;
    }
}
