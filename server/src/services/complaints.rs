//! A citizen's complaints (Rules ch. 3, §10): filing one about one of their
//! requests, and reading their own. Each change reaches the citizen's bound
//! number by SMS.

use super::uses::{SendsSms, UsesBindings, UsesCalendar, UsesComplaints, UsesRequests, UsesStaff};
use super::{audit, Unexpected};
use crate::domain::audit::AuditAction;
use crate::domain::complaint::{
    self, local_date, Addressee, ComplaintState, Role, Subject, TextError,
};
use crate::domain::sms::Sms;
use crate::domain::{BindingState, Iin, Msisdn};
use crate::ports::{BindingRequest, Complaint, NewsOfNumber, OutgoingSms, StaffMember, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// No request of this citizen's by that id.
    #[error("no such request")]
    RequestNotFound,
    /// A refusal is complained about only once the request was refused.
    #[error("the request was not refused")]
    NotRefused,
    #[error("the complaint's text: {0:?}")]
    Text(TextError),
    /// Addressed to an official who took no decision in the request's
    /// history (or to none).
    #[error("no such official in the request's history")]
    OfficialNotInHistory,
    /// A complaint about this request is under review already.
    #[error("a complaint about this request is under review")]
    AlreadyUnderReview,
    #[error(transparent)]
    Unexpected(#[from] Unexpected),
}

impl From<StoreError> for FileError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict(_) => Self::AlreadyUnderReview,
            e => Self::Unexpected(e.into()),
        }
    }
}

/// The provider's officials in the history of request `request_id` of
/// `iin`: those who forwarded or decided a complaint about it, so the
/// citizen can address a complaint to the official whose decision it
/// concerns (§10). By login, once each.
pub async fn officials_of(
    ports: &(impl UsesComplaints + UsesStaff),
    iin: &Iin,
    request_id: &str,
) -> Result<Vec<StaffMember>, Unexpected> {
    let complaints = ports.complaints().complaints_of(iin).await?;
    officials_in(ports, &complaints, request_id).await
}

/// As [`officials_of`], from the citizen's `complaints` already read.
pub async fn officials_in(
    ports: &impl UsesStaff,
    complaints: &[Complaint],
    request_id: &str,
) -> Result<Vec<StaffMember>, Unexpected> {
    let mut logins: Vec<&str> = complaints
        .iter()
        .filter(|c| c.request_id == request_id)
        .flat_map(|c| [c.forwarded_by.as_deref(), c.decided_by.as_deref()])
        .flatten()
        .collect();
    logins.sort();
    logins.dedup();
    let mut officials = Vec::new();
    for login in logins {
        if let Some(m) = ports.staff().staff_member(login).await? {
            if m.role == Role::ProviderOfficial {
                officials.push(m);
            }
        }
    }
    Ok(officials)
}

/// Registers a complaint of `iin` about their request `request_id`, to
/// `addressee` (`official`: the login, for [`Addressee::Official`], one of
/// [`officials_of`] the request); the registered complaint, with its
/// number and deadlines.
#[allow(clippy::too_many_arguments)]
pub async fn file(
    ports: &(impl UsesBindings + UsesRequests + SendsSms + UsesComplaints + UsesCalendar + UsesStaff),
    iin: &Iin,
    request_id: &str,
    subject: Subject,
    addressee: Addressee,
    official: Option<&str>,
    body: &str,
) -> Result<Complaint, FileError> {
    if request_id.len() > 64 {
        return Err(FileError::RequestNotFound);
    }
    let request = ports
        .requests()
        .request(request_id)
        .await
        .map_err(Unexpected::from)?
        .filter(|r| &r.iin == iin)
        .ok_or(FileError::RequestNotFound)?;
    if subject == Subject::Refusal
        && !matches!(
            request.state,
            BindingState::Ended(_) | BindingState::Expired
        )
    {
        return Err(FileError::NotRefused);
    }
    let body = complaint::text(body).map_err(FileError::Text)?;
    let official = match (addressee, official) {
        (Addressee::Official, Some(login)) => {
            let known = officials_of(ports, iin, &request.id).await?;
            let m = known
                .into_iter()
                .find(|m| m.login == login)
                .ok_or(FileError::OfficialNotInHistory)?;
            Some(m.login)
        }
        (Addressee::Official, None) => return Err(FileError::OfficialNotInHistory),
        _ => None,
    };
    let now = ports.clock().now();
    let registered = local_date(now);
    let mut c = Complaint {
        id: uuid::Uuid::now_v7().to_string(),
        number: String::new(),
        iin: iin.clone(),
        request_id: request.id.clone(),
        subject,
        addressee,
        official,
        body,
        state: ComplaintState::first(addressee),
        filed_at: now,
        deadlines: complaint::deadlines(ports.calendar(), addressee, registered),
        forwarded_at: None,
        forwarded_by: None,
        forward_note: None,
        case_file: None,
        decided_at: None,
        decided_by: None,
        decision_reason: None,
    };
    let mut detail = format!(
        "complaint={} request={} subject={} addressee={}",
        c.id,
        c.request_id,
        subject.code(),
        addressee.code()
    );
    if let Some(login) = &c.official {
        detail.push_str(&format!(" official={login}"));
    }
    let entry = audit::entry(ports, iin, AuditAction::ComplaintFiled, detail);
    // The citizen is told by SMS, written with the registration itself.
    let to = bound_number(ports, iin).await;
    let sms_id = uuid::Uuid::now_v7().to_string();
    let news = to.as_ref().map(|to| {
        let (id, status) = (sms_id.clone(), status_of(c.state));
        move |number: &str| OutgoingSms {
            id: id.clone(),
            ..super::sms_delivery::compose(
                ports,
                to,
                &Sms::ComplaintNews {
                    number: number.to_owned(),
                    status,
                },
                super::sms_delivery::About::account(iin),
            )
        }
    });
    c.number = ports
        .complaints()
        .register_complaint(
            &c,
            registered.year(),
            &entry,
            news.as_ref().map(|f| f as &NewsOfNumber<'_>),
        )
        .await?;
    if c.deadlines.provisional {
        tracing::warn!(
            complaint = %c.number,
            review_by = %c.deadlines.review_by,
            last_year = ?ports.calendar().last_year(),
            "a complaint's deadline is past the calendar's last year: provisional until a calendar listing it is imported (nomir calendar import)"
        );
    }
    if to.is_some() {
        super::sms_delivery::deliver_soon(ports, &sms_id).await;
    }
    Ok(c)
}

/// The citizen's complaints, newest first.
pub async fn list(ports: &impl UsesComplaints, iin: &Iin) -> Result<Vec<Complaint>, Unexpected> {
    Ok(ports.complaints().complaints_of(iin).await?)
}

/// How many of the citizen's latest requests the complaint form offers.
pub const REQUESTS_OFFERED: i64 = 50;

/// The citizen's complaints, and the latest requests one could be about.
pub async fn overview(
    ports: &(impl UsesComplaints + UsesRequests),
    iin: &Iin,
) -> Result<(Vec<Complaint>, Vec<BindingRequest>), Unexpected> {
    let complaints = list(ports, iin).await?;
    let requests = ports.requests().requests_of(iin, REQUESTS_OFFERED).await?;
    Ok((complaints, requests))
}

/// One of the citizen's complaints with the request it is about.
pub async fn one_with_request(
    ports: &(impl UsesComplaints + UsesRequests),
    iin: &Iin,
    id: &str,
) -> Result<Option<(Complaint, Option<BindingRequest>)>, Unexpected> {
    let Some(c) = one(ports, iin, id).await? else {
        return Ok(None);
    };
    let request = ports.requests().request(&c.request_id).await?;
    Ok(Some((c, request)))
}

/// The complaint `id` if it is `iin`'s; another citizen's is `None`, as if
/// it did not exist.
pub async fn one(
    ports: &impl UsesComplaints,
    iin: &Iin,
    id: &str,
) -> Result<Option<Complaint>, Unexpected> {
    if id.len() > 64 {
        return Ok(None);
    }
    Ok(ports
        .complaints()
        .complaint(id)
        .await?
        .filter(|c| &c.iin == iin))
}

/// The number bound to `iin`, to tell them of their complaint; none if
/// there is none (or it cannot be read: the decision stands without it).
pub async fn bound_number(ports: &impl UsesBindings, iin: &Iin) -> Option<Msisdn> {
    match ports.bindings().active_binding(iin).await {
        Ok(b) => b.map(|b| b.msisdn),
        Err(e) => {
            tracing::warn!(error = %e, "no number to tell of the complaint");
            None
        }
    }
}

/// The state as pages and messages name it.
pub fn status_of(state: ComplaintState) -> nomir_core::wire_complaints::ComplaintStatus {
    use nomir_core::wire_complaints::ComplaintStatus as S;
    match state {
        ComplaintState::AtProvider => S::AtProvider,
        ComplaintState::AtReviewer => S::AtReviewer,
        ComplaintState::Satisfied => S::Satisfied,
        ComplaintState::Upheld => S::Upheld,
        ComplaintState::Rejected => S::Rejected,
    }
}
