//! Each service says which ports it uses: a trait per port, and every
//! service function takes `&(impl UsesClock + UsesRequests + …)` with just
//! the ones it reaches (or that the services it calls reach). [`Ports`],
//! which the composition root fills, has them all; a test or a new channel
//! can give a service exactly what it names and nothing else.

use std::sync::Arc;

use super::code_hash::CodeHasher;
use super::{flood, floods, Ports};
use crate::domain::calendar::WorkingCalendar;
use crate::ports::{
    AccountStore, ApiClientStore, AppSignInStore, AuditLog, BindingStore, BiometricVerifier,
    CertificateIssuer, Clock, ComplaintStore, DashboardStore, IdempotencyStore, IdentityRegister,
    MaintenanceStore, NumberUseStore, OperatorRegistry, OutboxStore, PermissionStore,
    RegistryStore, RequestStore, SessionStore, SignatureVerifier, SmsGateway, StaffStore,
};

macro_rules! uses {
    ($($(#[$doc:meta])* $name:ident: $field:ident -> $ty:ty;)*) => {$(
        $(#[$doc])*
        pub trait $name: Sync {
            fn $field(&self) -> &$ty;
        }
        impl $name for Ports {
            fn $field(&self) -> &$ty {
                &self.$field
            }
        }
    )*};
}

uses! {
    UsesAccounts: accounts -> Arc<dyn AccountStore>;
    UsesSessions: sessions -> Arc<dyn SessionStore>;
    UsesApiClients: api_clients -> Arc<dyn ApiClientStore>;
    UsesAppSignIn: app_sign_in -> Arc<dyn AppSignInStore>;
    UsesIdempotency: idempotency -> Arc<dyn IdempotencyStore>;
    UsesBindings: bindings -> Arc<dyn BindingStore>;
    UsesOutbox: outbox -> Arc<dyn OutboxStore>;
    UsesPermissions: permissions -> Arc<dyn PermissionStore>;
    UsesRegistries: registries -> Arc<dyn RegistryStore>;
    UsesAudit: audit -> Arc<dyn AuditLog>;
    UsesRequests: requests -> Arc<dyn RequestStore>;
    UsesSms: sms -> Arc<dyn SmsGateway>;
    UsesIdentity: identity -> Arc<dyn IdentityRegister>;
    UsesSignatures: signatures -> Arc<dyn SignatureVerifier>;
    UsesBiometrics: biometrics -> Arc<dyn BiometricVerifier>;
    UsesIssuer: issuer -> Arc<dyn CertificateIssuer>;
    UsesClock: clock -> Arc<dyn Clock>;
    UsesCodes: codes -> CodeHasher;
    UsesSmsPolicy: sms_policy -> super::sms_delivery::SmsPolicy;
    UsesSmsWorker: sms_worker -> Arc<super::sms_delivery::WorkerBeat>;
    UsesStaff: staff -> Arc<dyn StaffStore>;
    UsesComplaints: complaints -> Arc<dyn ComplaintStore>;
    UsesDashboard: dashboard -> Arc<dyn DashboardStore>;
    UsesMaintenance: maintenance -> Arc<dyn MaintenanceStore>;
    UsesCalendar: calendar -> Arc<WorkingCalendar>;
    UsesFloods: floods -> Arc<floods::Floods>;
    UsesChallengeLimit: challenge_limit -> Arc<flood::FloodLimit>;
    UsesNumberUses: number_uses -> Arc<dyn NumberUseStore>;
    UsesPurposes: purposes -> Arc<crate::domain::notification::Purposes>;
}

/// What writing and delivering SMS takes: the outbox, the gateway, the
/// outbox's policy and the clock.
pub trait SendsSms: UsesClock + UsesOutbox + UsesSms + UsesSmsPolicy + UsesSmsWorker {}
impl<T: UsesClock + UsesOutbox + UsesSms + UsesSmsPolicy + UsesSmsWorker> SendsSms for T {}

/// The mobile operators, and how recent a SIM change stops codes
/// (`domain::sim_swap`).
pub trait UsesOperators: Sync {
    fn operators(&self) -> &Arc<dyn OperatorRegistry>;
    fn sim_swap_window(&self) -> time::Duration;
    /// Counts a question to the operators for an account (a flood limit
    /// before the outside call, `floods::Floods::operator_call`).
    fn operator_call(&self, account: &str, now: time::OffsetDateTime) -> Result<(), floods::Wait>;
}

impl UsesOperators for Ports {
    fn operators(&self) -> &Arc<dyn OperatorRegistry> {
        &self.operators
    }
    fn sim_swap_window(&self) -> time::Duration {
        self.sim_swap_window
    }
    fn operator_call(&self, account: &str, now: time::OffsetDateTime) -> Result<(), floods::Wait> {
        self.floods.operator_call(account, now)
    }
}
