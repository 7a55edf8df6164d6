//! The portal port (`app::port::PortalApi`) implemented over the services:
//! the only place that turns service results into what pages show.

use async_trait::async_trait;
use time::{format_description::FormatItem, macros::format_description, OffsetDateTime, UtcOffset};

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;

use crate::domain::otp::{resend_allowed_at, MAX_WRONG_ATTEMPTS};
use crate::domain::{BindingState, Purpose, REQUEST_TERM};
use crate::ports::{Binding, BindingEndReason};
use crate::services::certify::{self, CertifyError};
use crate::services::request_status::{self, RequestStatus};
use crate::services::{cabinet, demo_phone, session, Ports};
use app::port::{PortalApi, Unexpected};
use app::wire::{
    BindingView, CabinetView, OpenRequestView, PhoneView, RequestStep, RequestView, SmsView,
    Trilingual,
};

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

/// `HH:MM` in Astana time.
pub fn local_clock(t: OffsetDateTime) -> String {
    t.to_offset(ASTANA).format(CLOCK).unwrap_or_default()
}

const CLOCK: &[FormatItem<'static>] = format_description!("[hour]:[minute]");

pub struct PortalService {
    pub ports: Ports,
    pub demo: bool,
    /// Where the page finds NCALayer (or the demo signer).
    pub signer_url: String,
}

fn trilingual(text: crate::domain::Localized) -> Trilingual {
    Trilingual {
        kk: text.kk.to_owned(),
        ru: text.ru.to_owned(),
        en: text.en.to_owned(),
    }
}

fn step(status: &RequestStatus, signer_url: &str) -> RequestStep {
    let r = &status.request;
    match r.state {
        BindingState::AwaitingCode => {
            let (valid_until, tries_left, resend_at) = status.challenge.as_ref().map_or_else(
                || (String::new(), 0, local_clock(r.started_at)),
                |c| {
                    (
                        local_clock(c.expires_at),
                        MAX_WRONG_ATTEMPTS.saturating_sub(c.wrong_tries),
                        local_clock(resend_allowed_at(c.created_at)),
                    )
                },
            );
            RequestStep::Code {
                valid_until,
                tries_left,
                resend_at,
            }
        }
        BindingState::AwaitingCertification => RequestStep::Sign {
            document_base64: BASE64.encode(status.document.as_deref().unwrap_or_default()),
            iin: r.iin.as_str().to_owned(),
            signer_url: signer_url.to_owned(),
        },
        BindingState::Bound => RequestStep::Bound {
            operator: status.operator.clone().unwrap_or_default(),
        },
        BindingState::Refused(g) => RequestStep::Refused {
            ground: g.code().to_owned(),
            reason: trilingual(g.reason()),
            basis: trilingual(g.legal_basis()),
        },
        BindingState::Expired => RequestStep::Expired,
        BindingState::Withdrawn => RequestStep::Withdrawn,
    }
}

fn binding_view(b: Binding) -> BindingView {
    BindingView {
        number: b.msisdn.display(),
        operator: b.operator,
        bound_at: local_time(b.bound_at),
        ended_at: b.ended_at.map(local_time),
        reassigned: b.end_reason == Some(BindingEndReason::OperatorReassigned),
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
            consent_given_at: c.consent.map(|k| local_time(k.granted_at)),
            open_request: c.open_request.map(|r| OpenRequestView {
                number: r.msisdn.display(),
                term_ends_at: local_clock(r.started_at + REQUEST_TERM),
                id: r.id,
            }),
        }))
    }

    async fn request(
        &self,
        token: Option<String>,
        id: String,
    ) -> Result<Option<RequestView>, Unexpected> {
        let Some(iin) = session::current(&self.ports, token.as_deref())
            .await
            .map_err(unexpected)?
        else {
            return Ok(None);
        };
        let Some(status) = request_status::view(&self.ports, &iin, &id)
            .await
            .map_err(unexpected)?
        else {
            return Ok(None);
        };
        let r = &status.request;
        Ok(Some(RequestView {
            id: r.id.clone(),
            number: r.msisdn.display(),
            is_change: r.purpose == Purpose::Change,
            term_ends_at: local_clock(r.started_at + REQUEST_TERM),
            step: step(&status, &self.signer_url),
        }))
    }

    async fn certify(
        &self,
        token: Option<String>,
        id: String,
        cms_base64: String,
    ) -> Result<(), Unexpected> {
        let Some(iin) = session::current(&self.ports, token.as_deref())
            .await
            .map_err(unexpected)?
        else {
            return Err(Unexpected);
        };
        let compact: String = cms_base64.chars().filter(|c| !c.is_whitespace()).collect();
        // Undecodable input is certified as junk bytes, which the verifier refuses.
        let cms = BASE64
            .decode(compact.as_bytes())
            .unwrap_or_else(|_| compact.into_bytes());
        match certify::certify(&self.ports, &iin, &id, &cms).await {
            Ok(_)
            | Err(
                CertifyError::Refused(_)
                | CertifyError::Request(_)
                | CertifyError::NotAwaitingCertification,
            ) => Ok(()),
            Err(e @ (CertifyError::Unavailable | CertifyError::Unexpected(_))) => {
                Err(unexpected(e))
            }
        }
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
