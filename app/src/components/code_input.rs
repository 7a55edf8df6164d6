//! The one-time code's input, as the binding's code step and the
//! sign-in's code step both ask for it: six digits typed or pasted (the
//! browser may offer the SMS's code), its error when the last post's was
//! about it. The label and the hint (`code-hint`) are the page's.

use leptos::prelude::*;

use super::{described_by, FieldError};
use crate::error::{Field, PortalError};
use crate::i18n::Texts;

#[component]
pub fn CodeInput(
    #[prop(into)] error: Signal<Option<PortalError>>,
    t: &'static Texts,
) -> impl IntoView {
    view! {
        {move || view! { <FieldError error=error.get() field=Field::Code t/> }}
        <input
            id="code"
            name="code"
            type="text"
            inputmode="numeric"
            autocomplete="one-time-code"
            spellcheck="false"
            aria-required="true"
            aria-describedby=move || described_by("code-hint", error.get(), Field::Code)
            aria-invalid=move || error.get().is_some_and(|e| e.field() == Some(Field::Code)).to_string()
        />
    }
}
