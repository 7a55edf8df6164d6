//! One of the citizen's complaints: its number, status, deadlines and
//! decisions; once decided, court as the next step.

use leptos::either::EitherOf4;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::{ComplaintFacts, ErrorSummary, PageTitle, StepHeading};
use crate::error::PortalError;
use crate::server_fns::get_complaint;
use crate::site::use_site;

#[component]
pub fn ComplaintPage() -> impl IntoView {
    let t = use_site().lang.texts();
    let ct = t.complaints;
    let params = use_params_map();
    let query = use_query_map();
    let registered = query.with_untracked(|q| q.get("registered").is_some());
    let complaint = Resource::new(
        move || params.with(|p| p.get("id").unwrap_or_default()),
        get_complaint,
    );
    let redirect = super::server_redirect();
    view! {
        <PageTitle text=ct.detail_title/>
        <StepHeading text=ct.detail_title/>
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || {
                let redirect = redirect.clone();
                Suspend::new(async move {
                    match complaint.await {
                        Ok(c) => EitherOf4::A(view! {
                            {registered.then(|| view! {
                                <p class="notice" role="status" data-testid="complaint-registered">{ct.registered_notice}</p>
                            })}
                            <ComplaintFacts c t citizen=true/>
                        }),
                        Err(PortalError::NotSignedIn) => {
                            redirect("/sign-in");
                            EitherOf4::B(view! {
                                <Redirect path="/sign-in"/>
                                <p><a href="/sign-in">{t.not_signed_in}</a></p>
                            })
                        }
                        Err(PortalError::ComplaintNotFound) => {
                            super::set_status(404);
                            EitherOf4::C(view! { <p data-testid="complaint-not-found">{ct.not_found}</p> })
                        }
                        Err(e) => EitherOf4::D(view! { <ErrorSummary error=e t/> }),
                    }
                })
            }}
        </Transition>
        <p><a href="/cabinet/complaints">{ct.back_to_list}</a></p>
    }
}
