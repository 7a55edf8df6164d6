use leptos::prelude::*;

use crate::components::{PageTitle, StepHeading};
use crate::site::use_site;

#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_site().lang;
    let t = lang.texts();
    let d = crate::i18n::document_texts(lang);
    let ct = t.complaints;
    view! {
        <PageTitle text=t.nav_home/>
        <StepHeading text=t.home_title/>
        <p class="lead">{t.home_intro}</p>
        <section aria-labelledby="steps-heading">
            <h2 id="steps-heading">{t.home_steps_title}</h2>
            <ol class="steps">{t.home_steps.iter().map(|s| view! { <li>{*s}</li> }).collect_view()}</ol>
        </section>
        <section aria-labelledby="facts-heading">
            <h2 id="facts-heading">{t.home_facts_title}</h2>
            <ul>{t.home_facts.iter().map(|s| view! { <li>{*s}</li> }).collect_view()}</ul>
        </section>
        <p class="actions">
            <a class="button" href="/sign-in">{t.home_cta_sign_in}</a>
            <a class="button secondary" href="/cabinet">{t.home_cta_cabinet}</a>
        </p>
        <ul class="inline-links">
            <li><a href="/check-document" rel="external" data-testid="check-document-link">{d.check_title}</a></li>
            <li><a href="/office" data-testid="office-link">{ct.office_title}</a></li>
        </ul>
    }
}
