//! Biometric authentication in the app and bank channels (Rules §6.2, §7,
//! §9): what a provider's signed assertion must say for the request to go
//! on. The signature and the provider's key are the adapter's to check;
//! the rules here are pure.

use time::{Duration, OffsetDateTime};

use super::Iin;

/// The most an assertion may be older than now (issue to use).
pub const MAX_AGE: Duration = Duration::minutes(2);
/// Clock difference tolerated between the provider and us.
pub const LEEWAY: Duration = Duration::seconds(5);

/// What a verified assertion says.
#[derive(Debug, Clone, PartialEq)]
pub struct Assertion {
    /// The person the face was matched to.
    pub iin: String,
    /// The request's nonce, which the app passed to the provider.
    pub nonce: String,
    /// Whether the provider saw a live person (not a photo or a replay).
    pub liveness: bool,
    /// How alike the face and the register's photo are, 0 to 1.
    pub score: f64,
    pub issued_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

/// Why an assertion does not authenticate the citizen for this request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BiometricFailure {
    #[error("the assertion is older than two minutes, or expired")]
    Stale,
    #[error("the assertion was issued in the future")]
    NotYetValid,
    #[error("the assertion is about someone else")]
    WrongPerson,
    #[error("the assertion is for another request")]
    WrongNonce,
    #[error("no live person was seen")]
    NoLiveness,
    #[error("the face does not match closely enough")]
    LowScore,
}

/// Whether `a` authenticates `iin` for the request with `nonce` at `now`,
/// with faces matching at least `threshold`.
#[allow(clippy::neg_cmp_op_on_partial_ord)] // `!(>=)` on purpose: see the score
pub fn judge(
    a: &Assertion,
    iin: &Iin,
    nonce: &str,
    now: OffsetDateTime,
    threshold: f64,
) -> Result<(), BiometricFailure> {
    // Every time here is checked: the provider's times may be anywhere in
    // the representable range (years -9999 to 9999), and a sum past its
    // end means "later than anything", never a panic.
    let plus = |t: OffsetDateTime, by: Duration| t.checked_add(by);
    // Issued after now (with the leeway).
    let not_yet = plus(now, LEEWAY).is_some_and(|latest| a.issued_at > latest);
    // Issued more than MAX_AGE before now.
    let too_old = plus(a.issued_at, MAX_AGE).is_some_and(|end| end < now);
    // Expired (with the leeway).
    let expired = plus(a.expires_at, LEEWAY).is_some_and(|end| end <= now);
    if not_yet {
        Err(BiometricFailure::NotYetValid)
    } else if too_old || expired {
        Err(BiometricFailure::Stale)
    } else if a.iin != iin.as_str() {
        Err(BiometricFailure::WrongPerson)
    } else if a.nonce != nonce {
        Err(BiometricFailure::WrongNonce)
    } else if !a.liveness {
        Err(BiometricFailure::NoLiveness)
    } else if !(a.score >= threshold) {
        // `!(>=)` so that a NaN score fails too.
        Err(BiometricFailure::LowScore)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-25 05:00 UTC);

    fn iin() -> Iin {
        Iin::parse("900515410001").unwrap()
    }

    fn good() -> Assertion {
        Assertion {
            iin: "900515410001".into(),
            nonce: "n-1".into(),
            liveness: true,
            score: 0.93,
            issued_at: NOW - Duration::seconds(30),
            expires_at: NOW + Duration::seconds(90),
        }
    }

    #[test]
    fn a_fresh_live_matching_assertion_for_this_request_passes() {
        assert_eq!(judge(&good(), &iin(), "n-1", NOW, 0.8), Ok(()));
        let mut edge = good();
        edge.score = 0.8;
        edge.issued_at = NOW - MAX_AGE;
        assert_eq!(judge(&edge, &iin(), "n-1", NOW, 0.8), Ok(()));
    }

    #[test]
    fn times_at_the_ends_of_the_range_never_panic() {
        let (min, max) = (
            time::PrimitiveDateTime::MIN.assume_utc(),
            time::PrimitiveDateTime::MAX.assume_utc(),
        );
        let judged = |issued_at, expires_at, now| {
            let a = Assertion {
                issued_at,
                expires_at,
                ..good()
            };
            judge(&a, &iin(), "n-1", now, 0.8)
        };
        // An expiry at the end of time: not expired; the age still counts.
        assert_eq!(judged(NOW - Duration::seconds(30), max, NOW), Ok(()));
        assert_eq!(
            judged(NOW - Duration::minutes(3), max, NOW),
            Err(BiometricFailure::Stale)
        );
        // Expired at the start of time, issued at either end.
        assert_eq!(
            judged(NOW - Duration::seconds(30), min, NOW),
            Err(BiometricFailure::Stale)
        );
        assert_eq!(judged(min, max, NOW), Err(BiometricFailure::Stale));
        assert_eq!(judged(max, max, NOW), Err(BiometricFailure::NotYetValid));
        assert_eq!(judged(max, min, NOW), Err(BiometricFailure::NotYetValid));
        // Whatever the clock says, nothing panics.
        for now in [min, max, NOW] {
            for issued in [min, max, NOW] {
                for expires in [min, max, NOW] {
                    let _ = judged(issued, expires, now);
                }
            }
        }
    }

    #[test]
    fn each_failure_has_its_reason() {
        type Case = (fn(&mut Assertion), BiometricFailure);
        let cases: [Case; 7] = [
            (
                |a| a.issued_at = NOW - MAX_AGE - Duration::seconds(1),
                BiometricFailure::Stale,
            ),
            (
                |a| a.expires_at = NOW - Duration::seconds(10),
                BiometricFailure::Stale,
            ),
            (
                |a| a.issued_at = NOW + Duration::minutes(1),
                BiometricFailure::NotYetValid,
            ),
            (
                |a| a.iin = "010721510001".into(),
                BiometricFailure::WrongPerson,
            ),
            (|a| a.nonce = "n-2".into(), BiometricFailure::WrongNonce),
            (|a| a.liveness = false, BiometricFailure::NoLiveness),
            (|a| a.score = f64::NAN, BiometricFailure::LowScore),
        ];
        for (change, failure) in cases {
            let mut a = good();
            change(&mut a);
            assert_eq!(judge(&a, &iin(), "n-1", NOW, 0.8), Err(failure));
        }
        let mut low = good();
        low.score = 0.79;
        assert_eq!(
            judge(&low, &iin(), "n-1", NOW, 0.8),
            Err(BiometricFailure::LowScore)
        );
    }
}
