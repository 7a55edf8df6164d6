//! The citizens' portal: the port its pages and server functions call
//! (`app::port::PortalApi`) implemented over the services, the only place
//! that turns service results into what pages show; and its own routes
//! (language switch, the result document and its check), the middleware
//! that finds the visitor's session, and error addresses without a pile-up.

mod errors;
pub mod lang;
pub mod maintenance;
pub mod request_step;
pub mod result_document;
pub mod server_fn_errors;

mod views;
pub mod visitor;

use async_trait::async_trait;
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;

use crate::common::complaint_views;
use crate::common::cookies;
use crate::demo::phone as demo_phone;
use crate::domain::complaint::{Addressee, Subject};
use crate::domain::{Iin, Purpose};
use crate::services::answers;
use crate::services::request_code::request_code;
use crate::services::request_status;
use crate::services::resend_code::resend_code;
use crate::services::{
    cabinet, certify, complaints, confirm_code, consent, permissions, second_factor, sign_in, Ports,
};
use app::citizen::Citizen;
use app::error::PortalError;
use app::port::{PortalApi, SetCookie, SignedIn};
use errors::unexpected;
use nomir_core::wire::{CabinetView, OpenRequestView, PhoneView, RequestView, SmsView};
use nomir_core::wire_complaints::{ComplaintView, ComplaintsView};
pub use views::{local_clock, local_time};

use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use axum::Router;

use crate::common::AppState;

/// The portal's own routes beside its pages (which the router adds).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/lang/{code}", get(lang::switch))
        .route(
            "/cabinet/request/{id}/result.pdf",
            get(result_document::download),
        )
        .route("/cabinet/request/{id}/step", get(request_step::step))
        .route(
            "/check-document",
            get(result_document::check_form)
                .post(result_document::check)
                .layer(DefaultBodyLimit::max(result_document::CHECK_BODY_LIMIT)),
        )
}

pub struct PortalService {
    pub ports: Ports,
    pub demo: bool,
    /// Where the page finds NCALayer (or the demo signer).
    pub signer_url: String,
    /// Whether cookies are marked `Secure`.
    pub cookie_secure: bool,
}

/// The citizen's IIN: the session middleware put only valid ones there.
fn iin_of(who: &Citizen) -> Result<Iin, PortalError> {
    Iin::parse(&who.iin).map_err(unexpected)
}

#[async_trait]
impl PortalApi for PortalService {
    async fn sign_in(
        &self,
        iin: String,
        password: String,
        source: app::source::Source,
    ) -> Result<SignedIn, PortalError> {
        Ok(
            match sign_in::sign_in(&self.ports, &iin, &password, source.as_str())
                .await
                .map_err(errors::sign_in)?
            {
                sign_in::SignedIn::Session(token) => {
                    SignedIn::Session(cookies::session(token, self.cookie_secure))
                }
                sign_in::SignedIn::CodeSent(token) => {
                    SignedIn::CodeSent(cookies::sign_in_attempt(token, self.cookie_secure))
                }
            },
        )
    }

    async fn sign_in_code(
        &self,
        attempt: Option<String>,
    ) -> Result<Option<nomir_core::wire::SignInCodeView>, PortalError> {
        let pending = second_factor::pending(&self.ports, attempt.as_deref()).await?;
        Ok(pending.map(|p| nomir_core::wire::SignInCodeView {
            number_masked: p.msisdn.hint(),
            valid_until: local_clock(p.expires_at),
            resend_at: local_clock(p.resend_at),
        }))
    }

    async fn confirm_sign_in_code(
        &self,
        attempt: Option<String>,
        code: String,
    ) -> Result<SetCookie, PortalError> {
        let token = second_factor::confirm(&self.ports, attempt.as_deref(), &code)
            .await
            .map_err(errors::second_factor)?;
        Ok(cookies::session(token, self.cookie_secure))
    }

    async fn resend_sign_in_code(&self, attempt: Option<String>) -> Result<(), PortalError> {
        second_factor::resend(&self.ports, attempt.as_deref())
            .await
            .map_err(errors::second_factor)?;
        Ok(())
    }

    fn clear_sign_in_attempt(&self) -> SetCookie {
        cookies::clear_sign_in_attempt(self.cookie_secure)
    }

    async fn set_second_factor(&self, who: &Citizen, on: bool) -> Result<(), PortalError> {
        second_factor::set(&self.ports, &iin_of(who)?, &who.session, on)
            .await
            .map_err(|e| match e {
                second_factor::SecondFactorError::NoBoundNumber => PortalError::NeedsBoundNumber,
                other => errors::second_factor(other),
            })
    }

    async fn set_notification_purpose(
        &self,
        who: &Citizen,
        purpose: String,
        off: bool,
    ) -> Result<(), PortalError> {
        use crate::services::notifications::{set_preference, PreferenceError};
        set_preference(&self.ports, &iin_of(who)?, &purpose, off)
            .await
            .map_err(|e| match e {
                PreferenceError::NotOptional => PortalError::PurposeUnknown,
                PreferenceError::Unexpected(cause) => unexpected(cause),
            })
    }

    async fn eds_challenge(
        &self,
        source: &app::source::Source,
    ) -> Result<(nomir_core::wire::EdsChallenge, SetCookie), PortalError> {
        use crate::services::eds_sign_in::{new_challenge, ChallengeError};
        let c = new_challenge(&self.ports, source.as_str())
            .await
            .map_err(|e| match e {
                // "Too many attempts: wait a few minutes."
                ChallengeError::TooMany(_) => PortalError::LockedOut,
                ChallengeError::Unexpected(cause) => unexpected(cause),
            })?;
        Ok((
            nomir_core::wire::EdsChallenge {
                id: c.id,
                document_base64: BASE64.encode(c.text),
                signer_url: self.signer_url.clone(),
            },
            cookies::eds_binder(c.binder, self.cookie_secure),
        ))
    }

    async fn sign_in_eds(
        &self,
        challenge_id: String,
        cms_base64: String,
        binder: Option<String>,
    ) -> Result<SetCookie, PortalError> {
        let token = crate::services::eds_sign_in::sign_in(
            &self.ports,
            challenge_id.trim(),
            binder.as_deref(),
            cms_base64.trim().as_bytes(),
        )
        .await
        .map_err(errors::eds_sign_in)?;
        Ok(cookies::session(token, self.cookie_secure))
    }

    async fn sign_out(&self, who: &Citizen) -> Result<SetCookie, PortalError> {
        crate::services::session::sign_out(&self.ports, &iin_of(who)?, &who.session).await?;
        Ok(self.clear_session())
    }

    fn clear_session(&self) -> SetCookie {
        cookies::clear_session(self.cookie_secure)
    }

    async fn cabinet(&self, who: &Citizen) -> Result<CabinetView, PortalError> {
        let c = cabinet::view(&self.ports, &iin_of(who)?)
            .await?
            .ok_or(PortalError::NotSignedIn)?;
        Ok(CabinetView {
            name_cyrillic: c.account.name_cyrillic,
            name_latin: c.account.name_latin,
            iin_masked: c.account.iin.masked(),
            active: c.active.map(views::binding_view),
            history: c.history.into_iter().map(views::binding_view).collect(),
            consent_given_at: c.consent.map(|k| local_time(k.granted_at)),
            open_request: c.open_request.map(|r| OpenRequestView {
                number: r.msisdn.display(),
                term_ends_at: local_clock(c.open_request_ends_at.unwrap_or(r.started_at)),
                id: r.id,
            }),
            uses: c.uses.into_iter().map(views::use_view).collect(),
            permissions: c
                .permissions
                .into_iter()
                .map(|p| views::permission_item(p, self.ports.clock.now()))
                .collect(),
            second_factor: c.second_factor,
            messages: c.messages.into_iter().map(views::message_view).collect(),
            preferences: c
                .preferences
                .into_iter()
                .map(|(p, off)| nomir_core::wire::PreferenceView {
                    code: p.code.to_string(),
                    name: (&p).into(),
                    optional: p.optional,
                    off,
                })
                .collect(),
        })
    }

    async fn request(&self, who: &Citizen, id: String) -> Result<Option<RequestView>, PortalError> {
        let Some(status) = request_status::view(&self.ports, &iin_of(who)?, &id).await? else {
            return Ok(None);
        };
        let r = &status.request;
        Ok(Some(RequestView {
            id: r.id.clone(),
            number: r.msisdn.display(),
            is_change: r.purpose == Purpose::Change,
            term_ends_at: local_clock(status.term_ends_at),
            step: views::step(&status, &self.signer_url, self.ports.clock.now()),
        }))
    }

    async fn request_code(
        &self,
        who: &Citizen,
        number: String,
        consent: bool,
    ) -> Result<String, PortalError> {
        let sent = request_code(&self.ports, &iin_of(who)?, &number, consent)
            .await
            .map_err(errors::request_code)?;
        Ok(sent.request_id)
    }

    async fn resend_code(&self, who: &Citizen, id: String) -> Result<(), PortalError> {
        match resend_code(&self.ports, &iin_of(who)?, &id).await {
            Ok(_) => Ok(()),
            Err(e) => errors::answer(answers::resend(e)),
        }
    }

    async fn confirm_code(
        &self,
        who: &Citizen,
        id: String,
        code: String,
    ) -> Result<(), PortalError> {
        match confirm_code::confirm_code(&self.ports, &iin_of(who)?, &id, &code).await {
            Ok(_) => Ok(()),
            Err(e) => errors::answer(answers::confirm_code(e)),
        }
    }

    async fn certify(
        &self,
        who: &Citizen,
        id: String,
        cms_base64: String,
    ) -> Result<(), PortalError> {
        let compact: String = cms_base64.chars().filter(|c| !c.is_whitespace()).collect();
        // Not base64 is a broken transport, not a signature: the request stays
        // open for a real one (a signature that fails to verify is refused).
        let cms = BASE64
            .decode(compact.as_bytes())
            .map_err(|_| PortalError::Malformed)?;
        match certify::certify(&self.ports, &iin_of(who)?, &id, &cms).await {
            Ok(_) => Ok(()),
            Err(e) => errors::answer(answers::certify(e)),
        }
    }

    async fn revoke_consent(&self, who: &Citizen) -> Result<(), PortalError> {
        Ok(consent::revoke(&self.ports, &iin_of(who)?).await?)
    }

    async fn revoke_permission(&self, who: &Citizen, id: String) -> Result<(), PortalError> {
        if permissions::revoke(&self.ports, &iin_of(who)?, &id).await? {
            Ok(())
        } else {
            Err(PortalError::PermissionNotFound)
        }
    }

    async fn complaints(&self, who: &Citizen) -> Result<ComplaintsView, PortalError> {
        let iin = iin_of(who)?;
        let now = self.ports.clock.now();
        let (list, requests) = complaints::overview(&self.ports, &iin).await?;
        let mut items = Vec::with_capacity(requests.len());
        for r in &requests {
            let officials = complaints::officials_in(&self.ports, &list, &r.id).await?;
            items.push(complaint_views::request(r, &officials));
        }
        Ok(ComplaintsView {
            complaints: list.iter().map(|c| complaint_views::item(c, now)).collect(),
            requests: items,
        })
    }

    async fn complaint(&self, who: &Citizen, id: String) -> Result<ComplaintView, PortalError> {
        let (c, request) = complaints::one_with_request(&self.ports, &iin_of(who)?, &id)
            .await?
            .ok_or(PortalError::ComplaintNotFound)?;
        Ok(complaint_views::complaint(
            c,
            request.as_ref(),
            self.ports.clock.now(),
        ))
    }

    async fn file_complaint(
        &self,
        who: &Citizen,
        request_id: String,
        about: Option<String>,
        to: Option<String>,
        text: String,
    ) -> Result<String, PortalError> {
        let subject = about
            .as_deref()
            .and_then(Subject::from_code)
            .ok_or(PortalError::AboutMissing)?;
        // An official is chosen as `official:<login>`.
        let (addressee, official) = match to.as_deref().map(|t| t.split_once(':')) {
            Some(Some(("official", login))) => (Addressee::Official, Some(login)),
            _ => (
                to.as_deref()
                    .filter(|t| *t != Addressee::Official.code())
                    .and_then(Addressee::from_code)
                    .ok_or(PortalError::AddresseeMissing)?,
                None,
            ),
        };
        let c = complaints::file(
            &self.ports,
            &iin_of(who)?,
            &request_id,
            subject,
            addressee,
            official,
            &text,
        )
        .await
        .map_err(errors::file_complaint)?;
        Ok(c.id)
    }

    async fn demo_phone(&self) -> Result<Option<Vec<PhoneView>>, PortalError> {
        if !self.demo {
            return Ok(None);
        }
        let inbox = demo_phone::inbox(&self.ports).await?;
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
