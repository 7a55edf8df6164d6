use leptos::prelude::*;

use crate::error::PortalError;

/// Signs in with IIN and password, then goes to the cabinet.
#[server(prefix = "/fn")]
pub async fn sign_in(iin: String, password: String) -> Result<(), PortalError> {
    use super::respond::{go_to, port, set_cookie};
    use crate::port::SignedIn;
    match port()?
        .sign_in(iin, password, crate::source::source())
        .await?
    {
        SignedIn::Session(cookie) => {
            set_cookie(cookie);
            go_to("/cabinet");
        }
        SignedIn::CodeSent(cookie) => {
            set_cookie(cookie);
            go_to("/sign-in/code");
        }
    }
    Ok(())
}

/// The browser's sign-in waiting for its SMS code, if any.
#[cfg(feature = "ssr")]
fn attempt() -> Option<String> {
    crate::cookies::from_context(crate::wire::SIGN_IN_ATTEMPT_COOKIE)
}

/// The sign-in waiting for the code sent to the bound number; `None` if it is over.
#[server(prefix = "/fn")]
pub async fn get_sign_in_code() -> Result<Option<crate::wire::SignInCodeView>, PortalError> {
    super::respond::port()?.sign_in_code(attempt()).await
}

/// The code from the SMS: signs in, then goes to the cabinet.
#[server(prefix = "/fn")]
pub async fn confirm_sign_in_code(code: String) -> Result<(), PortalError> {
    use super::respond::{go_to, port, set_cookie};
    let port = port()?;
    set_cookie(port.confirm_sign_in_code(attempt(), code).await?);
    set_cookie(port.clear_sign_in_attempt());
    go_to("/cabinet");
    Ok(())
}

/// A new code for the sign-in waiting for one.
#[server(prefix = "/fn")]
pub async fn resend_sign_in_code() -> Result<(), PortalError> {
    use super::respond::{go_to, port};
    port()?.resend_sign_in_code(attempt()).await?;
    go_to("/sign-in/code?resent=1");
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
