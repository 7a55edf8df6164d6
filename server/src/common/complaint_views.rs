//! Complaints and requests as the pages show them.

use time::Date;

use crate::domain::complaint::{local_date, Addressee, Subject};
use crate::domain::BindingState;
use crate::ports::{BindingRequest, Complaint, StaffMember};
use crate::services::complaints::status_of;
use nomir_core::wire_complaints::{
    ComplaintAbout, ComplaintItem, ComplaintTo, ComplaintView, OfficialItem, RequestItem,
    RequestOutcome,
};

use nomir_core::kz_time::local_time;

fn about(s: Subject) -> ComplaintAbout {
    match s {
        Subject::Refusal => ComplaintAbout::Refusal,
        Subject::Action => ComplaintAbout::Action,
        Subject::Inaction => ComplaintAbout::Inaction,
    }
}

fn to(a: Addressee) -> ComplaintTo {
    match a {
        Addressee::Provider => ComplaintTo::Provider,
        Addressee::AuthorizedBody => ComplaintTo::AuthorizedBody,
        Addressee::Official => ComplaintTo::Official,
    }
}

fn day(d: Date) -> String {
    d.to_string()
}

pub fn item(c: &Complaint, now: time::OffsetDateTime) -> ComplaintItem {
    ComplaintItem {
        id: c.id.clone(),
        number: c.number.clone(),
        request_id: c.request_id.clone(),
        about: about(c.subject),
        to: to(c.addressee),
        status: status_of(c.state),
        filed_at: local_time(c.filed_at),
        due: c.deadlines.due_in(c.state).map(day),
        overdue: c.deadlines.overdue(c.state, local_date(now)),
        due_provisional: c.deadlines.provisional,
        review_overdue: c.deadlines.review_overdue(c.state, local_date(now)),
    }
}

/// `request` is the request complained about, if it is still there.
pub fn complaint(
    c: Complaint,
    request: Option<&BindingRequest>,
    now: time::OffsetDateTime,
) -> ComplaintView {
    ComplaintView {
        item: item(&c, now),
        forward_by: c.deadlines.forward_by.map(day),
        review_by: day(c.deadlines.review_by),
        forwarded_at: c.forwarded_at.map(local_time),
        decided_at: c.decided_at.map(local_time),
        body: c.body,
        forward_note: c.forward_note,
        decision_reason: c.decision_reason,
        has_result: request.is_some_and(|r| {
            matches!(
                r.state,
                BindingState::Bound | BindingState::Ended(_) | BindingState::Expired
            )
        }),
    }
}

pub fn request(r: &BindingRequest, officials: &[StaffMember]) -> RequestItem {
    RequestItem {
        officials: officials
            .iter()
            .map(|m| OfficialItem {
                login: m.login.clone(),
                name: m.name.clone(),
            })
            .collect(),
        id: r.id.clone(),
        number: r.msisdn.display(),
        started_at: local_time(r.started_at),
        outcome: match r.state {
            BindingState::AwaitingCode
            | BindingState::AwaitingCertification
            | BindingState::AwaitingSignature => RequestOutcome::Open,
            BindingState::Bound => RequestOutcome::Bound,
            BindingState::Ended(reason) => RequestOutcome::Ended(reason),
            BindingState::Expired => RequestOutcome::Expired,
            BindingState::Withdrawn => RequestOutcome::Withdrawn,
        },
    }
}
