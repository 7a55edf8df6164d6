//! Which key signs result documents and which organisation a check
//! accepts.
//!
//! Outside demo mode the service signs with `NOMIR_SEAL_KEY` (the RSA
//! private key, PKCS #8 PEM) of the provider's legal-entity certificate
//! `NOMIR_SEAL_CERT` (PEM, with its CAs after it if any); without them no
//! document is issued, and the start-up log says so. A check accepts the
//! signatures of `NOMIR_PROVIDER_BIN`, by default that certificate's BIN,
//! made with a certificate the service trusts as it trusts citizens'
//! (`NOMIR_TRUSTED_ROOTS`, revocation). In demo mode the demo provider's
//! certificate in `server/demo-pki/` signs when none is set: the demo CA
//! is trusted in demo mode only, so nothing it signs checks elsewhere.

use std::path::Path;

use super::seal::{KeyError, Provider, Sealer};

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
    #[error(
        "NOMIR_PROVIDER_BIN {configured} is not the BIN of the seal certificate ({certificate})"
    )]
    OtherBin {
        configured: String,
        certificate: String,
    },
}

impl SealKeys {
    /// The sealer from `key` and `cert`, else `fallback` (demo mode's);
    /// the provider from `bin`, else the sealer's.
    pub fn load(
        key: Option<&Path>,
        cert: Option<&Path>,
        bin: Option<&str>,
        fallback: Option<Sealer>,
    ) -> Result<Self, ConfigError> {
        let sealer = match (key, cert) {
            (Some(key), Some(cert)) => Some(Sealer::from_pem_files(key, cert)?),
            (None, None) => fallback,
            _ => return Err(ConfigError::HalfPair),
        };
        let provider = match (bin, &sealer) {
            (Some(bin), Some(s)) if bin != s.bin() => {
                return Err(ConfigError::OtherBin {
                    configured: bin.to_owned(),
                    certificate: s.bin().to_owned(),
                })
            }
            (Some(bin), _) => Some(bin.to_owned()),
            (None, Some(s)) => Some(s.bin().to_owned()),
            (None, None) => None,
        }
        .map(|bin| Provider { bin });
        match (&sealer, &provider) {
            (Some(s), _) => tracing::info!(bin = s.bin(), "result documents are signed"),
            (None, Some(p)) => tracing::warn!(
                bin = p.bin,
                "no seal key is configured (NOMIR_SEAL_KEY, NOMIR_SEAL_CERT): result documents cannot be issued"
            ),
            (None, None) => tracing::warn!(
                "no seal key nor provider BIN is configured: result documents can be neither issued nor checked"
            ),
        }
        Ok(Self { sealer, provider })
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
    fn the_provider_is_the_configured_bin_or_the_sealers() {
        let demo = || Some(Sealer::from_pem(KEY, CERT, "demo").unwrap());
        let keys = SealKeys::load(None, None, None, None).unwrap();
        assert!(keys.sealer.is_none() && keys.provider.is_none());
        let keys = SealKeys::load(None, None, None, demo()).unwrap();
        assert_eq!(keys.provider.unwrap().bin, "260140000015");
        let keys = SealKeys::load(None, None, Some("260540000097"), None).unwrap();
        assert_eq!(keys.provider.unwrap().bin, "260540000097");
        assert!(matches!(
            SealKeys::load(None, None, Some("260540000097"), demo()),
            Err(ConfigError::OtherBin { .. })
        ));
        assert!(matches!(
            SealKeys::load(Some(Path::new("k.pem")), None, None, None),
            Err(ConfigError::HalfPair)
        ));
    }
}
