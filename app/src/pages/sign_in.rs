//! Signing in: with an electronic signature first (the portal's main way
//! in: NCALayer signs a one-time challenge with the citizen's AUTH key,
//! posted to `sign_in_eds`), or with IIN and password (`sign_in`). Either
//! goes on to the cabinet.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::{
    described_by, error_of, ErrorSummary, FieldError, PageTitle, PasswordField, SignButton,
    SignLabels, SignTask, StepHeading, CMS_FIELD,
};
use crate::error::Field;
use crate::i18n::Texts;
use crate::server_fns::{get_eds_challenge, SignIn, SignInEds};
use crate::site::use_site;

#[component]
pub fn SignInPage() -> impl IntoView {
    let site = use_site();
    let t = site.lang.texts();
    let action = ServerAction::<SignIn>::new();
    let eds = ServerAction::<SignInEds>::new();
    let query = use_query_map();
    let error = move || error_of(action.value());
    let eds_error = move || error_of(eds.value());
    let signed_out = move || query.with(|q| q.get("signed_out").is_some());
    view! {
        <PageTitle text=t.sign_in_title/>
        <StepHeading text=t.sign_in_title/>
        {move || eds_error().map(|e| view! { <ErrorSummary error=e t/> })}
        {move || error().map(|e| view! { <ErrorSummary error=e t/> })}
        {move || signed_out().then(|| view! { <p class="notice" role="status">{t.signed_out}</p> })}
        <EdsSignIn eds t locale=site.lang.code()/>
        <h2 id="password-sign-in">{t.eds.password_title}</h2>
        <ActionForm action attr:class="form" attr:novalidate=true attr:aria-labelledby="password-sign-in">
            <div class="field">
                <label for="iin">{t.iin_label}</label>
                <p class="hint" id="iin-hint">{t.iin_hint}</p>
                {move || view! { <FieldError error=error() field=Field::Iin t/> }}
                <input
                    id="iin"
                    name="iin"
                    type="text"
                    inputmode="numeric"
                    autocomplete="username"
                    spellcheck="false"
                    aria-required="true"
                    aria-describedby=move || described_by("iin-hint", error(), Field::Iin)
                    aria-invalid=move || error().is_some_and(|e| e.field() == Some(Field::Iin)).to_string()
                />
            </div>
            <PasswordField error t/>
            <button type="submit">{t.sign_in_button}</button>
        </ActionForm>
        {site.demo.then(|| view! { <p class="hint demo-hint">{t.demo_accounts_hint}</p> })}
    }
}

/// The EDS way in: a fresh challenge per page view, signed by NCALayer.
#[component]
fn EdsSignIn(
    eds: ServerAction<SignInEds>,
    t: &'static Texts,
    locale: &'static str,
) -> impl IntoView {
    // A new challenge each time the action has run (a used one cannot serve again).
    let challenge = Resource::new(move || eds.version().get(), |_| get_eds_challenge());
    view! {
        <section aria-labelledby="eds-sign-in" class="eds-sign-in">
            <h2 id="eds-sign-in">{t.eds.sign_in_title}</h2>
            <p>{t.eds.sign_in_intro}</p>
            <Suspense fallback=|| ()>
                {move || challenge.get().map(|c| match c {
                    Ok(c) => view! {
                        <ActionForm action=eds>
                            <input type="hidden" name="challenge_id" value=c.id.clone()/>
                            <input type="hidden" name=CMS_FIELD value=""/>
                            <SignButton
                                task=SignTask {
                                    document_base64: c.document_base64,
                                    iin: String::new(),
                                    signer_url: c.signer_url,
                                    locale: locale.to_owned(),
                                    auth: true,
                                }
                                labels=SignLabels::sign_in(t)
                            />
                        </ActionForm>
                    }.into_any(),
                    Err(e) => view! { <p class="notice">{e.message(t)}</p> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
