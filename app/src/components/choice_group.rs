//! A group of radio buttons in a fieldset with its legend. When no choice
//! was made, the error sits inside the group and describes it, and the
//! error summary's link focuses the group (its id is the field's).

use leptos::prelude::*;

use crate::components::FieldError;
use crate::error::{Field, PortalError};
use crate::i18n::Texts;

#[component]
pub fn ChoiceGroup(
    field: Field,
    legend: &'static str,
    error: impl Fn() -> Option<PortalError> + Copy + Send + Sync + 'static,
    t: &'static Texts,
    children: Children,
) -> impl IntoView {
    let mine = move || error().filter(|e| e.field() == Some(field)).is_some();
    view! {
        <fieldset
            class="field"
            id=field.id()
            tabindex="-1"
            aria-describedby=move || mine().then(|| format!("{}-error", field.id()))
        >
            <legend>{legend}</legend>
            {move || view! { <FieldError error=error() field t/> }}
            {children()}
        </fieldset>
    }
}
