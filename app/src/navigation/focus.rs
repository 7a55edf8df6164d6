//! Where keyboard focus goes after a step (WCAG 2.4.3, the GOV.UK pattern):
//! to the error summary when the step failed, else to the new page's
//! heading. Without the WASM every step is a page load, and the error
//! summary's `autofocus` does it.

use leptos::prelude::document;
use leptos::wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, MouseEvent};

/// A link within the page (the skip link, the error summary's link to a
/// field) focuses its target, as the citizen wants to type there. Says
/// whether the link was such a link.
pub fn follow_in_page_link(ev: &MouseEvent, link: &Element) -> bool {
    let href = link.get_attribute("href").unwrap_or_default();
    let Some(id) = href.strip_prefix('#') else {
        return false;
    };
    ev.prevent_default();
    focus(document().get_element_by_id(id));
    true
}

/// The error summary if the step failed, else the page's heading.
pub fn outcome() {
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
