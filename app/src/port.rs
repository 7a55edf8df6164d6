//! The trait the server functions call. The server crate implements it over
//! its services and provides it as Leptos context; this crate never sees how.

use std::sync::Arc;

use crate::citizen::Citizen;
use crate::error::PortalError;
use crate::wire::{CabinetView, EdsChallenge, PhoneView, RequestView};
use crate::wire_complaints::{ComplaintView, ComplaintsView};

/// A `Set-Cookie` header value the server built (its security flags are the server's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetCookie(pub String);

/// Where a right password leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignedIn {
    /// Signed in: the session's cookie.
    Session(SetCookie),
    /// The second factor is on: a code went to the bound number; the
    /// cookie of the attempt that the code finishes.
    CodeSent(SetCookie),
}

#[async_trait::async_trait]
pub trait PortalApi: Send + Sync + 'static {
    /// Checks the IIN and password; on success, the new session's cookie,
    /// or, with the second factor on, the attempt's.
    /// `source`: where the attempt comes from, for the limits per source.
    async fn sign_in(
        &self,
        iin: String,
        password: String,
        source: crate::source::Source,
    ) -> Result<SignedIn, PortalError>;
    /// The sign-in waiting for its code (`attempt`: the browser's cookie);
    /// `None` if it is over.
    async fn sign_in_code(
        &self,
        attempt: Option<String>,
    ) -> Result<Option<crate::wire::SignInCodeView>, PortalError>;
    /// The code from the SMS: the session's cookie.
    async fn confirm_sign_in_code(
        &self,
        attempt: Option<String>,
        code: String,
    ) -> Result<SetCookie, PortalError>;
    /// A new code for the sign-in waiting for one.
    async fn resend_sign_in_code(&self, attempt: Option<String>) -> Result<(), PortalError>;
    /// The cookie that clears a finished sign-in attempt.
    fn clear_sign_in_attempt(&self) -> SetCookie;
    /// Turns the second factor on or off.
    async fn set_second_factor(&self, who: &Citizen, on: bool) -> Result<(), PortalError>;
    /// Turns an optional notification purpose off, or on again.
    async fn set_notification_purpose(
        &self,
        who: &Citizen,
        purpose: String,
        off: bool,
    ) -> Result<(), PortalError>;
    /// A new one-time challenge for signing in with EDS, asked from
    /// `source`: its id and the text to sign, base64, and the cookie that
    /// ties it to this browser. Too many from one source: `LockedOut`.
    async fn eds_challenge(
        &self,
        source: &crate::source::Source,
    ) -> Result<(EdsChallenge, SetCookie), PortalError>;
    /// Checks the CMS over the challenge (the AUTH key), which `binder`
    /// (the browser's cookie) must own; the session's cookie.
    async fn sign_in_eds(
        &self,
        challenge_id: String,
        cms_base64: String,
        binder: Option<String>,
    ) -> Result<SetCookie, PortalError>;
    /// Ends the citizen's session; the cookie that clears it.
    async fn sign_out(&self, who: &Citizen) -> Result<SetCookie, PortalError>;
    /// The cookie that clears a session the server no longer knows.
    fn clear_session(&self) -> SetCookie;
    async fn cabinet(&self, who: &Citizen) -> Result<CabinetView, PortalError>;
    /// A request of the citizen's, or `None` if there is none by that id.
    async fn request(
        &self,
        who: &Citizen,
        request_id: String,
    ) -> Result<Option<RequestView>, PortalError>;
    /// "Get verification code" (Rules §5.2, §8): the new request's id.
    async fn request_code(
        &self,
        who: &Citizen,
        number: String,
        consent: bool,
    ) -> Result<String, PortalError>;
    /// A new code for an open request.
    async fn resend_code(&self, who: &Citizen, request_id: String) -> Result<(), PortalError>;
    /// The code from the SMS. A refusal or the term's end is an outcome, not an error.
    async fn confirm_code(
        &self,
        who: &Citizen,
        request_id: String,
        code: String,
    ) -> Result<(), PortalError>;
    /// Certifies a request with a CMS signature (base64); the request page then shows the outcome.
    async fn certify(
        &self,
        who: &Citizen,
        request_id: String,
        cms_base64: String,
    ) -> Result<(), PortalError>;
    async fn revoke_consent(&self, who: &Citizen) -> Result<(), PortalError>;
    /// Revokes a bank's permission to view the citizen's documents.
    async fn revoke_permission(&self, who: &Citizen, id: String) -> Result<(), PortalError>;
    /// The citizen's complaints and the requests they can be about.
    async fn complaints(&self, who: &Citizen) -> Result<ComplaintsView, PortalError>;
    /// One of the citizen's complaints ([`PortalError::ComplaintNotFound`] for anyone else's).
    async fn complaint(&self, who: &Citizen, id: String) -> Result<ComplaintView, PortalError>;
    /// Registers a complaint (Rules ch. 3); its id. `about` and `to` are
    /// the forms' choice codes, `None` if none was chosen.
    async fn file_complaint(
        &self,
        who: &Citizen,
        request_id: String,
        about: Option<String>,
        to: Option<String>,
        text: String,
    ) -> Result<String, PortalError>;
    /// The demo phone's messages, or `None` outside demo mode.
    async fn demo_phone(&self) -> Result<Option<Vec<PhoneView>>, PortalError>;
}

pub type SharedPortalApi = Arc<dyn PortalApi>;
