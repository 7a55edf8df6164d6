use leptos::prelude::*;

use crate::error::PortalError;
use crate::wire::RequestView;

/// A binding request of the signed-in citizen, or `None`.
#[server(prefix = "/fn")]
pub async fn get_request(id: String) -> Result<Option<RequestView>, PortalError> {
    let who = crate::citizen::signed_in()?;
    super::respond::port()?.request(&who, id).await
}

/// "Get verification code": starts a request for `number`, then goes to it.
/// `consent` is the checkbox (absent when unticked).
#[server(prefix = "/fn")]
pub async fn request_code(number: String, consent: Option<String>) -> Result<(), PortalError> {
    let who = crate::citizen::signed_in()?;
    let id = super::respond::port()?
        .request_code(&who, number, consent.is_some())
        .await?;
    super::respond::go_to(&format!("/cabinet/request/{id}"));
    Ok(())
}

/// A new code for the request; the page then says it was sent.
#[server(prefix = "/fn")]
pub async fn resend_code(id: String) -> Result<(), PortalError> {
    let who = crate::citizen::signed_in()?;
    super::respond::port()?
        .resend_code(&who, id.clone())
        .await?;
    super::respond::go_to(&format!("/cabinet/request/{id}?resent=1"));
    Ok(())
}

/// The code from the SMS.
#[server(prefix = "/fn")]
pub async fn confirm_code(id: String, code: String) -> Result<(), PortalError> {
    let who = crate::citizen::signed_in()?;
    super::respond::port()?.confirm_code(&who, id, code).await
}

/// Certifies a request with the CMS the signer returned (base64).
#[server(prefix = "/fn")]
pub async fn certify_request(id: String, cms_base64: String) -> Result<(), PortalError> {
    let who = crate::citizen::signed_in()?;
    super::respond::port()?.certify(&who, id, cms_base64).await
}
