//! Where keyboard focus goes after a step (WCAG 2.4.3, the GOV.UK pattern):
//! to the error summary when the step failed, else to the new page's or
//! step's heading. Without the WASM every step is a page load, and the
//! error summary's `autofocus` does it. With the WASM the islands router
//! swaps the new page in place, and [`FocusManager`] does it: after a form
//! is sent or a link followed, the next change to the page moves focus.
//! Typing or pointing in the meantime cancels that, so focus is never
//! taken from someone who has moved on.

use leptos::prelude::*;

/// The page's or step's `<h1>`, focusable by script only.
#[component]
pub fn StepHeading(#[prop(into)] text: String) -> impl IntoView {
    view! { <h1 tabindex="-1">{text}</h1> }
}

/// One per page, in the layout. Also marks the page `data-hydrated` once the
/// WASM runs, which the browser tests wait for.
#[island]
pub fn FocusManager() -> impl IntoView {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        browser::install();
        hydrated.set(true);
    });
    view! { <span hidden data-hydrated=move || hydrated.get().to_string()></span> }
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::Cell;
    use std::rc::Rc;

    use leptos::prelude::document;
    use leptos::wasm_bindgen::prelude::*;
    use leptos::wasm_bindgen::JsCast;
    use web_sys::{
        Element, HtmlElement, MouseEvent, MutationObserver, MutationObserverInit, MutationRecord,
    };

    /// Installs the listeners, once per page load; they live as long as it.
    pub fn install() {
        let doc = document();
        // Set when a step was asked for; the next change to the page takes it.
        let pending = Rc::new(Cell::new(false));

        let on_submit = {
            let pending = pending.clone();
            Closure::<dyn Fn(web_sys::Event)>::new(move |_| pending.set(true))
        };
        let on_click = {
            let pending = pending.clone();
            Closure::<dyn Fn(MouseEvent)>::new(move |ev: MouseEvent| follow_link(&ev, &pending))
        };
        let cancel = {
            let pending = pending.clone();
            Closure::<dyn Fn(web_sys::Event)>::new(move |_| pending.set(false))
        };
        let on_change = Closure::<dyn Fn(js_sys::Array)>::new(move |records: js_sys::Array| {
            if records.iter().any(|r| changes_the_page(&r)) && pending.replace(false) {
                focus_outcome();
            }
        });

        let _ = doc.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
        let _ = doc.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
        for event in ["keydown", "pointerdown"] {
            let _ = doc.add_event_listener_with_callback(event, cancel.as_ref().unchecked_ref());
        }
        if let (Ok(observer), Some(body)) = (
            MutationObserver::new(on_change.as_ref().unchecked_ref()),
            doc.body(),
        ) {
            let options = MutationObserverInit::new();
            options.set_child_list(true);
            options.set_subtree(true);
            options.set_character_data(true);
            let _ = observer.observe_with_options(&body, &options);
            std::mem::forget(observer);
        }
        // The listeners stay for the page's lifetime.
        on_submit.forget();
        on_click.forget();
        cancel.forget();
        on_change.forget();
    }

    /// A link within the page (the skip link, the error summary's link to a
    /// field) focuses its target, as the citizen wants to type there; the
    /// islands router must not fetch it. Any other link is a new page, whose
    /// heading then takes focus.
    fn follow_link(ev: &MouseEvent, pending: &Cell<bool>) {
        if ev.default_prevented()
            || ev.button() != 0
            || ev.meta_key()
            || ev.ctrl_key()
            || ev.shift_key()
            || ev.alt_key()
        {
            return;
        }
        let link = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten());
        let Some(link) = link else { return };
        let href = link.get_attribute("href").unwrap_or_default();
        match href.strip_prefix('#') {
            // A link to the page itself, as the skip link and the error
            // summary's links are: focus, not a fetch.
            Some(id) => {
                ev.prevent_default();
                focus(document().get_element_by_id(id));
            }
            None => pending.set(true),
        }
    }

    /// Whether a change is the page's, not an island's own (the EDS
    /// button's status changes as it submits its form, before the answer).
    fn changes_the_page(record: &JsValue) -> bool {
        let Some(record) = record.dyn_ref::<MutationRecord>() else {
            return false;
        };
        let target = record.target();
        let element = target
            .as_ref()
            .and_then(|n| n.dyn_ref::<Element>().cloned())
            .or_else(|| target.and_then(|n| n.parent_element()));
        element.is_some_and(|el| el.closest("leptos-island").ok().flatten().is_none())
    }

    /// The error summary if the step failed, else the page's heading.
    fn focus_outcome() {
        let doc = document();
        let target = doc
            .query_selector(".error-summary")
            .ok()
            .flatten()
            .or_else(|| doc.query_selector("main h1").ok().flatten());
        focus(target);
    }

    fn focus(target: Option<Element>) {
        if let Some(el) = target.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
            let _ = el.focus();
        }
    }
}
