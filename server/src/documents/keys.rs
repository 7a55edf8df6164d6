//! Which key signs result documents and which seal certificates a check
//! accepts.
//!
//! Outside demo mode the service signs with `NOMIR_SEAL_KEY` (the RSA
//! private key, PKCS #8 PEM) of the provider's legal-entity certificate
//! `NOMIR_SEAL_CERT` (PEM, with its CAs after it if any); without them no
//! document is issued, and the start-up log says so. A check accepts
//! signatures made with that certificate or one in `NOMIR_SEAL_TRUSTED`
//! (earlier seal certificates, so documents signed before a renewal still
//! check), and only if the certificate is also trusted as citizens' are
//! (`NOMIR_TRUSTED_ROOTS`, revocation). In demo mode the demo provider's
//! certificate in `server/demo-pki/` signs when none is set: the demo CA
//! is trusted in demo mode only, so nothing it signs checks elsewhere.

use std::path::Path;

use x509_cert::Certificate;

use time::OffsetDateTime;

use super::seal::{KeyError, Provider, SealError, Sealer};
use crate::ports::SignatureVerifier;

/// The keys as configured: read at start, so a bad key file stops it.
pub struct SealKeys {
    /// What signs documents; `None` outside demo mode without a key.
    pub sealer: Option<Sealer>,
    /// Whose signatures a check accepts; `None` when nothing says.
    pub provider: Option<Provider>,
}

/// A seal configuration that cannot work.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(transparent)]
    Key(#[from] KeyError),
    #[error("NOMIR_SEAL_KEY and NOMIR_SEAL_CERT go together: set both or neither")]
    HalfPair,
}

/// Every certificate in a PEM file (at least one).
pub fn certificates_file(path: &Path) -> Result<Vec<Certificate>, KeyError> {
    let what = path.display().to_string();
    let pem = std::fs::read_to_string(path).map_err(|source| KeyError::Read {
        path: path.to_owned(),
        source,
    })?;
    // x509-cert 0.2.5's chain reader overflows on a text without a
    // certificate, so it is asked only when there is one.
    Some(pem)
        .filter(|pem| pem.contains("-----BEGIN CERTIFICATE-----"))
        .and_then(|pem| Certificate::load_pem_chain(pem.as_bytes()).ok())
        .filter(|c| !c.is_empty())
        .ok_or(KeyError::NotCertificate(what))
}

impl SealKeys {
    /// The sealer from `key` and `cert`, else `fallback` (demo mode's);
    /// the accepted certificates: the sealer's and those in `trusted`.
    pub fn load(
        key: Option<&Path>,
        cert: Option<&Path>,
        trusted: Option<&Path>,
        fallback: Option<Sealer>,
    ) -> Result<Self, ConfigError> {
        let sealer = match (key, cert) {
            (Some(key), Some(cert)) => Some(Sealer::from_pem_files(key, cert)?),
            (None, None) => fallback,
            _ => return Err(ConfigError::HalfPair),
        };
        let earlier = trusted
            .map(certificates_file)
            .transpose()?
            .unwrap_or_default();
        let accepted: Vec<&Certificate> = sealer
            .iter()
            .map(Sealer::certificate)
            .chain(&earlier)
            .collect();
        let provider = (!accepted.is_empty()).then(|| Provider::of(accepted));
        match (&sealer, &provider) {
            (Some(s), _) => tracing::info!(bin = s.bin(), "result documents are signed"),
            (None, Some(_)) => tracing::warn!(
                "no seal key is configured (NOMIR_SEAL_KEY, NOMIR_SEAL_CERT): result documents cannot be issued"
            ),
            (None, None) => tracing::warn!(
                "no seal certificate is configured: result documents can be neither issued nor checked"
            ),
        }
        Ok(Self { sealer, provider })
    }

    /// Checks the sealer's own certificate as a document's would be
    /// checked ([`super::seal::self_check`]). One that every check would
    /// refuse (expired, revoked, not trusted) is put aside, so no document
    /// is issued that its own check calls invalid, and the log says why;
    /// one whose status cannot be learnt now is kept, with a warning.
    pub async fn self_check(&mut self, verifier: &dyn SignatureVerifier, now: OffsetDateTime) {
        let Some(sealer) = &self.sealer else { return };
        match super::seal::self_check(sealer, verifier, now).await {
            Ok(()) => {}
            Err(SealError::CannotCheckNow(why)) => {
                tracing::warn!(%why, "the seal certificate's status cannot be checked now")
            }
            Err(e) => {
                tracing::error!(
                    error = %e,
                    "the seal certificate does not pass the document check: result documents cannot be issued"
                );
                self.sealer = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = include_str!("../../demo-pki/provider-seal.key.pem");
    const CERT: &str = include_str!("../../demo-pki/provider-seal.pem");
    const OTHER_KEY: &str = include_str!("../../demo-pki/test/other-organisation-seal.key.pem");
    const PERSON: &str = include_str!("../../demo-pki/citizens/900515410001-sign.pem");
    const PERSON_KEY: &str = include_str!("../../demo-pki/citizens/900515410001-sign.key.pem");
    const PKI: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/demo-pki");

    #[test]
    fn the_demo_provider_seals_with_its_bin() {
        let sealer = Sealer::from_pem(KEY, CERT, "demo").unwrap();
        assert_eq!(sealer.bin(), "260140000015");
    }

    #[test]
    fn a_key_that_is_not_the_certificates_or_a_persons_certificate_is_refused() {
        assert!(matches!(
            Sealer::from_pem(OTHER_KEY, CERT, "mixed"),
            Err(KeyError::NotItsKey(_))
        ));
        assert!(matches!(
            Sealer::from_pem(PERSON_KEY, PERSON, "person"),
            Err(KeyError::NotAnOrganisation(_))
        ));
        assert!(matches!(
            Sealer::from_pem(CERT, CERT, "no key"),
            Err(KeyError::NotPrivateKey(_))
        ));
        assert!(matches!(
            Sealer::from_pem(KEY, "", "no certificate"),
            Err(KeyError::NotCertificate(_))
        ));
    }

    #[test]
    fn a_check_accepts_the_sealers_certificate_and_the_earlier_ones() {
        let demo = || Some(Sealer::from_pem(KEY, CERT, "demo").unwrap());
        let keys = SealKeys::load(None, None, None, None).unwrap();
        assert!(keys.sealer.is_none() && keys.provider.is_none());
        let keys = SealKeys::load(None, None, None, demo()).unwrap();
        assert_eq!(keys.provider.unwrap().certificates.len(), 1);
        let earlier = Path::new(PKI).join("test/other-organisation-seal.pem");
        let keys = SealKeys::load(None, None, Some(&earlier), demo()).unwrap();
        assert_eq!(keys.provider.unwrap().certificates.len(), 2);
        let keys = SealKeys::load(None, None, Some(&earlier), None).unwrap();
        assert!(keys.sealer.is_none());
        assert_eq!(keys.provider.unwrap().certificates.len(), 1);
        assert!(matches!(
            SealKeys::load(Some(Path::new("k.pem")), None, None, None),
            Err(ConfigError::HalfPair)
        ));
        let not_pem = Path::new(PKI).join("root-ca.crl");
        assert!(SealKeys::load(None, None, Some(&not_pem), None).is_err());
    }
}
