//! What the identity register says, and which refusal ground it leads to
//! (appendix row 9, ground 1; appendix row 8: identity comes from state
//! systems through the e-government gateway, the citizen uploads nothing).

use super::EndReason;

/// The register's verdict on a person.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum IdentityStatus {
    /// A valid identity document is on record.
    Valid,
    /// No valid identity document: the last one has expired.
    DocumentExpired,
    /// The person is recorded as deceased.
    Deceased,
}
crate::coded!(IdentityStatus);

/// Ground 1 applies unless the register holds a person with a valid document.
pub fn identity_refusal(status: Option<IdentityStatus>) -> Option<EndReason> {
    match status {
        Some(IdentityStatus::Valid) => None,
        Some(IdentityStatus::DocumentExpired) => Some(EndReason::IdentityDocumentInvalid),
        Some(IdentityStatus::Deceased) => Some(EndReason::PersonDeceased),
        None => Some(EndReason::IdentityNotFound),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_valid_record_passes_ground_one() {
        assert_eq!(identity_refusal(Some(IdentityStatus::Valid)), None);
        assert_eq!(
            identity_refusal(Some(IdentityStatus::DocumentExpired)),
            Some(EndReason::IdentityDocumentInvalid)
        );
        assert_eq!(
            identity_refusal(Some(IdentityStatus::Deceased)),
            Some(EndReason::PersonDeceased)
        );
        assert_eq!(identity_refusal(None), Some(EndReason::IdentityNotFound));
    }

    #[test]
    fn statuses_round_trip_through_their_codes() {
        for s in [
            IdentityStatus::Valid,
            IdentityStatus::DocumentExpired,
            IdentityStatus::Deceased,
        ] {
            assert_eq!(IdentityStatus::from_code(s.code()), Some(s));
        }
        assert_eq!(IdentityStatus::from_code("alive"), None);
    }
}
