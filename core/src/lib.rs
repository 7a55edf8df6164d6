//! Nomir's core: what every other crate speaks. It imports nothing above
//! it (no database, no framework, no I/O) and compiles for the browser's
//! WASM as well as for the server.
//!
//! - [`domain`]: the procedure's pure rules and entities (order No. 58);
//! - [`end_reason`]: why a request ended without a binding: row 9's two refusal grounds, or a step not performed;
//! - [`kz_time`]: Kazakhstan's time (UTC+5), the one place it is defined;
//! - [`i18n`]: everything a person reads, in Kazakh, Russian and English;
//! - [`step_error`]: what a citizen can correct in the procedure, on any channel;
//! - [`wire`], [`wire_complaints`], [`api_problem`], [`eds_reason`]: the
//!   views and reasons the server hands the pages and the API.

pub mod api_problem;
pub mod coded;
pub mod domain;
pub mod eds_reason;
pub mod end_reason;
pub mod i18n;
pub mod kz_time;
pub mod step_error;
pub mod wire;
pub mod wire_complaints;
