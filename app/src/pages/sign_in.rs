//! Sign-in with IIN and password, through the `sign_in` server function:
//! a form post, which on success goes on to the cabinet.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::{
    described_by, error_of, ErrorSummary, FieldError, PageTitle, PasswordField, StepHeading,
};
use crate::error::Field;
use crate::server_fns::SignIn;
use crate::site::use_site;

#[component]
pub fn SignInPage() -> impl IntoView {
    let site = use_site();
    let t = site.lang.texts();
    let action = ServerAction::<SignIn>::new();
    let query = use_query_map();
    let error = move || error_of(action.value());
    let signed_out = move || query.with(|q| q.get("signed_out").is_some());
    view! {
        <PageTitle text=t.sign_in_title/>
        <StepHeading text=t.sign_in_title/>
        {move || error().map(|e| view! { <ErrorSummary error=e t/> })}
        {move || signed_out().then(|| view! { <p class="notice" role="status">{t.signed_out}</p> })}
        <ActionForm action attr:class="form" attr:novalidate=true>
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
