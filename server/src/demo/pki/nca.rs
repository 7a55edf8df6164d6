//! Demo mode's certification authority (Rules §6.1: a citizen without a
//! certificate can have one issued in the app): it issues from the demo CA,
//! with the same subject, key usages and IIN fields as the demo
//! certificates, for the key of a verified certificate request. Trusted in
//! demo mode only, like the demo CA itself.

use async_trait::async_trait;
use der::{Decode, DecodePem, Encode};
use rsa::pkcs8::DecodePrivateKey;
use spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::{Time, Validity};
use x509_cert::Certificate;

use super::issue::person_certificate;
use super::{KeyKind, KeyPair};
use crate::ports::{CertificateIssuer, CertificateOrder, KeyPurpose, Unavailable};

const ROOT_CERT: &str = include_str!("../../../demo-pki/root-ca.pem");
const ROOT_KEY: &str = include_str!("../../../demo-pki/root-ca.key.pem");
/// How long an issued demo certificate is valid (NCA RK's are a year).
const VALID_FOR: time::Duration = time::Duration::days(365);

pub struct DemoNca {
    ca: KeyPair,
    clock: std::sync::Arc<dyn crate::ports::Clock>,
}

impl DemoNca {
    pub fn new(clock: std::sync::Arc<dyn crate::ports::Clock>) -> anyhow::Result<Self> {
        Ok(Self {
            ca: KeyPair {
                certificate: Certificate::from_pem(ROOT_CERT.as_bytes())
                    .map_err(|e| anyhow::anyhow!("demo root: {e}"))?,
                key: rsa::RsaPrivateKey::from_pkcs8_pem(ROOT_KEY)
                    .map_err(|e| anyhow::anyhow!("demo root key: {e}"))?,
            },
            clock,
        })
    }

    fn issue_now(&self, order: &CertificateOrder) -> anyhow::Result<Vec<u8>> {
        let now = self.clock.now();
        let at = |t: time::OffsetDateTime| -> anyhow::Result<Time> {
            let secs = u64::try_from(t.unix_timestamp())?;
            Ok(Time::try_from(
                std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs),
            )?)
        };
        let validity = Validity {
            // A minute back: the app's and our clocks may differ a little.
            not_before: at(now - time::Duration::minutes(1))?,
            not_after: at(now + VALID_FOR)?,
        };
        let kind = match order.purpose {
            KeyPurpose::Auth => KeyKind::Auth,
            KeyPurpose::Sign => KeyKind::Sign,
        };
        let key = SubjectPublicKeyInfoOwned::from_der(&order.public_key)?;
        let name = order.name.to_uppercase();
        let cert = person_certificate(&self.ca, key, order.iin.as_str(), &name, kind, validity)?;
        Ok(cert.to_der()?)
    }
}

#[async_trait]
impl CertificateIssuer for DemoNca {
    async fn issue(&self, order: &CertificateOrder) -> Result<Vec<u8>, Unavailable> {
        self.issue_now(order).map_err(|e| Unavailable {
            system: "the demo certification authority",
            reason: e.to_string(),
        })
    }
}
