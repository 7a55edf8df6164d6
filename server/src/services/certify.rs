//! Certification with an electronic signature (Rules §5.2) and, when it
//! verifies, the automatic checks and the binding itself (Rules §5.3, §8;
//! standard rows 4 and 9). Every ending is one transaction with its audit
//! entry; a refusal leaves nothing bound.

use super::confirm_code::document_for;
use super::open_request::{self, OpenRequestError};
use super::{audit, Ports, Unexpected};
use crate::domain::checks::{automatic_checks, CheckInputs};
use crate::domain::{BindingState, Iin, RefusalGround};
use crate::ports::{Binding, BindingRequest, StateChange};

#[derive(Debug, thiserror::Error)]
pub enum CertifyError {
    #[error("the request was refused: {0:?}")]
    Refused(RefusalGround),
    #[error("this step is not allowed now")]
    NotAwaitingCertification,
    #[error("an outside system is unavailable; try again")]
    Unavailable,
    #[error(transparent)]
    Request(#[from] OpenRequestError),
    #[error(transparent)]
    Unexpected(#[from] Unexpected),
}

impl From<crate::ports::StoreError> for CertifyError {
    fn from(e: crate::ports::StoreError) -> Self {
        Self::Unexpected(e.into())
    }
}

async fn refuse(
    ports: &Ports,
    request: &BindingRequest,
    ground: RefusalGround,
) -> Result<CertifyError, CertifyError> {
    let change = StateChange {
        request_id: request.id.clone(),
        from: request.state,
        to: BindingState::Refused(ground),
        at: ports.clock.now(),
    };
    let detail = format!("request={} ground={}", request.id, ground.code());
    let entry = audit::entry(ports, &request.iin, "request_refused", detail);
    ports.requests.change_state(&change, &entry).await?;
    tracing::info!(request = %request.id, ground = ground.code(), "request refused");
    Ok(CertifyError::Refused(ground))
}

/// Verifies the CMS signature over the request's document, runs the checks
/// and binds the number. Returns the new binding.
pub async fn certify(
    ports: &Ports,
    iin: &Iin,
    request_id: &str,
    cms_der: &[u8],
) -> Result<Binding, CertifyError> {
    let request = open_request::load(ports, iin, request_id).await?;
    let Some(nonce) = request
        .sign_nonce
        .clone()
        .filter(|_| request.state == BindingState::AwaitingCertification)
    else {
        return Err(CertifyError::NotAwaitingCertification);
    };
    let now = ports.clock.now();
    let document = document_for(&request, &nonce);
    match ports.signatures.verify(cms_der, &document, now) {
        Ok(signer) if &signer.iin == iin => {}
        Ok(_) | Err(_) => {
            return Err(refuse(ports, &request, RefusalGround::SignatureInvalid).await?)
        }
    }
    let person = ports.identity.person(iin).await.map_err(|e| {
        tracing::error!(error = %e, "identity register unavailable");
        CertifyError::Unavailable
    })?;
    let subscriber = ports
        .operators
        .subscriber(&request.msisdn)
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "operator registry unavailable");
            CertifyError::Unavailable
        })?;
    let consent_given = ports.requests.active_consent(iin).await?.is_some();
    let inputs = CheckInputs {
        applicant: iin,
        identity: person.as_ref().map(|p| p.status),
        consent_given,
        operator_subscriber: subscriber.as_ref().map(|s| &s.iin),
    };
    if let Err(ground) = automatic_checks(&inputs) {
        return Err(refuse(ports, &request, ground).await?);
    }
    let binding = Binding {
        id: uuid::Uuid::new_v4().to_string(),
        iin: iin.clone(),
        msisdn: request.msisdn.clone(),
        operator: subscriber.map(|s| s.operator).unwrap_or_default(),
        channel: request.channel.code().to_owned(),
        bound_at: now,
        ended_at: None,
    };
    let change = StateChange {
        request_id: request.id.clone(),
        from: BindingState::AwaitingCertification,
        to: BindingState::Bound,
        at: now,
    };
    let detail = format!(
        "request={} number={} purpose={}",
        request.id,
        request.msisdn.masked(),
        request.purpose.code()
    );
    let entry = audit::entry(ports, iin, "number_bound", detail);
    if !ports
        .requests
        .complete_binding(&change, &binding, &entry)
        .await?
    {
        return Err(CertifyError::NotAwaitingCertification);
    }
    tracing::info!(request = %request.id, number = %request.msisdn, "number bound");
    Ok(binding)
}
