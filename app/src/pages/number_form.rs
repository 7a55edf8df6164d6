//! The number entry form (Rules §5.2, §8) with the consent question
//! (appendix row 9, ground 2). Posts to the server; works without the WASM.

use leptos::prelude::*;

use crate::i18n::Texts;

#[component]
pub fn NumberForm(t: &'static Texts, changing: bool, error: Option<&'static str>) -> impl IntoView {
    let title = if changing {
        t.number_title_change
    } else {
        t.number_title_bind
    };
    let described = if error.is_some() {
        "number-hint number-error"
    } else {
        "number-hint"
    };
    view! {
        <section aria-labelledby="bind-heading" class="card">
            <h2 id="bind-heading">{title}</h2>
            {error.map(|m| view! { <p class="error-summary" role="alert" id="number-error">{m}</p> })}
            <form method="post" action="/cabinet/number" class="form">
                <div class="field">
                    <label for="number">{t.number_label}</label>
                    <p class="hint" id="number-hint">{t.number_hint}</p>
                    <input
                        id="number"
                        name="number"
                        type="tel"
                        autocomplete="tel"
                        inputmode="tel"
                        aria-required="true"
                        aria-describedby=described
                        aria-invalid=error.is_some().to_string()
                    />
                </div>
                <div class="field checkbox">
                    <input id="consent" name="consent" type="checkbox" value="yes" aria-describedby="consent-hint"/>
                    <label for="consent">{t.consent_label}</label>
                </div>
                <p class="hint" id="consent-hint">{t.consent_hint}</p>
                <button type="submit">{t.get_code_button}</button>
            </form>
        </section>
    }
}

#[component]
pub fn ConsentCard(t: &'static Texts, given_at: Option<String>) -> impl IntoView {
    view! {
        <section aria-labelledby="consent-heading" class="card">
            <h2 id="consent-heading">{t.consent_title}</h2>
            {match given_at {
                Some(at) => view! {
                    <p data-testid="consent-given">{t.consent_given}" "{at}</p>
                    <form method="post" action="/cabinet/consent/revoke">
                        <button type="submit" class="secondary">{t.consent_revoke}</button>
                    </form>
                }.into_any(),
                None => view! { <p data-testid="consent-none">{t.consent_none}</p> }.into_any(),
            }}
        </section>
    }
}
