//! Nomir's pages: Leptos components rendered on the server, with a few
//! islands hydrated in the browser: the cabinet's binding card and the
//! request's step (`pages/binding_card.rs`, `pages/request_step.rs`), the
//! EDS button, the typing help and the navigator.
//! Pages call server functions, which call the [`port`] trait that the
//! server crate implements; this crate knows nothing else of it.
//!
//! Islands mode keeps the WASM small: page code never reaches it. With the
//! WASM, [`navigation`] posts each form and follows each link with `fetch`
//! and puts the server's new page in place, so a step changes in place and
//! the history stays right; without it, the same forms post and redirect as
//! plain HTML.

#[cfg(feature = "ssr")]
pub mod citizen;
pub mod components;
#[cfg(feature = "ssr")]
pub mod cookies;
pub mod error;
#[cfg(feature = "hydrate")]
mod navigation;
#[cfg(feature = "hydrate")]
pub mod ncalayer;
#[cfg(feature = "ssr")]
pub mod office_port;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod port;
#[cfg(feature = "ssr")]
pub mod security;
pub mod server_fns;
mod sign_error;
pub mod site;
#[cfg(feature = "ssr")]
pub mod source;
#[cfg(feature = "ssr")]
pub mod staff;

// The shared vocabulary lives in the core crate; the pages name it as their own.
pub use nomir_core::{api_problem, end_reason, i18n, wire, wire_complaints};

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

use crate::components::Layout;
use crate::pages::{
    CabinetPage, CasePage, ComplaintPage, ComplaintsPage, DashboardPage, DemoPhonePage, HomePage,
    NewComplaintPage, NotFound, QueuePage, RequestPage, SignInCodePage, SignInPage,
    StaffSignInPage,
};

/// The HTML document around the app, rendered on the server only.
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    use crate::site::Site;
    use leptos_meta::{HashedStylesheet, MetaTags};
    let site = Site::from_request();
    provide_context(site);
    security::set_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang=site.lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml"/>
        <Router>
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("") view=HomePage/>
                    <Route path=path!("sign-in") view=SignInPage/>
                    <Route path=path!("sign-in/code") view=SignInCodePage ssr=SsrMode::Async/>
                    <Route path=path!("cabinet") view=CabinetPage ssr=SsrMode::Async/>
                    <Route path=path!("cabinet/request/:id") view=RequestPage ssr=SsrMode::Async/>
                    <Route path=path!("cabinet/complaints") view=ComplaintsPage ssr=SsrMode::Async/>
                    <Route path=path!("cabinet/complaints/new") view=NewComplaintPage ssr=SsrMode::Async/>
                    <Route path=path!("cabinet/complaints/:id") view=ComplaintPage ssr=SsrMode::Async/>
                    <Route path=path!("office/sign-in") view=StaffSignInPage/>
                    <Route path=path!("office") view=QueuePage ssr=SsrMode::Async/>
                    <Route path=path!("office/complaints/:id") view=CasePage ssr=SsrMode::Async/>
                    <Route path=path!("office/dashboard") view=DashboardPage ssr=SsrMode::Async/>
                    <Route path=path!("demo/phone") view=DemoPhonePage ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
    }
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    leptos::mount::hydrate_islands();
}
