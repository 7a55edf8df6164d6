//! What only the back office shows: the official, the decisions open to
//! them, a forwarded case's trail, the dashboard.

use crate::domain::case_file::CaseFile;
use crate::domain::complaint::{decisions_open_to, ComplaintState, Decision, Role};
use crate::domain::{BindingState, Channel};
use crate::ports::StaffMember;
use crate::services::complaints::status_of;
use crate::services::dashboard::Dashboard;
use nomir_core::kz_time::local_time;
use nomir_core::wire_complaints::{
    DashboardView, DayBar, DecisionChoice, RequestOutcome, StaffRole, StaffView, TrailLine,
};

pub fn staff(m: &StaffMember) -> StaffView {
    StaffView {
        login: m.login.clone(),
        name: m.name.clone(),
        role: match m.role {
            Role::ProviderOfficial => StaffRole::ProviderOfficial,
            Role::Reviewer => StaffRole::Reviewer,
            Role::Administrator => StaffRole::Administrator,
        },
    }
}

/// The decisions `role` may offer on a complaint in `state` (the service
/// decides again when one is posted, with the deadlines).
pub fn decisions(role: Role, state: ComplaintState) -> Vec<DecisionChoice> {
    decisions_open_to(role, state)
        .into_iter()
        .map(|d| match d {
            Decision::Satisfy => DecisionChoice::Satisfy,
            Decision::Forward => DecisionChoice::Forward,
            Decision::Uphold => DecisionChoice::Uphold,
            Decision::Reject => DecisionChoice::Reject,
        })
        .collect()
}

/// The case file's audit trail, read back from the JSON forwarded.
pub fn trail(case_file: &str) -> Vec<TrailLine> {
    let Some(file) = CaseFile::from_json(case_file) else {
        return Vec::new();
    };
    file.audit
        .into_iter()
        .map(|l| TrailLine {
            at: time::OffsetDateTime::from_unix_timestamp(l.at)
                .map(local_time)
                .unwrap_or_default(),
            actor: l.actor,
            action: l.action.code().to_owned(),
            detail: l.detail,
        })
        .collect()
}

/// The dashboard's figures as the page shows them.
pub fn dashboard(d: &Dashboard, staff: StaffView, days: u32) -> DashboardView {
    let mut per_day: Vec<DayBar> = Vec::new();
    for r in &d.per_day {
        let day = r.day.to_string();
        if per_day.last().is_none_or(|b| b.day != day) {
            per_day.push(DayBar {
                day,
                portal: 0,
                mobile_app: 0,
                bank: 0,
            });
        }
        if let Some(bar) = per_day.last_mut() {
            match Channel::from_code(&r.channel) {
                Some(Channel::Portal) => bar.portal += r.count,
                Some(Channel::MobileApp) => bar.mobile_app += r.count,
                Some(Channel::Bank) => bar.bank += r.count,
                None => {}
            }
        }
    }
    let outcomes = d
        .outcomes
        .iter()
        .filter_map(|o| {
            // Read as the domain's states, so a new state cannot be missed.
            let outcome = match BindingState::from_code(&o.state, o.ground.as_deref())? {
                BindingState::AwaitingCode
                | BindingState::AwaitingCertification
                | BindingState::AwaitingSignature => RequestOutcome::Open,
                BindingState::Bound => RequestOutcome::Bound,
                BindingState::Expired => RequestOutcome::Expired,
                BindingState::Withdrawn => RequestOutcome::Withdrawn,
                BindingState::Ended(reason) => RequestOutcome::Ended(reason),
            };
            Some((outcome, o.count))
        })
        .fold(Vec::<(RequestOutcome, u64)>::new(), |mut acc, (o, n)| {
            match acc.iter_mut().find(|(k, _)| *k == o) {
                Some((_, total)) => *total += n,
                None => acc.push((o, n)),
            }
            acc
        });
    let (within_term, completed) = d.within_term();
    DashboardView {
        staff,
        first_day: d.first_day.to_string(),
        last_day: d.last_day.to_string(),
        days,
        per_day,
        outcomes,
        service_minutes: d
            .service_times
            .iter()
            .map(|s| (s.minutes, s.count))
            .collect(),
        within_term,
        completed,
        complaints: d
            .complaints
            .iter()
            .filter_map(|c| {
                ComplaintState::from_code(&c.state).map(|s| (status_of(s), c.count, c.overdue))
            })
            .collect(),
    }
}
