//! Certification by biometrics in the mobile-app and bank channels (Rules
//! §6.2, §7): the provider's assertion must be about this citizen, for
//! this request's nonce, fresh, live and matching; then the same checks
//! and binding as after an EDS. Any failure ends the request unbound with
//! ground "biometric authentication failed" (Rules §9). The nonce works
//! once: the request leaves "awaiting certification" either way.

use super::certify::{awaiting_certification, complete, refuse, CertifyError};
use super::uses::{
    UsesBiometrics, UsesClock, UsesIdentity, UsesOperators, UsesPermissions, UsesRequests,
};
use crate::domain::biometrics::judge;
use crate::domain::{Channel, Iin, RefusalGround};
use crate::ports::{AssertionError, Binding};

pub async fn certify_with_biometrics(
    ports: &(impl UsesPermissions
          + UsesRequests
          + UsesOperators
          + UsesIdentity
          + UsesBiometrics
          + UsesClock),
    iin: &Iin,
    request_id: &str,
    assertion: &str,
) -> Result<Binding, CertifyError> {
    let (request, nonce) = awaiting_certification(ports, iin, request_id).await?;
    if request.channel == Channel::Portal {
        // The portal certifies with EDS (Rules §5.2), never with biometrics.
        return Err(CertifyError::NotAwaitingCertification);
    }
    let verdict = match ports.biometrics().verify(assertion) {
        Err(AssertionError::NotConfigured) => return Err(CertifyError::Unavailable),
        Err(e) => Err(e.to_string()),
        Ok(a) => judge(
            &a,
            iin,
            &nonce,
            ports.clock().now(),
            ports.biometrics().threshold(),
        )
        .map_err(|f| f.to_string()),
    };
    if let Err(why) = verdict {
        tracing::info!(request = %request.id, %why, "biometric authentication failed");
        return Err(refuse(ports, &request, RefusalGround::BiometricsFailed).await?);
    }
    complete(ports, iin, &request).await
}
