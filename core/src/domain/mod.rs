//! Pure rules of the procedure: no I/O, no framework, no database.
//!
//! Each module holds one concept and cites the paragraph of the Rules
//! (order No. 58, see `docs/procedure.md`) that it implements.

pub mod api_client;
pub mod audit;
pub mod audit_chain;
pub mod binding;
pub mod biometrics;
pub mod calendar;
pub mod case_file;
pub mod checks;
pub mod complaint;
pub mod document;
pub mod ending;
pub mod identity;
pub mod iin;
pub mod maintenance;
pub mod msisdn;
pub mod notification;
pub mod otp;
pub mod permission;
pub mod records;
pub mod sim_swap;
pub mod sms;

pub use binding::{BindingEvent, BindingState, Channel, Purpose, TransitionError, REQUEST_TERM};
pub use ending::EndReason;
pub use identity::IdentityStatus;
pub use iin::{Iin, IinError};
pub use msisdn::{Msisdn, MsisdnError};
pub use otp::{OtpCode, OtpCodeError};
