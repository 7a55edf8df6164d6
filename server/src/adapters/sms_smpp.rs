//! SMPP 3.4 to an SMSC (an operator's or an aggregator's), on the `rusmpp`
//! crates: one transceiver session, bound at start and kept bound (the
//! client sends enquire_link every 30 s; a lost session is bound again
//! after 1, 2, 4 … 30 s). Texts go as UCS-2 (Kazakh and Russian letters),
//! long ones concatenated in parts of 66 characters with a UDH (a 16-bit
//! reference derived from the message's id, so a retry's parts never mix
//! with an earlier try's); each part
//! asks for a delivery receipt, and the receipts (`deliver_sm`) are
//! recorded against the parts the SMSC named.
//!
//! SMPP has no idempotency key: a message the SMSC took whose taking was
//! not recorded (the answer lost, the instance killed, the database gone
//! before `sms_sent`) is tried again by the outbox and may reach the phone
//! twice. Each send ends within `longest_call`, inside the outbox's lease,
//! so a slow SMSC alone does not cause it. The HTTP gateway, with its
//! `Idempotency-Key`, does not have this gap.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use futures::StreamExt;
use rusmpp::extra::concatenation::SubmitSmMultipartExt;
use rusmpp::pdus::{BindTransceiver, DeliverSmResp, SubmitSm};
use rusmpp::tlvs::TlvValue;
use rusmpp::types::COctetString;
use rusmpp::values::{EsmClass, InterfaceVersion, Npi, RegisteredDelivery, Ton};
use rusmpp::{CommandStatus, Pdu};
use rusmppc::error::Error;
use rusmppc::{Client, ConnectionBuilder, Event};
use tokio::sync::watch;

use crate::domain::Msisdn;
use crate::ports::{OutboxStore, SendFailure, SmsGateway};

/// The SMSC and the account on it (read by `config`).
#[derive(Clone)]
pub struct SmppSettings {
    /// host:port
    pub addr: String,
    pub system_id: String,
    /// Never printed.
    pub password: String,
    pub system_type: String,
    /// The sender name phones show (alphanumeric).
    pub sender: String,
    /// How long an answer to a command may take.
    pub timeout: Duration,
}

impl std::fmt::Debug for SmppSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmppSettings")
            .field("addr", &self.addr)
            .field("system_id", &self.system_id)
            .field("password", &"redacted")
            .field("system_type", &self.system_type)
            .field("sender", &self.sender)
            .field("timeout", &self.timeout)
            .finish()
    }
}

pub struct SmppGateway {
    settings: SmppSettings,
    /// The bound session's client; `None` while (re)binding.
    session: watch::Receiver<Option<Client>>,
}

/// The most parts a message of the service takes (the longest, the notice
/// to an unbound number, is five in UCS-2).
const MOST_PARTS: u32 = 5;

impl SmppSettings {
    /// The longest a send may take: the wait for a bind, and each part.
    pub fn longest_call(&self) -> Duration {
        self.timeout * (MOST_PARTS + 1)
    }
}

impl SmppGateway {
    /// Starts the session task and answers at once; `send` waits a moment
    /// for the first bind. Receipts are recorded in `receipts`.
    pub fn start(settings: SmppSettings, receipts: Arc<dyn OutboxStore>) -> Arc<Self> {
        let (tx, rx) = watch::channel(None);
        tokio::spawn(keep_bound(settings.clone(), tx, receipts));
        Arc::new(Self {
            settings,
            session: rx,
        })
    }

    /// The bound client, waiting up to the time limit for a bind.
    async fn client(&self) -> Option<Client> {
        let mut rx = self.session.clone();
        let found = tokio::time::timeout(self.settings.timeout, async {
            rx.wait_for(|c| c.as_ref().is_some_and(Client::is_active))
                .await
                .ok()
                .and_then(|c| c.clone())
        })
        .await;
        found.ok().flatten()
    }
}

fn field<const N: usize>(name: &str, value: &str) -> Result<COctetString<1, N>, SendFailure> {
    COctetString::from_str(value).map_err(|e| SendFailure::Final(format!("{name} {value:?}: {e}")))
}

/// A refusal that never passes (the message itself is wrong), or one
/// that may (the SMSC busy, throttling, a session it forgot, anything else).
fn failure(e: Error) -> SendFailure {
    match e {
        Error::UnexpectedResponse { response } => {
            let status = response.status();
            let why = format!("the SMSC answered {status:?}");
            if matches!(
                status,
                CommandStatus::EsmeRinvmsglen
                    | CommandStatus::EsmeRinvsrcadr
                    | CommandStatus::EsmeRinvdstadr
                    | CommandStatus::EsmeRinvnumdests
                    | CommandStatus::EsmeRinvesmclass
                    | CommandStatus::EsmeRinvsrcton
                    | CommandStatus::EsmeRinvsrcnpi
                    | CommandStatus::EsmeRinvdstton
                    | CommandStatus::EsmeRinvdstnpi
                    | CommandStatus::EsmeRinvdcs
            ) {
                SendFailure::Final(why)
            } else {
                SendFailure::Passing(why)
            }
        }
        other => SendFailure::Passing(format!("SMPP: {other}")),
    }
}

/// The concatenation reference of message `id`: the same on every try, so
/// parts of two tries never mix on the phone.
fn reference_of(id: &str) -> u16 {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(id.as_bytes());
    u16::from_be_bytes([digest[0], digest[1]])
}

#[async_trait]
impl SmsGateway for SmppGateway {
    async fn send(&self, id: &str, to: &Msisdn, text: &str) -> Result<Vec<String>, SendFailure> {
        // One deadline for the whole call, within the outbox's lease: past
        // it another worker may take the message (SMPP cannot drop a repeat).
        tokio::time::timeout(self.settings.longest_call(), self.submit(id, to, text))
            .await
            .unwrap_or_else(|_| Err(SendFailure::Passing("the SMSC took too long".into())))
    }

    fn bound(&self) -> Option<bool> {
        Some(
            self.session
                .borrow()
                .as_ref()
                .is_some_and(Client::is_active),
        )
    }
}

impl SmppGateway {
    async fn submit(&self, id: &str, to: &Msisdn, text: &str) -> Result<Vec<String>, SendFailure> {
        let Some(client) = self.client().await else {
            return Err(SendFailure::Passing("no SMPP session is bound".into()));
        };
        let base = SubmitSm::builder()
            .source_addr_ton(Ton::Alphanumeric)
            .source_addr_npi(Npi::Unknown)
            .source_addr(field("the sender", &self.settings.sender)?)
            .dest_addr_ton(Ton::International)
            .dest_addr_npi(Npi::Isdn)
            .destination_addr(field("the number", to.as_str().trim_start_matches('+'))?)
            // Not EsmClass::default(): in rusmpp 0.4 it is not 0.
            .esm_class(EsmClass::from(0u8))
            // A receipt for each part, delivered or not.
            .registered_delivery(RegisteredDelivery::from(0x01u8))
            .build();
        let parts = base
            .multipart(text)
            .ucs2()
            .reference_u16(reference_of(id))
            .build()
            .map_err(|e| SendFailure::Final(format!("the text cannot go as UCS-2: {e}")))?;
        let mut ids = Vec::with_capacity(parts.len());
        for part in parts {
            match client.submit_sm(part).await {
                Ok(answer) => ids.push(answer.message_id().to_string()),
                Err(Error::UnexpectedResponse { response })
                    if response.status() == CommandStatus::EsmeRinvbndsts =>
                {
                    // The SMSC forgot the session: bind again.
                    let _ = client.close().await;
                    return Err(SendFailure::Passing("the SMSC dropped the session".into()));
                }
                Err(e) => return Err(failure(e)),
            }
        }
        Ok(ids)
    }
}

/// Binds, reads what the SMSC sends until the session ends, and binds
/// again, with a growing pause while it fails.
async fn keep_bound(
    s: SmppSettings,
    session: watch::Sender<Option<Client>>,
    receipts: Arc<dyn OutboxStore>,
) {
    let mut pause = Duration::from_secs(1);
    loop {
        match bind(&s).await {
            Ok((client, events)) => {
                tracing::info!(smsc = %s.addr, "SMPP session bound");
                let since = std::time::Instant::now();
                session.send_replace(Some(client.clone()));
                read(&client, events, receipts.as_ref()).await;
                // A session that held a minute starts the pauses afresh; one
                // the SMSC drops at once does not make it bind every second.
                if since.elapsed() > Duration::from_secs(60) {
                    pause = Duration::from_secs(1);
                }
                session.send_replace(None);
                tracing::warn!(smsc = %s.addr, "SMPP session lost; binding again");
            }
            Err(e) => tracing::warn!(smsc = %s.addr, error = %e, "SMPP bind failed"),
        }
        if session.is_closed() {
            return;
        }
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(Duration::from_secs(30));
    }
}

type Events = Box<dyn futures::Stream<Item = Event> + Unpin + Send>;

async fn bind(s: &SmppSettings) -> anyhow::Result<(Client, Events)> {
    let tcp = tokio::time::timeout(s.timeout, tokio::net::TcpStream::connect(&s.addr)).await??;
    let (client, events) = ConnectionBuilder::new()
        .enquire_link_interval(Duration::from_secs(30))
        .enquire_link_response_timeout(s.timeout)
        .response_timeout(s.timeout)
        // rusmppc checks for SMPP 5.0; this is a 3.4 session.
        .disable_interface_version_check()
        .connected(tcp);
    let bind = BindTransceiver::builder()
        .system_id(COctetString::from_str(&s.system_id)?)
        .password(COctetString::from_str(&s.password)?)
        .system_type(COctetString::from_str(&s.system_type)?)
        .interface_version(InterfaceVersion::Smpp3_4)
        .build();
    if let Err(e) = client.bind_transceiver(bind).await {
        let _ = client.close().await;
        anyhow::bail!("{e}");
    }
    Ok((client, Box::new(events)))
}

/// What the SMSC sends: receipts (recorded, then answered) and unbinds.
async fn read(client: &Client, mut events: Events, receipts: &dyn OutboxStore) {
    while let Some(event) = events.next().await {
        let command = match event {
            Event::Incoming(command) => command,
            Event::Error(e) => {
                tracing::warn!(error = %e, "SMPP session error");
                continue;
            }
        };
        let sequence = command.sequence_number();
        match command.pdu() {
            Some(Pdu::DeliverSm(dsm)) => {
                let text = String::from_utf8_lossy(dsm.short_message()).into_owned();
                let reference = dsm
                    .tlvs()
                    .iter()
                    .find_map(|t| match t.value() {
                        Some(TlvValue::ReceiptedMessageId(id)) => Some(id.to_string()),
                        _ => None,
                    })
                    .or_else(|| receipt_field(&text, "id").map(str::to_owned));
                let is_receipt = u8::from(dsm.esm_class) & 0x3C == 0x04;
                if let (true, Some(reference)) = (is_receipt, reference) {
                    let status = receipt_field(&text, "stat").unwrap_or("UNKNOWN");
                    let at = time::OffsetDateTime::now_utc();
                    match receipts.record_receipt(&reference, status, at).await {
                        Ok(true) => {}
                        Ok(false) => tracing::info!(reference, "a receipt for no known part"),
                        Err(e) => tracing::warn!(error = %e, "a receipt could not be recorded"),
                    }
                }
                if let Err(e) = client
                    .deliver_sm_resp(sequence, DeliverSmResp::default())
                    .await
                {
                    tracing::warn!(error = %e, "deliver_sm_resp not sent");
                }
            }
            Some(Pdu::Unbind) => {
                let _ = client.unbind_resp(sequence).await;
                break;
            }
            _ => {}
        }
    }
    let _ = client.close().await;
}

/// A field of a receipt's text: "id:7 sub:001 dlvrd:001 … stat:DELIVRD err:000".
fn receipt_field<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let at = text.to_ascii_lowercase().find(&format!("{key}:"))? + key.len() + 1;
    text[at..].split_whitespace().next()
}

#[cfg(test)]
mod tests {
    use super::receipt_field;

    #[test]
    fn a_receipts_fields_are_read_from_its_text() {
        let t = "id:17 sub:001 dlvrd:001 submit date:2612070321 done date:2612070321 stat:DELIVRD err:000 text:";
        assert_eq!(receipt_field(t, "id"), Some("17"));
        assert_eq!(receipt_field(t, "stat"), Some("DELIVRD"));
        assert_eq!(receipt_field(t, "err"), Some("000"));
        assert_eq!(receipt_field("no receipt", "stat"), None);
    }
}
