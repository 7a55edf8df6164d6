//! Server functions: thin shims that take the port from context and call it.

mod cabinet;
mod demo_phone;
mod request;

pub use cabinet::get_cabinet;
pub use demo_phone::get_demo_phone;
pub use request::{certify_request, get_request};

/// The value of cookie `name` in the current request.
#[cfg(feature = "ssr")]
pub fn request_cookie(name: &str) -> Option<String> {
    let parts = leptos::prelude::use_context::<http::request::Parts>()?;
    parts
        .headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

#[cfg(feature = "ssr")]
fn port() -> Result<crate::port::SharedPortalApi, leptos::prelude::ServerFnError> {
    leptos::prelude::use_context::<crate::port::SharedPortalApi>()
        .ok_or_else(|| leptos::prelude::ServerFnError::new("the portal service is not provided"))
}
