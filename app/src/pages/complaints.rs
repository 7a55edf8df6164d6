//! The citizen's complaints (Rules ch. 3): those filed, with their status
//! and the deadline running, and the requests a new one can be about.

use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::components::{ErrorSummary, PageTitle, StepHeading};
use crate::error::PortalError;
use crate::i18n::Texts;
use crate::server_fns::get_complaints;
use crate::site::use_site;
use crate::wire_complaints::{ComplaintItem, ComplaintsView, RequestItem};

#[component]
pub fn ComplaintsPage() -> impl IntoView {
    let t = use_site().lang.texts();
    let title = t.complaints.list_title;
    let data = Resource::new(|| (), |_| get_complaints());
    let redirect = super::server_redirect();
    view! {
        <PageTitle text=title/>
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || {
                let redirect = redirect.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(v) => EitherOf3::A(view! { <StepHeading text=title/><Complaints v t/> }),
                        Err(PortalError::NotSignedIn) => {
                            redirect("/sign-in");
                            EitherOf3::B(view! {
                                <StepHeading text=title/>
                                <Redirect path="/sign-in"/>
                                <p><a href="/sign-in">{t.not_signed_in}</a></p>
                            })
                        }
                        Err(e) => EitherOf3::C(view! { <StepHeading text=title/><ErrorSummary error=e t/> }),
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn Complaints(v: ComplaintsView, t: &'static Texts) -> impl IntoView {
    let ct = t.complaints;
    view! {
        <p>{ct.list_intro}</p>
        <section aria-labelledby="filed-heading" class="card">
            <h2 id="filed-heading">{ct.list_title}</h2>
            <ComplaintTable items=v.complaints t link_base="/cabinet/complaints/"/>
        </section>
        <section aria-labelledby="requests-heading" class="card">
            <h2 id="requests-heading">{ct.requests_title}</h2>
            <Requests items=v.requests t/>
        </section>
        <p><a href="/cabinet">{t.back_to_cabinet}</a></p>
    }
}

/// Complaints in a table, each number linking to the complaint.
#[component]
pub fn ComplaintTable(
    items: Vec<ComplaintItem>,
    t: &'static Texts,
    link_base: &'static str,
) -> impl IntoView {
    let ct = t.complaints;
    if items.is_empty() {
        return Either::Left(view! { <p data-testid="complaints-empty">{ct.list_none}</p> });
    }
    Either::Right(view! {
        <table class="uses" data-testid="complaints">
            <thead>
                <tr>
                    <th scope="col">{ct.col_number}</th>
                    <th scope="col">{ct.col_filed}</th>
                    <th scope="col">{ct.col_subject}</th>
                    <th scope="col">{ct.col_status}</th>
                    <th scope="col">{ct.col_due}</th>
                </tr>
            </thead>
            <tbody>
                {items
                    .into_iter()
                    .map(|c| {
                        let href = format!("{link_base}{}", c.id);
                        let overdue = c.overdue.then(|| view! { " "<strong class="overdue">{ct.overdue}</strong> });
                        let provisional = (c.due_provisional && c.due.is_some())
                            .then(|| format!(" ({})", ct.provisional_short));
                        view! {
                            <tr data-testid="complaint-row">
                                <th scope="row"><a href=href>{c.number}</a></th>
                                <td>{c.filed_at}</td>
                                <td>{(ct.about)(c.about)}</td>
                                <td>{(ct.status)(c.status)}</td>
                                <td>{c.due.unwrap_or_else(|| "—".into())}{provisional}{overdue}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    })
}

#[component]
fn Requests(items: Vec<RequestItem>, t: &'static Texts) -> impl IntoView {
    let ct = t.complaints;
    if items.is_empty() {
        return Either::Left(view! { <p>{ct.requests_none}</p> });
    }
    Either::Right(view! {
        <table class="uses" data-testid="requests">
            <thead>
                <tr>
                    <th scope="col">{ct.col_request_number}</th>
                    <th scope="col">{ct.col_started}</th>
                    <th scope="col">{ct.col_outcome}</th>
                    <th scope="col">{ct.complain_link}</th>
                </tr>
            </thead>
            <tbody>
                {items
                    .into_iter()
                    .map(|r| {
                        let complain = format!("/cabinet/complaints/new?request={}", r.id);
                        let label = format!("{}: {} {}", ct.complain_link, r.number, r.started_at);
                        view! {
                            <tr data-testid="request-row">
                                <th scope="row"><a href=format!("/cabinet/request/{}", r.id)>{r.number.clone()}</a></th>
                                <td>{r.started_at.clone()}</td>
                                <td>{(ct.outcome)(r.outcome)}</td>
                                <td><a href=complain aria-label=label>{ct.complain_link}</a></td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    })
}
