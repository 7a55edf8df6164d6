//! The API's idempotency keys (its `Idempotency-Key` header): a key is
//! reserved for one request of one principal before the call runs, so
//! competing retries run it once; its answer is kept a day, and a client
//! holds at most [`MAX_KEYS`] at once. What an answer is, and which are
//! kept, is the API's to say.

use time::{Duration, OffsetDateTime};

use super::uses::{UsesClock, UsesIdempotency};
use super::Unexpected;
use crate::ports::{KeyState, StoredAnswer};

/// How long a key and its answer are kept.
pub const KEY_LIFETIME: Duration = Duration::hours(24);
/// The most keys one client holds at once (within [`KEY_LIFETIME`]); past
/// it, a call with a new key is refused until old keys are swept.
pub const MAX_KEYS: i64 = 20_000;

/// Reserves `key` for the request `fingerprint` of `owner` (a client, or
/// a client's citizen), sweeping keys past their lifetime first; or says
/// what the key holds. With the time it was decided at.
pub async fn reserve(
    ports: &(impl UsesIdempotency + UsesClock),
    owner: &str,
    client: &str,
    key: &str,
    fingerprint: &str,
) -> Result<(KeyState, OffsetDateTime), Unexpected> {
    let now = ports.clock().now();
    let state = ports
        .idempotency()
        .reserve_key(
            owner,
            client,
            key,
            fingerprint,
            now,
            now - KEY_LIFETIME,
            MAX_KEYS,
        )
        .await?;
    Ok((state, now))
}

/// Frees a reserved key whose call is not to be replayed, so a retry runs it.
pub async fn release(
    ports: &impl UsesIdempotency,
    client: &str,
    key: &str,
) -> Result<(), Unexpected> {
    Ok(ports.idempotency().release_key(client, key).await?)
}

/// Keeps the answer of the call that reserved `key`, for its retries.
pub async fn complete(
    ports: &impl UsesIdempotency,
    client: &str,
    key: &str,
    answer: &StoredAnswer,
) -> Result<(), Unexpected> {
    Ok(ports
        .idempotency()
        .complete_key(client, key, answer)
        .await?)
}
