//! The officials' back office: its port (`app::office_port::OfficeApi`)
//! over the services, its views, and the dashboard's CSV export.

mod dashboard_csv;
mod views;

use async_trait::async_trait;
use axum::routing::get;
use axum::Router;

use crate::common::complaint_views;
use crate::common::cookies;
mod errors;
use crate::common::shown_time::shown;
use crate::common::AppState;
use crate::domain::complaint::Decision;
use crate::ports::StaffMember;
use crate::services::{dashboard, office, staff};
use app::error::PortalError;
use app::office_port::OfficeApi;
use app::port::SetCookie;
use app::staff::Official;
use nomir_core::wire::WindowItem;
use nomir_core::wire_complaints::{CaseView, DashboardView, QueueView};

/// The office's routes beside its pages (which the router adds).
pub fn routes() -> Router<AppState> {
    Router::new().route("/office/dashboard.csv", get(dashboard_csv::download))
}

/// The back office over the services.
pub struct OfficeService {
    pub ports: crate::services::Ports,
    /// Whether cookies are marked `Secure`.
    pub cookie_secure: bool,
}

impl OfficeService {
    /// The staff member of the session the middleware found.
    async fn member(&self, who: &Official) -> Result<StaffMember, PortalError> {
        staff::member(&self.ports, &who.login)
            .await
            .map_err(errors::unexpected)?
            .ok_or(PortalError::StaffNotSignedIn)
    }
}

#[async_trait]
impl OfficeApi for OfficeService {
    async fn staff_sign_in(
        &self,
        login: String,
        password: String,
        source: app::source::Source,
    ) -> Result<SetCookie, PortalError> {
        let token = staff::sign_in(&self.ports, &login, &password, source.as_str())
            .await
            .map_err(errors::staff_sign_in)?;
        Ok(cookies::staff_session(token, self.cookie_secure))
    }

    async fn staff_sign_out(&self, who: &Official) -> Result<SetCookie, PortalError> {
        staff::sign_out(&self.ports, &who.login, &who.session).await?;
        Ok(self.clear_staff_session())
    }

    fn clear_staff_session(&self) -> SetCookie {
        cookies::clear_staff_session(self.cookie_secure)
    }

    async fn queue(&self, who: &Official) -> Result<QueueView, PortalError> {
        let member = self.member(who).await?;
        let now = self.ports.clock.now();
        let items = match office::queue(&self.ports, &member).await {
            Ok(cases) => Some(
                cases
                    .iter()
                    .map(|c| complaint_views::item(&c.complaint, now))
                    .collect(),
            ),
            Err(office::OfficeError::NoQueue) => None,
            Err(e) => return Err(errors::office(e)),
        };
        let maintenance = crate::services::maintenance::schedule(&self.ports)
            .await?
            .into_iter()
            .map(|w| WindowItem {
                from: shown(w.from),
                until: shown(w.until),
            })
            .collect();
        Ok(QueueView {
            staff: views::staff(&member),
            items,
            maintenance,
        })
    }

    async fn case(&self, who: &Official, id: String) -> Result<CaseView, PortalError> {
        let member = self.member(who).await?;
        let open = office::open(&self.ports, &member, &id)
            .await
            .map_err(errors::office)?;
        let (c, request) = (open.case.complaint, open.request);
        let citizen = match open.citizen {
            Some(a) => format!("{} ({})", a.name_cyrillic, a.iin.as_str()),
            None => c.iin.as_str().to_owned(),
        };
        Ok(CaseView {
            staff: views::staff(&member),
            citizen,
            request: request.as_ref().map(|r| complaint_views::request(r, &[])),
            trail: c.case_file.as_deref().map(views::trail),
            decisions: views::decisions(member.role, c.state),
            complaint: complaint_views::complaint(c, request.as_ref(), self.ports.clock.now()),
        })
    }

    async fn dashboard(
        &self,
        who: &Official,
        days: Option<u32>,
    ) -> Result<DashboardView, PortalError> {
        let member = self.member(who).await?;
        let days = dashboard::period(days);
        let d = dashboard::view(&self.ports, days).await?;
        Ok(views::dashboard(&d, views::staff(&member), days))
    }

    async fn decide(
        &self,
        who: &Official,
        id: String,
        decision: Option<String>,
        reasons: String,
    ) -> Result<(), PortalError> {
        let member = self.member(who).await?;
        let decision = decision
            .as_deref()
            .and_then(Decision::from_code)
            .ok_or(PortalError::DecisionMissing)?;
        office::decide(&self.ports, &member, &id, decision, &reasons)
            .await
            .map_err(errors::office)?;
        Ok(())
    }
}
