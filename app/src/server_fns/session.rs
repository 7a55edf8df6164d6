use leptos::prelude::*;

use crate::error::PortalError;

/// Signs in with IIN and password, then goes to the cabinet.
#[server(prefix = "/fn")]
pub async fn sign_in(iin: String, password: String) -> Result<(), PortalError> {
    use super::respond::{go_to, port, set_cookie};
    set_cookie(port()?.sign_in(iin, password).await?);
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
