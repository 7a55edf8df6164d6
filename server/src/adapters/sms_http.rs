//! The SMS gateway of an aggregator that takes messages as JSON over HTTPS.
//!
//! The contract (README, "SMS gateways"): `POST <NOMIR_SMS_HTTP_URL>` with
//! `Authorization: Bearer <NOMIR_SMS_HTTP_KEY>`, `Idempotency-Key: <id>` and
//! the body `{"id", "to", "sender", "text"}` (`to` in E.164, the text in
//! UTF-8: the aggregator encodes Kazakh and Russian as UCS-2 and splits long
//! texts). A 2xx answer is accepted; a 5xx, a time-out or a broken
//! connection is tried again with the same id (so the gateway can drop a
//! repeat and no second code reaches the phone), up to the configured
//! attempts, and after them by the outbox, later; any other answer is final.

use std::time::Duration;

use async_trait::async_trait;
use reqwest::StatusCode;

use crate::domain::Msisdn;
use crate::ports::{SendFailure, SmsGateway};

/// The gateway's settings (read by `config`).
#[derive(Clone)]
pub struct HttpSmsSettings {
    pub url: url::Url,
    /// The API key; never printed.
    pub key: String,
    /// The sender name the phone shows.
    pub sender: String,
    /// Each attempt's time limit.
    pub timeout: Duration,
    /// Attempts per call (a 5xx or no answer is tried again).
    pub attempts: u32,
}

impl HttpSmsSettings {
    /// The longest one call can take: every attempt's time limit and the
    /// pauses between them.
    pub fn longest_call(&self) -> Duration {
        let pauses: Duration = (1..self.attempts)
            .map(|i| Duration::from_millis(200) * 2u32.pow(i - 1))
            .sum();
        self.timeout * self.attempts + pauses
    }
}

impl std::fmt::Debug for HttpSmsSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpSmsSettings")
            .field("url", &self.url.as_str())
            .field("key", &"redacted")
            .field("sender", &self.sender)
            .field("timeout", &self.timeout)
            .field("attempts", &self.attempts)
            .finish()
    }
}

pub struct HttpSms {
    client: reqwest::Client,
    settings: HttpSmsSettings,
}

impl HttpSms {
    pub fn new(settings: HttpSmsSettings) -> anyhow::Result<Self> {
        let client = reqwest::Client::builder()
            .timeout(settings.timeout)
            .connect_timeout(settings.timeout)
            .build()?;
        Ok(Self { client, settings })
    }

    /// One attempt: `Ok(true)` taken, `Ok(false)` worth another try, `Err` final.
    async fn attempt(&self, id: &str, body: &serde_json::Value) -> Result<bool, SendFailure> {
        let sent = self
            .client
            .post(self.settings.url.clone())
            .bearer_auth(&self.settings.key)
            .header("Idempotency-Key", id)
            .json(body)
            .send()
            .await;
        match sent {
            Ok(r) if r.status().is_success() => Ok(true),
            Ok(r)
                if r.status().is_server_error() || r.status() == StatusCode::TOO_MANY_REQUESTS =>
            {
                tracing::warn!(status = %r.status(), "SMS gateway: a passing failure, trying again");
                Ok(false)
            }
            Ok(r) => Err(SendFailure::Final(format!("answered {}", r.status()))),
            Err(e) => {
                tracing::warn!(error = %e, "SMS gateway: no answer, trying again");
                Ok(false)
            }
        }
    }
}

#[async_trait]
impl SmsGateway for HttpSms {
    async fn send(&self, id: &str, to: &Msisdn, text: &str) -> Result<Vec<String>, SendFailure> {
        let body = serde_json::json!({
            "id": id,
            "to": to.as_str(),
            "sender": self.settings.sender,
            "text": text,
        });
        let mut pause = Duration::from_millis(200);
        for attempt in 1..=self.settings.attempts {
            if self.attempt(id, &body).await? {
                return Ok(Vec::new());
            }
            if attempt < self.settings.attempts {
                tokio::time::sleep(pause).await;
                pause *= 2;
            }
        }
        Err(SendFailure::Passing(format!(
            "no answer after {} attempts",
            self.settings.attempts
        )))
    }
}
