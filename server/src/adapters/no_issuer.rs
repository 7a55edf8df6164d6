//! Outside demo mode no certification authority is connected yet: the
//! NCA's issuing interface is not public, so its adapter is not built
//! (said in the README). Asking for a certificate answers "unavailable",
//! and nothing is issued.

use async_trait::async_trait;

use crate::ports::{CertificateIssuer, CertificateOrder, Unavailable};

pub struct NoIssuer;

#[async_trait]
impl CertificateIssuer for NoIssuer {
    async fn issue(&self, _order: &CertificateOrder) -> Result<Vec<u8>, Unavailable> {
        Err(Unavailable {
            system: "the certification authority",
            reason: "no certificate issuer is configured".into(),
        })
    }
}
