//! The page's or step's heading, which takes focus after a step (see
//! `crate::navigation`).

use leptos::prelude::*;

/// The page's or step's `<h1>`, focusable by script only.
#[component]
pub fn StepHeading(#[prop(into)] text: String) -> impl IntoView {
    view! { <h1 tabindex="-1">{text}</h1> }
}
