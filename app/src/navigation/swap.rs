//! Puts a fetched page in place of the shown one: the page's own root is
//! replaced whole, with the title and language; nothing else in the
//! document is touched, so what extensions added stays theirs. The new
//! page's islands are then hydrated by the same loader as on a page load.

use leptos::prelude::document;
use leptos::wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, DomParser, Element, NodeList, SupportedType};

/// The element around everything the app renders (the layout's).
pub const ROOT: &str = "body > div.page";

/// The page's assets: a page built with others (a new release) needs a
/// full load to get them.
const ASSETS: &str = "link#leptos, link[rel=modulepreload]";

fn parse(html: &str) -> Option<Document> {
    DomParser::new()
        .ok()?
        .parse_from_string(html, SupportedType::TextHtml)
        .ok()
}

/// The elements a selector finds, in document order (none if it is bad).
fn elements(list: Result<NodeList, JsValue>) -> impl Iterator<Item = Element> {
    let list = list.ok();
    let count = list.as_ref().map_or(0, NodeList::length);
    (0..count).filter_map(move |i| list.as_ref()?.item(i)?.dyn_into::<Element>().ok())
}

fn assets_of(doc: &Document) -> Vec<String> {
    elements(doc.query_selector_all(ASSETS))
        .filter_map(|e| e.get_attribute("href"))
        .collect()
}

/// `Err` when the answer is not a page of this app, of this release.
pub fn put_in_place(html: &str) -> Result<(), ()> {
    let new = parse(html).ok_or(())?;
    let doc = document();
    let incoming = new.query_selector(ROOT).ok().flatten().ok_or(())?;
    let shown = doc.query_selector(ROOT).ok().flatten().ok_or(())?;
    if assets_of(&new) != assets_of(&doc) {
        return Err(());
    }
    let incoming = doc
        .adopt_node(&incoming)
        .map_err(drop)?
        .dyn_into::<Element>()
        .map_err(drop)?;
    shown.replace_with_with_node_1(&incoming).map_err(drop)?;
    doc.set_title(&new.title());
    if let (Some(html), Some(lang)) = (
        doc.document_element(),
        new.document_element().and_then(|e| e.get_attribute("lang")),
    ) {
        let _ = html.set_attribute("lang", &lang);
    }
    hydrate_islands(&incoming);
    Ok(())
}

/// Hydrates the islands in `root` through the loader Leptos' island script
/// installs. Only the outermost: an island inside another needs the
/// children's callbacks that only Leptos' page-load walk runs, and the app
/// has none.
fn hydrate_islands(root: &Element) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(loader) = js_sys::Reflect::get(&window, &JsValue::from_str("__hydrateIsland")) else {
        return;
    };
    let Some(loader) = loader.dyn_ref::<js_sys::Function>() else {
        return;
    };
    for island in elements(root.query_selector_all("leptos-island")) {
        let nested = island
            .parent_element()
            .and_then(|p| p.closest("leptos-island").ok().flatten())
            .is_some();
        if nested {
            continue;
        }
        let name = island.get_attribute("data-component").unwrap_or_default();
        let _ = loader.call2(&JsValue::NULL, &island, &JsValue::from_str(&name));
    }
}

/// Shows a whole document as it came, without running its scripts: the
/// last resort for an answer that has no address to load.
pub fn show_whole(html: &str) {
    let doc = document();
    let (Some(new), Some(shown)) = (
        parse(html).and_then(|d| d.document_element()),
        doc.document_element(),
    ) else {
        return;
    };
    if let Ok(new) = doc.adopt_node(&new) {
        let _ = doc.replace_child(&new, &shown);
    }
}

fn history() -> Option<web_sys::History> {
    web_sys::window()?.history().ok()
}

/// The key under which an entry of the history keeps its page's scroll.
const SCROLLED: &str = "scrolled";

/// Back and forward are ours to scroll: the browser would scroll the page
/// being left before the one coming back is in place.
pub fn keep_scroll_ourselves() {
    if let Some(h) = history() {
        let _ = h.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
}

/// Writes where the shown page is scrolled to into its entry of the history.
pub fn remember_scroll() {
    let (Some(w), Some(h)) = (web_sys::window(), history()) else {
        return;
    };
    let state = js_sys::Object::new();
    let y = w.scroll_y().unwrap_or(0.0);
    let _ = js_sys::Reflect::set(&state, &JsValue::from_str(SCROLLED), &JsValue::from_f64(y));
    let _ = h.replace_state(&state, "");
}

/// Where an entry's page was scrolled to, if it says.
pub fn scrolled(state: &JsValue) -> Option<f64> {
    js_sys::Reflect::get(state, &JsValue::from_str(SCROLLED))
        .ok()?
        .as_f64()
}

pub fn push(url: &str) {
    if let Some(h) = history() {
        let _ = h.push_state_with_url(&JsValue::NULL, "", Some(url));
    }
}

pub fn replace(url: &str) {
    if let Some(h) = history() {
        // Keeps the entry's state: its scroll.
        let state = h.state().unwrap_or(JsValue::NULL);
        let _ = h.replace_state_with_url(&state, "", Some(url));
    }
}

pub fn scroll_to(y: f64) {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, y);
    }
}

/// A new page starts at its top, or at the part its address names.
pub fn to_part_named(url: &str) {
    let target = url
        .split_once('#')
        .and_then(|(_, id)| document().get_element_by_id(id));
    match target {
        Some(el) => el.scroll_into_view(),
        None => scroll_to(0.0),
    }
}
