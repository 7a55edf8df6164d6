//! Server functions: every read and every action of the portal, each a few
//! lines over the [`crate::port::PortalApi`] port. Actions are called
//! through `ActionForm`: without the WASM the form posts here and the
//! browser follows the redirect to the outcome; with it the page changes
//! in place. Errors are [`crate::error::PortalError`], never strings.

mod cabinet;
mod complaints;
mod demo_phone;
mod office;
mod request;
mod session;

pub use cabinet::{
    get_cabinet, revoke_consent, revoke_permission, set_notification_purpose, set_second_factor,
    GetCabinet, RevokeConsent, RevokePermission, SetNotificationPurpose, SetSecondFactor,
};
pub use complaints::{
    file_complaint, get_complaint, get_complaints, FileComplaint, GetComplaint, GetComplaints,
};
pub use demo_phone::{get_demo_phone, GetDemoPhone};
pub use office::{
    decide_complaint, get_case, get_dashboard, get_queue, staff_sign_in, staff_sign_out,
    DecideComplaint, GetCase, GetDashboard, GetQueue, StaffSignIn, StaffSignOut,
};
pub use request::{
    certify_request, confirm_code, get_request, request_code, resend_code, CertifyRequest,
    ConfirmCode, GetRequest, RequestCode, ResendCode,
};
pub use session::{
    confirm_sign_in_code, get_eds_challenge, get_sign_in_code, resend_sign_in_code, sign_in,
    sign_in_eds, sign_out, ConfirmSignInCode, GetEdsChallenge, GetSignInCode, ResendSignInCode,
    SignIn, SignInEds, SignOut,
};

#[cfg(feature = "ssr")]
mod respond {
    use crate::error::PortalError;
    use crate::port::{SetCookie, SharedPortalApi};

    pub fn port() -> Result<SharedPortalApi, PortalError> {
        leptos::prelude::use_context::<SharedPortalApi>().ok_or(PortalError::Unexpected)
    }

    pub fn set_cookie(cookie: SetCookie) {
        let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() else {
            return;
        };
        if let Ok(value) = http::HeaderValue::from_str(&cookie.0) {
            response.append_header(http::header::SET_COOKIE, value);
        }
    }

    /// Sends the browser to `path` when the action succeeds: a 302 for a plain
    /// form post, a client-side navigation for the WASM. Paths are built from
    /// stored ids only; one that is not a valid header is not followed (the
    /// browser then stays on the page it posted from).
    pub fn go_to(path: &str) {
        if http::HeaderValue::from_str(path).is_ok() {
            leptos_axum::redirect(path);
        }
    }
}
