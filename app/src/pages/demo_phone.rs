//! The demo phone (demo mode only): the text messages the service sent.

use leptos::either::EitherOf4;
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
                    Ok(Some(list)) if list.is_empty() => EitherOf4::A(view! {
                        <p>{t.demo_phone_intro}</p>
                        <p data-testid="outbox-empty">{t.demo_phone_empty}</p>
                    }),
                    Ok(Some(list)) => EitherOf4::B(view! {
                        <p>{t.demo_phone_intro}</p>
                        {list.into_iter().map(|p| view! { <Phone p received=t.demo_phone_received/> }).collect_view()}
                    }),
                    Ok(None) => {
                        super::set_status(404);
                        EitherOf4::C(view! { <p>{t.demo_phone_unavailable}</p> })
                    }
                    Err(e) => EitherOf4::D(view! { <ErrorSummary error=e t/> }),
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
