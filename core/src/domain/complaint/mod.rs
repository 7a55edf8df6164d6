//! Complaints about the service (Rules ch. 3, §10; SPEC §5): what a
//! complaint is about, whom it is addressed to, its deadlines in working
//! days, and which official may take which decision when.
//!
//! A complaint to the service provider is forwarded, with the case file,
//! to the reviewing body (the authorized body for the quality of public
//! services) within 3 working days of its receipt, unless the provider
//! fully satisfies it within those 3 days; it is reviewed within 5
//! working days of its registration. A complaint addressed to the
//! authorized body directly is reviewed within 15 working days. The day of
//! receipt or registration is not counted. After this pre-trial step the
//! citizen may go to court.

use time::{Date, OffsetDateTime};

use super::calendar::WorkingCalendar;

/// Working days the provider has to forward a complaint, or satisfy it in full.
pub const FORWARD_DAYS: u32 = 3;
/// Working days for reviewing a complaint addressed to the provider.
pub const PROVIDER_REVIEW_DAYS: u32 = 5;
/// Working days for reviewing a complaint addressed to the authorized body.
pub const AUTHORITY_REVIEW_DAYS: u32 = 15;

/// A complaint's text and an official's reasons: long enough to say
/// something, short enough for one screen and one SMS-free record.
pub const TEXT_MIN: usize = 10;
pub const TEXT_MAX: usize = 4000;

/// Deadlines are working days in Kazakhstan: dates are read at UTC+5.
pub use crate::kz_time::OFFSET as KZ_OFFSET;

/// The date in Kazakhstan at `at`.
pub fn local_date(at: OffsetDateTime) -> Date {
    crate::kz_time::local(at).date()
}

/// Months a citizen has to complain from the day they learned of the
/// decision, action or inaction (the Administrative Procedural and Process
/// Code; the Rules set no term of their own).
pub const FILING_MONTHS: u8 = 3;

/// The last day to complain about what the citizen learned of on `learned`:
/// the same day [`FILING_MONTHS`] months on, or that month's last day.
pub fn filing_ends(learned: Date) -> Date {
    let months = i32::from(learned.month() as u8) - 1 + i32::from(FILING_MONTHS);
    let year = learned.year() + months / 12;
    let month = time::Month::try_from(u8::try_from(months % 12 + 1).unwrap_or(1))
        .unwrap_or(time::Month::January);
    let day = learned.day().min(month.length(year));
    Date::from_calendar_date(year, month, day).unwrap_or(learned)
}

/// What the citizen complains about (§10: a decision, an action or inaction).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum Subject {
    /// The refusal of the request.
    Refusal,
    /// An action of the provider or its official.
    Action,
    /// Inaction: something that should have happened did not.
    Inaction,
}
crate::coded!(Subject);

/// Whom the complaint is addressed to.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum Addressee {
    /// The service provider (the Ministry), which may satisfy it or forwards it.
    Provider,
    /// The authorized body for the quality of public services.
    AuthorizedBody,
    /// The provider's official whose decision, action or inaction the
    /// complaint concerns (§10), chosen from the request's history: like
    /// the provider, the official satisfies it in full or forwards it.
    Official,
}
crate::coded!(Addressee);

impl Addressee {
    /// Whether the provider's side (the provider or its official) receives
    /// it first, to satisfy in full or forward within 3 working days.
    pub fn is_providers(self) -> bool {
        matches!(self, Self::Provider | Self::Official)
    }
}

/// Where a complaint stands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum ComplaintState {
    /// Registered with the provider: to satisfy in full or forward.
    AtProvider,
    /// With the reviewing body (forwarded, or addressed to it directly).
    AtReviewer,
    /// The provider satisfied it in full; it was not forwarded.
    Satisfied,
    /// The reviewing body upheld it.
    Upheld,
    /// The reviewing body rejected it, with reasons.
    Rejected,
}
crate::coded!(ComplaintState);

impl ComplaintState {
    /// Decided: the pre-trial step is over and court is the next one.
    pub fn is_closed(self) -> bool {
        matches!(self, Self::Satisfied | Self::Upheld | Self::Rejected)
    }

    /// Where a newly registered complaint goes.
    pub fn first(addressee: Addressee) -> Self {
        match addressee {
            Addressee::Provider | Addressee::Official => Self::AtProvider,
            Addressee::AuthorizedBody => Self::AtReviewer,
        }
    }
}

/// The back office's roles (the demo staff of the dataset).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum Role {
    /// An official of the service provider.
    ProviderOfficial,
    /// A reviewer of the authorized body for the quality of public services.
    Reviewer,
    /// Runs the service: sees the dashboard, decides no complaint.
    Administrator,
}
crate::coded!(Role);

/// What an official decides about a complaint.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum Decision {
    /// The provider satisfies the complaint in full (not forwarded).
    Satisfy,
    /// The provider forwards it with the case file to the reviewing body.
    Forward,
    /// The reviewing body upholds it.
    Uphold,
    /// The reviewing body rejects it.
    Reject,
}
crate::coded!(Decision);

/// A complaint's deadlines, as dates in Kazakhstan (the whole day counts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadlines {
    /// The last day the provider may satisfy or must forward it
    /// (complaints to the provider only).
    pub forward_by: Option<Date>,
    /// The last day of the review.
    pub review_by: Date,
    /// A deadline falls past the last year the calendar lists: it is
    /// counted as if that year had no holidays, marked so, and counted
    /// again when a calendar that lists the year is imported.
    pub provisional: bool,
}

/// The deadlines of a complaint received and registered on `registered`.
pub fn deadlines(calendar: &WorkingCalendar, addressee: Addressee, registered: Date) -> Deadlines {
    let (forward_by, review_by) = match addressee {
        Addressee::Provider | Addressee::Official => (
            Some(calendar.add_working_days(registered, FORWARD_DAYS)),
            calendar.add_working_days(registered, PROVIDER_REVIEW_DAYS),
        ),
        Addressee::AuthorizedBody => (
            None,
            calendar.add_working_days(registered, AUTHORITY_REVIEW_DAYS),
        ),
    };
    Deadlines {
        forward_by,
        review_by,
        // The review's day is the latest: if it is known, all are.
        provisional: !calendar.knows(review_by),
    }
}

impl Deadlines {
    /// The deadlines counted again (`fresh`, on a newer calendar), never
    /// earlier than those already told to the citizen.
    pub fn recounted(self, fresh: Deadlines) -> Deadlines {
        Deadlines {
            forward_by: self.forward_by.max(fresh.forward_by),
            review_by: self.review_by.max(fresh.review_by),
            provisional: fresh.provisional,
        }
    }

    /// The deadline that applies in `state` (none once decided).
    pub fn due_in(&self, state: ComplaintState) -> Option<Date> {
        match state {
            ComplaintState::AtProvider => Some(self.forward_by.unwrap_or(self.review_by)),
            ComplaintState::AtReviewer => Some(self.review_by),
            _ => None,
        }
    }

    /// Court is the citizen's next step: the complaint was decided, or the
    /// review's last day passed without a decision ("unless the law
    /// provides otherwise", the pages add).
    pub fn court_is_next(&self, state: ComplaintState, today: Date) -> bool {
        state.is_closed() || self.review_overdue(state, today)
    }

    /// Whether the review's last day has passed on `today` without a
    /// decision: court may be next (ch. 3), unless the law provides otherwise.
    pub fn review_overdue(&self, state: ComplaintState, today: Date) -> bool {
        !state.is_closed() && today > self.review_by
    }

    /// Whether the deadline of `state` has passed on `today`.
    pub fn overdue(&self, state: ComplaintState, today: Date) -> bool {
        self.due_in(state).is_some_and(|due| today > due)
    }
}

/// Why a decision cannot be taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DecisionError {
    /// This role does not take this decision.
    #[error("the role does not take this decision")]
    NotYourRole,
    /// The complaint is not in this role's queue now (decided, or elsewhere).
    #[error("the complaint is not waiting for this decision")]
    NotWaiting,
    /// The provider's 3 working days have passed: it can only forward now.
    #[error("the provider may satisfy a complaint in full only within 3 working days")]
    SatisfyTooLate,
}

impl Decision {
    /// The decision matrix, one row per decision: who takes it, in which
    /// state of the complaint, and the state it leads to.
    fn rule(self) -> (Role, ComplaintState, ComplaintState) {
        match self {
            Decision::Satisfy => (
                Role::ProviderOfficial,
                ComplaintState::AtProvider,
                ComplaintState::Satisfied,
            ),
            Decision::Forward => (
                Role::ProviderOfficial,
                ComplaintState::AtProvider,
                ComplaintState::AtReviewer,
            ),
            Decision::Uphold => (
                Role::Reviewer,
                ComplaintState::AtReviewer,
                ComplaintState::Upheld,
            ),
            Decision::Reject => (
                Role::Reviewer,
                ComplaintState::AtReviewer,
                ComplaintState::Rejected,
            ),
        }
    }
}

/// The decisions `role` may take on a complaint in `state` (the provider's
/// "satisfy" is still checked against its deadline by [`decide`]); what the
/// office offers, read from the same matrix [`decide`] enforces.
pub fn decisions_open_to(role: Role, state: ComplaintState) -> Vec<Decision> {
    Decision::ALL
        .iter()
        .copied()
        .filter(|d| {
            let (who, when, _) = d.rule();
            who == role && when == state
        })
        .collect()
}

/// The state `decision` by `role` moves a complaint in `state` to, on `today`.
pub fn decide(
    role: Role,
    decision: Decision,
    state: ComplaintState,
    deadlines: &Deadlines,
    today: Date,
) -> Result<ComplaintState, DecisionError> {
    let (needs_role, needs_state, to) = decision.rule();
    if role != needs_role {
        return Err(DecisionError::NotYourRole);
    }
    if state != needs_state {
        return Err(DecisionError::NotWaiting);
    }
    if decision == Decision::Satisfy && deadlines.forward_by.is_some_and(|by| today > by) {
        return Err(DecisionError::SatisfyTooLate);
    }
    Ok(to)
}

/// Who looks at a complaint in the back office.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewer<'a> {
    pub role: Role,
    pub login: &'a str,
}

/// Whom a complaint is addressed to, and whether it was forwarded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Addressed<'a> {
    pub addressee: Addressee,
    /// The official's login, for [`Addressee::Official`].
    pub official: Option<&'a str>,
    pub forwarded: bool,
}

/// Whether `viewer` may see a complaint: the provider's officials those
/// addressed to the provider, and those addressed to them by name; the
/// reviewers those forwarded to them or addressed to them; administrators
/// none (they run the service).
pub fn visible_to(viewer: Viewer<'_>, to: Addressed<'_>) -> bool {
    match viewer.role {
        Role::ProviderOfficial => match to.addressee {
            Addressee::Provider => true,
            Addressee::Official => to.official == Some(viewer.login),
            Addressee::AuthorizedBody => false,
        },
        Role::Reviewer => to.forwarded || to.addressee == Addressee::AuthorizedBody,
        Role::Administrator => false,
    }
}

/// Why a text (a complaint, an official's reasons) is not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextError {
    TooShort,
    TooLong,
}

/// The text trimmed, if its length is within bounds (in characters).
pub fn text(raw: &str) -> Result<String, TextError> {
    let t = raw.trim();
    match t.chars().count() {
        n if n < TEXT_MIN => Err(TextError::TooShort),
        n if n > TEXT_MAX => Err(TextError::TooLong),
        _ => Ok(t.to_owned()),
    }
}

/// A registration number: `ZH-<year>-<sequence, 6 digits>` («жалоба»/«шағым»).
pub fn registration_number(year: i32, sequence: i64) -> String {
    format!("ZH-{year}-{sequence:06}")
}

#[cfg(test)]
mod tests;
