//! The SMS gateway of an aggregator that takes messages as JSON over HTTPS.
//!
//! The contract (README, "SMS gateways"): `POST <NOMIR_SMS_HTTP_URL>` with
//! `Authorization: Bearer <NOMIR_SMS_HTTP_KEY>`, `Idempotency-Key: <id>` and
//! the body `{"id", "to", "sender", "text"}` (`to` in E.164, the text in
//! UTF-8: the aggregator encodes Kazakh and Russian as UCS-2 and splits long
//! texts). A 2xx answer is accepted; a 5xx, a time-out or a broken
//! connection is tried again with the same id (so the gateway can drop a
//! repeat and no second code reaches the phone), up to the configured
//! attempts; any other answer is final. Each message sent is then written
//! to the journal (the outbox table, digits masked) for the operators.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use reqwest::StatusCode;

use crate::config::HttpSmsSettings;
use crate::domain::sms::Sms;
use crate::domain::Msisdn;
use crate::ports::{SmsGateway, Unavailable};

const SYSTEM: &str = "SMS gateway";

pub struct HttpSms {
    client: reqwest::Client,
    settings: HttpSmsSettings,
    /// Where a message is recorded once the gateway took it.
    journal: Arc<dyn SmsGateway>,
}

impl HttpSms {
    pub fn new(settings: HttpSmsSettings, journal: Arc<dyn SmsGateway>) -> anyhow::Result<Self> {
        let client = reqwest::Client::builder()
            .timeout(settings.timeout)
            .connect_timeout(settings.timeout)
            .build()?;
        Ok(Self {
            client,
            settings,
            journal,
        })
    }

    /// One attempt: `Ok(true)` taken, `Ok(false)` worth another try, `Err` final.
    async fn attempt(&self, id: &str, body: &serde_json::Value) -> Result<bool, Unavailable> {
        let sent = self
            .client
            .post(self.settings.url.clone())
            .bearer_auth(self.settings.key.expose())
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
            Ok(r) => Err(Unavailable {
                system: SYSTEM,
                reason: format!("the gateway refused the message: {}", r.status()),
            }),
            Err(e) => {
                tracing::warn!(error = %e, "SMS gateway: no answer, trying again");
                Ok(false)
            }
        }
    }
}

#[async_trait]
impl SmsGateway for HttpSms {
    async fn send(&self, to: &Msisdn, message: &Sms) -> Result<(), Unavailable> {
        let id = uuid::Uuid::now_v7().to_string();
        let body = serde_json::json!({
            "id": id,
            "to": to.as_str(),
            "sender": self.settings.sender,
            "text": message.text(),
        });
        let mut pause = Duration::from_millis(200);
        for attempt in 1..=self.settings.attempts {
            if self.attempt(&id, &body).await? {
                return self.journal.send(to, message).await;
            }
            if attempt < self.settings.attempts {
                tokio::time::sleep(pause).await;
                pause *= 2;
            }
        }
        Err(Unavailable {
            system: SYSTEM,
            reason: format!("no answer after {} attempts", self.settings.attempts),
        })
    }
}
