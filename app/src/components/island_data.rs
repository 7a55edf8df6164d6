//! What an island needs from the server, carried in the page rather than
//! in Leptos' island props.
//!
//! Leptos sends an island's props as JSON that the WASM decodes with
//! `serde_json`. That decoder, serde's error texts (which bring the
//! formatting of floats) and the server-function client the EDS button
//! used were about a third of the WASM: 148,027 bytes (`gzip -9`) with
//! props, 102,547 without them (measured 7 December 2026). So the islands
//! here take no props. The component around each one puts its data in the
//! context, for the server's render, and in the page, as JSON in an
//! attribute ([`carry`]); in the browser the island reads it back with
//! the browser's own `JSON.parse` and takes its fields out by name
//! ([`Js`]). No maintained crate reads a `JsValue` into a struct without
//! serde's decoding machinery, which is what this avoids; so the reader is
//! ours, and small.

use leptos::prelude::*;
use serde::Serialize;

/// The data of one kind of island. A page holds at most one island of a
/// kind (one form with typing help, one EDS button, one binding card, one
/// request step), so the kind names the element its data travels in.
pub trait IslandData: Serialize + Clone + Send + Sync + 'static {
    /// The id of the element that carries the data.
    const ID: &'static str;

    /// The data, read back in the browser (a missing field reads empty).
    #[cfg(feature = "hydrate")]
    fn read(js: &Js) -> Self;
}

/// Puts `data` where its island finds it: in the context for the server's
/// render, and in the page for the browser's. Call it before rendering the
/// island.
pub fn carry<T: IslandData>(data: T) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let json = leptos::serde_json::to_string(&data).unwrap_or_default();
    #[cfg(not(feature = "ssr"))]
    let json = String::new();
    provide_context(data);
    view! { <span hidden id=T::ID data-json=json></span> }
}

/// The island's data: from the page in the browser, from the context on
/// the server.
pub fn island_data<T: IslandData>() -> T {
    #[cfg(feature = "hydrate")]
    {
        let json = document()
            .get_element_by_id(T::ID)
            .and_then(|e| e.get_attribute("data-json"))
            .unwrap_or_default();
        T::read(&Js::parse(&json))
    }
    #[cfg(not(feature = "hydrate"))]
    expect_context::<T>()
}

/// A JSON value the browser parsed, read field by field.
#[cfg(feature = "hydrate")]
pub struct Js(wasm_bindgen::JsValue);

#[cfg(feature = "hydrate")]
impl Js {
    /// Parses `json` with the browser's parser (anything unreadable reads
    /// as `null`, whose fields all read empty).
    pub fn parse(json: &str) -> Js {
        Js(js_sys::JSON::parse(json).unwrap_or(wasm_bindgen::JsValue::NULL))
    }

    /// The value itself, when it is a string.
    pub fn as_text(&self) -> Option<String> {
        self.0.as_string()
    }

    fn field(&self, key: &str) -> wasm_bindgen::JsValue {
        js_sys::Reflect::get(&self.0, &wasm_bindgen::JsValue::from_str(key))
            .unwrap_or(wasm_bindgen::JsValue::NULL)
    }

    pub fn text(&self, key: &str) -> String {
        self.field(key).as_string().unwrap_or_default()
    }

    /// A whole number (the service's times, in seconds, are well within
    /// a double's exact range).
    pub fn int(&self, key: &str) -> i64 {
        self.field(key).as_f64().map_or(0, |f| f as i64)
    }

    /// A text that may be missing (`null`).
    pub fn optional_text(&self, key: &str) -> Option<String> {
        self.field(key).as_string()
    }

    /// A list of texts.
    pub fn texts(&self, key: &str) -> Vec<String> {
        let list = self.field(key);
        if !js_sys::Array::is_array(&list) {
            return Vec::new();
        }
        js_sys::Array::from(&list)
            .iter()
            .filter_map(|v| v.as_string())
            .collect()
    }

    /// Whether the field holds an object (not `null`, not missing).
    pub fn is_object(&self, key: &str) -> bool {
        self.field(key).is_object()
    }

    pub fn flag(&self, key: &str) -> bool {
        self.field(key).as_bool().unwrap_or(false)
    }

    /// An object inside this one.
    pub fn at(&self, key: &str) -> Js {
        Js(self.field(key))
    }
}
