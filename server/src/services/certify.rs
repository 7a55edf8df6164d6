//! Certification with an electronic signature (Rules §5.2) and, when it
//! verifies, the automatic checks and the binding itself (Rules §5.3, §8;
//! appendix rows 4 and 9). Every ending is one transaction with its audit
//! entry; a refusal leaves nothing bound.

use super::confirm_code::document_for;
use super::open_request::{self, OpenRequestError};
use super::uses::SendsSms;
use super::uses::{
    UsesClock, UsesIdentity, UsesMaintenance, UsesOperators, UsesPermissions, UsesRequests,
    UsesSignatures,
};
use super::{audit, Unexpected};
use crate::domain::audit::AuditAction;
use crate::domain::binding::signs_after_biometrics;
use crate::domain::checks::{
    consent_check, number_held_elsewhere, register_checks, HeldNumber, RegisterAnswers,
};
use crate::domain::sms::Sms;
use crate::domain::{BindingState, Channel, EndReason, Iin, Purpose};
use crate::ports::{
    AccountTx, Attribution, AuditEntry, Binding, BindingEndReason, BindingRequest, KeyPurpose,
    StateChange, StoreError,
};

#[derive(Debug, thiserror::Error)]
pub enum CertifyError {
    #[error("the request ended without a binding: {0:?}")]
    Ended(EndReason),
    #[error("this step is not allowed now")]
    NotAwaitingCertification,
    #[error("an outside system is unavailable; try again")]
    Unavailable,
    /// The signature is not accepted but the citizen can try again: the
    /// other key, their personal key, or a moment later (revocation could
    /// not be checked). The request stays as it was.
    #[error("the signature is not accepted: {0}")]
    SignatureNotAccepted(crate::ports::SignatureError),
    #[error(transparent)]
    Request(#[from] OpenRequestError),
    #[error(transparent)]
    Unexpected(#[from] Unexpected),
}

pub(super) async fn end_unbound(
    ports: &(impl UsesRequests + UsesClock),
    request: &BindingRequest,
    ground: EndReason,
) -> Result<CertifyError, CertifyError> {
    let tx = ports.requests().lock_account(&request.iin, None).await?;
    end_unbound_in(ports, tx, request, ground).await
}

/// The request, if it awaits the certification `step` it is given, with
/// its nonce (the EDS document's, or the one the biometric provider must
/// echo).
pub(super) async fn awaiting(
    ports: &(impl UsesRequests + UsesMaintenance + UsesClock),
    iin: &Iin,
    request_id: &str,
    step: Step,
) -> Result<(BindingRequest, String), CertifyError> {
    let request = open_request::load(ports, iin, request_id).await?;
    let at_step = match step {
        Step::Biometrics => request.state == BindingState::AwaitingCertification,
        // A bank's request is certified with biometrics in the bank's app
        // (§7), never with an EDS on the citizen's channels: its permission
        // takes effect only through the bank.
        Step::Signature | Step::SignatureAfterBiometrics if request.channel == Channel::Bank => {
            false
        }
        Step::Signature => match request.state {
            BindingState::AwaitingSignature => true,
            BindingState::AwaitingCertification => {
                !signs_after_biometrics(request.channel, request.purpose)
            }
            _ => false,
        },
        Step::SignatureAfterBiometrics => request.state == BindingState::AwaitingSignature,
    };
    match request.sign_nonce.clone().filter(|_| at_step) {
        Some(nonce) => Ok((request, nonce)),
        None => Err(CertifyError::NotAwaitingCertification),
    }
}

/// The ports a certification with EDS uses: the signature's check, then
/// the checks and the binding.
pub trait SignaturePorts:
    UsesPermissions
    + UsesRequests
    + UsesOperators
    + UsesIdentity
    + UsesSignatures
    + UsesMaintenance
    + SendsSms
{
}

impl<P> SignaturePorts for P where
    P: UsesPermissions
        + UsesRequests
        + UsesOperators
        + UsesIdentity
        + UsesSignatures
        + UsesMaintenance
        + SendsSms
{
}

/// How the citizen certifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step {
    /// EDS on the portal (§5.2, §8): after the code, or, for a change
    /// started in an app, after the code and the biometrics there.
    Signature,
    /// EDS in the app, which only finishes what the biometrics began: a
    /// change of number (§8, `signs_after_biometrics`).
    SignatureAfterBiometrics,
    /// Biometrics in the app and bank channels (§6.2, §7).
    Biometrics,
}

/// Verifies the CMS signature over the request's document, runs the checks
/// and binds the number (the portal's certification). Returns the new binding.
pub async fn certify(
    ports: &impl SignaturePorts,
    iin: &Iin,
    request_id: &str,
    cms_der: &[u8],
) -> Result<Binding, CertifyError> {
    certify_at(ports, iin, request_id, cms_der, Step::Signature).await
}

/// As [`certify`], in the app: only a change of number whose biometrics
/// passed awaits a signature there (§8).
pub async fn certify_after_biometrics(
    ports: &impl SignaturePorts,
    iin: &Iin,
    request_id: &str,
    cms_der: &[u8],
) -> Result<Binding, CertifyError> {
    certify_at(
        ports,
        iin,
        request_id,
        cms_der,
        Step::SignatureAfterBiometrics,
    )
    .await
}

async fn certify_at(
    ports: &impl SignaturePorts,
    iin: &Iin,
    request_id: &str,
    cms_der: &[u8],
    step: Step,
) -> Result<Binding, CertifyError> {
    let (request, nonce) = awaiting(ports, iin, request_id, step).await?;
    let now = ports.clock().now();
    let document = document_for(&request, &nonce);
    let verdict = ports
        .signatures()
        .verify(cms_der, &document, KeyPurpose::Sign, now)
        .await;
    let reason = match verdict {
        Ok(signer) if &signer.iin == iin => None,
        Ok(_) => Some("another_iin"),
        Err(e) if e.is_retryable() => {
            tracing::info!(request = %request.id, reason = e.code(), "signature not accepted; the citizen may retry");
            return Err(CertifyError::SignatureNotAccepted(e));
        }
        Err(e) => Some(e.code()),
    };
    if let Some(reason) = reason {
        tracing::info!(request = %request.id, reason, "signature refused");
        let ground = EndReason::SignatureInvalid;
        let tx = ports.requests().lock_account(&request.iin, None).await?;
        return Err(end_unbound_because(ports, tx, &request, ground, Some(reason)).await?);
    }
    complete(ports, iin, &request).await
}

/// Once the citizen has certified the request (EDS on the portal,
/// biometrics in the app and bank channels): the automatic checks, then
/// the binding.
///
/// The checks that ask outside systems run first, without a lock; the
/// binding itself is decided under the account's and the number's locks,
/// where the request's state and the consent are read again.
pub(super) async fn complete(
    ports: &(impl UsesPermissions
          + UsesRequests
          + UsesOperators
          + UsesIdentity
          + UsesMaintenance
          + SendsSms),
    iin: &Iin,
    request: &BindingRequest,
) -> Result<Binding, CertifyError> {
    // Ground 2 before anything else: restricted personal data (the identity
    // register) is read only with the citizen's consent in place.
    let consent_given = match bank_statement(ports, request).await? {
        Some(stated) => stated,
        None => ports.requests().active_consent(iin).await?.is_some(),
    };
    if let Err(ground) = consent_check(consent_given) {
        return Err(end_unbound(ports, request, ground).await?);
    }
    let person = ports.identity().person(iin).await.map_err(|e| {
        super::counts::unavailable(&e);
        CertifyError::Unavailable
    })?;
    let attribution = ports
        .operators()
        .attribution(&request.msisdn, iin)
        .await
        .map_err(|e| {
            super::counts::unavailable(&e);
            CertifyError::Unavailable
        })?;
    let answers = RegisterAnswers {
        applicant: iin,
        identity: person.as_ref().map(|p| p.status),
        operator_confirms: matches!(attribution, Attribution::Theirs { .. }),
    };
    if let Err(ground) = register_checks(&answers) {
        return Err(end_unbound(ports, request, ground).await?);
    }
    let operator = match attribution {
        Attribution::Theirs { operator } => operator,
        Attribution::NotTheirs => String::new(),
    };
    match bind_under_lock(ports, iin, request, operator).await {
        Err(CertifyError::Unexpected(e)) if is_conflict(&e) => {
            // The database's uniqueness rule caught what the lock should
            // have: another account took the number meanwhile.
            Err(end_unbound(ports, request, EndReason::NumberTakenMeanwhile).await?)
        }
        other => other,
    }
}

/// A bank's request: the consent the bank stated with it (the citizen
/// made it their own with the code and biometrics). `None` for the
/// citizen's own channels, where the citizen's consent record counts.
async fn bank_statement(
    ports: &impl UsesPermissions,
    request: &BindingRequest,
) -> Result<Option<bool>, CertifyError> {
    if request.channel != Channel::Bank {
        return Ok(None);
    }
    let asked = ports
        .permissions()
        .permissions_of_request(&request.id)
        .await?;
    Ok(Some(
        !asked.is_empty() && asked.iter().all(|p| p.consent_stated),
    ))
}

fn is_conflict(e: &Unexpected) -> bool {
    matches!(
        e.0.downcast_ref::<StoreError>(),
        Some(StoreError::Conflict(_))
    )
}

/// The last step, in one transaction under the account's and the number's
/// locks: the request must still await certification and the consent still
/// stand; a number still bound to someone else ends there (the operator,
/// the authority on whose a number is, has reassigned it), unless that
/// binding is newer than the request: then the request ends not performed.
async fn bind_under_lock(
    ports: &(impl UsesPermissions + UsesRequests + UsesMaintenance + SendsSms),
    iin: &Iin,
    request: &BindingRequest,
    operator: String,
) -> Result<Binding, CertifyError> {
    // The state the request was certified in (after EDS or biometrics).
    let certified_in = request.state;
    // Read before the lock (the bank's statement is fixed when its request
    // starts): a step holding a connection never waits for another.
    let stated = bank_statement(ports, request).await?;
    let (mut tx, request) =
        open_request::lock_open(ports, iin, Some(&request.msisdn), &request.id).await?;
    if request.state != certified_in {
        return Err(CertifyError::NotAwaitingCertification);
    }
    let now = ports.clock().now();
    let consent_given = match stated {
        Some(stated) => stated,
        None => tx.active_consent().await?.is_some(),
    };
    if let Err(ground) = consent_check(consent_given) {
        return Err(end_unbound_in(ports, tx, &request, ground).await?);
    }
    // The rows that may change: this account's binding (ended as changed)
    // and the number's binding on another account (a recycled number).
    let own = tx.active_binding().await?.map(|b| b.id);
    let held = tx.binding_of_number(&request.msisdn).await?.map(|b| b.id);
    let rows: Vec<&str> = own.iter().chain(held.iter()).map(String::as_str).collect();
    tx.lock_bindings(&rows).await?;
    let held = tx.binding_of_number(&request.msisdn).await?;
    if let Some(held) = held.filter(|b| &b.iin != iin) {
        match number_held_elsewhere(held.bound_at, request.started_at) {
            HeldNumber::TakenMeanwhile => {
                let ground = EndReason::NumberTakenMeanwhile;
                return Err(end_unbound_in(ports, tx, &request, ground).await?);
            }
            HeldNumber::EndIt => {
                let reason = BindingEndReason::OperatorReassigned;
                if tx.end_binding(&held.id, now, reason).await? {
                    tx.audit(&reassigned_entry(ports, iin, &held, &request))
                        .await?;
                }
            }
        }
    }
    // Confirming the bound number (a bank's request): the binding stays as
    // it is; only the permission takes effect.
    let before = tx.active_binding().await?;
    let kept = match &before {
        Some(b) if request.purpose == Purpose::Confirm && b.msisdn == request.msisdn => {
            Some(b.clone())
        }
        _ => None,
    };
    // The number this binding replaces is told, whoever asked for the
    // change and on whichever channel (written with the change itself).
    let told = match &before {
        Some(old) if kept.is_none() && old.msisdn != request.msisdn => {
            let m = super::sms_delivery::compose(
                ports,
                &old.msisdn,
                &Sms::NumberUnbound,
                super::sms_delivery::About::account(&old.iin),
            );
            tx.enqueue_sms(&m).await?;
            Some(m.id)
        }
        _ => None,
    };
    let confirmed = kept.is_some();
    let binding = match kept {
        Some(b) => b,
        None => {
            let binding = Binding {
                id: uuid::Uuid::new_v4().to_string(),
                iin: iin.clone(),
                msisdn: request.msisdn.clone(),
                operator,
                channel: request.channel,
                bound_at: now,
                ended_at: None,
                end_reason: None,
            };
            tx.insert_binding(&binding).await?;
            binding
        }
    };
    // A bank's permission asked for with this request takes effect with it.
    if tx.grant_permissions_of(&request.id, now).await? > 0 {
        let detail = format!("request={}", request.id);
        tx.audit(&audit::entry(
            ports,
            iin,
            AuditAction::PermissionGranted,
            detail,
        ))
        .await?;
    }
    let change = StateChange {
        request_id: request.id.clone(),
        from: certified_in,
        to: BindingState::Bound,
        at: now,
    };
    if !tx.change_state(&change).await? {
        return Err(CertifyError::NotAwaitingCertification);
    }
    let detail = format!(
        "request={} number={} purpose={}",
        request.id,
        request.msisdn.masked(),
        request.purpose.code()
    );
    let action = if confirmed {
        AuditAction::NumberConfirmed
    } else {
        AuditAction::NumberBound
    };
    tx.audit(&audit::entry(ports, iin, action, detail)).await?;
    tx.commit().await?;
    if let Some(id) = told {
        super::sms_delivery::deliver_soon(ports, &id).await;
    }
    tracing::info!(request = %request.id, number = %request.msisdn, "number bound");
    let outcome = if confirmed { "confirmed" } else { "bound" };
    super::counts::request_ended(request.channel, outcome, "");
    Ok(binding)
}

/// The entry about the previous holder, whose binding ends because the
/// operator now attributes the number to `iin`.
fn reassigned_entry(
    ports: &impl UsesClock,
    iin: &Iin,
    held: &Binding,
    request: &BindingRequest,
) -> AuditEntry {
    AuditEntry {
        subject: held.iin.as_str().to_owned(),
        ..audit::entry(
            ports,
            iin,
            AuditAction::BindingEnded,
            format!(
                "binding={} number={} reason={} request={}",
                held.id,
                held.msisdn.masked(),
                BindingEndReason::OperatorReassigned.code(),
                request.id
            ),
        )
    }
}

/// Ends the request without a binding (refused or not performed, as the
/// reason says) inside `tx`, with its audit entry, and commits.
async fn end_unbound_in(
    ports: &impl UsesClock,
    tx: Box<dyn AccountTx>,
    request: &BindingRequest,
    ground: EndReason,
) -> Result<CertifyError, CertifyError> {
    end_unbound_because(ports, tx, request, ground, None).await
}

/// As `end_unbound_in`, with the particular reason (a signature's) in the audit entry.
async fn end_unbound_because(
    ports: &impl UsesClock,
    mut tx: Box<dyn AccountTx>,
    request: &BindingRequest,
    ground: EndReason,
    reason: Option<&str>,
) -> Result<CertifyError, CertifyError> {
    let change = StateChange {
        request_id: request.id.clone(),
        from: request.state,
        to: BindingState::ended(ground),
        at: ports.clock().now(),
    };
    if tx.change_state(&change).await? {
        let mut detail = format!("request={} ground={}", request.id, ground.code());
        if let Some(reason) = reason {
            detail.push_str(&format!(" reason={reason}"));
        }
        tx.audit(&audit::entry(
            ports,
            &request.iin,
            AuditAction::of_ending(ground),
            detail,
        ))
        .await?;
    }
    tx.commit().await?;
    tracing::info!(request = %request.id, ground = ground.code(), outcome = ground.outcome_code(), "request ended");
    super::counts::request_ended(request.channel, ground.outcome_code(), ground.code());
    Ok(CertifyError::Ended(ground))
}
