//! The embedded SMS gateway: messages go to the outbox table, which the demo
//! phone page shows. Production plugs an SMPP or HTTP gateway in instead.

use std::sync::Arc;

use async_trait::async_trait;

use crate::domain::sms::Sms;
use crate::domain::Msisdn;
use crate::ports::{Clock, OutboxStore, SmsGateway, SmsMessage, Unavailable};

pub struct OutboxSms {
    pub outbox: Arc<dyn OutboxStore>,
    pub clock: Arc<dyn Clock>,
    /// Keep the text as sent (demo mode, for the demo phone). Otherwise digit
    /// runs are masked, so no one-time code is ever stored in clear (SPEC §7).
    pub keep_codes: bool,
}

/// The text with every run of digits replaced by asterisks.
pub fn mask_digits(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_digit() { '*' } else { c })
        .collect()
}

#[async_trait]
impl SmsGateway for OutboxSms {
    async fn send(&self, to: &Msisdn, message: &Sms) -> Result<(), Unavailable> {
        let text = message.text();
        let message = SmsMessage {
            // Time-ordered (UUID v7), so messages sent within one second
            // still list newest first.
            id: uuid::Uuid::now_v7().to_string(),
            msisdn: to.clone(),
            body: if self.keep_codes {
                text
            } else {
                mask_digits(&text)
            },
            created_at: self.clock.now(),
        };
        self.outbox
            .enqueue_sms(&message)
            .await
            .map_err(|e| Unavailable {
                system: "SMS outbox",
                reason: e.to_string(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::mask_digits;

    #[test]
    fn outside_demo_mode_no_code_is_kept() {
        assert_eq!(mask_digits("Nomir: код 123456."), "Nomir: код ******.");
    }
}
