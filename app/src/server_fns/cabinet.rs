use leptos::prelude::*;

use crate::error::PortalError;
use crate::wire::CabinetView;

/// The signed-in citizen's cabinet.
#[server(prefix = "/fn")]
pub async fn get_cabinet() -> Result<CabinetView, PortalError> {
    let who = crate::citizen::signed_in()?;
    super::respond::port()?.cabinet(&who).await
}

/// Withdraws consent to access restricted personal data.
#[server(prefix = "/fn")]
pub async fn revoke_consent() -> Result<(), PortalError> {
    let who = crate::citizen::signed_in()?;
    super::respond::port()?.revoke_consent(&who).await?;
    super::respond::go_to("/cabinet?consent=revoked");
    Ok(())
}

/// Turns sign-in with an SMS code to the bound number on (`on` = "true") or off.
#[server(prefix = "/fn")]
pub async fn set_second_factor(on: String) -> Result<(), PortalError> {
    let who = crate::citizen::signed_in()?;
    let on = on == "true";
    super::respond::port()?.set_second_factor(&who, on).await?;
    super::respond::go_to(if on {
        "/cabinet?second_factor=on#second-factor"
    } else {
        "/cabinet?second_factor=off#second-factor"
    });
    Ok(())
}

/// Turns an optional notification purpose off (`off` = "true") or on again.
#[server(prefix = "/fn")]
pub async fn set_notification_purpose(purpose: String, off: String) -> Result<(), PortalError> {
    let who = crate::citizen::signed_in()?;
    super::respond::port()?
        .set_notification_purpose(&who, purpose, off == "true")
        .await?;
    super::respond::go_to("/cabinet?preferences=saved#notifications");
    Ok(())
}

/// Revokes a bank's permission to view the citizen's documents; the bank
/// sees it at once.
#[server(prefix = "/fn")]
pub async fn revoke_permission(id: String) -> Result<(), PortalError> {
    let who = crate::citizen::signed_in()?;
    super::respond::port()?.revoke_permission(&who, id).await?;
    super::respond::go_to("/cabinet?permission=revoked");
    Ok(())
}
