//! Cheap limits that come before expensive work (Argon2 for passwords and
//! client secrets): attempts per source (the peer address) and per claimed
//! identity (an IIN, a staff login, an API client id, known or not), for
//! each door separately. A flood from one place, or aimed at one name,
//! is answered "wait" before it costs a hash, and does not use up what
//! others need.
//!
//! These are flood limits over [`super::flood::FloodLimit`], kept in
//! memory per server instance: with N instances a source gets N times the
//! rate, which is still bounded. They follow the service's clock (so the
//! demo's clock and the tests' move them). The limits that protect a
//! person's account (the progressive delays after failed passwords) are
//! decided by the database and shared by every instance
//! (`services::sign_in`).

use time::OffsetDateTime;

use super::flood::FloodLimit;

/// Where an attempt comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Door {
    /// A citizen's sign-in with IIN and password.
    CitizenSignIn,
    /// An official's sign-in to the back office.
    StaffSignIn,
    /// The API's token endpoint (a client secret).
    Token,
    /// A question to the mobile operators (CAMARA) for an account: an
    /// outside call that must not be had for free, however many numbers
    /// a signed-in account (or a bank, for its citizens) tries.
    Operator,
    /// A result document drawn and sealed for a citizen: CPU that one
    /// account must not keep busy for everyone.
    ResultDocument,
}

impl Door {
    fn code(self) -> &'static str {
        match self {
            Self::CitizenSignIn => "citizen",
            Self::StaffSignIn => "staff",
            Self::Token => "token",
            Self::Operator => "operator",
            Self::ResultDocument => "document",
        }
    }
}

/// How many attempts are allowed, per minute, with a burst of as many.
#[derive(Debug, Clone, Copy)]
pub struct FloodQuotas {
    /// From one source, at one door.
    pub per_source: u32,
    /// For one claimed identity, at one door, from anywhere.
    pub per_identity: u32,
}

impl Default for FloodQuotas {
    /// Far above what a person or a client's app does (a person signs in
    /// a few times an hour; a client takes a token every 10 minutes), and
    /// low enough that a flood costs at most a few hashes a second.
    fn default() -> Self {
        Self {
            per_source: 60,
            per_identity: 30,
        }
    }
}

/// How long to wait before the next attempt is allowed, in whole seconds
/// (at least 1, for `Retry-After`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("too many attempts; wait {0} s")]
pub struct Wait(pub u64);

impl Wait {
    pub fn seconds(self) -> u64 {
        self.0.max(1)
    }
}

/// The limiters: per door, one per kind of key, so a flood at one door
/// leaves the others as they were. A full table forgets rather than
/// refuses (`FloodLimit`): names are free to make up and an IPv6 /48
/// holds 65,536 sources (each a /64), and a table that refused new keys
/// would shut everyone out.
pub struct Floods {
    per_source: [FloodLimit; Door::ALL.len()],
    per_identity: [FloodLimit; Door::ALL.len()],
}

impl Door {
    const ALL: [Door; 5] = [
        Self::CitizenSignIn,
        Self::StaffSignIn,
        Self::Token,
        Self::Operator,
        Self::ResultDocument,
    ];

    /// Its place in [`Door::ALL`] and in the tables.
    fn index(self) -> usize {
        match self {
            Self::CitizenSignIn => 0,
            Self::StaffSignIn => 1,
            Self::Token => 2,
            Self::Operator => 3,
            Self::ResultDocument => 4,
        }
    }
}

impl Floods {
    pub fn new(quotas: FloodQuotas) -> Self {
        let minute = time::Duration::minutes(1);
        Self {
            per_source: std::array::from_fn(|_| FloodLimit::new(quotas.per_source.max(1), minute)),
            per_identity: std::array::from_fn(|_| {
                FloodLimit::new(quotas.per_identity.max(1), minute)
            }),
        }
    }

    /// Counts one attempt at `door` from `source` naming `identity` at
    /// `now`; refused with the wait when either limit is reached (then
    /// nothing else is done: no hash, no database).
    pub fn attempt(
        &self,
        door: Door,
        source: &str,
        identity: &str,
        now: OffsetDateTime,
    ) -> Result<(), Wait> {
        let source_key = format!("{}|{source}", door.code());
        // Identities are cut to a sane length: the key map is bounded by
        // count, and a key by its length.
        let identity: String = identity.chars().take(64).collect();
        let identity_key = format!("{}|{identity}", door.code());
        self.per_source[door.index()]
            .hit(&[&source_key], now)
            .map_err(|r| Wait(r.0))?;
        self.per_identity[door.index()]
            .hit(&[&identity_key], now)
            .map_err(|r| Wait(r.0))
    }
}

impl Floods {
    /// Counts one question to the operators for `account` at `now`; refused
    /// with the wait over the identity quota. Only the account counts (the
    /// caller's address is not known to every channel).
    pub fn operator_call(&self, account: &str, now: OffsetDateTime) -> Result<(), Wait> {
        self.for_identity(Door::Operator, account, now)
    }

    /// Counts one result document drawn for `account` at `now`; refused
    /// with the wait over the identity quota.
    pub fn document(&self, account: &str, now: OffsetDateTime) -> Result<(), Wait> {
        self.for_identity(Door::ResultDocument, account, now)
    }

    fn for_identity(&self, door: Door, account: &str, now: OffsetDateTime) -> Result<(), Wait> {
        let key = format!("{}|{account}", door.code());
        self.per_identity[door.index()]
            .hit(&[&key], now)
            .map_err(|r| Wait(r.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_over_its_quota_waits_and_others_do_not() {
        let f = Floods::new(FloodQuotas {
            per_source: 3,
            per_identity: 100,
        });
        let now = OffsetDateTime::UNIX_EPOCH;
        for n in 0..3 {
            assert!(f
                .attempt(Door::Token, "10.0.0.1", &format!("c{n}"), now)
                .is_ok());
        }
        let later = now + time::Duration::seconds(15);
        let wait = f.attempt(Door::Token, "10.0.0.1", "c9", later).unwrap_err();
        assert_eq!(wait.seconds(), 45);
        // Another source, and the same source at another door, go on.
        assert!(f.attempt(Door::Token, "10.0.0.2", "c9", later).is_ok());
        assert!(f
            .attempt(Door::CitizenSignIn, "10.0.0.1", "c9", later)
            .is_ok());
        // A minute on, the source may try again.
        let minute = now + time::Duration::minutes(1);
        assert!(f.attempt(Door::Token, "10.0.0.1", "c10", minute).is_ok());
    }

    #[test]
    fn each_door_has_its_own_place() {
        for (i, door) in Door::ALL.into_iter().enumerate() {
            assert_eq!(door.index(), i, "{door:?}");
        }
    }

    /// Names made up by the tens of thousands fill the sign-in door's
    /// table: a citizen still gets in (the oldest names are forgotten),
    /// and the operators' door, which has its own table, never notices.
    #[test]
    fn a_table_full_of_made_up_names_shuts_nobody_out() {
        let f = Floods::new(FloodQuotas {
            per_source: u32::MAX,
            per_identity: 1,
        });
        let now = OffsetDateTime::UNIX_EPOCH;
        for n in 0..70_000 {
            let name = format!("{n:012}");
            f.attempt(Door::CitizenSignIn, "203.0.113.9", &name, now)
                .unwrap_or_else(|w| panic!("name {n} refused: {w}"));
        }
        assert!(f
            .attempt(Door::CitizenSignIn, "198.51.100.7", "900515410001", now)
            .is_ok());
        assert!(f.operator_call("900515410001", now).is_ok());
    }

    #[test]
    fn one_identity_is_limited_from_every_source() {
        let f = Floods::new(FloodQuotas {
            per_source: 100,
            per_identity: 2,
        });
        let now = OffsetDateTime::UNIX_EPOCH;
        assert!(f
            .attempt(Door::StaffSignIn, "a", "official.demo", now)
            .is_ok());
        assert!(f
            .attempt(Door::StaffSignIn, "b", "official.demo", now)
            .is_ok());
        assert!(f
            .attempt(Door::StaffSignIn, "c", "official.demo", now)
            .is_err());
        assert!(f
            .attempt(Door::StaffSignIn, "c", "reviewer.demo", now)
            .is_ok());
    }
}
