use leptos::prelude::*;

use crate::error::PortalError;
use crate::wire::PhoneView;

/// The demo phone's inbox, or `None` outside demo mode.
#[server(prefix = "/fn")]
pub async fn get_demo_phone() -> Result<Option<Vec<PhoneView>>, PortalError> {
    super::respond::port()?.demo_phone().await
}
