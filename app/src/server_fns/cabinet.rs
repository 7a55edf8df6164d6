use leptos::prelude::*;

use crate::wire::CabinetView;

/// The signed-in citizen's cabinet, or `None` when nobody is signed in.
#[server(prefix = "/fn")]
pub async fn get_cabinet() -> Result<Option<CabinetView>, ServerFnError> {
    let token = crate::cookies::from_context(crate::wire::SESSION_COOKIE);
    super::port()?
        .cabinet(token)
        .await
        .map_err(|_| ServerFnError::new("unexpected"))
}
