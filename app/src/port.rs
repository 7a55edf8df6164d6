//! The trait the server functions call. The server crate implements it over
//! its services and provides it as Leptos context; this crate never sees how.

use std::sync::Arc;

use crate::wire::{CabinetView, PhoneView, RequestView};

/// A failure the citizen cannot fix; the server has logged the cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unexpected;

#[async_trait::async_trait]
pub trait PortalApi: Send + Sync + 'static {
    /// The cabinet of whoever holds `session_token`, or `None` if not signed in.
    async fn cabinet(
        &self,
        session_token: Option<String>,
    ) -> Result<Option<CabinetView>, Unexpected>;
    /// A request of whoever holds `session_token`, or `None` if not theirs.
    async fn request(
        &self,
        session_token: Option<String>,
        request_id: String,
    ) -> Result<Option<RequestView>, Unexpected>;
    /// Certifies a request with a CMS signature (base64); the request page then shows the outcome.
    async fn certify(
        &self,
        session_token: Option<String>,
        request_id: String,
        cms_base64: String,
    ) -> Result<(), Unexpected>;
    /// The demo phone's messages, or `None` outside demo mode.
    async fn demo_phone(&self) -> Result<Option<Vec<PhoneView>>, Unexpected>;
}

pub type SharedPortalApi = Arc<dyn PortalApi>;
