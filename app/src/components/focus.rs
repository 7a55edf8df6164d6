//! Where keyboard focus goes after a step (WCAG 2.4.3, the GOV.UK pattern):
//! to the error summary when the step failed, else to the new step's heading.
//! Only after an action (which may navigate to another page), never on the
//! first load, which starts at the top as usual. The flag is set when the
//! action finishes; the next heading to mount (the new step's, or the page
//! the action led to) takes it, unless an error summary takes it first.

use leptos::html::{Div, H1};
use leptos::prelude::*;

/// Set when the next heading to appear should take focus.
#[derive(Clone, Copy)]
pub struct FocusNextHeading(pub RwSignal<bool>);

pub fn provide_focus_context() {
    provide_context(FocusNextHeading(RwSignal::new(false)));
}

/// Asks the next heading that mounts to take focus.
pub fn focus_next_heading() {
    if let Some(f) = use_context::<FocusNextHeading>() {
        f.0.set(true);
    }
}

/// Calls [`focus_next_heading`] whenever `version` changes after the first run
/// (an action finished).
pub fn focus_after(version: RwSignal<usize>) {
    Effect::new(move |previous: Option<usize>| {
        let now = version.get();
        if previous.is_some_and(|p| p != now) {
            focus_next_heading();
        }
        now
    });
}

/// The page's or step's `<h1>`, focusable by script only.
#[component]
pub fn StepHeading(#[prop(into)] text: String) -> impl IntoView {
    let node = NodeRef::<H1>::new();
    Effect::new(move |_| {
        let Some(flag) = use_context::<FocusNextHeading>() else {
            return;
        };
        if let Some(h) = node.get() {
            if flag.0.get_untracked() {
                flag.0.set(false);
                let _ = h.focus();
            }
        }
    });
    view! { <h1 tabindex="-1" node_ref=node>{text}</h1> }
}

/// Focuses a freshly shown error summary and takes the turn from the heading.
pub fn focus_on_mount(node: NodeRef<Div>) {
    Effect::new(move |_| {
        if let Some(el) = node.get() {
            if let Some(flag) = use_context::<FocusNextHeading>() {
                flag.0.set(false);
            }
            let _ = el.focus();
        }
    });
}
