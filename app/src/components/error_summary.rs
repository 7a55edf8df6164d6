//! The error summary (GOV.UK pattern): a titled box at the top of the form
//! that takes focus, announces itself, and links to the field to correct.

use leptos::either::Either;
use leptos::prelude::*;

use crate::error::PortalError;
use crate::i18n::Texts;

#[component]
pub fn ErrorSummary(error: PortalError, t: &'static Texts) -> impl IntoView {
    let message = error.message(t);
    // The link to the field: the navigator focuses it when followed.
    let body = match error.field() {
        Some(field) => Either::Left(view! {
            <ul class="error-list"><li><a href=format!("#{}", field.id())>{message}</a></li></ul>
        }),
        None => Either::Right(view! { <p>{message}</p> }),
    };
    view! {
        // `autofocus` moves focus here on a page load; after a step shown in
        // place, the navigator does.
        <div class="error-summary" tabindex="-1" autofocus=true
            aria-labelledby="error-summary-title" data-testid="error-summary">
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

/// Shows the error of the action whose `value` this is, if the form just
/// posted to it failed (the error comes back in the address). A page with
/// several actions has one `shown`: only the action just posted has a value.
pub fn show_errors_of<T: 'static>(
    shown: RwSignal<Option<PortalError>>,
    value: impl Get<Value = Option<Result<T, PortalError>>>,
) {
    if let Some(e) = untrack(move || error_of(value)) {
        shown.set(Some(e));
    }
}
