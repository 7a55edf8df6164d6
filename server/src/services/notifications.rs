//! Notifications from state services to a citizen's bound number, and the
//! citizen's own say over them.
//!
//! A state service (an API client of kind `state_service` with the
//! `notify` scope) names the citizen by IIN. The answer is one of three,
//! and never the number: queued (written to the outbox with its audit
//! entry, in one transaction under the account's lock), no bound number
//! (also for an IIN without an account, so nothing else is learnt), or
//! turned off by the citizen. The limits per citizen are counted under
//! that lock; the client's calls per minute are counted per call.

use time::{Duration, OffsetDateTime};

use super::sms_delivery::About;
use super::uses::{SendsSms, UsesBindings, UsesNumberUses, UsesPurposes, UsesRequests};
use super::Unexpected;
use crate::domain::api_client::ClientId;
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::notification::{
    NotificationPurpose, NotificationText, MAX_PER_CITIZEN_PER_DAY, MAX_PER_CLIENT_PER_HOUR,
};
use crate::domain::sms::Sms;
use crate::domain::Iin;
use crate::ports::AuditEntry;

/// A state service's notification, as it asked.
pub struct Notice<'a> {
    pub client: &'a ClientId,
    pub iin: &'a Iin,
    pub purpose: &'a str,
    pub text: NotificationText,
}

/// What became of a notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Written to the outbox; its id.
    Queued { id: String },
    /// The citizen has no bound number (or no account).
    NoBoundNumber,
    /// The citizen turned this purpose off.
    OptedOut,
}

#[derive(Debug, thiserror::Error)]
pub enum NotifyError {
    #[error("the purpose is not in the configured list")]
    UnknownPurpose,
    /// The citizen's limits are reached until `retry_at`.
    #[error("the citizen's notification limit is reached until {retry_at}")]
    CitizenLimit { retry_at: OffsetDateTime },
    #[error(transparent)]
    Unexpected(#[from] Unexpected),
}

impl From<crate::ports::StoreError> for NotifyError {
    fn from(e: crate::ports::StoreError) -> Self {
        Self::Unexpected(e.into())
    }
}

/// Sends a notification: decides, writes and audits it in one transaction,
/// then tries the message at once (the outbox's worker tries again).
pub async fn notify(
    ports: &(impl UsesRequests + UsesBindings + UsesPurposes + SendsSms),
    notice: Notice<'_>,
) -> Result<Outcome, NotifyError> {
    let purpose = ports
        .purposes()
        .find(notice.purpose)
        .ok_or(NotifyError::UnknownPurpose)?
        .clone();
    // Unlocked first: an IIN without a number (or an account) is answered
    // without taking any lock, and the same way.
    if ports.bindings().active_binding(notice.iin).await?.is_none() {
        return Ok(Outcome::NoBoundNumber);
    }
    let mut tx = ports.requests().lock_account(notice.iin, None).await?;
    let Some(bound) = tx.active_binding().await? else {
        return Ok(Outcome::NoBoundNumber);
    };
    // The number's lock too, then the binding read again: a notification
    // never goes to a number that has just moved to another account.
    let Ok(bound) = super::second_factor::still_bound(tx.as_mut(), &bound.msisdn).await else {
        return Ok(Outcome::NoBoundNumber);
    };
    let now = ports.clock().now();
    let audit = |action: AuditAction, detail: String| {
        AuditEntry::new(
            now,
            Actor::Client(notice.client.as_str()),
            action,
            notice.iin.as_str(),
            detail,
        )
    };
    let detail = format!("purpose={}", purpose.code);
    if purpose.optional && tx.opted_out(purpose.code.as_str()).await? {
        tx.audit(&audit(AuditAction::NotificationOptedOut, detail))
            .await?;
        tx.commit().await?;
        return Ok(Outcome::OptedOut);
    }
    check_limits(tx.as_mut(), notice.client, now).await?;
    let sms = super::sms_delivery::compose(
        ports,
        &bound.msisdn,
        &Sms::Notification {
            purpose: purpose.code.clone(),
            text: notice.text,
        },
        About {
            iin: Some(notice.iin),
            request_id: None,
            sender: Some(notice.client.as_str()),
        },
    );
    tx.enqueue_sms(&sms).await?;
    tx.audit(&audit(
        AuditAction::NotificationQueued,
        format!("{detail} message={}", sms.id),
    ))
    .await?;
    tx.commit().await?;
    super::sms_delivery::deliver_soon(ports, &sms.id).await;
    Ok(Outcome::Queued { id: sms.id })
}

/// The limits per citizen, read and decided under the account's lock.
async fn check_limits(
    tx: &mut dyn crate::ports::AccountTx,
    client: &ClientId,
    now: OffsetDateTime,
) -> Result<(), NotifyError> {
    let hour = Duration::hours(1);
    let day = Duration::days(1);
    let (from_client, oldest) = tx
        .notifications_since(now - hour, Some(client.as_str()))
        .await?;
    if from_client >= MAX_PER_CLIENT_PER_HOUR {
        return Err(NotifyError::CitizenLimit {
            retry_at: eases(oldest, hour, now),
        });
    }
    let (all, _) = tx.notifications_since(now - day, None).await?;
    if all >= MAX_PER_CITIZEN_PER_DAY {
        // When it eases depends on other services' notifications, which
        // this one must not learn of: an hour, whatever they were.
        return Err(NotifyError::CitizenLimit {
            retry_at: now + hour,
        });
    }
    Ok(())
}

/// A full limit eases when its oldest counted message leaves the window.
fn eases(oldest: Option<OffsetDateTime>, window: Duration, now: OffsetDateTime) -> OffsetDateTime {
    oldest
        .map_or(now, |t| t + window)
        .max(now + Duration::seconds(1))
}

/// The configured purposes, as state services read them.
pub fn purposes(ports: &impl UsesPurposes) -> Vec<NotificationPurpose> {
    ports.purposes().iter().cloned().collect()
}

/// A purpose the citizen may turn off or on again, with whether it is off.
pub async fn preferences(
    ports: &(impl UsesNumberUses + UsesPurposes),
    iin: &Iin,
) -> Result<Vec<(NotificationPurpose, bool)>, Unexpected> {
    let off = ports.number_uses().opt_outs(iin).await?;
    Ok(ports
        .purposes()
        .iter()
        .map(|p| {
            (
                p.clone(),
                p.optional && off.iter().any(|o| o == p.code.as_str()),
            )
        })
        .collect())
}

#[derive(Debug, thiserror::Error)]
pub enum PreferenceError {
    /// Not in the list, or required (it cannot be turned off).
    #[error("no optional purpose by that code")]
    NotOptional,
    #[error(transparent)]
    Unexpected(#[from] Unexpected),
}

/// Turns an optional purpose off (`off`) or on again for the citizen.
pub async fn set_preference(
    ports: &(impl UsesRequests + UsesPurposes + super::uses::UsesClock),
    iin: &Iin,
    code: &str,
    off: bool,
) -> Result<(), PreferenceError> {
    let purpose = ports
        .purposes()
        .find(code)
        .filter(|p| p.optional)
        .ok_or(PreferenceError::NotOptional)?;
    let store = |e: crate::ports::StoreError| PreferenceError::Unexpected(e.into());
    let mut tx = ports
        .requests()
        .lock_account(iin, None)
        .await
        .map_err(store)?;
    let now = ports.clock().now();
    if tx
        .set_opt_out(purpose.code.as_str(), off, now)
        .await
        .map_err(store)?
    {
        let action = if off {
            AuditAction::PurposeTurnedOff
        } else {
            AuditAction::PurposeTurnedOn
        };
        tx.audit(&super::audit::entry(
            ports,
            iin,
            action,
            format!("purpose={}", purpose.code),
        ))
        .await
        .map_err(store)?;
    }
    tx.commit().await.map_err(store)?;
    Ok(())
}
