//! Password hashing with Argon2id (PHC strings), off the async threads.

use std::sync::OnceLock;

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;

/// Longest password accepted; longer input is refused before hashing.
pub const MAX_PASSWORD_LEN: usize = 256;

pub fn hash(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("argon2: {e}"))
}

/// True if `password` matches the PHC string `hash`.
pub fn verify(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash to verify against when no account exists, so that an unknown IIN
/// takes as long as a wrong password and the timing reveals nothing.
pub fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| hash("decoy password that matches nothing").unwrap_or_default())
}

/// Runs [`verify`] on the blocking pool.
pub async fn verify_blocking(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || verify(&password, &hash))
        .await
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let h = hash("demo-pass-2026").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("demo-pass-2026", &h));
        assert!(!verify("demo-pass-2025", &h));
        assert!(!verify("demo-pass-2026", "not a hash"));
        assert!(!verify("anything", decoy_hash()));
    }
}
