use leptos::prelude::*;

use crate::wire::PhoneView;

/// The demo phone's inbox, or `None` outside demo mode.
#[server(prefix = "/fn")]
pub async fn get_demo_phone() -> Result<Option<Vec<PhoneView>>, ServerFnError> {
    super::port()?
        .demo_phone()
        .await
        .map_err(|_| ServerFnError::new("unexpected"))
}
