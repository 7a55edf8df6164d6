//! Biometric assertions as compact JWS (ES256), signed by a configured
//! provider's key and named by its `kid`. (Demo mode's provider is in
//! `demo/biometrics.rs`.)

use std::collections::HashMap;

use jsonwebtoken::{decode, decode_header, Algorithm, DecodingKey, Validation};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::domain::biometrics::Assertion;
use crate::ports::{AssertionError, BiometricVerifier};

/// The least match score accepted unless `NOMIR_BIOMETRIC_THRESHOLD` says otherwise.
pub const DEFAULT_THRESHOLD: f64 = 0.8;

/// The claims of an assertion.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claims {
    /// The IIN the face was matched to.
    pub sub: String,
    pub nonce: String,
    pub liveness: bool,
    pub score: f64,
    pub iat: i64,
    pub exp: i64,
}

pub struct JwsBiometrics {
    keys: HashMap<String, DecodingKey>,
    threshold: f64,
}

impl JwsBiometrics {
    /// Trusts the EC public key `pem` (SPKI) under `kid`.
    pub fn new(kid: &str, pem: &str, threshold: f64) -> anyhow::Result<Self> {
        let key = DecodingKey::from_ec_pem(pem.as_bytes())
            .map_err(|e| anyhow::anyhow!("biometric provider key {kid}: {e}"))?;
        anyhow::ensure!(
            (0.0..=1.0).contains(&threshold),
            "the biometric threshold is between 0 and 1"
        );
        Ok(Self {
            keys: HashMap::from([(kid.to_owned(), key)]),
            threshold,
        })
    }
}

/// A claim's time; one outside years -9999 to 9999 makes the assertion
/// malformed (refused), never a panic.
fn time_of(seconds: i64) -> Result<OffsetDateTime, AssertionError> {
    OffsetDateTime::from_unix_timestamp(seconds)
        .map_err(|e| AssertionError::Malformed(e.to_string()))
}

impl BiometricVerifier for JwsBiometrics {
    fn verify(&self, jws: &str) -> Result<Assertion, AssertionError> {
        let header = decode_header(jws).map_err(|e| AssertionError::Malformed(e.to_string()))?;
        let key = header
            .kid
            .as_deref()
            .and_then(|kid| self.keys.get(kid))
            .ok_or(AssertionError::UnknownProvider)?;
        // Only the signature is checked here; freshness and the rest are the
        // domain's rules, so every failure has its own reason.
        let mut validation = Validation::new(Algorithm::ES256);
        validation.validate_exp = false;
        validation.required_spec_claims.clear();
        let claims = decode::<Claims>(jws, key, &validation)
            .map_err(|e| match e.kind() {
                jsonwebtoken::errors::ErrorKind::InvalidSignature
                | jsonwebtoken::errors::ErrorKind::InvalidAlgorithm => AssertionError::BadSignature,
                _ => AssertionError::Malformed(e.to_string()),
            })?
            .claims;
        Ok(Assertion {
            iin: claims.sub,
            nonce: claims.nonce,
            liveness: claims.liveness,
            score: claims.score,
            issued_at: time_of(claims.iat)?,
            expires_at: time_of(claims.exp)?,
        })
    }

    fn threshold(&self) -> f64 {
        self.threshold
    }
}

/// No provider configured (outside demo mode): every assertion is refused
/// as unreadable, and the log says why.
pub struct NoBiometrics;

impl BiometricVerifier for NoBiometrics {
    fn verify(&self, _jws: &str) -> Result<Assertion, AssertionError> {
        Err(AssertionError::NotConfigured)
    }

    fn threshold(&self) -> f64 {
        1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jsonwebtoken::{EncodingKey, Header};

    // The demo provider's key pair, as this adapter's fixture.
    const KID: &str = "demo-biometrics";
    const PUBLIC_KEY: &str = include_str!("../../demo-biometrics/provider.pub.pem");
    const PRIVATE_KEY: &str = include_str!("../../demo-biometrics/provider.key.pem");

    fn verifier() -> JwsBiometrics {
        JwsBiometrics::new(KID, PUBLIC_KEY, DEFAULT_THRESHOLD).unwrap()
    }

    fn signed(claims: &Claims) -> String {
        let key = EncodingKey::from_ec_pem(PRIVATE_KEY.as_bytes()).unwrap();
        let mut header = Header::new(Algorithm::ES256);
        header.kid = Some(KID.to_owned());
        jsonwebtoken::encode(&header, claims, &key).unwrap()
    }

    fn claims() -> Claims {
        Claims {
            sub: "900515410001".into(),
            nonce: "n-1".into(),
            liveness: true,
            score: 0.91,
            iat: 1_795_000_000,
            exp: 1_795_000_120,
        }
    }

    #[test]
    fn a_signed_assertion_reads_back() {
        let jws = signed(&claims());
        let a = verifier().verify(&jws).unwrap();
        assert_eq!(a.iin, "900515410001");
        assert_eq!(a.nonce, "n-1");
        assert!(a.liveness);
        assert_eq!(a.issued_at.unix_timestamp(), 1_795_000_000);
    }

    #[test]
    fn a_changed_or_foreign_assertion_is_refused() {
        let verifier = verifier();
        let jws = signed(&claims());
        let mut parts: Vec<String> = jws.split('.').map(str::to_owned).collect();
        let mut other = claims();
        other.score = 0.99;
        let forged = signed(&other);
        parts[1] = forged.split('.').nth(1).unwrap().to_owned();
        assert_eq!(
            verifier.verify(&parts.join(".")),
            Err(AssertionError::BadSignature)
        );
        assert!(matches!(
            verifier.verify("not a jws"),
            Err(AssertionError::Malformed(_))
        ));
        let unsigned = format!("{}.{}.", "eyJhbGciOiJub25lIn0", parts[1]);
        assert!(verifier.verify(&unsigned).is_err());
        let elsewhere = JwsBiometrics {
            keys: HashMap::new(),
            threshold: 0.8,
        };
        assert_eq!(elsewhere.verify(&jws), Err(AssertionError::UnknownProvider));
    }

    #[test]
    fn any_time_claim_is_read_or_refused_without_panic() {
        use crate::domain::biometrics::{judge, BiometricFailure};
        use crate::domain::Iin;
        let verifier = verifier();
        let iin = Iin::parse("900515410001").unwrap();
        let now = OffsetDateTime::from_unix_timestamp(1_795_000_060).unwrap();
        // The last second time represents, and the first.
        let (first, last) = (-377_705_116_800_i64, 253_402_300_799_i64);
        let values = [
            i64::MIN,
            i64::MIN + 1,
            first - 1,
            first,
            -1,
            0,
            1_795_000_000,
            last,
            last + 1,
            i64::MAX - 120,
            i64::MAX,
        ];
        for iat in values {
            for exp in values {
                let jws = signed(&Claims {
                    iat,
                    exp,
                    ..claims()
                });
                let judged = verifier
                    .verify(&jws)
                    .map(|a| judge(&a, &iin, "n-1", now, 0.8));
                let in_range = |t: i64| (first..=last).contains(&t);
                if !in_range(iat) || !in_range(exp) {
                    assert!(
                        matches!(judged, Err(AssertionError::Malformed(_))),
                        "iat {iat} exp {exp}: {judged:?}"
                    );
                } else if iat == 1_795_000_000 && exp == last {
                    assert_eq!(judged, Ok(Ok(())), "iat {iat} exp {exp}");
                } else if iat == last {
                    assert_eq!(judged, Ok(Err(BiometricFailure::NotYetValid)));
                } else {
                    assert_eq!(
                        judged,
                        Ok(Err(BiometricFailure::Stale)),
                        "iat {iat} exp {exp}"
                    );
                }
            }
        }
    }
}
