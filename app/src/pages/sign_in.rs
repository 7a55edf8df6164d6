//! Sign-in with IIN and password. The form posts to the server, which
//! answers with a redirect: it works the same with or without the WASM.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::PageTitle;
use crate::site::use_site;

#[component]
pub fn SignInPage() -> impl IntoView {
    let site = use_site();
    let t = site.lang.texts();
    let query = use_query_map();
    let error_code = move || query.with(|q| q.get("error"));
    let error = move || error_code().and_then(|c| t.error_message(&c));
    let iin_invalid =
        move || error_code().is_some_and(|c| c.starts_with("iin_") || c == "credentials");
    let password_invalid =
        move || error_code().is_some_and(|c| c == "password_empty" || c == "credentials");
    let signed_out = move || query.with(|q| q.get("signed_out").is_some());
    view! {
        <PageTitle text=t.sign_in_title/>
        <h1>{t.sign_in_title}</h1>
        {move || {
            error()
                .map(|message| {
                    view! {
                        <div class="error-summary" role="alert" id="sign-in-error">
                            <h2>{t.error_title}</h2>
                            <p>{message}</p>
                        </div>
                    }
                })
        }}
        {move || signed_out().then(|| view! { <p class="notice" role="status">{t.signed_out}</p> })}
        <form method="post" action="/auth/sign-in" class="form">
            <div class="field">
                <label for="iin">{t.iin_label}</label>
                <p class="hint" id="iin-hint">{t.iin_hint}</p>
                <input
                    id="iin"
                    name="iin"
                    type="text"
                    inputmode="numeric"
                    autocomplete="username"
                    spellcheck="false"
                    aria-required="true"
                    aria-describedby=move || if error().is_some() { "iin-hint sign-in-error" } else { "iin-hint" }
                    aria-invalid=move || iin_invalid().to_string()
                />
            </div>
            <div class="field">
                <label for="password">{t.password_label}</label>
                <input
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    aria-required="true"
                    aria-invalid=move || password_invalid().to_string()
                />
            </div>
            <button type="submit">{t.sign_in_button}</button>
        </form>
        {site.demo.then(|| view! { <p class="hint demo-hint">{t.demo_accounts_hint}</p> })}
    }
}
