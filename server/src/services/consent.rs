//! Consent to access restricted personal data (appendix row 9, ground 2;
//! Law on Personal Data, art. 8): explicit, recorded with its time, revocable.

use super::uses::{UsesClock, UsesRequests};
use super::{audit, Unexpected};
use crate::domain::audit::AuditAction;
use crate::domain::Iin;
use crate::ports::{AccountTx, Consent};

/// What [`set`] changed, so a step that fails afterwards can undo it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConsentChange {
    Unchanged,
    Granted(String),
    Revoked(Vec<String>),
}

/// Makes the citizen's consent `given` or not inside `tx`, with its audit
/// entry if it changes.
pub async fn set(
    ports: &impl UsesClock,
    tx: &mut dyn AccountTx,
    iin: &Iin,
    given: bool,
) -> Result<ConsentChange, Unexpected> {
    let was = tx.active_consent().await?.is_some();
    let now = ports.clock().now();
    if given && !was {
        let consent = Consent {
            id: uuid::Uuid::new_v4().to_string(),
            iin: iin.clone(),
            granted_at: now,
            revoked_at: None,
        };
        tx.grant_consent(&consent).await?;
        tx.audit(&audit::entry(
            ports,
            iin,
            AuditAction::ConsentGranted,
            consent.id.clone(),
        ))
        .await?;
        return Ok(ConsentChange::Granted(consent.id));
    }
    if !given {
        let revoked = tx.revoke_consents(now).await?;
        if !revoked.is_empty() {
            tx.audit(&audit::entry(
                ports,
                iin,
                AuditAction::ConsentRevoked,
                revoked.join(","),
            ))
            .await?;
            return Ok(ConsentChange::Revoked(revoked));
        }
    }
    Ok(ConsentChange::Unchanged)
}

/// Puts the consent back as it was before `change`, inside `tx`: for a step
/// that failed before it took effect (the SMS was not sent).
pub async fn undo(
    ports: &impl UsesClock,
    tx: &mut dyn AccountTx,
    iin: &Iin,
    change: &ConsentChange,
) -> Result<(), Unexpected> {
    let detail = match change {
        ConsentChange::Unchanged => return Ok(()),
        ConsentChange::Granted(id) => {
            tx.remove_consent(id).await?;
            format!("removed={id}")
        }
        ConsentChange::Revoked(ids) => {
            tx.reinstate_consents(ids).await?;
            format!("reinstated={}", ids.join(","))
        }
    };
    tx.audit(&audit::entry(
        ports,
        iin,
        AuditAction::ConsentRestored,
        detail,
    ))
    .await?;
    Ok(())
}

/// Revokes every active consent of the citizen (the cabinet's button).
pub async fn revoke(ports: &(impl UsesRequests + UsesClock), iin: &Iin) -> Result<(), Unexpected> {
    let mut tx = ports.requests().lock_account(iin, None).await?;
    set(ports, tx.as_mut(), iin, false).await?;
    Ok(tx.commit().await?)
}

pub async fn active(ports: &impl UsesRequests, iin: &Iin) -> Result<Option<Consent>, Unexpected> {
    Ok(ports.requests().active_consent(iin).await?)
}
