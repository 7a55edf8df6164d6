use leptos::prelude::*;

use crate::wire::RequestView;

/// A binding request of the signed-in citizen, or `None`.
#[server(prefix = "/fn")]
pub async fn get_request(id: String) -> Result<Option<RequestView>, ServerFnError> {
    let token = crate::cookies::from_context(crate::wire::SESSION_COOKIE);
    super::port()?
        .request(token, id)
        .await
        .map_err(|_| ServerFnError::new("unexpected"))
}

/// Certifies a request with the CMS the signer returned (base64).
#[server(prefix = "/fn")]
pub async fn certify_request(id: String, cms_base64: String) -> Result<(), ServerFnError> {
    let token = crate::cookies::from_context(crate::wire::SESSION_COOKIE);
    super::port()?
        .certify(token, id, cms_base64)
        .await
        .map_err(|_| ServerFnError::new("unexpected"))
}
