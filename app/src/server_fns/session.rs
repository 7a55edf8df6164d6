use leptos::prelude::*;

use crate::error::PortalError;

/// Signs in with IIN and password, then goes to the cabinet.
#[server(prefix = "/fn")]
pub async fn sign_in(iin: String, password: String) -> Result<(), PortalError> {
    use super::respond::{go_to, port, set_cookie};
    set_cookie(
        port()?
            .sign_in(iin, password, crate::source::source())
            .await?,
    );
    go_to("/cabinet");
    Ok(())
}

/// A new one-time challenge for signing in with EDS, asked when the
/// citizen presses the button (never on a page view); the answer sets the
/// cookie that ties the challenge to this browser.
#[server(prefix = "/fn")]
pub async fn get_eds_challenge() -> Result<crate::wire::EdsChallenge, PortalError> {
    use super::respond::{port, set_cookie};
    let (challenge, binder) = port()?.eds_challenge(&crate::source::source()).await?;
    set_cookie(binder);
    Ok(challenge)
}

/// Signs in with the CMS NCALayer made over the challenge, then goes to the cabinet.
#[server(prefix = "/fn")]
pub async fn sign_in_eds(challenge_id: String, cms_base64: String) -> Result<(), PortalError> {
    use super::respond::{go_to, port, set_cookie};
    let binder = crate::cookies::from_context(crate::wire::EDS_BINDER_COOKIE);
    set_cookie(
        port()?
            .sign_in_eds(challenge_id, cms_base64, binder)
            .await?,
    );
    go_to("/cabinet");
    Ok(())
}

/// Ends the session, then shows the sign-in page saying so.
#[server(prefix = "/fn")]
pub async fn sign_out() -> Result<(), PortalError> {
    use super::respond::{go_to, port, set_cookie};
    let port = port()?;
    let cookie = match crate::citizen::signed_in() {
        Ok(who) => port.sign_out(&who).await?,
        Err(_) => port.clear_session(),
    };
    set_cookie(cookie);
    go_to("/sign-in?signed_out=1");
    Ok(())
}
