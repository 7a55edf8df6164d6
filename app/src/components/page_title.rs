use leptos::prelude::*;
use leptos_meta::Title;

use crate::site::use_site;

/// The document title: the page's name, then the service's.
#[component]
pub fn PageTitle(text: &'static str) -> impl IntoView {
    let service = use_site().lang.texts().service_name;
    view! { <Title text=format!("{text} — {service}")/> }
}
