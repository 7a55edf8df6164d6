use super::*;
use time::macros::{date, datetime};

fn kz() -> WorkingCalendar {
    crate::domain::calendar::builtin()
}

#[test]
fn a_complaint_to_the_provider_is_due_in_3_and_5_working_days() {
    // Thursday 19 March 2026: Friday 20 counts, the Nauryz days off
    // (23, 24, 25 March) and the weekend do not.
    let d = deadlines(&kz(), Addressee::Provider, date!(2026 - 03 - 19));
    assert_eq!(d.forward_by, Some(date!(2026 - 03 - 27)));
    assert_eq!(d.review_by, date!(2026 - 03 - 31));
}

#[test]
fn a_complaint_to_the_authorized_body_is_due_in_15_working_days() {
    let d = deadlines(&kz(), Addressee::AuthorizedBody, date!(2026 - 12 - 01));
    assert_eq!(d.forward_by, None);
    // 16 December (Independence Day) is off.
    assert_eq!(d.review_by, date!(2026 - 12 - 23));
}

#[test]
fn the_day_of_registration_is_not_counted_even_on_a_weekend() {
    let d = deadlines(&kz(), Addressee::Provider, date!(2026 - 11 - 28)); // Saturday
    assert_eq!(d.forward_by, Some(date!(2026 - 12 - 02)));
}

#[test]
fn dates_are_read_in_kazakhstan() {
    assert_eq!(
        local_date(datetime!(2026-11-30 20:00 UTC)),
        date!(2026 - 12 - 01)
    );
}

#[test]
fn the_provider_satisfies_or_forwards_and_the_reviewer_upholds_or_rejects() {
    let d = deadlines(&kz(), Addressee::Provider, date!(2026 - 11 - 25));
    let today = date!(2026 - 11 - 26);
    use ComplaintState::*;
    use Decision::*;
    use Role::*;
    assert_eq!(
        decide(ProviderOfficial, Satisfy, AtProvider, &d, today),
        Ok(Satisfied)
    );
    assert_eq!(
        decide(ProviderOfficial, Forward, AtProvider, &d, today),
        Ok(AtReviewer)
    );
    assert_eq!(decide(Reviewer, Uphold, AtReviewer, &d, today), Ok(Upheld));
    assert_eq!(
        decide(Reviewer, Reject, AtReviewer, &d, today),
        Ok(Rejected)
    );
    assert_eq!(
        decide(Reviewer, Satisfy, AtProvider, &d, today),
        Err(DecisionError::NotYourRole)
    );
    assert_eq!(
        decide(ProviderOfficial, Reject, AtReviewer, &d, today),
        Err(DecisionError::NotYourRole)
    );
    assert_eq!(
        decide(Administrator, Forward, AtProvider, &d, today),
        Err(DecisionError::NotYourRole)
    );
    assert_eq!(
        decide(ProviderOfficial, Forward, AtReviewer, &d, today),
        Err(DecisionError::NotWaiting)
    );
    assert_eq!(
        decide(Reviewer, Uphold, Rejected, &d, today),
        Err(DecisionError::NotWaiting)
    );
}

#[test]
fn after_3_working_days_the_provider_can_only_forward() {
    let d = deadlines(&kz(), Addressee::Provider, date!(2026 - 11 - 25));
    assert_eq!(d.forward_by, Some(date!(2026 - 11 - 30)));
    let late = date!(2026 - 12 - 01);
    assert_eq!(
        decide(
            Role::ProviderOfficial,
            Decision::Satisfy,
            ComplaintState::AtProvider,
            &d,
            late
        ),
        Err(DecisionError::SatisfyTooLate)
    );
    assert!(decide(
        Role::ProviderOfficial,
        Decision::Forward,
        ComplaintState::AtProvider,
        &d,
        late
    )
    .is_ok());
    assert!(d.overdue(ComplaintState::AtProvider, late));
    assert!(!d.overdue(ComplaintState::AtProvider, date!(2026 - 11 - 30)));
    assert!(!d.overdue(ComplaintState::Satisfied, late));
}

#[test]
fn each_role_sees_its_own_queue_only() {
    use Addressee::*;
    let sees = |role, login, addressee, official, forwarded| {
        visible_to(
            Viewer { role, login },
            Addressed {
                addressee,
                official,
                forwarded,
            },
        )
    };
    let anna = Some("anna.official");
    assert!(sees(
        Role::ProviderOfficial,
        "anna.official",
        Provider,
        None,
        false
    ));
    assert!(sees(
        Role::ProviderOfficial,
        "anna.official",
        Provider,
        None,
        true
    ));
    assert!(!sees(
        Role::ProviderOfficial,
        "anna.official",
        AuthorizedBody,
        None,
        false
    ));
    assert!(!sees(
        Role::Reviewer,
        "rita.reviewer",
        Provider,
        None,
        false
    ));
    assert!(sees(Role::Reviewer, "rita.reviewer", Provider, None, true));
    assert!(sees(
        Role::Reviewer,
        "rita.reviewer",
        AuthorizedBody,
        None,
        false
    ));
    assert!(!sees(Role::Administrator, "admin", Provider, None, true));
    // A complaint addressed to an official is theirs alone until forwarded.
    assert!(sees(
        Role::ProviderOfficial,
        "anna.official",
        Official,
        anna,
        false
    ));
    assert!(!sees(
        Role::ProviderOfficial,
        "other.official",
        Official,
        anna,
        false
    ));
    assert!(!sees(
        Role::Reviewer,
        "rita.reviewer",
        Official,
        anna,
        false
    ));
    assert!(sees(Role::Reviewer, "rita.reviewer", Official, anna, true));
}

#[test]
fn an_official_receives_a_complaint_as_the_provider_does() {
    let cal = kz();
    let day = date!(2026 - 12 - 07);
    assert_eq!(
        ComplaintState::first(Addressee::Official),
        ComplaintState::AtProvider
    );
    assert_eq!(
        deadlines(&cal, Addressee::Official, day),
        deadlines(&cal, Addressee::Provider, day)
    );
    assert!(deadlines(&cal, Addressee::Official, day)
        .forward_by
        .is_some());
}

#[test]
fn texts_are_trimmed_and_bounded() {
    assert_eq!(text("  too short "), Err(TextError::TooShort));
    assert_eq!(
        text("   The code never came.  "),
        Ok("The code never came.".to_owned())
    );
    assert_eq!(
        text(&"ә".repeat(TEXT_MAX)).map(|t| t.chars().count()),
        Ok(TEXT_MAX)
    );
    assert_eq!(text(&"ә".repeat(TEXT_MAX + 1)), Err(TextError::TooLong));
}

#[test]
fn codes_round_trip() {
    for s in ComplaintState::ALL {
        assert_eq!(ComplaintState::from_code(s.code()), Some(*s));
    }
    assert_eq!(Role::from_code("reviewer"), Some(Role::Reviewer));
    assert_eq!(Decision::from_code("approve"), None);
    assert_eq!(registration_number(2026, 42), "ZH-2026-000042");
}

#[test]
fn the_office_offers_exactly_the_decisions_the_rules_let_it_take() {
    let in_time = Deadlines {
        forward_by: Some(date!(2026 - 12 - 10)),
        review_by: date!(2026 - 12 - 20),
        provisional: false,
    };
    for &role in Role::ALL {
        for &state in ComplaintState::ALL {
            let offered = decisions_open_to(role, state);
            for &d in Decision::ALL {
                let allowed = decide(role, d, state, &in_time, date!(2026 - 12 - 07)).is_ok();
                assert_eq!(offered.contains(&d), allowed, "{role:?} {state:?} {d:?}");
            }
        }
    }
    assert_eq!(
        decisions_open_to(Role::ProviderOfficial, ComplaintState::AtProvider),
        [Decision::Satisfy, Decision::Forward]
    );
}

#[test]
fn a_deadline_past_the_calendars_last_year_is_provisional_and_recounting_never_shortens_it() {
    let short =
        WorkingCalendar::parse("date,status,reason\n2026-12-16,off,Independence Day\n").unwrap();
    assert_eq!(short.last_year(), Some(2026));
    // Registered on 21 December 2026: the review's 15 working days reach into 2027.
    let told = deadlines(&short, Addressee::AuthorizedBody, date!(2026 - 12 - 21));
    assert!(told.provisional, "{told:?}");
    let within = deadlines(&short, Addressee::Provider, date!(2026 - 12 - 01));
    assert!(!within.provisional, "{within:?}");
    // The full calendar knows 2027's holidays (1-2 and 7 January): later days.
    let fresh = deadlines(&kz(), Addressee::AuthorizedBody, date!(2026 - 12 - 21));
    assert!(!fresh.provisional);
    assert!(fresh.review_by > told.review_by, "{fresh:?} {told:?}");
    assert_eq!(told.recounted(fresh), fresh);
    // A recount that would come out earlier keeps the day told.
    let earlier = Deadlines {
        review_by: told.review_by - time::Duration::days(3),
        ..fresh
    };
    assert!(told.review_overdue(
        ComplaintState::AtReviewer,
        told.review_by + time::Duration::days(1)
    ));
    assert!(!told.review_overdue(ComplaintState::AtReviewer, told.review_by));
    assert!(!told.review_overdue(
        ComplaintState::Rejected,
        told.review_by + time::Duration::days(9)
    ));
    let kept = told.recounted(earlier);
    assert_eq!(kept.review_by, told.review_by);
    assert!(!kept.provisional);
}

#[test]
fn the_last_day_to_complain_is_three_months_on_or_that_months_last_day() {
    assert_eq!(filing_ends(date!(2026 - 12 - 07)), date!(2027 - 03 - 07));
    assert_eq!(filing_ends(date!(2026 - 11 - 30)), date!(2027 - 02 - 28));
    assert_eq!(filing_ends(date!(2027 - 11 - 30)), date!(2028 - 02 - 29));
    assert_eq!(filing_ends(date!(2026 - 01 - 31)), date!(2026 - 04 - 30));
    assert_eq!(filing_ends(date!(2026 - 09 - 15)), date!(2026 - 12 - 15));
}
