//! The biometric step as both the mobile app's and the banks' doors answer
//! it: an outcome (bound, refused, ended) is shown as the request's state;
//! only what the client can still act on is a problem.

use super::problem::Problem;
use crate::domain::{Channel, Iin};
use crate::services::answers;
use crate::services::biometric_certify::certify_with_biometrics;
use crate::services::certify::CertifyError;
use crate::services::open_request::OpenRequestError;
use crate::services::{request_status, Ports};
use nomir_core::api_problem::ApiProblem;
use nomir_core::i18n::Lang;
use nomir_core::step_error::StepError;

/// Runs the step; `Ok` when the request now shows its outcome.
pub async fn certify(
    ports: &Ports,
    iin: &Iin,
    id: &str,
    assertion: &str,
    channel: Channel,
    lang: Lang,
) -> Result<(), Problem> {
    match certify_with_biometrics(ports, iin, id, assertion.trim(), channel).await {
        Ok(_)
        | Err(CertifyError::Ended(_))
        | Err(CertifyError::Request(OpenRequestError::Expired | OpenRequestError::Ended(_))) => {
            Ok(())
        }
        // Ended already: the outcome shows. Still open: the code comes first.
        Err(CertifyError::NotAwaitingCertification) => {
            // A request this door takes no step of is none of its business.
            match request_status::view_at(ports, iin, id, channel).await {
                Ok(Some(s)) if !s.request.state.is_ended() => {
                    Err(Problem::step(StepError::WrongStep, lang))
                }
                Ok(_) => Ok(()),
                Err(e) => Err(Problem::internal(lang, &e)),
            }
        }
        Err(CertifyError::Request(OpenRequestError::NotFound)) => {
            Err(Problem::step(StepError::RequestNotFound, lang))
        }
        Err(CertifyError::Unavailable) => Err(Problem::new(ApiProblem::Unavailable, lang)),
        Err(CertifyError::SignatureNotAccepted(e)) => {
            Err(Problem::step(answers::retryable_signature(&e), lang))
        }
        Err(CertifyError::Request(OpenRequestError::Unexpected(e)))
        | Err(CertifyError::Unexpected(e)) => Err(Problem::internal(lang, &e)),
    }
}
