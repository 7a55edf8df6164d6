//! What the services count for operators (`/metrics`), in one place so each
//! metric's name and labels are written once. Without a recorder installed
//! (no `NOMIR_METRICS_ADDR`) these do nothing.

use crate::domain::Channel;
use crate::ports::Unavailable;

/// A request ended: `outcome` is bound, confirmed, refused or
/// not_performed; `ground` the refusal's or ending's code ("" if bound).
pub fn request_ended(channel: Channel, outcome: &'static str, ground: &'static str) {
    metrics::counter!(
        "nomir_requests_ended_total",
        "channel" => channel.code(),
        "outcome" => outcome,
        "ground" => ground
    )
    .increment(1);
}

/// A try to hand an SMS to the gateway: sent, delayed (tried again
/// later) or failed (given up).
pub fn sms(result: &'static str) {
    metrics::counter!("nomir_sms_total", "result" => result).increment(1);
}

/// An outside system (a registry, a gateway) did not answer.
pub fn unavailable(e: &Unavailable) {
    tracing::error!(error = %e, "{} unavailable", e.system);
    metrics::counter!("nomir_outside_errors_total", "system" => e.system).increment(1);
}
