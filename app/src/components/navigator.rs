//! The island that takes over navigation once the WASM runs (see
//! `crate::navigation`): steps then change in place.

use leptos::prelude::*;

/// One per page, in the layout. Also marks the page `data-hydrated` once the
/// WASM runs, which the browser tests wait for.
#[island]
pub fn Navigator() -> impl IntoView {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        crate::navigation::install();
        hydrated.set(true);
    });
    view! { <span hidden data-hydrated=move || hydrated.get().to_string()></span> }
}
