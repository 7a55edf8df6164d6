//! One-time codes at rest: an HMAC-SHA256 keyed with the server secret and
//! bound to the request, compared in constant time (SPEC §7).

use std::sync::Arc;

use hmac::{Hmac, Mac};
use rand::Rng;
use sha2::Sha256;
use subtle::ConstantTimeEq;

use crate::domain::OtpCode;

#[derive(Clone)]
pub struct CodeHasher(Arc<Vec<u8>>);

impl CodeHasher {
    pub fn new(secret: &str) -> Self {
        Self(Arc::new(secret.as_bytes().to_vec()))
    }

    /// A key for another purpose (`label`), derived from the same secret.
    pub fn derive(&self, label: &str) -> [u8; 32] {
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(b"nomir-derived-key:");
        mac.update(label.as_bytes());
        mac.finalize().into_bytes().into()
    }

    fn mac(&self, request_id: &str, code: &str) -> Vec<u8> {
        // HMAC accepts keys of any length, so this cannot fail.
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(request_id.as_bytes());
        mac.update(b":");
        mac.update(code.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }

    /// The stored form of `code` for `request_id`.
    pub fn hash(&self, request_id: &str, code: &str) -> String {
        hex::encode(self.mac(request_id, code))
    }

    /// Whether `code` is the one stored as `stored` for `request_id`.
    pub fn matches(&self, stored: &str, request_id: &str, code: &OtpCode) -> bool {
        let Ok(stored) = hex::decode(stored) else {
            return false;
        };
        bool::from(stored.ct_eq(&self.mac(request_id, code.as_str())))
    }
}

/// A fresh six-digit code from the operating system's CSPRNG.
pub fn new_code() -> String {
    format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_matches_only_its_own_request_and_secret() {
        let h = CodeHasher::new("a-secret-of-sufficient-length-for-tests");
        let stored = h.hash("r1", "123456");
        assert!(!stored.contains("123456"));
        let code = OtpCode::parse("123456").unwrap();
        assert!(h.matches(&stored, "r1", &code));
        assert!(!h.matches(&stored, "r2", &code));
        assert!(!h.matches(&stored, "r1", &OtpCode::parse("123457").unwrap()));
        assert!(
            !CodeHasher::new("another-secret-of-sufficient-length").matches(&stored, "r1", &code)
        );
        assert!(!h.matches("not hex", "r1", &code));
    }

    #[test]
    fn new_codes_are_six_digits() {
        for _ in 0..100 {
            let c = new_code();
            assert!(OtpCode::parse(&c).is_ok(), "{c}");
        }
    }
}
