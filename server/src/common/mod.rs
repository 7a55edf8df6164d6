//! What every channel shares: the state handlers read, the request's
//! source address, cookies (language and sessions), security headers and
//! the same-origin check, the front end's files, health, the HTML error
//! page, and the complaints' views the portal and the office both show.
//! Settings reach it as plain values from the composition root.

pub mod complaint_views;
pub mod cookies;
pub mod error_page;
pub mod health;
pub mod metrics;
pub mod security;
pub mod shown_time;
pub mod slots;
pub mod source;
pub mod static_files;
pub mod telemetry;

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use crate::ports::clock::ShiftableClock;
use crate::services::Ports;
use app::office_port::SharedOfficeApi;
use app::port::SharedPortalApi;

/// The largest request body accepted (forms are a few hundred bytes).
pub const MAX_BODY: usize = 64 * 1024;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub ports: Ports,
    /// Cookies only over HTTPS, and `Strict-Transport-Security` on every answer.
    pub cookie_secure: bool,
    pub portal: SharedPortalApi,
    /// The back office's port.
    pub office: SharedOfficeApi,
    /// The keys that seal result documents and that a check trusts.
    pub seal: Arc<crate::documents::keys::SealKeys>,
    /// Demo mode's movable clock; `None` outside demo mode.
    pub demo_clock: Option<Arc<ShiftableClock>>,
    /// How many document checks run at once (in all, and per source).
    pub check_slots: Arc<crate::common::slots::Slots>,
}
