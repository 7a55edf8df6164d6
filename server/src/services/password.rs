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

/// True if `password` matches the PHC string `hash`. A stored value that is
/// no PHC string (an account opened by EDS has none) matches nothing, after
/// the same work as a wrong password, so timing does not tell such accounts apart.
pub fn verify(password: &str, hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => {
            if let Ok(decoy) = PasswordHash::new(decoy_hash()) {
                let _ = Argon2::default().verify_password(password.as_bytes(), &decoy);
            }
            false
        }
    }
}

/// A hash to verify against when no account exists, so that an unknown IIN
/// takes as long as a wrong password and the timing reveals nothing.
pub fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| hash("decoy password that matches nothing").unwrap_or_default())
}

/// Whose secrets a hash checks. Each has its own slots, so a flood of
/// client secrets at the token endpoint never leaves people's sign-ins
/// waiting for a slot, nor the other way round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pool {
    /// Citizens' and officials' passwords.
    People,
    /// API clients' secrets.
    Clients,
}

/// How many Argon2 hashes may run at once in `pool`: each takes about
/// 19 MiB, so without a cap a burst of sign-ins would take the machine's
/// memory.
fn hashing_slots(pool: Pool) -> &'static tokio::sync::Semaphore {
    static PEOPLE: OnceLock<tokio::sync::Semaphore> = OnceLock::new();
    static CLIENTS: OnceLock<tokio::sync::Semaphore> = OnceLock::new();
    let slots = match pool {
        Pool::People => &PEOPLE,
        Pool::Clients => &CLIENTS,
    };
    slots.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        tokio::sync::Semaphore::new(cores.max(2))
    })
}

/// How long a sign-in waits for a free slot before it is told to try again.
pub const HASHING_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// Every slot stayed busy for [`HASHING_WAIT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("too many sign-ins at once")]
pub struct Busy;

/// A slot of `pool` to hash in; waits at most [`HASHING_WAIT`] for one.
pub async fn hashing_slot(pool: Pool) -> Result<tokio::sync::SemaphorePermit<'static>, Busy> {
    tokio::time::timeout(HASHING_WAIT, hashing_slots(pool).acquire())
        .await
        .map_err(|_| Busy)?
        .map_err(|_| Busy)
}

/// Runs [`verify`] on the blocking pool in `slot`, which it frees when done.
pub async fn verify_in_slot(
    slot: tokio::sync::SemaphorePermit<'static>,
    password: String,
    hash: String,
) -> bool {
    let matches = tokio::task::spawn_blocking(move || verify(&password, &hash))
        .await
        .unwrap_or(false);
    drop(slot);
    matches
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn hashing_slots_are_bounded_and_come_back() {
        let all = take_free_slots(Pool::Clients);
        assert!(all.len() >= 2);
        let start = tokio::time::Instant::now();
        assert_eq!(hashing_slot(Pool::Clients).await.err(), Some(Busy));
        assert!(start.elapsed() >= HASHING_WAIT);
        // People's sign-ins have their own slots: a flood of client
        // secrets does not keep them waiting.
        let start = tokio::time::Instant::now();
        assert!(hashing_slot(Pool::People).await.is_ok());
        assert!(start.elapsed() < HASHING_WAIT);
        drop(all);
        assert!(hashing_slot(Pool::Clients).await.is_ok());
    }

    /// Takes every free slot of `pool`.
    fn take_free_slots(pool: Pool) -> Vec<tokio::sync::SemaphorePermit<'static>> {
        let mut taken = Vec::new();
        while let Ok(slot) = hashing_slots(pool).try_acquire() {
            taken.push(slot);
        }
        taken
    }

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
