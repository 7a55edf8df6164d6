//! Signing in: with an electronic signature first (the portal's main way
//! in: NCALayer signs a one-time challenge with the citizen's AUTH key,
//! posted to `sign_in_eds`), or with IIN and password (`sign_in`). Either
//! goes on to the cabinet. Showing the page makes no challenge: the EDS
//! button asks for one when pressed.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::{
    error_of, ErrorSummary, FieldHelp, Kind, PageTitle, PasswordField, SignButton, SignLabels,
    SignTask, StepHeading, TextInput, CHALLENGE_FIELD, CMS_FIELD,
};
use crate::error::Field;
use crate::i18n::Texts;
use crate::server_fns::{SignIn, SignInEds};
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
                <TextInput field=Field::Iin hinted=true error=Signal::derive(error) t/>
            </div>
            <PasswordField error t/>
            <FieldHelp kinds=&[Kind::Iin, Kind::Password] t/>
            <button type="submit">{t.sign_in_button}</button>
        </ActionForm>
        {site.demo.then(|| view! { <p class="hint demo-hint">{t.demo_accounts_hint}</p> })}
    }
}

/// The EDS way in: the button asks for a fresh challenge when pressed
/// (none is made by showing the page), NCALayer signs it, and the form
/// posts the signature with the challenge's id.
#[component]
fn EdsSignIn(
    eds: ServerAction<SignInEds>,
    t: &'static Texts,
    locale: &'static str,
) -> impl IntoView {
    view! {
        <section aria-labelledby="eds-sign-in" class="eds-sign-in">
            <h2 id="eds-sign-in">{t.eds.sign_in_title}</h2>
            <p>{t.eds.sign_in_intro}</p>
            <ActionForm action=eds>
                <input type="hidden" name=CHALLENGE_FIELD value=""/>
                <input type="hidden" name=CMS_FIELD value=""/>
                <SignButton
                    task=SignTask {
                        document_base64: String::new(),
                        iin: String::new(),
                        signer_url: String::new(),
                        locale: locale.to_owned(),
                        auth: true,
                    }
                    labels=SignLabels::sign_in(t)
                />
            </ActionForm>
        </section>
    }
}
