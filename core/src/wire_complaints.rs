//! Types that cross the wire for complaints (Rules ch. 3) and the back office.

use serde::{Deserialize, Serialize};

/// The cookie that holds a staff member's session token (HttpOnly).
pub const STAFF_COOKIE: &str = "nomir_staff";

/// Where a complaint stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ComplaintStatus {
    AtProvider,
    AtReviewer,
    Satisfied,
    Upheld,
    Rejected,
}

impl ComplaintStatus {
    /// Decided: court is the next step for a citizen who disagrees.
    pub fn is_closed(self) -> bool {
        matches!(self, Self::Satisfied | Self::Upheld | Self::Rejected)
    }
}

/// What a complaint is about (a form's choice values are the codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ComplaintAbout {
    Refusal,
    Action,
    Inaction,
}

/// Whom a complaint is addressed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ComplaintTo {
    Provider,
    AuthorizedBody,
    /// The official whose decision, action or inaction it concerns.
    Official,
}

/// An official's decision (a form's choice values are the codes).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum DecisionChoice {
    Satisfy,
    Forward,
    Uphold,
    Reject,
}
crate::coded!(DecisionChoice);

/// A complaint in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintItem {
    pub id: String,
    pub number: String,
    pub request_id: String,
    pub about: ComplaintAbout,
    pub to: ComplaintTo,
    pub status: ComplaintStatus,
    /// Astana time, `YYYY-MM-DD HH:MM`.
    pub filed_at: String,
    /// The deadline of the present state (`YYYY-MM-DD`), while one runs.
    pub due: Option<String>,
    pub overdue: bool,
    /// The deadlines are counted past the calendar's last year (see
    /// `Deadlines::provisional`).
    pub due_provisional: bool,
    /// The review's last day passed without a decision: court may be next.
    pub review_overdue: bool,
}

/// One complaint, whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintView {
    pub item: ComplaintItem,
    pub body: String,
    /// Forward or satisfy by (complaints to the provider only).
    pub forward_by: Option<String>,
    pub review_by: String,
    pub forwarded_at: Option<String>,
    pub forward_note: Option<String>,
    pub decided_at: Option<String>,
    pub decision_reason: Option<String>,
    /// The request has ended with a result document (bound, refused, expired).
    pub has_result: bool,
}

/// A request of the citizen's that a complaint can be about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestItem {
    pub id: String,
    pub number: String,
    pub started_at: String,
    pub outcome: RequestOutcome,
    /// The provider's officials in the request's history (who forwarded or
    /// decided a complaint about it): a complaint may be addressed to one.
    pub officials: Vec<OfficialItem>,
}

/// An official a complaint may be addressed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficialItem {
    pub login: String,
    pub name: String,
}

/// How a request ended, or that it is still open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestOutcome {
    Open,
    Bound,
    /// Refused on a row 9 ground, or not performed ([`EndReason::is_refusal`](crate::end_reason::EndReason::is_refusal)).
    Ended(crate::end_reason::EndReason),
    Expired,
    Withdrawn,
}

impl RequestOutcome {
    /// The request's result can be complained about as a decision: it was
    /// refused, or not performed (an expired term too).
    pub fn ended_unbound(self) -> bool {
        matches!(self, Self::Ended(_) | Self::Expired)
    }
}

/// The citizen's complaints page: their complaints and their requests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintsView {
    pub complaints: Vec<ComplaintItem>,
    pub requests: Vec<RequestItem>,
}

/// A staff member's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StaffRole {
    ProviderOfficial,
    Reviewer,
    Administrator,
}

/// Who is signed in to the back office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffView {
    pub login: String,
    pub name: String,
    pub role: StaffRole,
}

/// A role's queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueView {
    pub staff: StaffView,
    /// `None` for a role with no queue (administrators).
    pub items: Option<Vec<ComplaintItem>>,
    /// The provider's announced maintenance breaks to come or under way
    /// (appendix row 7).
    pub maintenance: Vec<crate::wire::WindowItem>,
}

/// One line of a case file's audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrailLine {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub detail: String,
}

/// A complaint as an official sees it: whole, with the request and the
/// case file, and the decisions the official may take now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseView {
    pub staff: StaffView,
    /// Who complained: name and IIN.
    pub citizen: String,
    pub complaint: ComplaintView,
    /// The request complained about: number, channel, outcome, times.
    pub request: Option<RequestItem>,
    /// The case file forwarded with it, once forwarded.
    pub trail: Option<Vec<TrailLine>>,
    pub decisions: Vec<DecisionChoice>,
}

/// Requests started on one day, per channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayBar {
    /// `YYYY-MM-DD` in Kazakhstan.
    pub day: String,
    pub portal: u64,
    pub mobile_app: u64,
    pub bank: u64,
}

/// The service dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardView {
    pub staff: StaffView,
    pub first_day: String,
    pub last_day: String,
    pub days: u32,
    pub per_day: Vec<DayBar>,
    /// How requests ended (or that they are open), with the refusal ground.
    pub outcomes: Vec<(RequestOutcome, u64)>,
    /// Completed requests by whole minutes taken (10: ten or more).
    pub service_minutes: Vec<(u32, u64)>,
    pub within_term: u64,
    pub completed: u64,
    /// Complaints per status: all, and overdue.
    pub complaints: Vec<(ComplaintStatus, u64, u64)>,
}
