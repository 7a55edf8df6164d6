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

/// Revokes a bank's permission to view the citizen's documents; the bank
/// sees it at once.
#[server(prefix = "/fn")]
pub async fn revoke_permission(id: String) -> Result<(), PortalError> {
    let who = crate::citizen::signed_in()?;
    super::respond::port()?.revoke_permission(&who, id).await?;
    super::respond::go_to("/cabinet?permission=revoked");
    Ok(())
}
