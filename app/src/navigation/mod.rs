//! Steps in place: with the WASM, a form sent or a link followed on this
//! site is fetched, and the server's new page is put in place of the old
//! one, so the page does not flash, the history stays right and focus goes
//! where the step's outcome is ([`focus`]). Before the WASM runs, and
//! without it, the same forms and links load pages as plain HTML.
//!
//! Written here rather than taken from Leptos' islands router: that router
//! compares the old and the new document node by node, `<head>` included,
//! and silently leaves the old page on screen when anything else (a browser
//! extension's `<style>` or `<script>`) has added a node. Here the page's
//! own root ([`swap::ROOT`]) is replaced whole, nothing outside it is
//! touched, and whatever cannot be put in place is loaded as a full page.

mod focus;
mod swap;
mod visit;

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::document;
use leptos::wasm_bindgen::prelude::*;
use leptos::wasm_bindgen::JsCast;
use web_sys::{MouseEvent, SubmitEvent};

use visit::{History, Visit};

thread_local! {
    /// The listeners are installed once per page load: the island that
    /// installs them is itself replaced by each step.
    static INSTALLED: Cell<bool> = const { Cell::new(false) };
    /// The newest navigation; an older one's answer is dropped.
    static LATEST: Cell<u64> = const { Cell::new(0) };
}

/// Installs the listeners, once per page load; they live as long as it.
pub fn install() {
    if INSTALLED.with(|i| i.replace(true)) {
        return;
    }
    let doc = document();
    // Set when a step was asked for; the citizen typing or pointing in the
    // meantime clears it, so focus is never taken from someone who moved on.
    let pending = Rc::new(Cell::new(false));

    let on_submit = {
        let pending = pending.clone();
        Closure::<dyn Fn(SubmitEvent)>::new(move |ev: SubmitEvent| {
            if let Some(visit) = Visit::of_submit(&ev) {
                take_over(&ev, visit, &pending);
            }
        })
    };
    let on_click = {
        let pending = pending.clone();
        Closure::<dyn Fn(MouseEvent)>::new(move |ev: MouseEvent| {
            let Some(link) = visit::link_clicked(&ev) else {
                return;
            };
            if focus::follow_in_page_link(&ev, &link) {
                return;
            }
            if let Some(visit) = Visit::of_link(&link) {
                take_over(&ev, visit, &pending);
            }
        })
    };
    let on_back = {
        let pending = pending.clone();
        Closure::<dyn Fn(web_sys::Event)>::new(move |_| {
            pending.set(false);
            start(Visit::of_history(), pending.clone());
        })
    };
    let cancel = {
        let pending = pending.clone();
        Closure::<dyn Fn(web_sys::Event)>::new(move |_| pending.set(false))
    };

    let _ = doc.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
    let _ = doc.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    for event in ["keydown", "pointerdown"] {
        let _ = doc.add_event_listener_with_callback(event, cancel.as_ref().unchecked_ref());
    }
    if let Some(window) = web_sys::window() {
        let _ = window.add_event_listener_with_callback("popstate", on_back.as_ref().unchecked_ref());
    }
    on_submit.forget();
    on_click.forget();
    on_back.forget();
    cancel.forget();
}

/// A step the citizen asked for: ours to fetch, and its outcome takes focus.
fn take_over(ev: &web_sys::Event, visit: Visit, pending: &Rc<Cell<bool>>) {
    ev.prevent_default();
    pending.set(true);
    start(visit, pending.clone());
}

fn start(visit: Visit, pending: Rc<Cell<bool>>) {
    let id = LATEST.with(|l| {
        let id = l.get() + 1;
        l.set(id);
        id
    });
    leptos::task::spawn_local(async move {
        let answer = visit.send().await;
        if LATEST.with(Cell::get) != id {
            return;
        }
        let answer = match answer {
            Ok(answer) => answer,
            Err(()) => return visit.load_natively(),
        };
        match swap::put_in_place(&answer.html) {
            Ok(()) => {
                match visit.history {
                    History::Push => swap::push(&answer.url),
                    History::Replace => swap::replace(&answer.url),
                }
                swap::to_top(&answer.url);
                if pending.replace(false) {
                    focus::outcome();
                }
            }
            Err(()) => visit.load_answer(&answer),
        }
    });
}
