//! Demo mode, all in one place: the fictional dataset and its loading
//! (`data`), the demo PKI (`pki`), the NCALayer stand-in (`signer`), the
//! demo phone that shows the SMS outbox (`phone`), the movable clock
//! (`clock`), the biometric provider (`biometrics`) and the seal's keys
//! (`seal`). Nothing here runs outside demo mode. (The dashboard
//! benchmark's generated rows are written by `database/generated.rs`, as
//! they need the store's own statements.)

pub mod biometrics;
pub mod clock;
mod data;
pub mod phone;
pub mod pki;
pub mod population;
pub mod seal;
pub mod signer;

pub use data::*;

use axum::routing::{get, post};
use axum::Router;

use crate::common::AppState;

/// Demo mode's routes for the browser (each refuses outside demo mode).
pub fn routes() -> Router<AppState> {
    Router::new().route("/demo/clock", post(clock::advance))
}

/// Demo mode's JSON for the load generator and the tests: no page, so
/// outside the portal's banner, session and same-origin layers (refused
/// outside demo mode).
pub fn json_routes() -> Router<AppState> {
    Router::new().route("/demo/phone/newest", get(phone::newest))
}
