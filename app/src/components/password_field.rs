//! The password field of both sign-in forms (citizens' and staff's), with
//! its error beside it and the references screen readers follow.

use leptos::prelude::*;

use crate::components::FieldError;
use crate::error::{Field, PortalError};
use crate::i18n::Texts;

#[component]
pub fn PasswordField(
    error: impl Fn() -> Option<PortalError> + Copy + Send + Sync + 'static,
    t: &'static Texts,
) -> impl IntoView {
    let mine = move || error().filter(|e| e.field() == Some(Field::Password));
    view! {
        <div class="field">
            <label for="password">{t.password_label}</label>
            {move || view! { <FieldError error=error() field=Field::Password t/> }}
            <input
                id="password"
                name="password"
                type="password"
                autocomplete="current-password"
                aria-required="true"
                aria-describedby=move || mine().map(|_| "password-error")
                aria-invalid=move || mine().is_some().to_string()
            />
        </div>
    }
}
