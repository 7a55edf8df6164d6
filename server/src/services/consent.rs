//! Consent to access restricted personal data (standard row 9, ground 2;
//! Law on Personal Data, art. 8): explicit, recorded with its time, revocable.

use super::{audit, Ports, Unexpected};
use crate::domain::Iin;
use crate::ports::Consent;

/// Records consent, unless an active one exists.
pub async fn grant(ports: &Ports, iin: &Iin) -> Result<(), Unexpected> {
    if ports.requests.active_consent(iin).await?.is_some() {
        return Ok(());
    }
    let consent = Consent {
        id: uuid::Uuid::new_v4().to_string(),
        iin: iin.clone(),
        granted_at: ports.clock.now(),
        revoked_at: None,
    };
    let entry = audit::entry(ports, iin, "consent_granted", consent.id.clone());
    Ok(ports.requests.grant_consent(&consent, &entry).await?)
}

/// Revokes every active consent of the citizen.
pub async fn revoke(ports: &Ports, iin: &Iin) -> Result<(), Unexpected> {
    let entry = audit::entry(ports, iin, "consent_revoked", String::new());
    Ok(ports
        .requests
        .revoke_consents(iin, ports.clock.now(), &entry)
        .await?)
}

pub async fn active(ports: &Ports, iin: &Iin) -> Result<Option<Consent>, Unexpected> {
    Ok(ports.requests.active_consent(iin).await?)
}
