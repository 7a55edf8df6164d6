//! The error summary (GOV.UK pattern): a titled box at the top of the form
//! that takes focus, announces itself, and links to the field to correct.

use leptos::either::Either;
use leptos::html::Div;
use leptos::prelude::*;

use super::focus::focus_on_mount;
use crate::error::PortalError;
use crate::i18n::Texts;

#[component]
pub fn ErrorSummary(error: PortalError, t: &'static Texts) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    focus_on_mount(node);
    let message = error.message(t);
    let body = match error.field() {
        Some(field) => {
            let href = format!("#{}", field.id());
            // The router would only scroll to the field; the citizen wants to type in it.
            let focus_field = move |ev: leptos::ev::MouseEvent| {
                #[cfg(feature = "hydrate")]
                {
                    use leptos::wasm_bindgen::JsCast;
                    let target = document()
                        .get_element_by_id(field.id())
                        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
                    if let Some(input) = target {
                        ev.prevent_default();
                        let _ = input.focus();
                    }
                }
                #[cfg(not(feature = "hydrate"))]
                let _ = ev;
            };
            Either::Left(view! {
                <ul class="error-list"><li><a href=href on:click=focus_field>{message}</a></li></ul>
            })
        }
        None => Either::Right(view! { <p>{message}</p> }),
    };
    view! {
        // `autofocus` moves focus here without JavaScript too.
        <div class="error-summary" tabindex="-1" autofocus=true
            aria-labelledby="error-summary-title" data-testid="error-summary" node_ref=node>
            <h2 id="error-summary-title">{t.error_title}</h2>
            {body}
        </div>
    }
}

/// The message beside the field, referenced by its `aria-describedby`.
#[component]
pub fn FieldError(
    error: Option<PortalError>,
    field: crate::error::Field,
    t: &'static Texts,
) -> impl IntoView {
    error.filter(|e| e.field() == Some(field)).map(|e| {
        let id = format!("{}-error", field.id());
        view! { <p class="field-error" id=id>{e.message(t)}</p> }
    })
}

/// `aria-describedby` for a field: its hint, and its error when it has one.
pub fn described_by(hint: &str, error: Option<PortalError>, field: crate::error::Field) -> String {
    if error.is_some_and(|e| e.field() == Some(field)) {
        format!("{hint} {}-error", field.id())
    } else {
        hint.to_owned()
    }
}

/// The error of an action's last result, if it failed.
pub fn error_of<T>(value: impl Get<Value = Option<Result<T, PortalError>>>) -> Option<PortalError> {
    value.get().and_then(Result::err)
}

/// Makes `shown` follow the action whose `value` this is: each time it
/// finishes, `shown` becomes its error, or nothing when it succeeded. So a
/// page with several actions shows the outcome of the last one only. An
/// error carried in the address (a form post without the WASM) shows at once.
pub fn show_errors_of<T: 'static>(
    shown: RwSignal<Option<PortalError>>,
    value: impl Get<Value = Option<Result<T, PortalError>>> + Copy + Send + Sync + 'static,
) {
    if let Some(e) = untrack(move || error_of(value)) {
        shown.set(Some(e));
    }
    Effect::new(move |first_run_done: Option<()>| {
        let error = error_of(value);
        if first_run_done.is_some() {
            shown.set(error);
        }
    });
}
