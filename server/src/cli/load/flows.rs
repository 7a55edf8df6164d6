//! One complete binding through each channel, as its client makes it: the
//! e-government app and a bank through the JSON API here, the portal in
//! `portal.rs`. Each step is timed;
//! the binding's own time runs from asking for the code to the number
//! bound (the citizen's sign-in, done once each, is a step apart).

use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context};
use base64::Engine as _;
use reqwest::{Client, Response};
use serde_json::{json, Value};

use super::stats::Record;
use super::Keys;
use crate::demo::population::Person;

/// Which client a binding goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Portal,
    App,
    Bank,
}

impl Channel {
    pub fn name(self) -> &'static str {
        match self {
            Channel::Portal => "portal",
            Channel::App => "app",
            Channel::Bank => "bank",
        }
    }
}

/// How long the SMS may take to arrive on the demo phone.
const SMS_WAIT: Duration = Duration::from_secs(15);

/// The address a person's requests come from, as a proxy in front of
/// the service would say it (`X-Forwarded-For`): each person their own,
/// so the limits kept per source address see many citizens, as they would
/// in production, when the server trusts this machine as its proxy
/// (`NOMIR_TRUSTED_PROXY=127.0.0.1`).
fn source_of(person: &Person) -> String {
    let i = person.index;
    format!("10.{}.{}.{}", (i >> 16) & 255, (i >> 8) & 255, i & 255)
}

/// What one worker holds across its bindings.
pub struct Worker<'a> {
    pub http: Client,
    pub base: &'a str,
    pub keys: &'a Keys,
    /// The app's and the bank's bearer tokens, asked once per run.
    pub tokens: &'a Tokens,
    /// The address the current person's requests come from.
    pub source: String,
}

/// The bearer tokens of the load run's two clients (one each for the run,
/// as a bank's back end keeps one for all its customers).
pub struct Tokens {
    pub app: String,
    pub bank: String,
}

impl Tokens {
    pub async fn ask(http: &Client, base: &str) -> anyhow::Result<Self> {
        let token = |client: &'static str| async move {
            let r = http
                .post(format!("{base}/api/v1/token"))
                .basic_auth(client, Some(format!("{client}-secret")))
                .form(&[("grant_type", "client_credentials")])
                .send()
                .await?;
            let body = json_of(r)
                .await
                .with_context(|| format!("{client}'s token"))?;
            text(&body["access_token"])
        };
        Ok(Self {
            app: token("load-mobile-app").await?,
            bank: token("load-bank").await?,
        })
    }
}

/// A failed step: which, and why, as the run's error kinds count it.
pub struct Failed {
    pub kind: String,
}

fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::STANDARD
}

impl Worker<'_> {
    pub(super) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Runs one binding of `person` through `channel`, timing its steps
    /// into `record`; the binding's whole time when it ends bound.
    pub async fn bind(
        &mut self,
        channel: Channel,
        person: &Person,
        record: &mut Record,
    ) -> Result<Duration, Failed> {
        self.source = source_of(person);
        let mut step = Steps {
            record,
            channel: channel.name(),
            current: "",
        };
        let outcome = match channel {
            Channel::Portal => self.portal(person, &mut step).await,
            Channel::App => self.app(person, &mut step).await,
            Channel::Bank => self.bank(person, &mut step).await,
        };
        outcome.map_err(|e| Failed {
            kind: format!("{}.{}: {e}", channel.name(), step.current),
        })
    }

    /// The newest code on the demo phone for `person`'s number, asked
    /// until it comes (through the outbox and the SMS gateway): every 10 ms
    /// for a second, as the wait is timed as a step, then twice as long
    /// after each miss up to a quarter of a second, so a message left to
    /// the outbox's worker does not turn into a hundred questions a second.
    pub(super) async fn sms_code(&self, person: &Person) -> anyhow::Result<String> {
        let started = Instant::now();
        let mut pause = Duration::from_millis(10);
        loop {
            let r = self
                .http
                .get(self.url("/demo/phone/newest"))
                .query(&[("number", person.msisdn.as_str())])
                .send()
                .await?;
            if r.status().is_success() {
                let body: Value = r.json().await?;
                let text = body["text"].as_str().unwrap_or_default();
                if let Some(code) = six_digits(text) {
                    return Ok(code);
                }
            } else if r.status() != reqwest::StatusCode::NOT_FOUND {
                bail!("{}", r.status().as_u16());
            }
            if started.elapsed() > SMS_WAIT {
                bail!("no SMS");
            }
            tokio::time::sleep(pause).await;
            if started.elapsed() > Duration::from_secs(1) {
                pause = (pause * 2).min(Duration::from_millis(250));
            }
        }
    }

    async fn bank(&mut self, person: &Person, step: &mut Steps<'_>) -> anyhow::Result<Duration> {
        let token = self.tokens.bank.clone();
        let until = time::OffsetDateTime::now_utc() + time::Duration::days(90);
        let until = until.format(&time::format_description::well_known::Rfc3339)?;
        let binding = Instant::now();
        let api = |path: &str, body: Value| {
            self.http
                .post(self.url(path))
                .header("x-forwarded-for", &self.source)
                .bearer_auth(&token)
                .json(&body)
                .send()
        };
        let t = step.begin("ask");
        let asked = json_of(
            api(
                "/api/v1/bank/binding-requests",
                json!({"iin": person.iin.as_str(), "number": person.msisdn.as_str(), "consent": true,
                       "permission": {"documents": "identity-card", "expires_at": until}}),
            )
            .await?,
        )
        .await?;
        step.end(t);
        let id = text(&asked["request"]["id"])?;
        let t = step.begin("sms");
        let code = self.sms_code(person).await?;
        step.end(t);
        let t = step.begin("code");
        let path = format!("/api/v1/bank/binding-requests/{id}/code");
        let coded = json_of(api(&path, json!({ "code": code })).await?).await?;
        step.end(t);
        let nonce = text(&coded["request"]["biometric_nonce"])?;
        let t = step.begin("biometrics");
        let path = format!("/api/v1/bank/binding-requests/{id}/biometrics");
        let assertion = assertion(person, &nonce)?;
        let done = json_of(api(&path, json!({ "assertion": assertion })).await?).await?;
        step.end(t);
        expect_bound(&done["request"]["state"])?;
        Ok(binding.elapsed())
    }

    async fn app(&mut self, person: &Person, step: &mut Steps<'_>) -> anyhow::Result<Duration> {
        let token = self.tokens.app.clone();
        let t = step.begin("sign_in");
        let challenge = json_of(
            self.http
                .post(self.url("/api/v1/citizen/challenges"))
                .header("x-forwarded-for", &self.source)
                .bearer_auth(&token)
                .send()
                .await?,
        )
        .await?;
        let signed = self
            .keys
            .sign(person, false, &text(&challenge["challenge_base64"])?)?;
        let session = json_of(
            self.http
                .post(self.url("/api/v1/citizen/sessions"))
                .header("x-forwarded-for", &self.source)
                .bearer_auth(&token)
                .json(&json!({"challenge_id": text(&challenge["challenge_id"])?, "cms_base64": signed}))
                .send()
                .await?,
        )
        .await?;
        step.end(t);
        let citizen = text(&session["citizen_token"])?;
        let api = |path: &str, body: Value| {
            self.http
                .post(self.url(path))
                .header("x-forwarded-for", &self.source)
                .bearer_auth(&token)
                .header("x-citizen-token", &citizen)
                .json(&body)
                .send()
        };
        let binding = Instant::now();
        let t = step.begin("ask");
        let asked = json_of(
            api(
                "/api/v1/citizen/binding-requests",
                json!({"number": person.msisdn.as_str(), "consent": true}),
            )
            .await?,
        )
        .await?;
        step.end(t);
        let id = text(&asked["id"])?;
        let t = step.begin("sms");
        let code = self.sms_code(person).await?;
        step.end(t);
        let t = step.begin("code");
        let path = format!("/api/v1/citizen/binding-requests/{id}/code");
        let coded = json_of(api(&path, json!({ "code": code })).await?).await?;
        step.end(t);
        let nonce = text(&coded["biometric_nonce"])?;
        let t = step.begin("biometrics");
        let path = format!("/api/v1/citizen/binding-requests/{id}/biometrics");
        let assertion = assertion(person, &nonce)?;
        let done = json_of(api(&path, json!({ "assertion": assertion })).await?).await?;
        step.end(t);
        expect_bound(&done["state"])?;
        Ok(binding.elapsed())
    }
}

/// Times steps into the record; `current` names the step a failure is in.
pub(super) struct Steps<'r> {
    record: &'r mut Record,
    channel: &'static str,
    current: &'static str,
}

impl Steps<'_> {
    pub(super) fn begin(&mut self, name: &'static str) -> (&'static str, Instant) {
        self.current = name;
        (name, Instant::now())
    }

    pub(super) fn end(&mut self, (name, started): (&'static str, Instant)) {
        self.record
            .step(format!("{}.{name}", self.channel), started.elapsed());
    }
}

pub(super) async fn json_of(r: Response) -> anyhow::Result<Value> {
    let status = r.status();
    if !(status.is_success() || status.is_redirection()) {
        let body = r.text().await.unwrap_or_default();
        // The API's problem names its error; a server function's error is
        // its serialized value.
        let kind = match serde_json::from_str::<Value>(&body) {
            Ok(v) => v["error"]
                .as_str()
                .map_or_else(|| v.to_string(), str::to_owned),
            Err(_) => String::new(),
        };
        let kind: String = kind.chars().take(80).collect();
        bail!("{} {kind}", status.as_u16());
    }
    let bytes = r.bytes().await?;
    if bytes.is_empty() {
        return Ok(Value::Null);
    }
    serde_json::from_slice(&bytes).context("not JSON")
}

pub(super) fn text(v: &Value) -> anyhow::Result<String> {
    v.as_str()
        .map(str::to_owned)
        .ok_or_else(|| anyhow!("answer without a field"))
}

fn expect_bound(state: &Value) -> anyhow::Result<()> {
    match state.as_str() {
        Some("bound") => Ok(()),
        other => bail!("ended {}", other.unwrap_or("?")),
    }
}

/// The first field `key` anywhere in `v`, as text.
pub(super) fn find(v: &Value, key: &str) -> Option<String> {
    match v {
        Value::Object(map) => map
            .get(key)
            .and_then(|x| x.as_str().map(str::to_owned))
            .or_else(|| map.values().find_map(|x| find(x, key))),
        Value::Array(list) => list.iter().find_map(|x| find(x, key)),
        _ => None,
    }
}

fn six_digits(text: &str) -> Option<String> {
    text.split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 6)
        .map(str::to_owned)
}

/// The demo biometric provider's assertion for `person` and `nonce`.
fn assertion(person: &Person, nonce: &str) -> anyhow::Result<String> {
    let iat = time::OffsetDateTime::now_utc().unix_timestamp();
    crate::demo::biometrics::assertion(&crate::adapters::biometrics::Claims {
        sub: person.iin.as_str().to_owned(),
        nonce: nonce.to_owned(),
        liveness: true,
        score: 0.95,
        iat,
        exp: iat + 120,
    })
}

pub(super) fn decode(b64_text: &str) -> anyhow::Result<Vec<u8>> {
    b64().decode(b64_text).context("not base64")
}

pub(super) fn encode(bytes: &[u8]) -> String {
    b64().encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_is_read_out_of_the_message() {
        assert_eq!(
            six_digits("Nomir: код 229415. Ешкімге айтпаңыз. +7 778 000 00 01").as_deref(),
            Some("229415")
        );
        assert_eq!(six_digits("no code"), None);
        let v = json!({"step": {"Sign": {"document_base64": "QUJD"}}});
        assert_eq!(find(&v, "document_base64").as_deref(), Some("QUJD"));
    }
}
