//! One file per screen.

mod cabinet;
mod demo_phone;
mod home;
mod not_found;
mod sign_in;

pub use cabinet::CabinetPage;
pub use demo_phone::DemoPhonePage;
pub use home::HomePage;
pub use not_found::NotFound;
pub use sign_in::SignInPage;

/// Sets the HTTP status of the page being rendered on the server.
pub(crate) fn set_status(_code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(r), Ok(code)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(_code),
    ) {
        r.set_status(code);
    }
}
