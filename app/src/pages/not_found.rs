use leptos::prelude::*;

use crate::components::{PageTitle, StepHeading};
use crate::site::use_site;

#[component]
pub fn NotFound() -> impl IntoView {
    super::set_status(404);
    let t = use_site().lang.texts();
    view! {
        <PageTitle text=t.not_found_title/>
        <StepHeading text=t.not_found_title/>
        <p>{t.not_found_text}</p>
        <p><a href="/">{t.nav_home}</a></p>
    }
}
