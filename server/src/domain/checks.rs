//! The automatic checks after the code is proven and the request certified
//! (Rules §5.3, standard rows 4 and 9), in their fixed order: identity
//! register (ground 1), consent (ground 2), then the mobile operator's
//! confirmation that the number is registered to this person.

use super::identity::{identity_refusal, IdentityStatus};
use super::{Iin, RefusalGround};

/// What the outside world answered for one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckInputs<'a> {
    pub applicant: &'a Iin,
    pub identity: Option<IdentityStatus>,
    pub consent_given: bool,
    /// The IIN the operator registers the number to, if any.
    pub operator_subscriber: Option<&'a Iin>,
}

/// `Ok` if the number may be bound, else the first ground that refuses it.
pub fn automatic_checks(inputs: &CheckInputs<'_>) -> Result<(), RefusalGround> {
    if let Some(ground) = identity_refusal(inputs.identity) {
        return Err(ground);
    }
    if !inputs.consent_given {
        return Err(RefusalGround::ConsentMissing);
    }
    if inputs.operator_subscriber != Some(inputs.applicant) {
        return Err(RefusalGround::OperatorDoesNotConfirm);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iin(s: &str) -> Iin {
        Iin::parse(s).unwrap()
    }

    #[test]
    fn a_valid_consenting_subscriber_passes() {
        let a = iin("900515410001");
        let inputs = CheckInputs {
            applicant: &a,
            identity: Some(IdentityStatus::Valid),
            consent_given: true,
            operator_subscriber: Some(&a),
        };
        assert_eq!(automatic_checks(&inputs), Ok(()));
    }

    #[test]
    fn each_failure_names_its_ground_in_order() {
        let a = iin("991231410007");
        let other = iin("900515410001");
        let base = CheckInputs {
            applicant: &a,
            identity: Some(IdentityStatus::Valid),
            consent_given: true,
            operator_subscriber: Some(&a),
        };
        let no_record = CheckInputs {
            identity: None,
            consent_given: false,
            ..base.clone()
        };
        assert_eq!(
            automatic_checks(&no_record),
            Err(RefusalGround::IdentityNotFound)
        );
        let no_consent = CheckInputs {
            consent_given: false,
            operator_subscriber: None,
            ..base.clone()
        };
        assert_eq!(
            automatic_checks(&no_consent),
            Err(RefusalGround::ConsentMissing)
        );
        let someone_elses = CheckInputs {
            operator_subscriber: Some(&other),
            ..base.clone()
        };
        assert_eq!(
            automatic_checks(&someone_elses),
            Err(RefusalGround::OperatorDoesNotConfirm)
        );
        let unassigned = CheckInputs {
            operator_subscriber: None,
            ..base
        };
        assert_eq!(
            automatic_checks(&unassigned),
            Err(RefusalGround::OperatorDoesNotConfirm)
        );
    }
}
