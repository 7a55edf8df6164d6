//! Server functions: thin shims that take the port from context and call it.

mod cabinet;
mod demo_phone;
mod request;

pub use cabinet::get_cabinet;
pub use demo_phone::get_demo_phone;
pub use request::{certify_request, get_request, CertifyRequest};

#[cfg(feature = "ssr")]
fn port() -> Result<crate::port::SharedPortalApi, leptos::prelude::ServerFnError> {
    leptos::prelude::use_context::<crate::port::SharedPortalApi>()
        .ok_or_else(|| leptos::prelude::ServerFnError::new("the portal service is not provided"))
}
