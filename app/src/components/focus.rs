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
    let flag = RwSignal::new(false);
    provide_context(FocusNextHeading(flag));
    // The request stands until the citizen acts again: a step's page may
    // render its heading more than once while its data arrives.
    #[cfg(feature = "hydrate")]
    {
        let _ = window_event_listener(leptos::ev::keydown, move |_| flag.set(false));
        let _ = window_event_listener(leptos::ev::pointerdown, move |_| flag.set(false));
    }
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
    if use_context::<FocusNextHeading>().is_some_and(|f| f.0.get_untracked()) {
        focus_when_mounted(node, 10);
    }
    view! { <h1 tabindex="-1" node_ref=node>{text}</h1> }
}

/// Focuses a freshly shown error summary, and the heading no longer asks for it.
pub fn focus_on_mount(node: NodeRef<Div>) {
    if let Some(flag) = use_context::<FocusNextHeading>() {
        flag.0.set(false);
    }
    focus_when_mounted(node, 10);
}

/// Focuses `node` once it is in the document: views made inside `Suspense`
/// are mounted after the component runs, so this waits a frame at a time.
fn focus_when_mounted<E>(node: NodeRef<E>, frames: u8)
where
    E: leptos::html::ElementType + 'static,
    E::Output: leptos::wasm_bindgen::JsCast + Clone + 'static,
    NodeRef<E>: Copy,
{
    #[cfg(feature = "hydrate")]
    request_animation_frame(move || {
        use leptos::wasm_bindgen::JsCast;
        match node.get_untracked() {
            Some(el) => {
                if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
            None if frames > 0 => focus_when_mounted(node, frames - 1),
            None => {}
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (node, frames);
}
