//! Consent to access restricted personal data (appendix row 9, ground 2;
//! Law on Personal Data, art. 8): explicit, recorded with its time, revocable.

use super::{audit, Ports, Unexpected};
use crate::domain::Iin;
use crate::ports::{AccountTx, Consent};

/// Makes the citizen's consent `given` or not inside `tx` (with its audit
/// entry, if it changes); returns whether it was given before.
pub async fn set(
    ports: &Ports,
    tx: &mut dyn AccountTx,
    iin: &Iin,
    given: bool,
) -> Result<bool, Unexpected> {
    let was = tx.active_consent().await?.is_some();
    let now = ports.clock.now();
    if given && !was {
        let consent = Consent {
            id: uuid::Uuid::new_v4().to_string(),
            iin: iin.clone(),
            granted_at: now,
            revoked_at: None,
        };
        tx.grant_consent(&consent).await?;
        tx.audit(&audit::entry(ports, iin, "consent_granted", consent.id))
            .await?;
    } else if !given && tx.revoke_consents(now).await? > 0 {
        tx.audit(&audit::entry(ports, iin, "consent_revoked", String::new()))
            .await?;
    }
    Ok(was)
}

/// Revokes every active consent of the citizen (the cabinet's button).
pub async fn revoke(ports: &Ports, iin: &Iin) -> Result<(), Unexpected> {
    let mut tx = ports.requests.lock_account(iin, None).await?;
    set(ports, tx.as_mut(), iin, false).await?;
    Ok(tx.commit().await?)
}

pub async fn active(ports: &Ports, iin: &Iin) -> Result<Option<Consent>, Unexpected> {
    Ok(ports.requests.active_consent(iin).await?)
}
