//! The identity register behind the e-government gateway, over HTTP.
//!
//! The contract (docs/identity-register.md): `GET <base>/persons/<IIN>`
//! with `Authorization: Bearer <key>` and an `x-correlator` header;
//! `200` with `{"iin", "nameCyrillic", "nameLatin", "status",
//! "statusSince"}` (`status`: `valid`, `document_expired` or `deceased`;
//! `statusSince` an ISO 8601 date or `null`); `404` with
//! `{"code": "PERSON_NOT_FOUND"}` when the register holds no such person
//! (a bare 404, as from a wrong address, is not taken for it: that would
//! refuse a citizen on a misconfiguration). Anything else is "cannot check now": the step
//! ends with a message to try again, never with a refusal.

use async_trait::async_trait;
use reqwest::StatusCode;
use serde::Deserialize;

use super::resilient::{Resilience, Resilient};
use crate::domain::{IdentityStatus, Iin};
use crate::ports::{IdentityRecord, IdentityRegister, Unavailable};

/// The register's settings (read by `config`).
#[derive(Clone)]
pub struct IdentityHttpSettings {
    pub base: url::Url,
    /// The gateway's key; never printed.
    pub key: String,
    pub resilience: Resilience,
}

impl std::fmt::Debug for IdentityHttpSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdentityHttpSettings")
            .field("base", &self.base.as_str())
            .field("key", &"redacted")
            .field("resilience", &self.resilience)
            .finish()
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Person {
    iin: String,
    name_cyrillic: String,
    name_latin: String,
    status: String,
    status_since: Option<String>,
}

#[derive(Deserialize, Default)]
struct NotFound {
    #[serde(default)]
    code: String,
}

pub struct HttpIdentityRegister {
    http: Resilient,
    settings: IdentityHttpSettings,
}

impl HttpIdentityRegister {
    pub fn new(settings: IdentityHttpSettings) -> anyhow::Result<Self> {
        Ok(Self {
            http: Resilient::new(
                "identity register",
                settings.base.as_str(),
                &settings.resilience,
            )?,
            settings,
        })
    }

    fn read(&self, asked: &Iin, p: Person) -> Result<IdentityRecord, Unavailable> {
        if p.iin != asked.as_str() {
            return Err(self.http.unavailable("it answered about another IIN"));
        }
        let status = IdentityStatus::from_code(&p.status).ok_or_else(|| {
            self.http
                .unavailable(format!("unknown status {:?}", p.status))
        })?;
        Ok(IdentityRecord {
            iin: asked.clone(),
            name_cyrillic: p.name_cyrillic,
            name_latin: p.name_latin,
            status,
            status_since: p.status_since,
        })
    }
}

#[async_trait]
impl IdentityRegister for HttpIdentityRegister {
    async fn person(&self, iin: &Iin) -> Result<Option<IdentityRecord>, Unavailable> {
        let url = format!(
            "{}/persons/{}",
            self.settings.base.as_str().trim_end_matches('/'),
            iin.as_str()
        );
        let correlator = uuid::Uuid::new_v4().to_string();
        let answer = self
            .http
            .send(|client| {
                client
                    .get(&url)
                    .bearer_auth(&self.settings.key)
                    .header("x-correlator", &correlator)
            })
            .await?;
        match answer.status() {
            StatusCode::OK => {
                let person: Person = answer
                    .json()
                    .await
                    .map_err(|e| self.http.unavailable(format!("its answer: {e}")))?;
                self.read(iin, person).map(Some)
            }
            StatusCode::NOT_FOUND => {
                let said: NotFound = answer.json().await.unwrap_or_default();
                if said.code == "PERSON_NOT_FOUND" {
                    Ok(None)
                } else {
                    Err(self
                        .http
                        .unavailable("answered 404 without PERSON_NOT_FOUND"))
                }
            }
            other => Err(self.http.unavailable(format!("answered {other}"))),
        }
    }
}
