//! The traits services talk to the outside world through. Each has an
//! embedded default (SPEC §6) and, where the world has one, a real adapter.

pub mod account_tx;
pub mod clock;
pub mod dashboard;
pub mod maintenance;
pub mod number_uses;
pub mod outside;
pub use nomir_core::domain::records;
pub mod store;

pub use account_tx::{
    AccountTx, BindingTx, CodeCounts, CodeTx, ConsentTx, PermissionTx, RequestTx,
};
pub use clock::Clock;
pub use dashboard::DashboardStore;
pub use maintenance::MaintenanceStore;
pub use number_uses::{NumberUseStore, NumberUseTx, SentMessage, SignInCode};
pub use outside::{
    AssertionError, Attribution, BiometricVerifier, CertificateIssuer, CertificateOrder,
    IdentityRegister, KeyPurpose, OperatorRegistry, Sealed, SendFailure, SignatureError,
    SignatureVerifier, Signer, SmsGateway, Unavailable,
};
pub use records::*;
pub use store::{
    AccountStore, ApiClientStore, AppSignInStore, AuditLog, BindingStore, ClaimedSms,
    ComplaintStore, IdempotencyStore, KeyState, NewsOfNumber, OutboxStore, OutgoingSms,
    PermissionStore, Queue, RegistryStore, RequestStore, SessionStore, SmsState, StaffStore,
    StateChange, StoreError, StoreResult, StoredAnswer,
};
