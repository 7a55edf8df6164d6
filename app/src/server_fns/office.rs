use leptos::prelude::*;

use crate::error::PortalError;
use crate::wire_complaints::{CaseView, DashboardView, QueueView};

#[cfg(feature = "ssr")]
fn office() -> Result<crate::office_port::SharedOfficeApi, PortalError> {
    use_context::<crate::office_port::SharedOfficeApi>().ok_or(PortalError::Unexpected)
}

/// Signs a staff member in, then goes to their queue.
#[server(prefix = "/fn")]
pub async fn staff_sign_in(login: String, password: String) -> Result<(), PortalError> {
    super::respond::set_cookie(
        office()?
            .staff_sign_in(login, password, crate::source::source())
            .await?,
    );
    super::respond::go_to("/office");
    Ok(())
}

/// Ends the staff session.
#[server(prefix = "/fn")]
pub async fn staff_sign_out() -> Result<(), PortalError> {
    let office = office()?;
    let cookie = match crate::staff::signed_in() {
        Ok(who) => office.staff_sign_out(&who).await?,
        Err(_) => office.clear_staff_session(),
    };
    super::respond::set_cookie(cookie);
    super::respond::go_to("/office/sign-in?signed_out=1");
    Ok(())
}

/// The staff member's queue.
#[server(prefix = "/fn")]
pub async fn get_queue() -> Result<QueueView, PortalError> {
    let who = crate::staff::signed_in()?;
    office()?.queue(&who).await
}

/// A complaint with its case file.
#[server(prefix = "/fn")]
pub async fn get_case(id: String) -> Result<CaseView, PortalError> {
    let who = crate::staff::signed_in()?;
    office()?.case(&who, id).await
}

/// Records an official's reasoned decision, then shows the complaint.
#[server(prefix = "/fn")]
pub async fn decide_complaint(
    id: String,
    decision: Option<String>,
    reasons: String,
) -> Result<(), PortalError> {
    let who = crate::staff::signed_in()?;
    office()?
        .decide(&who, id.clone(), decision, reasons)
        .await?;
    super::respond::go_to(&format!("/office/complaints/{id}?decided=1"));
    Ok(())
}

/// The service dashboard.
#[server(prefix = "/fn")]
pub async fn get_dashboard(days: Option<u32>) -> Result<DashboardView, PortalError> {
    let who = crate::staff::signed_in()?;
    office()?.dashboard(&who, days).await
}
