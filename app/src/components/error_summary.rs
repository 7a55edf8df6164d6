//! The error summary (GOV.UK pattern): a titled box at the top of the form
//! that takes focus, announces itself, and links to the field to correct.

use leptos::either::Either;
use leptos::prelude::*;
use serde::Serialize;

use crate::error::PortalError;
use crate::i18n::Texts;

#[component]
pub fn ErrorSummary(error: PortalError, t: &'static Texts) -> impl IntoView {
    view! { <ErrorBox error=ShownError::of(error, t) title=t.error_title.to_owned()/> }
}

/// An error as the page shows it: its message, and the id of the field it
/// is about (empty when none). The server makes it; an island, which has
/// no tables of texts, shows it as it came.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShownError {
    pub message: String,
    pub field: String,
}

impl ShownError {
    pub fn of(error: PortalError, t: &'static Texts) -> Self {
        Self {
            message: error.message(t),
            field: error.field().map(|f| f.id().to_owned()).unwrap_or_default(),
        }
    }

    /// The message, if the error is about the field `field`.
    pub fn about(&self, field: crate::error::Field) -> Option<String> {
        (self.field == field.id()).then(|| self.message.clone())
    }

    #[cfg(feature = "hydrate")]
    pub fn read(js: &super::island_data::Js) -> Self {
        Self {
            message: js.text("message"),
            field: js.text("field"),
        }
    }
}

/// The summary of `error`, titled `title`.
#[component]
pub fn ErrorBox(error: ShownError, title: String) -> impl IntoView {
    let ShownError { message, field } = error;
    // The link to the field: the navigator focuses it when followed.
    let body = if field.is_empty() {
        Either::Right(view! { <p>{message}</p> })
    } else {
        Either::Left(view! {
            <ul class="error-list"><li><a href=format!("#{field}")>{message}</a></li></ul>
        })
    };
    view! {
        // `autofocus` moves focus here on a page load; after a step shown in
        // place, the navigator does.
        <div class="error-summary" tabindex="-1" autofocus=true
            aria-labelledby="error-summary-title" data-testid="error-summary">
            <h2 id="error-summary-title">{title}</h2>
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
