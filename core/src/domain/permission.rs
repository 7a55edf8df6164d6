//! A bank's permission to view the citizen's digital documents (Rules §7,
//! SPEC §3.3): which documents, until when. Granted with a binding through
//! the bank's app (or at once when the state's number is already the
//! bank's), recorded with the bank, the IIN, the scope, the time and the
//! expiry; the citizen can revoke it in the cabinet.

use std::fmt;

use time::{Duration, OffsetDateTime};

/// The longest a permission may be asked for.
pub const MAX_TERM: Duration = Duration::days(366);

/// Kinds of digital documents a bank may ask to view.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::EnumIter,
)]
#[strum(serialize_all = "kebab-case")]
pub enum DocumentKind {
    IdentityCard,
    Passport,
    DriverLicence,
    VehicleRegistration,
}

/// A non-empty set of document kinds, written space-separated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentScope(Vec<DocumentKind>);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PermissionError {
    #[error("name at least one kind of document: identity-card, passport, driver-licence, vehicle-registration")]
    EmptyOrUnknownScope,
    #[error("the permission must end in the future, within a year")]
    BadExpiry,
}

impl DocumentScope {
    pub fn parse(s: &str) -> Result<Self, PermissionError> {
        let mut kinds = s
            .split([' ', ','])
            .filter(|p| !p.is_empty())
            .map(|p| p.parse::<DocumentKind>())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| PermissionError::EmptyOrUnknownScope)?;
        kinds.sort();
        kinds.dedup();
        if kinds.is_empty() {
            return Err(PermissionError::EmptyOrUnknownScope);
        }
        Ok(Self(kinds))
    }

    pub fn iter(&self) -> impl Iterator<Item = DocumentKind> + '_ {
        self.0.iter().copied()
    }
}

impl fmt::Display for DocumentScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&'static str> = self.0.iter().map(|k| k.into()).collect();
        f.write_str(&names.join(" "))
    }
}

/// Where a permission stands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum PermissionStatus {
    /// Asked for with a binding still in progress.
    Pending,
    InForce,
    Revoked,
    Expired,
    /// Its binding ended without a number bound: it never took effect.
    NotGranted,
}
crate::coded!(PermissionStatus);

/// The status of a permission granted at `granted` (if yet), revoked at
/// `revoked` (if ever), ending at `expires`, whose binding request is
/// still open or not.
pub fn status(
    granted: Option<OffsetDateTime>,
    revoked: Option<OffsetDateTime>,
    expires: OffsetDateTime,
    now: OffsetDateTime,
    request_open: bool,
) -> PermissionStatus {
    if revoked.is_some() {
        PermissionStatus::Revoked
    } else if expires <= now {
        PermissionStatus::Expired
    } else if granted.is_some() {
        PermissionStatus::InForce
    } else if request_open {
        PermissionStatus::Pending
    } else {
        PermissionStatus::NotGranted
    }
}

/// Whether a permission asked for at `now` may end at `expires_at`.
pub fn check_expiry(
    now: OffsetDateTime,
    expires_at: OffsetDateTime,
) -> Result<(), PermissionError> {
    if expires_at > now && expires_at - now <= MAX_TERM {
        Ok(())
    } else {
        Err(PermissionError::BadExpiry)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_scope_names_known_documents() {
        let s = DocumentScope::parse("passport identity-card,passport").unwrap();
        assert_eq!(s.to_string(), "identity-card passport");
        assert_eq!(
            DocumentScope::parse(""),
            Err(PermissionError::EmptyOrUnknownScope)
        );
        assert_eq!(
            DocumentScope::parse("passport medical-records"),
            Err(PermissionError::EmptyOrUnknownScope)
        );
    }

    #[test]
    fn a_permission_ends_in_the_future_within_a_year() {
        let now = datetime!(2026-11-25 05:00 UTC);
        assert_eq!(check_expiry(now, now + Duration::days(90)), Ok(()));
        assert_eq!(check_expiry(now, now + MAX_TERM), Ok(()));
        assert_eq!(check_expiry(now, now), Err(PermissionError::BadExpiry));
        assert_eq!(
            check_expiry(now, now + MAX_TERM + Duration::seconds(1)),
            Err(PermissionError::BadExpiry)
        );
    }
}
