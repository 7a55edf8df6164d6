//! Which key seals result documents and which keys a check trusts.
//!
//! Outside demo mode the service seals with `NOMIR_SEAL_KEY` (an Ed25519
//! private key, PKCS #8 PEM); without it no document is issued, and the
//! start-up log says so. A check trusts that key's public half and any in
//! `NOMIR_SEAL_TRUSTED` (older keys after a rotation, so documents issued
//! before it still check). In demo mode the demo key in `server/demo-seal/`
//! (made by `nomir demo-seal`) seals when no key is set, and is trusted;
//! it never is outside demo mode, since its private half is public.

use std::path::Path;

use ed25519_dalek::pkcs8::spki::der::pem::LineEnding;
use ed25519_dalek::pkcs8::{DecodePublicKey, EncodePrivateKey, EncodePublicKey, KeypairBytes};
use ed25519_dalek::{SigningKey, VerifyingKey};

use super::seal::{KeyError, Sealer};

const PRIVATE_FILE: &str = "seal.key.pem";
const PUBLIC_FILE: &str = "seal.pub.pem";

/// Every public key (`-----BEGIN PUBLIC KEY-----`, SPKI) in a PEM text, in
/// order; `what` names the text in errors. At least one, or an error.
pub fn public_keys(pem: &str, what: &str) -> Result<Vec<VerifyingKey>, KeyError> {
    const END: &str = "-----END PUBLIC KEY-----";
    let keys = pem
        .split_inclusive(END)
        .filter(|block| block.contains(END))
        .map(|block| {
            VerifyingKey::from_public_key_pem(block.trim_start())
                .map_err(|_| KeyError::NotPublicKey(what.to_owned()))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if keys.is_empty() {
        return Err(KeyError::NotPublicKey(what.to_owned()));
    }
    Ok(keys)
}

/// Reads every public key in a PEM file.
pub fn public_keys_file(path: &Path) -> Result<Vec<VerifyingKey>, KeyError> {
    let pem = std::fs::read_to_string(path).map_err(|source| KeyError::Read {
        path: path.to_owned(),
        source,
    })?;
    public_keys(&pem, &path.display().to_string())
}

/// The keys as configured: read at start, so a bad key file stops it.
pub struct SealKeys {
    /// What seals documents; `None` outside demo mode without `NOMIR_SEAL_KEY`.
    pub sealer: Option<Sealer>,
    /// What a check accepts: the sealer's key first, then the older ones.
    pub trusted: Vec<VerifyingKey>,
}

impl SealKeys {
    /// The sealer from `seal_key` (`NOMIR_SEAL_KEY`), the older keys from
    /// `seal_trusted` (`NOMIR_SEAL_TRUSTED`). A `fallback` (demo mode's)
    /// seals when no key is configured, and is trusted either way.
    pub fn load(
        seal_key: Option<&Path>,
        seal_trusted: Option<&Path>,
        fallback: Option<Sealer>,
    ) -> Result<Self, KeyError> {
        let fallback_key = fallback.as_ref().map(Sealer::public_key);
        let sealer = match seal_key {
            Some(path) => Some(Sealer::from_pem_file(path)?),
            None if fallback.is_some() => fallback,
            None => {
                tracing::warn!(
                    "no seal key is configured (NOMIR_SEAL_KEY): result documents cannot be issued"
                );
                None
            }
        };
        let mut keys: Vec<VerifyingKey> = sealer.iter().map(Sealer::public_key).collect();
        if let Some(path) = seal_trusted {
            keys.extend(public_keys_file(path)?);
        }
        keys.extend(fallback_key);
        let mut trusted = Vec::with_capacity(keys.len());
        for k in keys {
            if !trusted.contains(&k) {
                trusted.push(k);
            }
        }
        if let Some(s) = &sealer {
            tracing::info!(
                key_id = s.key_id(),
                trusted = trusted.len(),
                "result documents are sealed"
            );
        }
        Ok(Self { sealer, trusted })
    }
}

/// Makes a new demo key pair in `dir` (`seal.key.pem`, `seal.pub.pem`).
pub fn generate_demo(dir: &Path) -> anyhow::Result<()> {
    let key = SigningKey::generate(&mut rand::rngs::OsRng);
    // PKCS #8 v1 (no public key inside), as `openssl genpkey` writes it and
    // every tool reads it; OpenSSL 3.0 does not read the v2 form.
    let private = KeypairBytes {
        secret_key: key.to_bytes(),
        public_key: None,
    }
    .to_pkcs8_pem(LineEnding::LF)
    .map_err(|e| anyhow::anyhow!("cannot encode the key: {e}"))?;
    let public = key
        .verifying_key()
        .to_public_key_pem(LineEnding::LF)
        .map_err(|e| anyhow::anyhow!("cannot encode the public key: {e}"))?;
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join(PRIVATE_FILE), private.as_bytes())?;
    std::fs::write(dir.join(PUBLIC_FILE), public)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    // The demo key pair, as this module's fixture.
    const DEMO_SEAL_KEY: &str = include_str!("../../demo-seal/seal.key.pem");
    const DEMO_SEAL_PUBLIC_KEY: &str = include_str!("../../demo-seal/seal.pub.pem");

    #[test]
    fn the_demo_key_pair_belongs_together() {
        let sealer = Sealer::from_pem(DEMO_SEAL_KEY, "demo").unwrap();
        let public = public_keys(DEMO_SEAL_PUBLIC_KEY, "demo").unwrap();
        assert_eq!(public, [sealer.public_key()]);
    }

    #[test]
    fn a_pem_bundle_gives_every_key_and_rejects_nonsense() {
        let bundle = format!("{DEMO_SEAL_PUBLIC_KEY}\n{DEMO_SEAL_PUBLIC_KEY}");
        assert_eq!(public_keys(&bundle, "bundle").unwrap().len(), 2);
        assert!(public_keys("", "empty").is_err());
        assert!(public_keys(DEMO_SEAL_KEY, "a private key").is_err());
        assert!(Sealer::from_pem(DEMO_SEAL_PUBLIC_KEY, "a public key").is_err());
    }

    #[test]
    fn generated_keys_load_and_seal() {
        let dir = std::env::temp_dir().join(format!("nomir-seal-{}", uuid::Uuid::new_v4()));
        generate_demo(&dir).unwrap();
        let sealer = Sealer::from_pem_file(&dir.join(PRIVATE_FILE)).unwrap();
        let public = public_keys_file(&dir.join(PUBLIC_FILE)).unwrap();
        assert_eq!(public, [sealer.public_key()]);
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn a_fallback_key_is_trusted_only_where_it_is_given() {
        let keys = SealKeys::load(None, None, None).unwrap();
        assert!(keys.sealer.is_none() && keys.trusted.is_empty());
        let demo = Sealer::from_pem(DEMO_SEAL_KEY, "demo").unwrap();
        let public = demo.public_key();
        let keys = SealKeys::load(None, None, Some(demo)).unwrap();
        assert_eq!(keys.trusted, [public]);
        assert!(keys.sealer.is_some());
    }
}
