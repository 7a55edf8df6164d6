//! Service results as the pages show them: times in Astana time, the
//! request's step, bindings.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use time::OffsetDateTime;

use crate::domain::binding::signs_after_biometrics;
use crate::domain::otp::{resend_allowed_at, MAX_WRONG_ATTEMPTS};
use crate::domain::permission::{DocumentKind, PermissionStatus};
use crate::domain::BindingState;
use crate::domain::Channel;
use crate::ports::{Binding, BindingEndReason, ChannelUse, DocumentPermission};
use crate::services::request_status::RequestStatus;
use nomir_core::wire::{
    BindingView, DocumentKindView, PermissionItem, PermissionState, RequestStep, StepClock,
    UseChannel, UseView,
};

pub use nomir_core::kz_time::{local_clock, local_time};

/// The request's step as the page shows it, at the service's time `now`.
pub fn step(status: &RequestStatus, signer_url: &str, now: OffsetDateTime) -> RequestStep {
    let r = &status.request;
    match r.state {
        // A bank's open request is the bank's app's to go on with (§7).
        _ if r.channel == Channel::Bank && !r.state.is_ended() => RequestStep::AtBank,
        BindingState::AwaitingCode => {
            let (valid_until, tries_left, resend_at) = status.challenge.as_ref().map_or_else(
                || (String::new(), 0, r.started_at),
                |c| {
                    (
                        local_clock(c.expires_at),
                        MAX_WRONG_ATTEMPTS.saturating_sub(c.wrong_tries),
                        resend_allowed_at(c.created_at),
                    )
                },
            );
            RequestStep::Code {
                valid_until,
                tries_left,
                resend_at: local_clock(resend_at),
                clock: StepClock {
                    now: now.unix_timestamp(),
                    term_ends: status.term_ends_at.unix_timestamp(),
                    resend_at: resend_at.unix_timestamp(),
                },
                sms: crate::services::sms_delivery::notice(status.sms),
            }
        }
        // A change started in an app: its biometrics come first, there.
        BindingState::AwaitingCertification if signs_after_biometrics(r.channel, r.purpose) => {
            RequestStep::InApp
        }
        BindingState::AwaitingCertification | BindingState::AwaitingSignature => {
            RequestStep::Sign {
                document_base64: BASE64.encode(status.document.as_deref().unwrap_or_default()),
                iin: r.iin.as_str().to_owned(),
                signer_url: signer_url.to_owned(),
            }
        }
        BindingState::Bound => RequestStep::Bound {
            operator: status.operator.clone().unwrap_or_default(),
        },
        BindingState::Ended(reason) => RequestStep::Ended { reason },
        BindingState::Expired => RequestStep::Expired,
        BindingState::Withdrawn => RequestStep::Withdrawn,
    }
}

pub fn use_view((u, client_name): (ChannelUse, Option<String>)) -> UseView {
    UseView {
        channel: match u.channel {
            Channel::Portal => UseChannel::Portal,
            Channel::MobileApp => UseChannel::MobileApp,
            Channel::Bank => UseChannel::Bank,
        },
        client_name,
        started: u.started,
        bound: u.bound,
        last_at: local_time(u.last_started_at),
    }
}

pub fn permission_item(
    (p, bank, request_open): (DocumentPermission, String, bool),
    now: OffsetDateTime,
) -> PermissionItem {
    let state = match p.status(now, request_open) {
        PermissionStatus::Pending => PermissionState::Pending,
        PermissionStatus::InForce => PermissionState::InForce,
        PermissionStatus::Revoked => PermissionState::Revoked,
        PermissionStatus::Expired => PermissionState::Expired,
        PermissionStatus::NotGranted => PermissionState::NotGranted,
    };
    PermissionItem {
        documents: p
            .scope
            .iter()
            .map(|k| match k {
                DocumentKind::IdentityCard => DocumentKindView::IdentityCard,
                DocumentKind::Passport => DocumentKindView::Passport,
                DocumentKind::DriverLicence => DocumentKindView::DriverLicence,
                DocumentKind::VehicleRegistration => DocumentKindView::VehicleRegistration,
            })
            .collect(),
        state,
        granted_at: p.granted_at.map(local_time),
        expires_at: local_time(p.expires_at),
        bank,
        id: p.id,
    }
}

pub fn binding_view(b: Binding) -> BindingView {
    BindingView {
        number: b.msisdn.display(),
        operator: b.operator,
        bound_at: local_time(b.bound_at),
        ended_at: b.ended_at.map(local_time),
        reassigned: b.end_reason == Some(BindingEndReason::OperatorReassigned),
    }
}

/// A message written for the citizen: a notification's purpose and text;
/// of a code, only what it was for.
pub fn message_view(message: crate::services::cabinet::Message) -> nomir_core::wire::MessageView {
    use crate::domain::sms::SmsKind;
    let m = message.sent;
    let kind: SmsKind = m.kind.parse().unwrap_or(SmsKind::BindingCode);
    let notification = kind == SmsKind::Notification;
    nomir_core::wire::MessageView {
        when: local_time(m.created_at),
        number_masked: m.msisdn.masked(),
        kind,
        from: message.sender,
        purpose: message.purpose.as_ref().map(Into::into),
        text: notification.then_some(m.body),
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
