//! Filing a complaint about one of the citizen's requests: what it is
//! about, to whom (with each addressee's deadlines), and the text. A plain
//! form behind `ActionForm`; on success the complaint's page shows its
//! registration number and deadlines.

use leptos::either::EitherOf4;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

use crate::components::{
    described_by, error_of, ChoiceGroup, ErrorSummary, FieldError, PageTitle, StepHeading,
};
use crate::error::{Field, PortalError};
use crate::i18n::Texts;
use crate::server_fns::{get_complaints, FileComplaint};
use crate::site::use_site;
use crate::wire_complaints::{ComplaintAbout, ComplaintTo, RequestItem};

const ABOUT: [(ComplaintAbout, &str); 3] = [
    (ComplaintAbout::Refusal, "refusal"),
    (ComplaintAbout::Action, "action"),
    (ComplaintAbout::Inaction, "inaction"),
];
const TO: [(ComplaintTo, &str); 2] = [
    (ComplaintTo::Provider, "provider"),
    (ComplaintTo::AuthorizedBody, "authorized_body"),
];

#[component]
pub fn NewComplaintPage() -> impl IntoView {
    let t = use_site().lang.texts();
    let title = t.complaints.new_title;
    let query = use_query_map();
    let wanted = move || query.with(|q| q.get("request").unwrap_or_default());
    let data = Resource::new(|| (), |_| get_complaints());
    let redirect = super::server_redirect();
    view! {
        <PageTitle text=title/>
        <StepHeading text=title/>
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || {
                let redirect = redirect.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(v) => match v.requests.into_iter().find(|r| r.id == wanted()) {
                            Some(r) => EitherOf4::A(view! { <ComplaintForm r t/> }),
                            None => {
                                super::set_status(404);
                                EitherOf4::B(view! {
                                    <p>{t.request_not_found}</p>
                                    <p><a href="/cabinet/complaints">{t.complaints.back_to_list}</a></p>
                                })
                            }
                        },
                        Err(PortalError::NotSignedIn) => {
                            redirect("/sign-in");
                            EitherOf4::C(view! {
                                <Redirect path="/sign-in"/>
                                <p><a href="/sign-in">{t.not_signed_in}</a></p>
                            })
                        }
                        Err(e) => EitherOf4::D(view! { <ErrorSummary error=e t/> }),
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn ComplaintForm(r: RequestItem, t: &'static Texts) -> impl IntoView {
    let ct = t.complaints;
    let action = ServerAction::<FileComplaint>::new();
    let error = move || error_of(action.value());
    let refusal = r.outcome.ended_unbound();
    let about = ABOUT
        .into_iter()
        .filter(|(a, _)| refusal || *a != ComplaintAbout::Refusal)
        .map(|(a, code)| {
            let id = format!("about-{code}");
            view! {
                <div class="choice">
                    <input type="radio" id=id.clone() name="about" value=code/>
                    <label for=id>{(ct.about)(a)}</label>
                </div>
            }
        })
        .collect_view();
    let to = TO
        .into_iter()
        .map(|(a, code)| {
            let id = format!("to-{code}");
            let hint = format!("{id}-hint");
            view! {
                <div class="choice">
                    <input type="radio" id=id.clone() name="to" value=code aria-describedby=hint.clone()/>
                    <label for=id>{(ct.to)(a)}</label>
                    <p class="hint" id=hint>{(ct.to_hint)(a)}</p>
                </div>
            }
        })
        .collect_view();
    // §10: the official whose decision it concerns, from the request's history.
    let officials = r
        .officials
        .iter()
        .map(|o| {
            let id = format!("to-official-{}", o.login);
            let hint = format!("{id}-hint");
            view! {
                <div class="choice">
                    <input type="radio" id=id.clone() name="to" value=format!("official:{}", o.login)
                        aria-describedby=hint.clone()/>
                    <label for=id>{(ct.to)(ComplaintTo::Official)}": "{o.name.clone()}</label>
                    <p class="hint" id=hint>{(ct.to_hint)(ComplaintTo::Official)}</p>
                </div>
            }
        })
        .collect_view();
    view! {
        <dl class="facts">
            <dt>{ct.about_request}</dt>
            <dd>{r.number.clone()}" · "{r.started_at.clone()}" · "{(ct.outcome)(r.outcome)}</dd>
        </dl>
        {move || error().map(|e| view! { <ErrorSummary error=e t/> })}
        <ActionForm action attr:class="form" attr:novalidate=true>
            <input type="hidden" name="request_id" value=r.id.clone()/>
            <ChoiceGroup field=Field::About legend=ct.subject_legend error t>{about}</ChoiceGroup>
            <ChoiceGroup field=Field::Addressee legend=ct.addressee_legend error t>{to}{officials}</ChoiceGroup>
            <div class="field">
                <label for="complaint-text">{ct.text_label}</label>
                <p class="hint" id="complaint-text-hint">{ct.text_hint}</p>
                {move || view! { <FieldError error=error() field=Field::ComplaintText t/> }}
                <textarea
                    id="complaint-text"
                    name="text"
                    rows="8"
                    maxlength="4000"
                    aria-required="true"
                    aria-describedby=move || described_by("complaint-text-hint", error(), Field::ComplaintText)
                    aria-invalid=move || error().is_some_and(|e| e.field() == Some(Field::ComplaintText)).to_string()
                ></textarea>
            </div>
            <button type="submit">{ct.submit}</button>
        </ActionForm>
    }
}
