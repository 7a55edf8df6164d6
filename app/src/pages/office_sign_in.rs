//! The back office's sign-in: a staff login and password, apart from the
//! citizens' sign-in.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::{
    error_of, ErrorSummary, FieldError, PageTitle, PasswordField, StepHeading,
};
use crate::error::Field;
use crate::server_fns::StaffSignIn;
use crate::site::use_site;

#[component]
pub fn StaffSignInPage() -> impl IntoView {
    let site = use_site();
    let t = site.lang.texts();
    let ct = t.complaints;
    let action = ServerAction::<StaffSignIn>::new();
    let query = use_query_map();
    let error = move || error_of(action.value());
    let signed_out = move || query.with(|q| q.get("signed_out").is_some());
    view! {
        <PageTitle text=ct.staff_sign_in_title/>
        <StepHeading text=ct.staff_sign_in_title/>
        {move || error().map(|e| view! { <ErrorSummary error=e t/> })}
        {move || signed_out().then(|| view! { <p class="notice" role="status">{t.signed_out}</p> })}
        <ActionForm action attr:class="form" attr:novalidate=true>
            <div class="field">
                <label for="login">{ct.login_label}</label>
                {move || view! { <FieldError error=error() field=Field::Login t/> }}
                <input
                    id="login"
                    name="login"
                    type="text"
                    autocomplete="username"
                    spellcheck="false"
                    aria-required="true"
                    aria-describedby=move || error().filter(|e| e.field() == Some(Field::Login)).map(|_| "login-error")
                    aria-invalid=move || error().is_some_and(|e| e.field() == Some(Field::Login)).to_string()
                />
            </div>
            <PasswordField error t/>
            <button type="submit">{t.sign_in_button}</button>
        </ActionForm>
        {site.demo.then(|| view! { <p class="hint demo-hint">{ct.staff_demo_hint}</p> })}
    }
}
