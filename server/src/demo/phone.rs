//! The demo phone: the SMS outbox, grouped by number (demo mode only).

use crate::ports::SmsMessage;
use crate::services::{Ports, Unexpected};

/// Messages grouped by number, numbers in order of their latest message.
pub async fn inbox(ports: &Ports) -> Result<Vec<(String, Vec<SmsMessage>)>, Unexpected> {
    let mut groups: Vec<(String, Vec<SmsMessage>)> = Vec::new();
    for m in ports.outbox.outbox().await? {
        let key = m.msisdn.as_str().to_owned();
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(m),
            None => groups.push((key, vec![m])),
        }
    }
    Ok(groups)
}
