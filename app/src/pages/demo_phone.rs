//! The demo phone (demo mode only): the text messages the service sent.

use leptos::prelude::*;

use crate::components::{ErrorSummary, PageTitle, StepHeading};
use crate::server_fns::get_demo_phone;
use crate::site::use_site;
use crate::wire::PhoneView;

#[component]
pub fn DemoPhonePage() -> impl IntoView {
    let t = use_site().lang.texts();
    let phones = Resource::new(|| (), |_| get_demo_phone());
    view! {
        <PageTitle text=t.demo_phone_title/>
        <StepHeading text=t.demo_phone_title/>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match phones.await {
                    Ok(Some(list)) if list.is_empty() => view! {
                        <p>{t.demo_phone_intro}</p>
                        <p data-testid="outbox-empty">{t.demo_phone_empty}</p>
                    }.into_any(),
                    Ok(Some(list)) => view! {
                        <p>{t.demo_phone_intro}</p>
                        {list.into_iter().map(|p| view! { <Phone p received=t.demo_phone_received/> }).collect_view()}
                    }.into_any(),
                    Ok(None) => {
                        super::set_status(404);
                        view! { <p>{t.demo_phone_unavailable}</p> }.into_any()
                    }
                    Err(e) => view! { <ErrorSummary error=e t/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Phone(p: PhoneView, received: &'static str) -> impl IntoView {
    view! {
        <section class="card phone" aria-label=p.number.clone()>
            <h2>{p.number.clone()}</h2>
            <ol class="messages">
                {p.messages
                    .into_iter()
                    .map(|m| view! { <li><p class="sms-meta">{received}" "{m.received_at}</p><p class="sms-body">{m.body}</p></li> })
                    .collect_view()}
            </ol>
        </section>
    }
}
