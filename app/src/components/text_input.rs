//! A text field's input with its error: the one-time code (the binding's
//! and the sign-in's code steps), the mobile number, the IIN and the
//! password. Each is the same markup: the error of the last post beside
//! it when it was about this field, and an input described by the page's
//! hint (`{id}-hint`, when it has one) and by that error, and marked
//! invalid with it. What the field holds sets how browsers help with it
//! (keyboard, autofill, spelling). The label and the hint are the page's.

use leptos::prelude::*;

use crate::error::{Field, PortalError};
use crate::i18n::Texts;

/// The input's `type`, `inputmode` and `autocomplete` for `field`, and
/// whether spelling is checked.
fn kind(
    field: Field,
) -> (
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static str,
) {
    match field {
        // Six digits typed, pasted, or offered by the browser from the SMS.
        Field::Code => ("text", Some("numeric"), "one-time-code", "false"),
        Field::Number => ("tel", Some("tel"), "tel", "false"),
        Field::Iin => ("text", Some("numeric"), "username", "false"),
        Field::Password => ("password", None, "current-password", "false"),
        Field::Login => ("text", None, "username", "false"),
        // Written text: spelling helps.
        Field::ComplaintText
        | Field::Reasons
        | Field::About
        | Field::Addressee
        | Field::Decision => ("text", None, "off", "true"),
    }
}

#[component]
pub fn TextInput(
    field: Field,
    /// Whether the page gives the field a hint, `{id}-hint`.
    #[prop(optional)]
    hinted: bool,
    #[prop(into)] error: Signal<Option<PortalError>>,
    t: &'static Texts,
) -> impl IntoView {
    let message = error
        .get_untracked()
        .filter(|e| e.field() == Some(field))
        .map(|e| e.message(t));
    view! { <TextField field hinted message/> }
}

/// The same input, given the message of its error, if the last post's
/// error was about this field (an island has no tables of texts: the
/// server says the message).
#[component]
pub fn TextField(
    field: Field,
    #[prop(optional)] hinted: bool,
    message: Option<String>,
) -> impl IntoView {
    let id = field.id();
    let error_id = format!("{id}-error");
    let hint = if hinted {
        format!("{id}-hint")
    } else {
        String::new()
    };
    let described = match (hint.is_empty(), message.is_some()) {
        (true, false) => None,
        (true, true) => Some(error_id.clone()),
        (false, false) => Some(hint),
        (false, true) => Some(format!("{hint} {error_id}")),
    };
    let invalid = message.is_some().to_string();
    let (input_type, inputmode, autocomplete, spellcheck) = kind(field);
    view! {
        {message.map(|m| view! { <p class="field-error" id=error_id>{m}</p> })}
        <input
            id=id
            name=id
            type=input_type
            inputmode=inputmode
            autocomplete=autocomplete
            spellcheck=spellcheck
            aria-required="true"
            aria-describedby=described
            aria-invalid=invalid
        />
    }
}
