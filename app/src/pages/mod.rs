//! One file per screen.

mod account_uses;
mod binding_card;
mod cabinet;
mod complaint;
mod complaint_new;
mod complaints;
mod consent_card;
mod demo_phone;
mod home;
mod not_found;
mod number_at_work;
mod office_case;
mod office_dashboard;
mod office_queue;
mod office_sign_in;
mod request;
mod request_step;
mod sign_in;
mod sign_in_code;

pub use cabinet::CabinetPage;
pub use complaint::ComplaintPage;
pub use complaint_new::NewComplaintPage;
pub use complaints::ComplaintsPage;
pub use demo_phone::DemoPhonePage;
pub use home::HomePage;
pub use not_found::NotFound;
pub use office_case::CasePage;
pub use office_dashboard::DashboardPage;
pub use office_queue::QueuePage;
pub use office_sign_in::StaffSignInPage;
pub use request::RequestPage;
pub use sign_in::SignInPage;
pub use sign_in_code::SignInCodePage;

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

/// On the server, answers the page being rendered with a redirect to `path`.
/// Capture it while the component runs; call it once the data is known.
pub(crate) fn server_redirect() -> impl Fn(&'static str) + Clone {
    #[cfg(feature = "ssr")]
    let response = leptos::prelude::use_context::<leptos_axum::ResponseOptions>();
    move |_path: &'static str| {
        #[cfg(feature = "ssr")]
        if let Some(r) = &response {
            r.set_status(http::StatusCode::SEE_OTHER);
            r.insert_header(
                http::header::LOCATION,
                http::HeaderValue::from_static(_path),
            );
        }
    }
}
