//! Nomir: binds a citizen's mobile number, as provided by the mobile
//! operator, to their e-government portal account.
//!
//! The house, from the ground up; each layer uses only those above it in
//! this list (checked by `server/tests/it/layers.rs`):
//! - the core crate (`nomir_core`, re-exported as [`domain`]): the rules,
//!   entities, Kazakhstan time and every text, no I/O;
//! - [`ports`]: the traits services reach the outside through (the
//!   signature's vocabulary comes from the `kz_eds` crate);
//! - [`services`]: one use case per file, over the domain and the ports;
//! - [`database`] (the storage ports on SQLite and PostgreSQL),
//!   [`adapters`] (SMS, registries, biometrics, the `kz_eds` verifier),
//!   [`documents`] (the sealed result document), [`calendar_data`];
//! - the channels, none of which imports another: [`portal`] (citizens'
//!   pages), [`office`] (officials' back office), [`api`] (JSON for the
//!   mobile app and banks), [`cli`] (the `nomir` command); what they share
//!   is in [`common`], and demo mode's parts are all in [`demo`];
//! - [`config`] and [`startup`]: settings, the composition root and the router.

/// The procedure's rules and entities, from the core crate.
pub use nomir_core::domain;

pub mod adapters;
pub mod api;
pub mod calendar_data;
pub mod cli;
pub mod common;
pub mod config;
pub mod database;
pub mod demo;
pub mod documents;
pub mod office;
pub mod portal;
pub mod ports;
pub mod services;
pub mod startup;
