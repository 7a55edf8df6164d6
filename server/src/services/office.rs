//! The back office (Rules ch. 3): each role's queue of complaints, a
//! complaint with its case file, and officials' reasoned decisions. Every
//! decision is one conditional update (the complaint must still be where
//! the official saw it) with its audit entry, the official as the actor.

use super::staff::audit;
use super::uses::{
    SendsSms, UsesAccounts, UsesAudit, UsesBindings, UsesClock, UsesComplaints, UsesRequests,
};
use super::Unexpected;
use crate::domain::audit::AuditAction;
use crate::domain::case_file::{CaseFile, CaseLine, CaseRequest};
use crate::domain::complaint::{
    self, local_date, visible_to, Addressed, ComplaintState, Decision, DecisionError, Role,
    TextError, Viewer,
};
use crate::domain::sms::Sms;
use crate::ports::{Account, BindingRequest, Complaint, ComplaintChange, Queue, StaffMember};

/// How many complaints a queue page lists.
pub const QUEUE_LIMIT: i64 = 200;

#[derive(Debug, thiserror::Error)]
pub enum OfficeError {
    /// This role has no queue of complaints (administrators).
    #[error("this role handles no complaints")]
    NoQueue,
    /// No complaint by that id in this role's view.
    #[error("no such complaint")]
    NotFound,
    #[error(transparent)]
    Decision(DecisionError),
    #[error("the reasons: {0:?}")]
    Reason(TextError),
    /// Someone else decided first; the page shows where it stands now.
    #[error("the complaint has moved on")]
    Moved,
    #[error(transparent)]
    Unexpected(#[from] Unexpected),
}

/// A complaint as an official sees it.
pub struct Case {
    pub complaint: Complaint,
    /// Its deadline in its present state has passed.
    pub overdue: bool,
}

fn queue_of(staff: &StaffMember) -> Option<Queue> {
    match staff.role {
        Role::ProviderOfficial => Some(Queue::Provider {
            official: staff.login.clone(),
        }),
        Role::Reviewer => Some(Queue::Reviewer),
        Role::Administrator => None,
    }
}

fn case(ports: &impl UsesClock, complaint: Complaint) -> Case {
    let today = local_date(ports.clock().now());
    Case {
        overdue: complaint.deadlines.overdue(complaint.state, today),
        complaint,
    }
}

/// The staff member's queue: waiting complaints by due date, then decided ones.
pub async fn queue(
    ports: &(impl UsesClock + UsesComplaints),
    staff: &StaffMember,
) -> Result<Vec<Case>, OfficeError> {
    let queue = queue_of(staff).ok_or(OfficeError::NoQueue)?;
    let list = ports.complaints().queue(queue, QUEUE_LIMIT).await?;
    Ok(list.into_iter().map(|c| case(ports, c)).collect())
}

/// The complaint `id` if the staff member's role may see it.
pub async fn one(
    ports: &(impl UsesClock + UsesComplaints),
    staff: &StaffMember,
    id: &str,
) -> Result<Case, OfficeError> {
    if id.len() > 64 {
        return Err(OfficeError::NotFound);
    }
    let c = ports
        .complaints()
        .complaint(id)
        .await?
        .filter(|c| {
            let viewer = Viewer {
                role: staff.role,
                login: &staff.login,
            };
            let to = Addressed {
                addressee: c.addressee,
                official: c.official.as_deref(),
                forwarded: c.forwarded_at.is_some(),
            };
            visible_to(viewer, to)
        })
        .ok_or(OfficeError::NotFound)?;
    Ok(case(ports, c))
}

/// A case opened by an official: the complaint, the request it is about,
/// and who filed it.
pub struct OpenCase {
    pub case: Case,
    pub request: Option<BindingRequest>,
    /// The citizen's account, if it is still there.
    pub citizen: Option<Account>,
}

/// The complaint `id` with what the official needs to decide it, if the
/// staff member's role may see it (nothing is read otherwise).
pub async fn open(
    ports: &(impl UsesAccounts + UsesRequests + UsesClock + UsesComplaints),
    staff: &StaffMember,
    id: &str,
) -> Result<OpenCase, OfficeError> {
    let case = one(ports, staff, id).await?;
    let request = ports.requests().request(&case.complaint.request_id).await?;
    let citizen = ports.accounts().account(&case.complaint.iin).await?;
    Ok(OpenCase {
        case,
        request,
        citizen,
    })
}

/// Takes `decision` on complaint `id`, with `reasons`; the complaint as it now stands.
pub async fn decide(
    ports: &(impl UsesBindings + UsesAudit + UsesRequests + SendsSms + UsesComplaints),
    staff: &StaffMember,
    id: &str,
    decision: Decision,
    reasons: &str,
) -> Result<Complaint, OfficeError> {
    let c = one(ports, staff, id).await?.complaint;
    let now = ports.clock().now();
    let to = complaint::decide(staff.role, decision, c.state, &c.deadlines, local_date(now))
        .map_err(OfficeError::Decision)?;
    let reason = complaint::text(reasons).map_err(OfficeError::Reason)?;
    let case_file = match to {
        ComplaintState::AtReviewer => Some(case_file(ports, &c).await?),
        _ => None,
    };
    let change = ComplaintChange {
        to,
        at: now,
        by: staff.login.clone(),
        reason,
        case_file,
    };
    let detail = format!(
        "complaint={} number={} {}->{}",
        c.id,
        c.number,
        c.state.code(),
        to.code()
    );
    let entry = audit(
        ports,
        &staff.login,
        AuditAction::of_decision(decision),
        c.iin.as_str(),
        detail,
    );
    let news = super::complaints::bound_number(ports, &c.iin)
        .await
        .map(|to| {
            let status = super::complaints::status_of(change.to);
            let message = Sms::ComplaintNews {
                number: c.number.clone(),
                status,
            };
            super::sms_delivery::compose(
                ports,
                &to,
                &message,
                super::sms_delivery::About::account(&c.iin),
            )
        });
    if !ports
        .complaints()
        .decide_complaint(&c.id, c.state, &change, &entry, news.as_ref())
        .await?
    {
        return Err(OfficeError::Moved);
    }
    let now_stands = ports
        .complaints()
        .complaint(&c.id)
        .await?
        .ok_or_else(|| Unexpected(anyhow::anyhow!("complaint {} vanished", c.id)))?;
    if let Some(m) = &news {
        super::sms_delivery::deliver_soon(ports, &m.id).await;
    }
    Ok(now_stands)
}

/// The case file forwarded with a complaint: the request as stored and
/// the audit trail of that request (the entries of the citizen's account
/// while it ran that name it, and the consent's: a refusal may rest on
/// it), as JSON. Nothing else of the account goes with it: not the
/// citizen's sign-ins, other channels' uses, notices or permissions, nor
/// another person's act that touched the account.
async fn case_file(
    ports: &(impl UsesAudit + UsesRequests),
    c: &Complaint,
) -> Result<String, OfficeError> {
    let request = ports
        .requests()
        .request(&c.request_id)
        .await?
        .ok_or_else(|| Unexpected(anyhow::anyhow!("request {} vanished", c.request_id)))?;
    let trail = ports
        .audit()
        .about(
            c.iin.as_str(),
            request.started_at,
            request.updated_at + time::Duration::seconds(1),
        )
        .await?;
    let trail: Vec<_> = trail
        .into_iter()
        .filter(|e| {
            e.detail.contains(&request.id)
                || matches!(
                    e.action,
                    AuditAction::ConsentGranted
                        | AuditAction::ConsentRevoked
                        | AuditAction::ConsentRestored
                )
        })
        .collect();
    let file = CaseFile {
        request: CaseRequest {
            id: request.id.clone(),
            number: request.msisdn.display(),
            channel: request.channel.code().to_owned(),
            purpose: request.purpose.code().to_owned(),
            state: request.state.code().to_owned(),
            refusal_ground: request.state.ground().map(|g| g.code().to_owned()),
            started_at: request.started_at.unix_timestamp(),
            updated_at: request.updated_at.unix_timestamp(),
        },
        audit: trail
            .iter()
            .map(|e| CaseLine {
                at: e.at.unix_timestamp(),
                actor: e.actor.clone(),
                action: e.action,
                detail: e.detail.clone(),
            })
            .collect(),
    };
    Ok(file.to_json())
}
