//! Nomir: binds a citizen's mobile number, as provided by the mobile
//! operator, to their e-government portal account.
//!
//! Folder map (what may depend on what, top to bottom):
//! - [`domain`]: pure rules, no I/O;
//! - [`ports`]: traits the services need;
//! - [`services`]: one use case per file, over domain and ports;
//! - [`database`]: implements the storage ports (SQLite and PostgreSQL);
//! - [`adapters`]: the outside-world ports (SMS, registries, EDS);
//! - [`documents`]: the sealed result document (PDF and seal);
//! - [`demo`], [`demo_pki`]: the fictional demo data and keys (demo mode only);
//! - [`http`], [`web`], [`api`]: translate between the outside and the services;
//! - [`config`], [`startup`]: settings and the composition root.

/// The procedure's rules and entities, from the core crate.
pub use nomir_core::domain;

pub mod adapters;
pub mod api;
pub mod calendar_data;
pub mod cli_clients;
pub mod cli_documents;
pub mod cli_eds;
pub mod cli_staff;
pub mod config;
pub mod database;
pub mod demo;
pub mod demo_pki;
pub mod demo_signer;
pub mod documents;
pub mod http;
pub mod ports;
pub mod services;
pub mod startup;
pub mod web;
