//! What the append-only audit log records: every decision, by whom, about
//! whom. Each action is a variant with a stable code (the column's value),
//! and every entry is made by [`AuditEntry::new`](super::records::AuditEntry::new).

use super::Iin;

/// Every action the audit log records.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
    serde::Serialize,
    serde::Deserialize,
)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    // A citizen's sign-in and session.
    SignIn,
    SignInFailed,
    SignInRefused,
    SignOut,
    AccountCreated,
    AppSignIn,
    /// A password sign-in's second factor: a code sent to the bound number.
    SignInCodeSent,
    /// A right password, but no code could go (no number, a limit, a SIM
    /// change, the operator unreachable): no session either.
    SignInCodeNotSent,
    SignInCodeWrong,
    /// The citizen turned the second factor on or off in the cabinet.
    SecondFactorOn,
    SecondFactorOff,
    /// Rules §6.1: a certificate issued in the app for the citizen's key.
    CertificateIssued,
    // The binding procedure.
    CodeSent,
    CodeNotSent,
    CodeResent,
    CodeWrong,
    CodeConfirmed,
    /// The biometrics passed where the citizen's EDS must follow (§8 in the app).
    BiometricsPassed,
    SmsFailed,
    ConsentGranted,
    ConsentRevoked,
    ConsentRestored,
    RequestWithdrawn,
    RequestExpired,
    /// Refused on a row 9 ground.
    RequestRefused,
    /// Ended as not performed: a step the Rules require did not happen.
    RequestNotPerformed,
    NumberBound,
    NumberConfirmed,
    BindingEnded,
    PermissionGranted,
    PermissionRevoked,
    ResultDocumentIssued,
    // Complaints and the back office.
    ComplaintFiled,
    ComplaintSatisfy,
    ComplaintForward,
    ComplaintUphold,
    ComplaintReject,
    StaffSignIn,
    StaffSignOut,
    StaffAdded,
    DashboardExported,
    // The operators' commands.
    ApiClientAdded,
    ApiClientRevoked,
    CalendarImported,
    /// Appendix row 7: a maintenance window announced, or cancelled.
    MaintenanceAnnounced,
    MaintenanceCancelled,
    /// A complaint's provisional deadlines counted again on a newer calendar.
    DeadlinesRecounted,
    // The bound number at work: state services' notifications.
    NotificationQueued,
    /// Not sent: the citizen turned the purpose off.
    NotificationOptedOut,
    /// The citizen turned an optional purpose off, or on again.
    PurposeTurnedOff,
    PurposeTurnedOn,
}

crate::coded!(AuditAction);

impl AuditAction {
    /// The action of a request's ending without a binding.
    pub fn of_ending(reason: crate::end_reason::EndReason) -> Self {
        if reason.is_refusal() {
            Self::RequestRefused
        } else {
            Self::RequestNotPerformed
        }
    }

    /// The action of an official's decision on a complaint.
    pub fn of_decision(decision: super::complaint::Decision) -> Self {
        use super::complaint::Decision;
        match decision {
            Decision::Satisfy => Self::ComplaintSatisfy,
            Decision::Forward => Self::ComplaintForward,
            Decision::Uphold => Self::ComplaintUphold,
            Decision::Reject => Self::ComplaintReject,
        }
    }
}

impl std::fmt::Display for AuditAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl PartialEq<&str> for AuditAction {
    fn eq(&self, code: &&str) -> bool {
        self.code() == *code
    }
}

/// Who acted, as the log's `actor` column names them.
#[derive(Debug, Clone, Copy)]
pub enum Actor<'a> {
    /// A citizen (or the system acting on their request), by IIN.
    Citizen(&'a Iin),
    /// An official of the back office, by login (`staff:<login>`).
    Staff(&'a str),
    /// Whoever runs the service, at its command line (`admin:<name>`, as given).
    Operator(&'a str),
    /// An API client acting on its own (a state service's notification).
    Client(&'a str),
}

impl Actor<'_> {
    pub fn name(&self) -> String {
        match self {
            Actor::Citizen(iin) => iin.as_str().to_owned(),
            Actor::Staff(login) => format!("staff:{login}"),
            Actor::Operator(name) => (*name).to_owned(),
            Actor::Client(id) => format!("client:{id}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn every_action_reads_back_from_its_code() {
        for &action in AuditAction::ALL {
            assert_eq!(action.code().parse::<AuditAction>(), Ok(action));
        }
        assert_eq!(AuditAction::ComplaintSatisfy.code(), "complaint_satisfy");
        assert_eq!(AuditAction::ApiClientAdded.code(), "api_client_added");
    }
}
