//! What a person reads about complaints (Rules ch. 3) and in the back
//! office, in Kazakh, Russian and English. Reached from every language's
//! [`Texts`](super::Texts) as `t.complaints`.

use crate::wire_complaints::{
    ComplaintAbout, ComplaintStatus, ComplaintTo, DecisionChoice, RequestOutcome, StaffRole,
};

mod en;
mod kk;
mod ru;

pub use en::EN;
pub use kk::KK;
pub use ru::RU;

use super::Lang;

/// One language's complaint and back-office strings. Adding a field makes
/// every language fail to compile until it is translated.
pub struct ComplaintTexts {
    pub nav: &'static str,
    pub list_title: &'static str,
    pub list_intro: &'static str,
    pub list_none: &'static str,
    pub requests_title: &'static str,
    pub requests_none: &'static str,
    pub col_number: &'static str,
    pub col_request_number: &'static str,
    pub col_started: &'static str,
    pub col_outcome: &'static str,
    pub col_filed: &'static str,
    pub col_subject: &'static str,
    pub col_status: &'static str,
    pub col_due: &'static str,
    pub complain_link: &'static str,
    pub document_link: &'static str,
    pub outcome: fn(RequestOutcome) -> &'static str,
    pub status: fn(ComplaintStatus) -> &'static str,
    pub about: fn(ComplaintAbout) -> &'static str,
    pub to: fn(ComplaintTo) -> &'static str,
    pub to_hint: fn(ComplaintTo) -> &'static str,

    pub new_title: &'static str,
    pub about_request: &'static str,
    pub subject_legend: &'static str,
    pub addressee_legend: &'static str,
    pub text_label: &'static str,
    pub text_hint: &'static str,
    pub submit: &'static str,

    pub detail_title: &'static str,
    pub registered_notice: &'static str,
    pub number_label: &'static str,
    pub status_label: &'static str,
    pub filed_label: &'static str,
    pub subject_label: &'static str,
    pub addressee_label: &'static str,
    pub request_label: &'static str,
    pub body_label: &'static str,
    pub deadlines_title: &'static str,
    pub forward_by_label: &'static str,
    pub review_by_label: &'static str,
    pub overdue: &'static str,
    /// After a deadline counted past the calendar's last year.
    pub provisional_short: &'static str,
    pub deadline_provisional: &'static str,
    pub forwarded_label: &'static str,
    /// To whom a forwarded complaint went: the reviewing body (§10).
    pub forwarded_to_label: &'static str,
    pub forward_note_label: &'static str,
    pub decided_label: &'static str,
    pub decision_label: &'static str,
    /// After a decision: court is next (Rules ch. 3, unless the law provides otherwise).
    pub court_next: &'static str,
    /// After a deadline passed without a decision: court may be next too.
    pub court_overdue: &'static str,
    pub back_to_list: &'static str,
    pub not_found: &'static str,

    pub office_title: &'static str,
    pub staff_sign_in_title: &'static str,
    pub login_label: &'static str,
    pub staff_demo_hint: &'static str,
    pub signed_in_as: &'static str,
    pub role: fn(StaffRole) -> &'static str,
    pub queue_title: &'static str,
    pub queue_empty: &'static str,
    pub no_queue: &'static str,
    pub nav_queue: &'static str,
    pub nav_dashboard: &'static str,
    pub case_title: &'static str,
    pub citizen_label: &'static str,
    pub case_file_title: &'static str,
    pub case_file_none: &'static str,
    pub trail_at: &'static str,
    pub trail_actor: &'static str,
    pub trail_action: &'static str,
    pub trail_detail: &'static str,
    pub decide_title: &'static str,
    pub decision: fn(DecisionChoice) -> &'static str,
    pub decision_legend: &'static str,
    pub reasons_label: &'static str,
    pub reasons_hint: &'static str,
    pub decide_button: &'static str,
    pub decided_notice: &'static str,
    pub no_decision: &'static str,
    pub back_to_queue: &'static str,

    pub err_text_short: &'static str,
    pub err_text_long: &'static str,
    pub err_reasons_short: &'static str,
    pub err_reasons_long: &'static str,
    pub err_about_missing: &'static str,
    pub err_to_missing: &'static str,
    pub err_decision_missing: &'static str,
    pub err_not_refused: &'static str,
    /// The complaint names an official not in the request's history.
    pub err_official_unknown: &'static str,
    pub err_under_review: &'static str,
    pub err_not_found: &'static str,
    pub err_not_your_role: &'static str,
    pub err_not_waiting: &'static str,
    pub err_satisfy_late: &'static str,
    pub err_staff_credentials: &'static str,
    pub err_staff_signed_out: &'static str,
    pub err_no_queue: &'static str,

    pub dash_title: &'static str,
    pub dash_period: &'static str,
    pub dash_days_label: &'static str,
    pub dash_show: &'static str,
    pub dash_csv: &'static str,
    pub dash_per_day: &'static str,
    pub dash_outcomes: &'static str,
    pub dash_service_time: &'static str,
    pub dash_service_hint: &'static str,
    pub dash_within_term: &'static str,
    pub dash_minutes: &'static str,
    pub dash_ten_plus: &'static str,
    pub dash_complaints: &'static str,
    pub dash_day: &'static str,
    pub dash_total: &'static str,
    pub dash_count: &'static str,
    pub dash_channels: [&'static str; 3],
    pub dash_chart_summary: &'static str,
    pub dash_empty: &'static str,

    /// The word for a complaint in an SMS.
    pub sms_complaint: &'static str,
}

/// The SMS sent at each change of a complaint, in Kazakh and Russian (the
/// language the citizen reads the portal in is not known to the SMS).
pub fn sms_text(number: &str, status: ComplaintStatus) -> String {
    let (kk, ru) = (Lang::Kk.texts().complaints, Lang::Ru.texts().complaints);
    format!(
        "Nomir: {} {number}: {}. / {} {number}: {}.",
        kk.sms_complaint,
        (kk.status)(status),
        ru.sms_complaint,
        (ru.status)(status)
    )
}
