//! Demo mode's biometric provider: a fictional key pair in
//! `server/demo-biometrics/`. Demo mode trusts its public half; the
//! `nomir demo-assertion` command and the tests sign with the private half.

use jsonwebtoken::{Algorithm, EncodingKey, Header};

use crate::adapters::biometrics::{Claims, JwsBiometrics, DEFAULT_THRESHOLD};

pub const KID: &str = "demo-biometrics";
pub const PUBLIC_KEY: &str = include_str!("../../demo-biometrics/provider.pub.pem");
const PRIVATE_KEY: &str = include_str!("../../demo-biometrics/provider.key.pem");

/// The verifier demo mode uses: it trusts the demo provider only.
pub fn verifier() -> anyhow::Result<JwsBiometrics> {
    JwsBiometrics::new(KID, PUBLIC_KEY, DEFAULT_THRESHOLD)
}

/// An assertion signed by the demo provider.
pub fn assertion(claims: &Claims) -> anyhow::Result<String> {
    let key = EncodingKey::from_ec_pem(PRIVATE_KEY.as_bytes())?;
    let mut header = Header::new(Algorithm::ES256);
    header.kid = Some(KID.to_owned());
    Ok(jsonwebtoken::encode(&header, claims, &key)?)
}
