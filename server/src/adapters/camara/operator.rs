//! One operator's CAMARA APIs: KYC Match (`POST …/kyc-match/vX/match`)
//! and SIM Swap (`POST …/sim-swap/vX/retrieve-date`), field names as in
//! the published OpenAPI definitions (camaraproject/KnowYourCustomer,
//! camaraproject/SimSwap). Errors come in CAMARA's common shape,
//! `{"status", "code", "message"}`.

use reqwest::{Response, StatusCode};
use serde::Deserialize;
use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use super::super::resilient::{Resilience, Resilient};
use super::oauth::{ClientCredentials, TokenSource};
use crate::domain::{Iin, Msisdn};
use crate::ports::Unavailable;

/// One operator's settings (read by `config`).
#[derive(Debug, Clone)]
pub struct OperatorSettings {
    /// The name bindings record ("Kcell").
    pub name: String,
    /// Its number ranges, as E.164 beginnings ("+7701").
    pub ranges: Vec<String>,
    /// KYC Match's base, its version included (`https://…/kyc-match/v0.3`).
    pub kyc_match_url: url::Url,
    /// SIM Swap's base (`https://…/sim-swap/v1`).
    pub sim_swap_url: url::Url,
    pub credentials: ClientCredentials,
}

pub struct OperatorApi {
    pub name: String,
    http: Resilient,
    tokens: TokenSource,
    match_url: url::Url,
    retrieve_date_url: url::Url,
}

/// `base` + `/` + `operation`.
fn operation(base: &url::Url, name: &str) -> anyhow::Result<url::Url> {
    Ok(url::Url::parse(&format!(
        "{}/{name}",
        base.as_str().trim_end_matches('/')
    ))?)
}

/// What one operator says of a number and an IIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kyc {
    Matches,
    DoesNotMatch,
    /// It has no subscriber with this number (ported away, or unassigned).
    UnknownNumber,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct KycMatchAnswer {
    id_document_match: Option<String>,
}

/// CAMARA's error body; only its code is read.
#[derive(Deserialize, Default)]
struct ErrorInfo {
    #[serde(default)]
    code: String,
}

impl OperatorApi {
    pub fn new(s: OperatorSettings, resilience: &Resilience) -> anyhow::Result<Self> {
        Ok(Self {
            http: Resilient::new("operator registry", &s.name, resilience)?,
            match_url: operation(&s.kyc_match_url, "match")?,
            retrieve_date_url: operation(&s.sim_swap_url, "retrieve-date")?,
            tokens: TokenSource::new(s.credentials),
            name: s.name,
        })
    }

    /// POSTs `body` with a token; a token the API refuses is replaced once.
    async fn call(&self, url: &url::Url, body: &Value) -> Result<Response, Unavailable> {
        for _ in 0..2 {
            let token = self.tokens.token(&self.http).await?;
            let correlator = uuid::Uuid::new_v4().to_string();
            let answer = self
                .http
                .send(|client| {
                    client
                        .post(url.clone())
                        .bearer_auth(&token)
                        .header("x-correlator", &correlator)
                        .json(body)
                })
                .await?;
            if answer.status() != StatusCode::UNAUTHORIZED {
                return Ok(answer);
            }
            self.tokens.forget(&token).await;
        }
        Err(self.http.unavailable("the API refused a fresh token"))
    }

    async fn error_code(answer: Response) -> (StatusCode, String) {
        let status = answer.status();
        let info: ErrorInfo = answer.json().await.unwrap_or_default();
        (status, info.code)
    }

    /// KYC Match on the IIN (`idDocument`). Only a clear `"true"` or
    /// `"false"` (or a document mismatch, as operators that gate on it
    /// answer) is an answer, and `IDENTIFIER_NOT_FOUND`: no such
    /// subscriber here; `"not_available"`, a missing field or any other
    /// error is "cannot check now", never a refusal.
    pub async fn kyc_match(&self, msisdn: &Msisdn, iin: &Iin) -> Result<Kyc, Unavailable> {
        let body = json!({ "phoneNumber": msisdn.as_str(), "idDocument": iin.as_str() });
        let answer = self.call(&self.match_url, &body).await?;
        if answer.status().is_success() {
            let read: KycMatchAnswer = answer
                .json()
                .await
                .map_err(|e| self.http.unavailable(format!("KYC Match answer: {e}")))?;
            return match read.id_document_match.as_deref() {
                Some("true") => Ok(Kyc::Matches),
                Some("false") => Ok(Kyc::DoesNotMatch),
                other => Err(self
                    .http
                    .unavailable(format!("KYC Match could not compare the IIN: {other:?}"))),
            };
        }
        match Self::error_code(answer).await {
            (StatusCode::NOT_FOUND, code) if code == "IDENTIFIER_NOT_FOUND" => {
                Ok(Kyc::UnknownNumber)
            }
            // Operators that gate on the document answer a mismatch so.
            (StatusCode::FORBIDDEN, code) if code == "KNOW_YOUR_CUSTOMER.ID_DOCUMENT_MISMATCH" => {
                Ok(Kyc::DoesNotMatch)
            }
            (status, code) => Err(self
                .http
                .unavailable(format!("KYC Match answered {status} {code}"))),
        }
    }

    /// SIM Swap's date of the latest SIM change (`null`: none known).
    pub async fn latest_sim_change(
        &self,
        msisdn: &Msisdn,
    ) -> Result<Option<OffsetDateTime>, Unavailable> {
        let body = json!({ "phoneNumber": msisdn.as_str() });
        let answer = self.call(&self.retrieve_date_url, &body).await?;
        if !answer.status().is_success() {
            let (status, code) = Self::error_code(answer).await;
            return Err(self
                .http
                .unavailable(format!("SIM Swap answered {status} {code}")));
        }
        let read: Value = answer
            .json()
            .await
            .map_err(|e| self.http.unavailable(format!("SIM Swap answer: {e}")))?;
        // `latestSimChange` is required and nullable: `null` is "no change
        // known"; a missing field is no answer (the rule never fails open).
        match read.get("latestSimChange") {
            Some(Value::Null) => Ok(None),
            Some(Value::String(t)) => OffsetDateTime::parse(t, &Rfc3339)
                .map(Some)
                .map_err(|e| self.http.unavailable(format!("SIM Swap date {t:?}: {e}"))),
            _ => Err(self
                .http
                .unavailable("SIM Swap answer without latestSimChange")),
        }
    }
}
