//! Messages' texts at rest in the outbox: sealed (AES-256-GCM under a key
//! derived from the service's secret, so every instance can open what any
//! wrote) until sent, then erased; the journal keeps a copy with digits
//! masked, so no one-time code is readable at rest (SPEC §7). Demo mode's
//! journal keeps the digits: it is the demo phone.

use std::sync::Arc;

use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine as _;

#[derive(Clone)]
pub struct SmsSeal {
    cipher: Arc<Aes256Gcm>,
    show_codes: bool,
}

const NONCE: usize = 12;

impl SmsSeal {
    /// From a 32-byte key; `show_codes` keeps digits in the journal (demo mode).
    pub fn new(key: [u8; 32], show_codes: bool) -> Self {
        Self {
            cipher: Arc::new(Aes256Gcm::new(&key.into())),
            show_codes,
        }
    }

    /// `text` sealed: base64 of the nonce and the ciphertext with its tag.
    pub fn seal(&self, text: &str) -> String {
        let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        // Encryption in memory fails only past 64 GiB.
        let sealed = self
            .cipher
            .encrypt(&nonce, text.as_bytes())
            .unwrap_or_default();
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        base64::engine::general_purpose::STANDARD.encode(out)
    }

    /// The text, if `sealed` was sealed with this key and not altered.
    pub fn open(&self, sealed: &str) -> Option<String> {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(sealed)
            .ok()?;
        if bytes.len() < NONCE {
            return None;
        }
        let (nonce, body) = bytes.split_at(NONCE);
        let plain = self.cipher.decrypt(Nonce::from_slice(nonce), body).ok()?;
        String::from_utf8(plain).ok()
    }

    /// What the journal keeps of `text`.
    pub fn journal(&self, text: &str) -> String {
        if self.show_codes {
            text.to_owned()
        } else {
            mask_digits(text)
        }
    }
}

/// The text with every digit replaced by an asterisk.
pub fn mask_digits(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_digit() { '*' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_text_opens_with_its_key_only_and_hides_the_code() {
        let seal = SmsSeal::new([7; 32], false);
        let sealed = seal.seal("Nomir: код 123456.");
        assert!(!sealed.contains("123456"));
        assert_eq!(seal.open(&sealed).as_deref(), Some("Nomir: код 123456."));
        assert_eq!(SmsSeal::new([8; 32], false).open(&sealed), None);
        let mut tampered = sealed.into_bytes();
        let last = tampered.len() - 3;
        tampered[last] = if tampered[last] == b'A' { b'B' } else { b'A' };
        assert_eq!(seal.open(&String::from_utf8(tampered).unwrap()), None);
        assert_eq!(seal.journal("код 123456"), "код ******");
        assert_eq!(
            SmsSeal::new([7; 32], true).journal("код 123456"),
            "код 123456"
        );
    }
}
