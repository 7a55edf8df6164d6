//! A complaint as an official sees it: the complaint, the request, the case
//! file once forwarded, and the reasoned decisions the role may take now.

use leptos::either::{Either, EitherOf4};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::office_queue::StaffBar;
use crate::components::{
    described_by, show_errors_of, ChoiceGroup, ComplaintFacts, ErrorSummary, FieldError, PageTitle,
    StepHeading,
};
use crate::error::{Field, PortalError};
use crate::i18n::Texts;
use crate::server_fns::{get_case, DecideComplaint};
use crate::site::use_site;
use crate::wire_complaints::{CaseView, TrailLine};

#[component]
pub fn CasePage() -> impl IntoView {
    let t = use_site().lang.texts();
    let ct = t.complaints;
    let params = use_params_map();
    let query = use_query_map();
    let decided = query.with_untracked(|q| q.get("decided").is_some());
    let action = ServerAction::<DecideComplaint>::new();
    let error = RwSignal::new(None);
    show_errors_of(error, action.value());
    let case = Resource::new(
        move || params.with(|p| p.get("id").unwrap_or_default()),
        get_case,
    );
    let redirect = super::server_redirect();
    view! {
        <PageTitle text=ct.case_title/>
        <StepHeading text=ct.case_title/>
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || {
                let redirect = redirect.clone();
                Suspend::new(async move {
                    match case.await {
                        Ok(c) => EitherOf4::A(view! { <Case c t decided action error/> }),
                        Err(PortalError::StaffNotSignedIn) => {
                            redirect("/office/sign-in");
                            EitherOf4::B(view! {
                                <Redirect path="/office/sign-in"/>
                                <p><a href="/office/sign-in">{ct.err_staff_signed_out}</a></p>
                            })
                        }
                        Err(PortalError::ComplaintNotFound) => {
                            super::set_status(404);
                            EitherOf4::C(view! { <p data-testid="complaint-not-found">{ct.not_found}</p> })
                        }
                        Err(e) => {
                            super::set_status(e.status());
                            EitherOf4::D(view! { <ErrorSummary error=e t/> })
                        }
                    }
                })
            }}
        </Transition>
        <p><a href="/office">{ct.back_to_queue}</a></p>
    }
}

#[component]
fn Case(
    c: CaseView,
    t: &'static Texts,
    decided: bool,
    action: ServerAction<DecideComplaint>,
    error: RwSignal<Option<PortalError>>,
) -> impl IntoView {
    let ct = t.complaints;
    let id = c.complaint.item.id.clone();
    let request = c.request.map(|r| view! {
        <h2>{ct.request_label}</h2>
        <dl class="facts" data-testid="case-request">
            <dt>{ct.col_request_number}</dt>
            <dd>{r.number}</dd>
            <dt>{ct.col_started}</dt>
            <dd>{r.started_at}</dd>
            <dt>{ct.col_outcome}</dt>
            <dd>{(ct.outcome)(r.outcome)}{match r.outcome {
                crate::wire_complaints::RequestOutcome::Ended(g) => format!(": {}", (t.ground_reason)(g)),
                _ => String::new(),
            }}</dd>
        </dl>
    });
    view! {
        <StaffBar staff=c.staff t/>
        {decided.then(|| view! { <p class="notice" role="status" data-testid="decided">{ct.decided_notice}</p> })}
        <dl class="facts">
            <dt>{ct.citizen_label}</dt>
            <dd data-testid="case-citizen">{c.citizen}</dd>
        </dl>
        <ComplaintFacts c=c.complaint t/>
        {request}
        <section aria-labelledby="case-file-heading" class="card">
            <h2 id="case-file-heading">{ct.case_file_title}</h2>
            {match c.trail {
                Some(lines) => Either::Left(view! { <Trail lines t/> }),
                None => Either::Right(view! { <p>{ct.case_file_none}</p> }),
            }}
        </section>
        <section aria-labelledby="decide-heading" class="card">
            <h2 id="decide-heading">{ct.decide_title}</h2>
            {move || error.get().map(|e| view! { <ErrorSummary error=e t/> })}
            <DecisionForm id=id.clone() decisions=c.decisions.clone() t action error/>
        </section>
    }
}

#[component]
fn DecisionForm(
    id: String,
    decisions: Vec<crate::wire_complaints::DecisionChoice>,
    t: &'static Texts,
    action: ServerAction<DecideComplaint>,
    error: RwSignal<Option<PortalError>>,
) -> impl IntoView {
    let ct = t.complaints;
    if decisions.is_empty() {
        return Either::Left(view! { <p data-testid="no-decision">{ct.no_decision}</p> });
    }
    let err = move || error.get();
    let choices = decisions
        .into_iter()
        .map(|d| {
            let rid = format!("decision-{}", d.code());
            view! {
                <div class="choice">
                    <input type="radio" id=rid.clone() name="decision" value=d.code()/>
                    <label for=rid>{(ct.decision)(d)}</label>
                </div>
            }
        })
        .collect_view();
    Either::Right(view! {
        <ActionForm action attr:class="form" attr:novalidate=true>
            <input type="hidden" name="id" value=id/>
            <ChoiceGroup field=Field::Decision legend=ct.decision_legend error=err t>{choices}</ChoiceGroup>
            <div class="field">
                <label for="reasons">{ct.reasons_label}</label>
                <p class="hint" id="reasons-hint">{ct.reasons_hint}</p>
                {move || view! { <FieldError error=err() field=Field::Reasons t/> }}
                <textarea
                    id="reasons"
                    name="reasons"
                    rows="6"
                    maxlength="4000"
                    aria-required="true"
                    aria-describedby=move || described_by("reasons-hint", err(), Field::Reasons)
                    aria-invalid=move || err().is_some_and(|e| e.field() == Some(Field::Reasons)).to_string()
                ></textarea>
            </div>
            <button type="submit">{ct.decide_button}</button>
        </ActionForm>
    })
}

#[component]
fn Trail(lines: Vec<TrailLine>, t: &'static Texts) -> impl IntoView {
    let ct = t.complaints;
    view! {
        <table class="uses" data-testid="case-file">
            <thead>
                <tr>
                    <th scope="col">{ct.trail_at}</th>
                    <th scope="col">{ct.trail_actor}</th>
                    <th scope="col">{ct.trail_action}</th>
                    <th scope="col">{ct.trail_detail}</th>
                </tr>
            </thead>
            <tbody>
                {lines
                    .into_iter()
                    .map(|l| view! {
                        <tr>
                            <td>{l.at}</td>
                            <td>{l.actor}</td>
                            <td>{l.action}</td>
                            <td class="mono">{l.detail}</td>
                        </tr>
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
