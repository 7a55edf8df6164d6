//! `POST /api/v1/citizen/certificates`: Rules §6.1, "by issuing new ones".
//! The mobile app sends a certificate request with the citizen's biometric
//! assertion for its sign-in challenge, and gets an authentication
//! certificate, which then signs that challenge (`/citizen/sessions`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::body::ApiJson;
use super::caller::ApiCall;
use super::problem::{Problem, ProblemBody};
use crate::domain::api_client::Scope;
use crate::domain::Iin;
use crate::services::certificates::{issue_in_app, CertificateAsk, CertificateError};
use crate::services::Ports;
use nomir_core::api_problem::ApiProblem;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CertificateRequest {
    /// A sign-in challenge of this app (`/citizen/challenges`), unused; its
    /// id is the biometric assertion's nonce. One certificate per challenge.
    pub challenge_id: String,
    #[schema(example = "900515410001")]
    pub iin: String,
    /// The biometric provider's assertion (compact JWS) for this citizen,
    /// with `nonce` the challenge's id.
    pub biometric_assertion: String,
    /// The certificate request (PKCS#10), DER, base64: the key the app made
    /// for the citizen; its subject is not read (the register names them).
    pub certification_request_base64: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CertificateView {
    /// The authentication (AUTH) certificate, DER, base64.
    pub certificate_base64: String,
}

#[utoipa::path(
    post,
    path = "/api/v1/citizen/certificates",
    tag = "mobile app",
    summary = "Issue the citizen an authentication certificate for the app's key (Rules §6.1)",
    request_body = CertificateRequest,
    responses(
        (status = 201, description = "Issued: sign the challenge with it at `/citizen/sessions`", body = CertificateView),
        (status = 400, description = "Malformed, the challenge unusable (`challenge_unusable`), or the certificate request invalid (`certificate_request_invalid`)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "`biometrics_failed`: the assertion does not authenticate this citizen for this challenge; nothing is issued", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "No account, the register does not confirm the person, or not the mobile app's scope", body = ProblemBody, content_type = "application/problem+json"),
        (status = 503, description = "The register or the certification authority cannot be reached", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn issue(
    State(ports): State<Ports>,
    call: ApiCall,
    ApiJson(body): ApiJson<CertificateRequest>,
) -> Result<(StatusCode, Json<CertificateView>), Problem> {
    if !(call.caller.may(Scope::Bind) || call.caller.may(Scope::Change)) {
        call.require(Scope::Bind)?;
    }
    let lang = call.lang;
    let invalid = |field: &str| Problem::new(ApiProblem::InvalidRequest, lang).field(field);
    let iin = Iin::parse(&body.iin).map_err(|_| invalid("iin"))?;
    let request = base64::engine::general_purpose::STANDARD
        .decode(body.certification_request_base64.trim())
        .map_err(|_| invalid("certification_request_base64"))?;
    let ask = CertificateAsk {
        client: &call.caller.client.id,
        challenge_id: &body.challenge_id,
        iin: &iin,
        assertion: &body.biometric_assertion,
        request: &request,
    };
    let certificate = issue_in_app(&ports, ask).await.map_err(|e| match e {
        CertificateError::ChallengeUnusable => {
            Problem::new(ApiProblem::ChallengeUnusable, lang).field("challenge_id")
        }
        CertificateError::Biometrics(_) => {
            Problem::new(ApiProblem::BiometricsFailed, lang).field("biometric_assertion")
        }
        CertificateError::RequestInvalid(_) => {
            Problem::new(ApiProblem::CertificateRequestInvalid, lang)
                .field("certification_request_base64")
        }
        CertificateError::NotConfirmed => Problem::new(ApiProblem::NotConfirmed, lang),
        CertificateError::NoAccount => Problem::new(ApiProblem::NoAccount, lang),
        CertificateError::Unavailable(_) => Problem::new(ApiProblem::Unavailable, lang),
        CertificateError::Unexpected(e) => Problem::internal(lang, &e),
    })?;
    Ok((
        StatusCode::CREATED,
        Json(CertificateView {
            certificate_base64: base64::engine::general_purpose::STANDARD.encode(certificate),
        }),
    ))
}
