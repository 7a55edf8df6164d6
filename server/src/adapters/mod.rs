//! Implementations of the outside-world ports. The embedded defaults need
//! nothing installed (SPEC §6); real adapters sit beside them.

pub mod biometrics;
pub mod camara;
pub mod eds;
pub mod identity_http;
pub mod maintenance_snapshot;
pub mod no_issuer;
pub mod registry_tables;
pub mod resilient;
pub mod sms_http;
pub mod sms_outbox;
pub mod sms_smpp;
