//! The consent card (appendix row 9, ground 2): when consent was given,
//! and revoking it, a server function behind `ActionForm` that works with
//! or without the WASM. The number form that asks for it is the binding
//! card's (`binding_card.rs`).

use leptos::either::Either;
use leptos::prelude::*;

use crate::i18n::Texts;
use crate::server_fns::RevokeConsent;

#[component]
pub fn ConsentCard(
    t: &'static Texts,
    given_at: Option<String>,
    action: ServerAction<RevokeConsent>,
) -> impl IntoView {
    view! {
        <section aria-labelledby="consent-heading" class="card">
            <h2 id="consent-heading">{t.consent_title}</h2>
            {match given_at {
                Some(at) => Either::Left(view! {
                    <p data-testid="consent-given">{t.consent_given}" "{at}</p>
                    <ActionForm action>
                        <button type="submit" class="secondary">{t.consent_revoke}</button>
                    </ActionForm>
                }),
                None => Either::Right(view! { <p data-testid="consent-none">{t.consent_none}</p> }),
            }}
        </section>
    }
}
