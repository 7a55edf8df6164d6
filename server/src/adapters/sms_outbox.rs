//! The embedded SMS gateway: messages go to the outbox table, which the demo
//! phone page shows. Production plugs an SMPP or HTTP gateway in instead.

use std::sync::Arc;

use async_trait::async_trait;

use crate::domain::Msisdn;
use crate::ports::{Clock, OutboxStore, SmsGateway, SmsMessage, Unavailable};

pub struct OutboxSms {
    pub outbox: Arc<dyn OutboxStore>,
    pub clock: Arc<dyn Clock>,
}

#[async_trait]
impl SmsGateway for OutboxSms {
    async fn send(&self, to: &Msisdn, text: &str) -> Result<(), Unavailable> {
        let message = SmsMessage {
            id: uuid::Uuid::new_v4().to_string(),
            msisdn: to.clone(),
            body: text.to_owned(),
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
