//! The password field of both sign-in forms (citizens' and staff's), with
//! its error beside it and the references screen readers follow.

use leptos::prelude::*;

use crate::components::TextInput;
use crate::error::{Field, PortalError};
use crate::i18n::Texts;

#[component]
pub fn PasswordField(
    error: impl Fn() -> Option<PortalError> + Copy + Send + Sync + 'static,
    t: &'static Texts,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for="password">{t.password_label}</label>
            <TextInput field=Field::Password error=Signal::derive(error) t/>
        </div>
    }
}
