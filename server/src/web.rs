//! The portal port (`app::port::PortalApi`) implemented over the services:
//! the only place that turns service results into what pages show.

use async_trait::async_trait;
use time::{format_description::FormatItem, macros::format_description, OffsetDateTime, UtcOffset};

use crate::ports::Binding;
use crate::services::{cabinet, demo_phone, session, Ports};
use app::port::{PortalApi, Unexpected};
use app::wire::{BindingView, CabinetView, PhoneView, SmsView};

/// Kazakhstan's single time zone since 1 March 2024.
const ASTANA: UtcOffset = match UtcOffset::from_hms(5, 0, 0) {
    Ok(o) => o,
    Err(_) => UtcOffset::UTC,
};
const SHOWN: &[FormatItem<'static>] = format_description!("[day].[month].[year] [hour]:[minute]");

/// A time as citizens read it: Astana time, `25.11.2026 10:15`.
pub fn local_time(t: OffsetDateTime) -> String {
    t.to_offset(ASTANA).format(SHOWN).unwrap_or_default()
}

pub struct PortalService {
    pub ports: Ports,
    pub demo: bool,
}

fn binding_view(b: Binding) -> BindingView {
    BindingView {
        number: b.msisdn.display(),
        operator: b.operator,
        bound_at: local_time(b.bound_at),
        ended_at: b.ended_at.map(local_time),
    }
}

fn unexpected(e: impl std::fmt::Display) -> Unexpected {
    tracing::error!(error = %e, "portal request failed");
    Unexpected
}

#[async_trait]
impl PortalApi for PortalService {
    async fn cabinet(&self, token: Option<String>) -> Result<Option<CabinetView>, Unexpected> {
        let Some(iin) = session::current(&self.ports, token.as_deref())
            .await
            .map_err(unexpected)?
        else {
            return Ok(None);
        };
        let Some(c) = cabinet::view(&self.ports, &iin).await.map_err(unexpected)? else {
            return Ok(None);
        };
        Ok(Some(CabinetView {
            name_cyrillic: c.account.name_cyrillic,
            name_latin: c.account.name_latin,
            iin_masked: c.account.iin.masked(),
            active: c.active.map(binding_view),
            history: c.history.into_iter().map(binding_view).collect(),
        }))
    }

    async fn demo_phone(&self) -> Result<Option<Vec<PhoneView>>, Unexpected> {
        if !self.demo {
            return Ok(None);
        }
        let inbox = demo_phone::inbox(&self.ports).await.map_err(unexpected)?;
        Ok(Some(
            inbox
                .into_iter()
                .map(|(_, messages)| PhoneView {
                    number: messages
                        .first()
                        .map(|m| m.msisdn.display())
                        .unwrap_or_default(),
                    messages: messages
                        .into_iter()
                        .map(|m| SmsView {
                            received_at: local_time(m.created_at),
                            body: m.body,
                        })
                        .collect(),
                })
                .collect(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn times_are_shown_in_astana_time() {
        assert_eq!(
            local_time(datetime!(2026-11-25 05:15 UTC)),
            "25.11.2026 10:15"
        );
    }
}
