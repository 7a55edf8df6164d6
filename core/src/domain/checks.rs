//! The automatic checks after the code is proven and the request certified
//! (Rules §5.3, appendix rows 4 and 9), in their fixed order: consent
//! (ground 2) first, because without it the identity register (restricted
//! personal data, Law on Personal Data art. 8) must not be read; then the
//! register (ground 1); then the mobile operator's confirmation that the
//! number is registered to this person.

use time::OffsetDateTime;

use super::identity::{identity_refusal, IdentityStatus};
use super::{EndReason, Iin};

/// Ground 2: consent to access restricted personal data must be in place
/// before any of it is read.
pub fn consent_check(consent_given: bool) -> Result<(), EndReason> {
    if consent_given {
        Ok(())
    } else {
        Err(EndReason::ConsentMissing)
    }
}

/// What the registers answered for one request (read only after consent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterAnswers<'a> {
    pub applicant: &'a Iin,
    pub identity: Option<IdentityStatus>,
    /// Whether the operator attributes the number to the applicant.
    pub operator_confirms: bool,
}

/// `Ok` if the registers allow the binding, else the first ground that refuses it.
pub fn register_checks(answers: &RegisterAnswers<'_>) -> Result<(), EndReason> {
    if let Some(ground) = identity_refusal(answers.identity) {
        return Err(ground);
    }
    if !answers.operator_confirms {
        return Err(EndReason::OperatorDoesNotConfirm);
    }
    Ok(())
}

/// What happens when the number the operator has just confirmed as the
/// applicant's is still bound to another account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeldNumber {
    /// The other binding predates this request: the operator has since
    /// reassigned the number (a recycled number), so that binding ends.
    EndIt,
    /// The other binding was made while this request was open (two requests
    /// for one number at once): this request ends not performed, for
    /// [`EndReason::NumberTakenMeanwhile`] (not a refusal, and not the
    /// operator's doing).
    TakenMeanwhile,
}

pub fn number_held_elsewhere(
    held_since: OffsetDateTime,
    request_started: OffsetDateTime,
) -> HeldNumber {
    if held_since < request_started {
        HeldNumber::EndIt
    } else {
        HeldNumber::TakenMeanwhile
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Duration;

    fn iin(s: &str) -> Iin {
        Iin::parse(s).unwrap()
    }

    #[test]
    fn consent_comes_first_and_alone() {
        assert_eq!(consent_check(true), Ok(()));
        assert_eq!(consent_check(false), Err(EndReason::ConsentMissing));
    }

    #[test]
    fn a_valid_subscriber_passes() {
        let a = iin("900515410001");
        let answers = RegisterAnswers {
            applicant: &a,
            identity: Some(IdentityStatus::Valid),
            operator_confirms: true,
        };
        assert_eq!(register_checks(&answers), Ok(()));
    }

    #[test]
    fn each_register_failure_names_its_ground_in_order() {
        let a = iin("991231410007");
        let base = RegisterAnswers {
            applicant: &a,
            identity: Some(IdentityStatus::Valid),
            operator_confirms: true,
        };
        let no_record = RegisterAnswers {
            identity: None,
            operator_confirms: false,
            ..base.clone()
        };
        assert_eq!(
            register_checks(&no_record),
            Err(EndReason::IdentityNotFound)
        );
        let not_confirmed = RegisterAnswers {
            operator_confirms: false,
            ..base
        };
        assert_eq!(
            register_checks(&not_confirmed),
            Err(EndReason::OperatorDoesNotConfirm)
        );
    }

    #[test]
    fn an_older_binding_of_the_number_ends_and_a_newer_one_ends_this_request() {
        let started = OffsetDateTime::UNIX_EPOCH + Duration::days(365);
        assert_eq!(
            number_held_elsewhere(started - Duration::days(300), started),
            HeldNumber::EndIt
        );
        assert_eq!(
            number_held_elsewhere(started, started),
            HeldNumber::TakenMeanwhile
        );
        assert_eq!(
            number_held_elsewhere(started + Duration::seconds(5), started),
            HeldNumber::TakenMeanwhile
        );
    }
}
