//! The binding request and its states (Rules §5–§9, appendix rows 2–4).
//!
//! A request starts when a code is sent to the number, moves on when the code
//! is confirmed, and ends either bound (after EDS in the portal, biometrics in
//! the app and bank channels, biometrics and then EDS for a change of number
//! in the app (§8), and the automatic checks), refused with a ground, or
//! expired after its 10-minute term. An ended request never moves
//! again, so nothing half-done can be resumed.

use time::Duration;

use super::EndReason;

/// Appendix to the Rules, row 3: the service takes at most 10 minutes.
pub const REQUEST_TERM: Duration = Duration::minutes(10);

/// Where a request came from (appendix row 2).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum Channel {
    Portal,
    MobileApp,
    Bank,
}
crate::coded!(Channel);

/// What the request is for: a first number (§5), a change of number (§8),
/// or, through a bank (§7), the citizen's confirmation of the number that
/// is bound already (the code to it and biometrics), so that the bank's
/// permission takes effect by the citizen's own act; the binding stays.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum Purpose {
    Bind,
    Change,
    Confirm,
}
crate::coded!(Purpose);

/// §8: a change of number is certified "further with a certificate that
/// bears an electronic digital signature". In the mobile app, whose
/// channel certifies with biometrics (§6.2), a change needs both: the
/// biometrics first, then the citizen's EDS over the request's document
/// (in the app, or on the portal). A bank's request (§7) is certified
/// with biometrics as that paragraph says; its API has no EDS step.
pub fn signs_after_biometrics(channel: Channel, purpose: Purpose) -> bool {
    channel == Channel::MobileApp && purpose == Purpose::Change
}

/// Whether the door `door` takes the steps of a request started on
/// `started`: a bank's request is that bank's alone (Rules §7: the
/// citizen's code and biometrics go to the bank's app, and its permission
/// takes effect only there), and a bank takes none of the citizen's own;
/// the citizen's own channels, the portal and the app, go on with each
/// other's (§8: a change started in the app is signed on the portal).
pub fn steps_on(started: Channel, door: Channel) -> bool {
    (started == Channel::Bank) == (door == Channel::Bank)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BindingState {
    /// A code was sent to the number; waiting for the citizen to enter it.
    AwaitingCode,
    /// The code is confirmed; waiting for EDS (portal) or biometrics (app, bank).
    AwaitingCertification,
    /// A change of number in the app: the biometrics passed; waiting for
    /// the citizen's EDS (see [`signs_after_biometrics`]).
    AwaitingSignature,
    /// The number is bound to the account.
    Bound,
    /// Ended without a binding: refused on a row 9 ground, or not performed
    /// for a step that did not happen ([`EndReason::is_refusal`]). Never
    /// [`EndReason::TermExpired`]: that ending is [`Expired`](Self::Expired).
    Ended(EndReason),
    /// Not completed within [`REQUEST_TERM`] (not performed).
    Expired,
    /// Replaced by a newer request of the same account: a citizen has one
    /// open request at a time, so a code from an older one never binds.
    Withdrawn,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BindingEvent {
    CodeResent,
    CodeConfirmed,
    /// The biometrics passed where an EDS must follow them.
    BiometricsPassed,
    /// Certified and every automatic check passed.
    Certified,
    /// The request ends without a binding, for a reason.
    End(EndReason),
    TermElapsed,
    /// The citizen started a newer request.
    Superseded,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("the request has already ended")]
    AlreadyEnded,
    #[error("this step is not allowed now")]
    NotAllowed,
}

impl BindingState {
    /// The state of a request that ended without a binding for `reason`.
    pub fn ended(reason: EndReason) -> Self {
        match reason {
            EndReason::TermExpired => Self::Expired,
            reason => Self::Ended(reason),
        }
    }

    pub fn is_ended(self) -> bool {
        matches!(
            self,
            Self::Bound | Self::Ended(_) | Self::Expired | Self::Withdrawn
        )
    }

    /// The next state after `event`, or why the event is not allowed.
    pub fn apply(self, event: BindingEvent) -> Result<Self, TransitionError> {
        use BindingEvent as E;
        use BindingState as S;
        if self.is_ended() {
            return Err(TransitionError::AlreadyEnded);
        }
        match (self, event) {
            (S::AwaitingCode, E::CodeResent) => Ok(S::AwaitingCode),
            (S::AwaitingCode, E::CodeConfirmed) => Ok(S::AwaitingCertification),
            (S::AwaitingCertification, E::Certified) => Ok(S::Bound),
            (S::AwaitingCertification, E::BiometricsPassed) => Ok(S::AwaitingSignature),
            (S::AwaitingSignature, E::Certified) => Ok(S::Bound),
            (_, E::TermElapsed) => Ok(S::Expired),
            (_, E::End(reason)) => Ok(S::ended(reason)),
            (_, E::Superseded) => Ok(S::Withdrawn),
            _ => Err(TransitionError::NotAllowed),
        }
    }

    /// Stable identifier for storage.
    pub fn code(self) -> &'static str {
        match self {
            Self::AwaitingCode => "awaiting_code",
            Self::AwaitingCertification => "awaiting_certification",
            Self::AwaitingSignature => "awaiting_signature",
            Self::Bound => "bound",
            Self::Ended(reason) => reason.outcome_code(),
            Self::Expired => "expired",
            Self::Withdrawn => "withdrawn",
        }
    }

    /// Why the request ended without a binding, if it did (a withdrawn
    /// request was replaced by the citizen's newer one: no reason to give).
    pub fn ending(self) -> Option<EndReason> {
        match self {
            Self::Ended(reason) => Some(reason),
            Self::Expired => Some(EndReason::TermExpired),
            _ => None,
        }
    }

    /// The stored reason: `None` for an expired request, whose state says it.
    pub fn ground(self) -> Option<EndReason> {
        match self {
            Self::Ended(reason) => Some(reason),
            _ => None,
        }
    }

    /// Rebuilds a stored state from its code and refusal ground.
    pub fn from_code(state: &str, ground: Option<&str>) -> Option<Self> {
        Some(match state {
            "awaiting_code" => Self::AwaitingCode,
            "awaiting_certification" => Self::AwaitingCertification,
            "awaiting_signature" => Self::AwaitingSignature,
            "bound" => Self::Bound,
            "refused" | "not_performed" => {
                let reason = EndReason::from_code(ground?)?;
                if reason.outcome_code() != state || reason == EndReason::TermExpired {
                    return None;
                }
                Self::Ended(reason)
            }
            "expired" => Self::Expired,
            "withdrawn" => Self::Withdrawn,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use BindingEvent as E;
    use BindingState as S;

    #[test]
    fn the_happy_path_goes_code_then_certification_then_bound() {
        let s = S::AwaitingCode.apply(E::CodeResent).unwrap();
        let s = s.apply(E::CodeConfirmed).unwrap();
        assert_eq!(s, S::AwaitingCertification);
        assert_eq!(s.apply(E::Certified), Ok(S::Bound));
    }

    #[test]
    fn a_banks_request_is_the_banks_and_the_citizens_channels_share_theirs() {
        use Channel::{Bank, MobileApp, Portal};
        assert!(steps_on(Bank, Bank));
        assert!(!steps_on(Bank, Portal) && !steps_on(Bank, MobileApp));
        assert!(!steps_on(Portal, Bank) && !steps_on(MobileApp, Bank));
        assert!(steps_on(MobileApp, Portal) && steps_on(Portal, MobileApp));
    }

    #[test]
    fn a_change_in_the_app_goes_biometrics_then_signature_then_bound() {
        assert!(signs_after_biometrics(Channel::MobileApp, Purpose::Change));
        for (c, p) in [
            (Channel::MobileApp, Purpose::Bind),
            (Channel::Portal, Purpose::Change),
            (Channel::Bank, Purpose::Confirm),
            (Channel::Bank, Purpose::Bind),
            (Channel::Bank, Purpose::Change),
        ] {
            assert!(!signs_after_biometrics(c, p), "{c:?} {p:?}");
        }
        let s = S::AwaitingCertification.apply(E::BiometricsPassed).unwrap();
        assert_eq!(s, S::AwaitingSignature);
        assert!(!s.is_ended());
        assert_eq!(
            s.apply(E::BiometricsPassed),
            Err(TransitionError::NotAllowed)
        );
        assert_eq!(s.apply(E::CodeConfirmed), Err(TransitionError::NotAllowed));
        assert_eq!(s.apply(E::Certified), Ok(S::Bound));
        assert_eq!(s.apply(E::TermElapsed), Ok(S::Expired));
        assert_eq!(S::from_code(s.code(), None), Some(s));
        assert_eq!(
            S::AwaitingCode.apply(E::BiometricsPassed),
            Err(TransitionError::NotAllowed)
        );
    }

    #[test]
    fn certification_before_the_code_is_not_allowed() {
        assert_eq!(
            S::AwaitingCode.apply(E::Certified),
            Err(TransitionError::NotAllowed)
        );
        assert_eq!(
            S::AwaitingCertification.apply(E::CodeConfirmed),
            Err(TransitionError::NotAllowed)
        );
        assert_eq!(
            S::AwaitingCertification.apply(E::CodeResent),
            Err(TransitionError::NotAllowed)
        );
    }

    #[test]
    fn any_open_request_can_be_refused_or_expire() {
        for s in [
            S::AwaitingCode,
            S::AwaitingCertification,
            S::AwaitingSignature,
        ] {
            let g = EndReason::ConsentMissing;
            assert_eq!(s.apply(E::End(g)), Ok(S::Ended(g)));
            assert_eq!(s.apply(E::TermElapsed), Ok(S::Expired));
            assert_eq!(s.apply(E::Superseded), Ok(S::Withdrawn));
        }
    }

    #[test]
    fn only_row_nine_grounds_are_refusals_every_other_ending_is_not_performed() {
        for &r in EndReason::ALL {
            let ended = S::AwaitingCertification.apply(E::End(r)).unwrap();
            let row_nine = matches!(
                r,
                EndReason::IdentityNotFound
                    | EndReason::IdentityDocumentInvalid
                    | EndReason::PersonDeceased
                    | EndReason::ConsentMissing
            );
            let code = if row_nine {
                "refused"
            } else if r == EndReason::TermExpired {
                "expired"
            } else {
                "not_performed"
            };
            assert_eq!(ended.code(), code, "{r:?}");
            assert_eq!(ended.ending(), Some(r));
            assert_eq!(
                S::from_code(ended.code(), ended.ground().map(EndReason::code)),
                Some(ended)
            );
        }
        // A stored state must agree with its reason.
        assert_eq!(S::from_code("refused", Some("code_not_confirmed")), None);
        assert_eq!(S::from_code("not_performed", Some("consent_missing")), None);
    }

    #[test]
    fn an_ended_request_never_moves_again() {
        let ended = [
            S::Bound,
            S::Ended(EndReason::CodeNotConfirmed),
            S::Expired,
            S::Withdrawn,
        ];
        let events = [
            E::CodeResent,
            E::CodeConfirmed,
            E::Certified,
            E::End(EndReason::TermExpired),
            E::TermElapsed,
            E::Superseded,
        ];
        for s in ended {
            for e in events {
                assert_eq!(
                    s.apply(e),
                    Err(TransitionError::AlreadyEnded),
                    "{s:?} {e:?}"
                );
            }
        }
    }

    #[test]
    fn states_channels_and_purposes_round_trip_through_their_codes() {
        for s in [
            S::AwaitingCode,
            S::AwaitingCertification,
            S::Bound,
            S::Expired,
            S::Withdrawn,
            S::Ended(EndReason::PersonDeceased),
        ] {
            assert_eq!(
                S::from_code(s.code(), s.ground().map(EndReason::code)),
                Some(s)
            );
        }
        assert_eq!(S::from_code("refused", None), None);
        for c in [Channel::Portal, Channel::MobileApp, Channel::Bank] {
            assert_eq!(Channel::from_code(c.code()), Some(c));
        }
        for p in [Purpose::Bind, Purpose::Change] {
            assert_eq!(Purpose::from_code(p.code()), Some(p));
        }
    }

    #[test]
    fn the_term_is_ten_minutes() {
        let start = time::OffsetDateTime::UNIX_EPOCH;
        use super::super::maintenance::is_overdue;
        assert!(!is_overdue(start, start + Duration::seconds(599), &[]));
        assert!(is_overdue(start, start + Duration::minutes(10), &[]));
    }
}
