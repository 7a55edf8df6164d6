//! Use cases, one per file. They own the procedure and talk to the outside
//! only through [`crate::ports`], and each says in its signature which of
//! them it uses ([`uses`]).

pub mod answers;
pub mod api_clients;
pub mod app_sign_in;
pub mod audit;
pub mod audit_anchor;
pub mod bank;
pub mod biometric_certify;
pub mod cabinet;
pub mod certificates;
pub mod certify;
pub mod code_hash;
pub mod complaints;
pub mod confirm_code;
pub mod consent;
pub mod counts;
pub mod dashboard;
pub mod deadlines;
pub mod eds_sign_in;
pub mod flood;
pub mod floods;
pub mod health;
pub mod idempotency;
pub mod maintenance;
pub mod notifications;
pub mod office;
pub mod open_request;
pub mod password;
pub mod permissions;
pub mod request_code;
pub mod request_status;
pub mod resend_code;
pub mod result_document;
pub mod second_factor;
pub mod session;
pub mod sign_in;
pub mod sms_delivery;
pub mod sms_seal;
pub mod staff;
pub mod uses;

use std::sync::Arc;

use crate::ports::{
    AccountStore, ApiClientStore, AppSignInStore, AuditLog, BindingStore, BiometricVerifier, Clock,
    ComplaintStore, DashboardStore, IdempotencyStore, IdentityRegister, OperatorRegistry,
    OutboxStore, PermissionStore, RegistryStore, RequestStore, SessionStore, SignatureVerifier,
    SmsGateway, StaffStore,
};

/// Every port, as shared trait objects: what the composition root fills
/// and the channels hand the services. No service takes it whole: each
/// names the ports it uses through [`uses`] (`&(impl UsesClock + …)`).
#[derive(Clone)]
pub struct Ports {
    pub accounts: Arc<dyn AccountStore>,
    pub sessions: Arc<dyn SessionStore>,
    pub api_clients: Arc<dyn ApiClientStore>,
    pub app_sign_in: Arc<dyn AppSignInStore>,
    pub idempotency: Arc<dyn IdempotencyStore>,
    pub bindings: Arc<dyn BindingStore>,
    pub outbox: Arc<dyn OutboxStore>,
    pub permissions: Arc<dyn PermissionStore>,
    pub registries: Arc<dyn RegistryStore>,
    pub audit: Arc<dyn AuditLog>,
    pub requests: Arc<dyn RequestStore>,
    pub sms: Arc<dyn SmsGateway>,
    pub operators: Arc<dyn OperatorRegistry>,
    /// No code goes to a number whose SIM changed this recently.
    pub sim_swap_window: time::Duration,
    pub identity: Arc<dyn IdentityRegister>,
    pub signatures: Arc<dyn SignatureVerifier>,
    pub biometrics: Arc<dyn BiometricVerifier>,
    /// Issues citizens' certificates (demo mode: the demo NCA).
    pub issuer: Arc<dyn crate::ports::CertificateIssuer>,
    pub clock: Arc<dyn Clock>,
    pub codes: code_hash::CodeHasher,
    /// How the SMS outbox seals, journals and gives up on messages.
    pub sms_policy: sms_delivery::SmsPolicy,
    /// This instance's delivery worker's last round (readiness).
    pub sms_worker: Arc<sms_delivery::WorkerBeat>,
    pub staff: Arc<dyn StaffStore>,
    pub complaints: Arc<dyn ComplaintStore>,
    pub dashboard: Arc<dyn DashboardStore>,
    pub maintenance: Arc<dyn crate::ports::MaintenanceStore>,
    /// The working-day calendar complaint deadlines are counted in.
    pub calendar: Arc<crate::domain::calendar::WorkingCalendar>,
    /// Flood limits per source and per claimed identity, before Argon2.
    pub floods: Arc<floods::Floods>,
    /// How many EDS sign-in challenges each source and each API client
    /// may ask for (in memory: a flood guard, see [`flood`]).
    pub challenge_limit: Arc<flood::FloodLimit>,
    /// Sign-in codes, the messages each citizen received, opt-outs.
    pub number_uses: Arc<dyn crate::ports::NumberUseStore>,
    /// The notification purposes state services may send for.
    pub purposes: Arc<crate::domain::notification::Purposes>,
}

/// Something failed that the citizen cannot fix; the cause goes to the log.
#[derive(Debug, thiserror::Error)]
#[error("internal error: {0}")]
pub struct Unexpected(#[from] pub anyhow::Error);

impl From<crate::ports::StoreError> for Unexpected {
    fn from(e: crate::ports::StoreError) -> Self {
        Self(e.into())
    }
}

/// A store's failure is our fault to every service whose error has an
/// `Unexpected(Unexpected)` variant: one conversion for them all. (A
/// service that gives a store conflict a meaning of its own, such as a
/// complaint already under review, writes its own.)
macro_rules! store_failure_is_unexpected {
    ($($error:ty),+ $(,)?) => {$(
        impl From<crate::ports::StoreError> for $error {
            fn from(e: crate::ports::StoreError) -> Self {
                Self::Unexpected(e.into())
            }
        }
    )+};
}

store_failure_is_unexpected!(
    api_clients::TokenError,
    api_clients::CallError,
    app_sign_in::AppSignInError,
    bank::BankError,
    certify::CertifyError,
    confirm_code::ConfirmCodeError,
    eds_sign_in::EdsSignInError,
    office::OfficeError,
    open_request::OpenRequestError,
    request_code::RequestCodeError,
);
