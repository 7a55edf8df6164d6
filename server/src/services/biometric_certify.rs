//! Certification by biometrics in the mobile-app and bank channels (Rules
//! §6.2, §7): the provider's assertion must be about this citizen, for
//! this request's nonce, fresh, live and matching; then the same checks
//! and binding as after an EDS. Any failure ends the request unbound with
//! ground "biometric authentication failed" (Rules §9). The nonce works
//! once: the request leaves "awaiting certification" either way. A change
//! of number in the app (§8) then waits for the citizen's EDS, over a
//! document with a fresh nonce, instead of binding here.

use rand::RngCore;

use super::audit;
use super::certify::{awaiting, complete, end_unbound, CertifyError, Step};
use super::open_request;
use super::uses::{
    SendsSms, UsesBiometrics, UsesClock, UsesIdentity, UsesMaintenance, UsesOperators,
    UsesPermissions, UsesRequests,
};
use crate::domain::audit::AuditAction;
use crate::domain::binding::{signs_after_biometrics, steps_on};
use crate::domain::biometrics::judge;
use crate::domain::{BindingState, Channel, EndReason, Iin};
use crate::ports::{AssertionError, Binding, BindingRequest, StateChange};

/// Certifies the request with the provider's `assertion`, taken on
/// `channel` (the app's or the bank's door): the binding, or `None` when
/// the citizen's EDS must follow (a change of number in the app).
pub async fn certify_with_biometrics(
    ports: &(impl UsesPermissions
          + UsesRequests
          + UsesMaintenance
          + UsesOperators
          + UsesIdentity
          + UsesBiometrics
          + SendsSms),
    iin: &Iin,
    request_id: &str,
    assertion: &str,
    channel: Channel,
) -> Result<Option<Binding>, CertifyError> {
    let (request, nonce) = awaiting(ports, iin, request_id, Step::Biometrics).await?;
    if request.channel == Channel::Portal {
        // The portal certifies with EDS (Rules §5.2), never with biometrics.
        return Err(CertifyError::NotAwaitingCertification);
    }
    if !steps_on(request.channel, channel) {
        // A bank's request is certified in that bank's app alone (§7).
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
        return Err(end_unbound(ports, &request, EndReason::BiometricsFailed).await?);
    }
    if signs_after_biometrics(request.channel, request.purpose) {
        await_signature(ports, iin, &request).await?;
        return Ok(None);
    }
    complete(ports, iin, &request).await.map(Some)
}

/// The biometrics passed on a request that the citizen's EDS must finish:
/// it moves on, under the account's lock, with a fresh nonce for the
/// document to sign (the biometric one was shown to the provider).
async fn await_signature(
    ports: &(impl UsesRequests + UsesMaintenance + UsesClock),
    iin: &Iin,
    request: &BindingRequest,
) -> Result<(), CertifyError> {
    let (mut tx, request) = open_request::lock_open(ports, iin, None, &request.id).await?;
    let change = StateChange {
        request_id: request.id.clone(),
        from: BindingState::AwaitingCertification,
        to: BindingState::AwaitingSignature,
        at: ports.clock().now(),
    };
    if !tx.change_state(&change).await? {
        return Err(CertifyError::NotAwaitingCertification);
    }
    let mut nonce = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    tx.set_sign_nonce(&request.id, &hex::encode(nonce)).await?;
    tx.audit(&audit::entry(
        ports,
        iin,
        AuditAction::BiometricsPassed,
        format!("request={}", request.id),
    ))
    .await?;
    tx.commit().await?;
    Ok(())
}
