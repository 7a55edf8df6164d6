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
//! A post is never sent twice: a second press while it is on its way is
//! ignored, and a post that got no answer is not sent again (the page is
//! loaded afresh and shows what the post did, if anything).

mod focus;
mod swap;
mod visit;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leptos::prelude::document;
use leptos::wasm_bindgen::prelude::*;
use leptos::wasm_bindgen::JsCast;
use web_sys::{MouseEvent, PopStateEvent, SubmitEvent};

use visit::{split_part, History, Visit};

thread_local! {
    /// The listeners are installed once per page load: the island that
    /// installs them is itself replaced by each step.
    static INSTALLED: Cell<bool> = const { Cell::new(false) };
    /// The newest navigation; an older one's answer is dropped.
    static LATEST: Cell<u64> = const { Cell::new(0) };
    /// A post is on its way: a second press of a button is not sent again.
    static POSTING: Cell<bool> = const { Cell::new(false) };
    /// The address of the page shown, without its `#…` part.
    static SHOWN: RefCell<String> = const { RefCell::new(String::new()) };
    /// How many navigations are on their way.
    static VISITING: Cell<u32> = const { Cell::new(0) };
    /// Whether the next page shown takes focus (see `install`).
    static PENDING: RefCell<Option<Rc<Cell<bool>>>> = const { RefCell::new(None) };
}

fn set_shown(url: &str) {
    SHOWN.with(|s| *s.borrow_mut() = split_part(url).0.to_owned());
}

/// Installs the listeners, once per page load; they live as long as it.
pub fn install() {
    if INSTALLED.with(|i| i.replace(true)) {
        return;
    }
    let doc = document();
    set_shown(&visit::here());
    // Back and forward put the page's scroll back themselves (see `swap`).
    swap::keep_scroll_ourselves();
    // Set when a step was asked for; the citizen typing or pointing in the
    // meantime clears it, so focus is never taken from someone who moved on.
    let pending = Rc::new(Cell::new(false));
    PENDING.with(|p| *p.borrow_mut() = Some(pending.clone()));

    let on_submit = {
        let pending = pending.clone();
        Closure::<dyn Fn(SubmitEvent)>::new(move |ev: SubmitEvent| {
            if let Some(visit) = Visit::of_submit(&ev) {
                if visit.is_post() && POSTING.with(Cell::get) {
                    ev.prevent_default();
                    return;
                }
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
        Closure::<dyn Fn(PopStateEvent)>::new(move |ev: PopStateEvent| {
            // Only the `#…` part changed: the same page, the browser's to scroll.
            let here = visit::here();
            if SHOWN.with(|s| *s.borrow() == split_part(&here).0) {
                return;
            }
            pending.set(false);
            start(
                Visit::of_history(swap::scrolled(&ev.state())),
                pending.clone(),
            );
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
        let _ =
            window.add_event_listener_with_callback("popstate", on_back.as_ref().unchecked_ref());
    }
    on_submit.forget();
    on_click.forget();
    on_back.forget();
    cancel.forget();
}

/// Shows the page at `path` again, in place, when it changed elsewhere
/// (the code step learnt its request moved on): its outcome takes focus as
/// a step's does, unless the citizen types or points meanwhile. Nothing
/// while another navigation is on its way: its answer shows the change.
pub fn refresh(path: &str) {
    if !INSTALLED.with(Cell::get) || VISITING.with(Cell::get) > 0 {
        return;
    }
    let Some(visit) = Visit::of_refresh(path) else {
        return;
    };
    let Some(pending) = PENDING.with(|p| p.borrow().clone()) else {
        return;
    };
    pending.set(true);
    start(visit, pending);
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
    if visit.is_post() {
        POSTING.with(|p| p.set(true));
    }
    VISITING.with(|v| v.set(v.get() + 1));
    leptos::task::spawn_local(async move {
        let answer = visit.send().await;
        VISITING.with(|v| v.set(v.get().saturating_sub(1)));
        if visit.is_post() {
            POSTING.with(|p| p.set(false));
        }
        if LATEST.with(Cell::get) != id {
            return;
        }
        let answer = match answer {
            Ok(answer) => answer,
            Err(failure) => return visit.fail(failure),
        };
        if !visit.shows_in_place(&answer) {
            return visit.load_answer(answer);
        }
        if let History::Push = visit.history {
            // Where the page being left was scrolled to, for coming back.
            swap::remember_scroll();
        }
        match swap::put_in_place(&answer.html) {
            Ok(()) => {
                set_shown(&answer.url);
                match visit.history {
                    History::Push => {
                        swap::push(&answer.url);
                        swap::to_part_named(&answer.url);
                    }
                    History::Replace { scrolled } => {
                        swap::replace(&answer.url);
                        swap::scroll_to(scrolled.unwrap_or(0.0));
                    }
                }
                if pending.replace(false) {
                    focus::outcome();
                }
            }
            Err(()) => visit.load_answer(answer),
        }
    });
}
