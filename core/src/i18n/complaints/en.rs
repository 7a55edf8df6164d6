//! The complaint and back-office strings in English.

use super::ComplaintTexts;
use crate::wire_complaints::{
    ComplaintAbout, ComplaintStatus, ComplaintTo, DecisionChoice, RequestOutcome, StaffRole,
};

pub const EN: ComplaintTexts = ComplaintTexts {
    nav: "Complaints",
    list_title: "Complaints",
    list_intro: "You may complain about a decision, an action or inaction on your request. A complaint to the service provider is reviewed within 5 working days of its registration; one to the authorized body for the quality of public services within 15 working days.",
    list_none: "You have not filed any complaint.",
    requests_title: "Your requests",
    requests_none: "You have no requests.",
    col_number: "Registration number",
    col_request_number: "Number",
    col_started: "Started",
    col_outcome: "Outcome",
    col_filed: "Filed",
    col_subject: "About",
    col_status: "Status",
    col_due: "Due",
    complain_link: "File a complaint",
    document_link: "Result document",
    outcome: en_outcome,
    status: en_status,
    about: en_about,
    to: en_to,
    to_hint: en_to_hint,
    new_title: "File a complaint",
    about_request: "Request",
    subject_legend: "What is the complaint about?",
    addressee_legend: "Who is the complaint addressed to?",
    text_label: "Your complaint",
    text_hint: "10 to 4000 characters: what happened and what you ask for.",
    submit: "Register the complaint",
    detail_title: "Complaint",
    registered_notice: "Your complaint is registered. If a number is bound to your account, each change is sent to it by SMS.",
    number_label: "Registration number",
    status_label: "Status",
    filed_label: "Filed",
    subject_label: "About",
    addressee_label: "To",
    request_label: "Request",
    body_label: "Text",
    deadlines_title: "Deadlines (working days)",
    forward_by_label: "Satisfy in full or forward to the reviewing body by",
    review_by_label: "Review by",
    overdue: "overdue",
    provisional_short: "provisional",
    deadline_provisional: "These deadlines are provisional: the working-day calendar does not list that year's holidays yet. They will be counted again when it does, and never brought earlier.",
    forwarded_label: "Forwarded to the reviewing body",
    forwarded_to_label: "Forwarded to",
    forward_note_label: "Grounds for forwarding",
    decided_label: "Decided",
    decision_label: "Decision and its reasons",
    court_next: "The pre-trial step is over. If you disagree with the decision, you may go to court, unless the law provides otherwise.",
    court_overdue: "The complaint was not decided in time. You may go to court, unless the law provides otherwise.",
    back_to_list: "Back to complaints",
    not_found: "No such complaint was found.",
    office_title: "Back office",
    staff_sign_in_title: "Staff sign-in",
    login_label: "Login",
    staff_demo_hint: "Demo staff: official.demo, reviewer.demo, admin.demo; password demo-pass-2026.",
    signed_in_as: "Signed in as",
    role: en_role,
    queue_title: "Complaints to handle",
    queue_empty: "No complaints in the queue.",
    no_queue: "Administrators handle no complaints: see the service dashboard.",
    nav_queue: "Complaint queue",
    nav_dashboard: "Dashboard",
    case_title: "Complaint",
    citizen_label: "Citizen (IIN)",
    case_file_title: "Case file",
    case_file_none: "The complaint has not been forwarded to the reviewing body.",
    trail_at: "Time",
    trail_actor: "Who",
    trail_action: "Action",
    trail_detail: "Details",
    decide_title: "Decision",
    decision: en_decision,
    decision_legend: "Your decision",
    reasons_label: "Reasons",
    reasons_hint: "Why you decide so: the citizen reads it. 10 to 4000 characters.",
    decide_button: "Record the decision",
    decided_notice: "The decision is recorded; if the citizen has a bound number, an SMS was sent to it.",
    no_decision: "No decision on this complaint is waiting from your role.",
    back_to_queue: "Back to the queue",
    err_text_short: "The complaint is too short: write at least 10 characters.",
    err_text_long: "The complaint is too long: at most 4000 characters.",
    err_reasons_short: "The reasons are too short: write at least 10 characters.",
    err_reasons_long: "The reasons are too long: at most 4000 characters.",
    err_about_missing: "Choose what the complaint is about.",
    err_to_missing: "Choose who the complaint is addressed to.",
    err_decision_missing: "Choose a decision.",
    err_not_refused: "This request was neither refused nor left not performed: complain about an action or inaction instead.",
    err_official_unknown: "No such official took a decision on this request: choose one from the list, or address the service provider.",
    err_under_review: "A complaint about this request to the same addressee is under review. Wait for its decision, or address the other body.",
    err_not_found: "No such complaint was found.",
    err_not_your_role: "Your role does not take this decision.",
    err_not_waiting: "The complaint is not waiting for this decision: another official may have handled it.",
    err_satisfy_late: "The 3 working days have passed: the complaint can only be forwarded to the reviewing body now.",
    err_staff_credentials: "Wrong login or password.",
    err_staff_signed_out: "Sign in as staff.",
    err_no_queue: "Your role has no queue of complaints.",
    dash_title: "Service dashboard",
    dash_period: "Period",
    dash_days_label: "Number of recent days (1–366)",
    dash_show: "Show",
    dash_csv: "Download as CSV",
    dash_per_day: "Requests per day by channel",
    dash_outcomes: "Outcomes and their reasons",
    dash_service_time: "Service time (against the 10-minute term)",
    dash_service_hint: "Ended requests (bound, refused or not performed) by whole minutes taken.",
    dash_within_term: "Completed within 10 minutes",
    dash_minutes: "min",
    dash_ten_plus: "10 min or more",
    dash_complaints: "Complaints by status (overdue)",
    dash_day: "Day",
    dash_total: "Total",
    dash_count: "Count",
    dash_channels: ["Portal", "Mobile app", "Bank"],
    dash_chart_summary: "The chart's data is in the table below.",
    dash_empty: "No data for this period.",
    sms_complaint: "complaint",
};

fn en_outcome(o: RequestOutcome) -> &'static str {
    match o {
        RequestOutcome::Open => "in progress",
        RequestOutcome::Bound => "number bound",
        RequestOutcome::Ended(r) if r.is_refusal() => "refused",
        RequestOutcome::Ended(_) => "not performed",
        RequestOutcome::Expired => "term expired",
        RequestOutcome::Withdrawn => "replaced by a newer request",
    }
}

fn en_status(s: ComplaintStatus) -> &'static str {
    match s {
        ComplaintStatus::AtProvider => "under review by the service provider",
        ComplaintStatus::AtReviewer => "under review by the authorized body",
        ComplaintStatus::Satisfied => "satisfied in full by the service provider",
        ComplaintStatus::Upheld => "upheld",
        ComplaintStatus::Rejected => "rejected",
    }
}

fn en_about(a: ComplaintAbout) -> &'static str {
    match a {
        ComplaintAbout::Refusal => "the result: a refusal or the service not performed",
        ComplaintAbout::Action => "an action",
        ComplaintAbout::Inaction => "inaction",
    }
}

fn en_to(t: ComplaintTo) -> &'static str {
    match t {
        ComplaintTo::Provider => "The service provider (Ministry of Digital Development)",
        ComplaintTo::AuthorizedBody => {
            "The authorized body for assessing and controlling the quality of public services"
        }
        ComplaintTo::Official => "The official whose decision, action or inaction it concerns",
    }
}

fn en_to_hint(t: ComplaintTo) -> &'static str {
    match t {
        ComplaintTo::Provider => "Reviewed within 5 working days; within 3 working days the provider satisfies it in full or forwards it with the case file to the reviewing body.",
        ComplaintTo::AuthorizedBody => "Reviewed within 15 working days.",
        ComplaintTo::Official => "Reviewed within 5 working days; within 3 working days the official satisfies it in full or forwards it with the case file to the reviewing body.",
    }
}

fn en_role(r: StaffRole) -> &'static str {
    match r {
        StaffRole::ProviderOfficial => "service provider official",
        StaffRole::Reviewer => "authorized body reviewer",
        StaffRole::Administrator => "administrator",
    }
}

fn en_decision(d: DecisionChoice) -> &'static str {
    match d {
        DecisionChoice::Satisfy => "Satisfy in full (not forwarded)",
        DecisionChoice::Forward => "Forward with the case file to the reviewing body",
        DecisionChoice::Uphold => "Uphold",
        DecisionChoice::Reject => "Reject",
    }
}
