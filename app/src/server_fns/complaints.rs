use leptos::prelude::*;

use crate::error::PortalError;
use crate::wire_complaints::{ComplaintView, ComplaintsView};

/// The citizen's complaints and requests.
#[server(prefix = "/fn")]
pub async fn get_complaints() -> Result<ComplaintsView, PortalError> {
    let who = crate::citizen::signed_in()?;
    super::respond::port()?.complaints(&who).await
}

/// One of the citizen's complaints.
#[server(prefix = "/fn")]
pub async fn get_complaint(id: String) -> Result<ComplaintView, PortalError> {
    let who = crate::citizen::signed_in()?;
    super::respond::port()?.complaint(&who, id).await
}

/// Registers a complaint, then shows it with its number and deadlines.
#[server(prefix = "/fn")]
pub async fn file_complaint(
    request_id: String,
    about: Option<String>,
    to: Option<String>,
    text: String,
) -> Result<(), PortalError> {
    let who = crate::citizen::signed_in()?;
    let id = super::respond::port()?
        .file_complaint(&who, request_id, about, to, text)
        .await?;
    super::respond::go_to(&format!("/cabinet/complaints/{id}?registered=1"));
    Ok(())
}
