//! A complaint's facts, as the citizen and the officials both read them:
//! number, status, deadlines (overdue marked), the text, and each decision
//! with its reasons; once decided, that court is the next step.

use leptos::prelude::*;

use crate::i18n::Texts;
use crate::wire_complaints::{ComplaintTo, ComplaintView};

#[component]
pub fn ComplaintFacts(
    c: ComplaintView,
    t: &'static Texts,
    /// The citizen's own view: links back to the request.
    #[prop(optional)]
    citizen: bool,
) -> impl IntoView {
    let ct = t.complaints;
    let has_result = c.has_result;
    let item = c.item;
    let provisional = item.due_provisional;
    let overdue_now = item.review_overdue;
    let overdue = item
        .overdue
        .then(|| view! { " "<strong class="overdue" data-testid="overdue">{ct.overdue}</strong> });
    let request_href = format!("/cabinet/request/{}", item.request_id);
    view! {
        <dl class="facts" data-testid="complaint-facts">
            <dt>{ct.number_label}</dt>
            <dd data-testid="complaint-number">{item.number.clone()}</dd>
            <dt>{ct.status_label}</dt>
            <dd data-testid="complaint-status">{(ct.status)(item.status)}{overdue}</dd>
            <dt>{ct.filed_label}</dt>
            <dd>{item.filed_at.clone()}</dd>
            <dt>{ct.subject_label}</dt>
            <dd>{(ct.about)(item.about)}</dd>
            <dt>{ct.addressee_label}</dt>
            <dd>{(ct.to)(item.to)}</dd>
            <dt>{ct.request_label}</dt>
            <dd><span class="mono">{item.request_id.clone()}</span></dd>
        </dl>
        <h2>{ct.deadlines_title}</h2>
        <dl class="facts" data-testid="complaint-deadlines">
            {c.forward_by.map(|d| view! {
                <dt>{ct.forward_by_label}</dt>
                <dd data-testid="forward-by">{d}</dd>
            })}
            <dt>{ct.review_by_label}</dt>
            <dd data-testid="review-by">{c.review_by}</dd>
        </dl>
        {provisional.then(|| view! {
            <p class="hint" data-testid="deadline-provisional">{ct.deadline_provisional}</p>
        })}
        <h2>{ct.body_label}</h2>
        <p class="complaint-body">{c.body}</p>
        {c.forwarded_at.map(|at| view! {
            <h2>{ct.forwarded_label}</h2>
            <dl class="facts">
                <dt>{ct.forwarded_label}</dt>
                <dd>{at}</dd>
                <dt>{ct.forwarded_to_label}</dt>
                <dd data-testid="forwarded-to">{(ct.to)(ComplaintTo::AuthorizedBody)}</dd>
                <dt>{ct.forward_note_label}</dt>
                <dd data-testid="forward-note">{c.forward_note.unwrap_or_default()}</dd>
            </dl>
        })}
        {c.decided_at.map(|at| view! {
            <h2>{ct.decision_label}</h2>
            <dl class="facts">
                <dt>{ct.decided_label}</dt>
                <dd>{at}</dd>
                <dt>{ct.decision_label}</dt>
                <dd data-testid="decision-reason">{c.decision_reason.unwrap_or_default()}</dd>
            </dl>
        })}
        {if item.status.is_closed() {
            Some(view! { <p class="notice" data-testid="court-next">{ct.court_next}</p> })
        } else if overdue_now {
            Some(view! { <p class="notice" data-testid="court-next">{ct.court_overdue}</p> })
        } else {
            None
        }}
        {citizen.then(|| {
            let pdf = format!("{request_href}/result.pdf");
            view! {
                <p><a href=request_href>{ct.request_label}</a></p>
                {has_result.then(|| view! {
                    <p><a href=pdf download="" rel="external">{ct.document_link}" (PDF)"</a></p>
                })}
            }
        })}
    }
}
