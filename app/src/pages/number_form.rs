//! The number entry form (Rules §5.2, §8) with the consent question
//! (appendix row 9, ground 2), and the consent card. Both are server
//! functions behind `ActionForm`: they work with or without the WASM.

use leptos::either::Either;
use leptos::prelude::*;

use crate::components::{FieldHelp, Kind, TextInput};
use crate::error::{Field, PortalError};
use crate::i18n::Texts;
use crate::server_fns::{RequestCode, RevokeConsent};

#[component]
pub fn NumberForm(
    t: &'static Texts,
    changing: bool,
    action: ServerAction<RequestCode>,
    #[prop(into)] error: Signal<Option<PortalError>>,
) -> impl IntoView {
    let title = if changing {
        t.number_title_change
    } else {
        t.number_title_bind
    };
    view! {
        <section aria-labelledby="bind-heading" class="card">
            <h2 id="bind-heading">{title}</h2>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <div class="field">
                    <label for="number">{t.number_label}</label>
                    <p class="hint" id="number-hint">{t.number_hint}</p>
                    <TextInput field=Field::Number hinted=true error t/>
                </div>
                <div class="field checkbox">
                    <input id="consent" name="consent" type="checkbox" value="yes" aria-describedby="consent-hint"/>
                    <label for="consent">{t.consent_label}</label>
                </div>
                <p class="hint" id="consent-hint">{t.consent_hint}</p>
                <FieldHelp kinds=&[Kind::Number] t/>
                <button type="submit">{t.get_code_button}</button>
            </ActionForm>
        </section>
    }
}

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
