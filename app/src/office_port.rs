//! The trait the back office's server functions call; the server crate
//! implements it over its services and provides it as Leptos context.

use std::sync::Arc;

use crate::error::PortalError;
use crate::port::SetCookie;
use crate::staff::Official;
use crate::wire_complaints::{CaseView, DashboardView, QueueView};

#[async_trait::async_trait]
pub trait OfficeApi: Send + Sync + 'static {
    /// Checks the staff login and password; on success, the session's cookie.
    /// `source`: where the attempt comes from, for the limits per source.
    async fn staff_sign_in(
        &self,
        login: String,
        password: String,
        source: crate::source::Source,
    ) -> Result<SetCookie, PortalError>;
    /// Ends the staff session; the cookie that clears it.
    async fn staff_sign_out(&self, who: &Official) -> Result<SetCookie, PortalError>;
    /// The cookie that clears a staff session the server no longer knows.
    fn clear_staff_session(&self) -> SetCookie;
    /// The staff member's queue of complaints.
    async fn queue(&self, who: &Official) -> Result<QueueView, PortalError>;
    /// A complaint in the staff member's view, with its case file.
    async fn case(&self, who: &Official, id: String) -> Result<CaseView, PortalError>;
    /// The service dashboard over the last `days` days (30 by default).
    async fn dashboard(
        &self,
        who: &Official,
        days: Option<u32>,
    ) -> Result<DashboardView, PortalError>;
    /// Records a reasoned decision; `decision` is the form's choice code.
    async fn decide(
        &self,
        who: &Official,
        id: String,
        decision: Option<String>,
        reasons: String,
    ) -> Result<(), PortalError>;
}

pub type SharedOfficeApi = Arc<dyn OfficeApi>;
