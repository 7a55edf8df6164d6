//! The result document of a finished request (appendix row 5): the bound
//! number, the reasoned refusal with its row 9 ground and legal basis, or
//! "not performed" with its reason, as a sealed PDF issued in the service
//! provider's name; and its check.
//!
//! Issued only to the request's own citizen, and only once the request has
//! a result: bound, refused, not performed, or expired (not performed on
//! the term). A
//! withdrawn request has none of its own (the citizen went on with a newer
//! one, whose result is the one that counts), and an open one none yet.

use nomir_core::end_reason::EndReason;
use nomir_core::i18n::Lang;

use super::uses::{
    UsesAccounts, UsesApiClients, UsesAudit, UsesBindings, UsesClock, UsesFloods, UsesMaintenance,
    UsesOutbox, UsesRequests, UsesSignatures,
};
use super::{request_status, Unexpected};
use crate::documents::seal::Upload;
use crate::documents::{pdf, Checked, Outcome, Provider, ResultDocument, SealError, Sealer};
use crate::domain::audit::AuditAction;
use crate::domain::{BindingState, Iin};
use crate::ports::BindingRequest;

/// Documents drawn and sealed at once, in each instance.
const SEALING_PLACES: usize = 4;
static SEALING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(SEALING_PLACES);

/// Why no document was issued.
#[derive(Debug, thiserror::Error)]
pub enum IssueError {
    /// This citizen asked for too many in a minute: wait this many seconds.
    #[error("too many documents asked for; wait {0} s")]
    TooMany(u64),
    #[error(transparent)]
    Unexpected(#[from] Unexpected),
}

/// What issuing a document reads and writes.
pub trait IssuePorts:
    UsesAccounts
    + UsesApiClients
    + UsesBindings
    + UsesAudit
    + UsesRequests
    + UsesMaintenance
    + UsesOutbox
    + UsesClock
{
}

impl<P> IssuePorts for P where
    P: UsesAccounts
        + UsesApiClients
        + UsesBindings
        + UsesAudit
        + UsesRequests
        + UsesMaintenance
        + UsesOutbox
        + UsesClock
{
}

/// The sealed PDF of `iin`'s finished request `request_id` in `lang`, or
/// `None` if there is no such request of this citizen or it has no result.
/// A citizen's documents are counted first (a cheap limit before the
/// drawing and the RSA seal), so no one account keeps the sealing busy.
pub async fn issue(
    ports: &(impl IssuePorts + UsesFloods),
    sealer: &Sealer,
    iin: &Iin,
    request_id: &str,
    lang: Lang,
) -> Result<Option<Vec<u8>>, IssueError> {
    ports
        .floods()
        .document(iin.as_str(), ports.clock().now())
        .map_err(|wait| IssueError::TooMany(wait.seconds()))?;
    Ok(issue_counted(ports, sealer, iin, request_id, lang).await?)
}

async fn issue_counted(
    ports: &impl IssuePorts,
    sealer: &Sealer,
    iin: &Iin,
    request_id: &str,
    lang: Lang,
) -> Result<Option<Vec<u8>>, Unexpected> {
    // Also ends the request first if its term has passed unnoticed.
    let Some(status) = request_status::view(ports, iin, request_id).await? else {
        return Ok(None);
    };
    let term_ended = status.term_ends_at;
    let request = status.request;
    let Some(outcome) = outcome(ports, &request).await? else {
        return Ok(None);
    };
    let account = ports
        .accounts()
        .account(iin)
        .await?
        .ok_or_else(|| anyhow::anyhow!("request {} has no account", request.id))?;
    let client_name = match &request.client_id {
        Some(id) => ports.api_clients().client(id).await?.map(|c| c.name),
        None => None,
    };
    let now = ports.clock().now();
    let doc = ResultDocument {
        request_id: request.id.clone(),
        citizen_name: match lang {
            Lang::En => account.name_latin,
            Lang::Kk | Lang::Ru => account.name_cyrillic,
        },
        iin: iin.as_str().to_owned(),
        purpose: request.purpose,
        channel: request.channel,
        client_name,
        started_at: request.started_at,
        // An expired request ended when its term did (lengthened by any
        // maintenance break within it), whenever that was noticed.
        finished_at: match request.state {
            BindingState::Expired => term_ended,
            _ => request.updated_at,
        },
        outcome,
        // To the second, as printed and sealed.
        issued_at: now.replace_nanosecond(0).unwrap_or(now),
        lang,
    };
    let outcome = doc.outcome.code();
    let sealed = draw_and_seal(sealer, doc).await?;
    tracing::info!(request = %request.id, outcome, "result document issued");
    let detail = format!("request={} outcome={outcome}", request.id);
    ports
        .audit()
        .append(&super::audit::entry(
            ports,
            iin,
            AuditAction::ResultDocumentIssued,
            detail,
        ))
        .await?;
    Ok(Some(sealed))
}

/// `doc` drawn and sealed. Drawing and signing (RSA) are milliseconds of
/// CPU each: on a blocking thread, never on an async worker, and a few at
/// a time (the rest wait for a place), so a burst cannot take every
/// blocking thread. The place goes with the work: a caller that gives up
/// waiting (the citizen left) does not free it before the work is done.
async fn draw_and_seal(sealer: &Sealer, doc: ResultDocument) -> anyhow::Result<Vec<u8>> {
    let place = SEALING.acquire().await?;
    let sealer = sealer.clone();
    tokio::task::spawn_blocking(move || {
        let _place = place;
        Ok(sealer.seal(pdf::render(&doc)?)?)
    })
    .await?
}

/// How the request ended, if it has a result.
async fn outcome(
    ports: &impl UsesBindings,
    request: &BindingRequest,
) -> Result<Option<Outcome>, Unexpected> {
    Ok(match request.state {
        BindingState::Bound => {
            // The binding this request made: bound at the moment it ended.
            let history = ports.bindings().binding_history(&request.iin).await?;
            let binding = history
                .iter()
                .find(|b| b.msisdn == request.msisdn && b.bound_at == request.updated_at)
                .or_else(|| history.iter().find(|b| b.msisdn == request.msisdn))
                .ok_or_else(|| anyhow::anyhow!("bound request {} has no binding", request.id))?;
            Some(Outcome::Bound {
                number: request.msisdn.display(),
                operator: binding.operator.clone(),
            })
        }
        BindingState::Ended(reason) => Some(Outcome::Ended { reason }),
        BindingState::Expired => Some(Outcome::Ended {
            reason: EndReason::TermExpired,
        }),
        BindingState::Withdrawn
        | BindingState::AwaitingCode
        | BindingState::AwaitingCertification
        | BindingState::AwaitingSignature => None,
    })
}

/// Checks an upload's seal, in the buffer it was read into: the
/// provider's signature, by the verifier of citizens' signatures (off the
/// async workers, bounded) at the service's time. Without a configured
/// seal certificate configured nothing can be decided: it cannot be
/// checked now (the start-up log says why).
pub async fn check_upload(
    ports: &(impl UsesSignatures + UsesClock),
    file: Upload,
    provider: Option<&Provider>,
) -> Result<Checked, SealError> {
    let Some(provider) = provider else {
        return Err(SealError::CannotCheckNow(
            "no seal certificate is configured".into(),
        ));
    };
    let now = ports.clock().now();
    file.verify(ports.signatures().as_ref(), provider, now)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With every place taken, one more document waits (for many times
    /// what sealing one takes); it is sealed as soon as a place is free.
    #[tokio::test]
    async fn sealing_waits_for_a_place() {
        let sealer = Sealer::from_pem(
            include_str!("../../demo-pki/provider-seal.key.pem"),
            include_str!("../../demo-pki/provider-seal.pem"),
            "the demo provider's seal",
        )
        .expect("the demo seal");
        let started = std::time::Instant::now();
        draw_and_seal(&sealer, ResultDocument::sample())
            .await
            .expect("sealed");
        let one = started.elapsed();
        let taken = SEALING
            .acquire_many(SEALING_PLACES as u32)
            .await
            .expect("the places");
        let fifth = {
            let sealer = sealer.clone();
            tokio::spawn(async move { draw_and_seal(&sealer, ResultDocument::sample()).await })
        };
        tokio::time::sleep(5 * one + std::time::Duration::from_millis(100)).await;
        assert!(!fifth.is_finished(), "sealed with every place taken");
        drop(taken);
        let sealed = fifth.await.expect("joined").expect("sealed");
        assert!(sealed.starts_with(b"%PDF-"));
    }
}
