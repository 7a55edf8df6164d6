//! The HTTP edge: the portal's pages and server functions (Leptos), the
//! front end's files, health, the language switch, the demo clock, and the
//! middleware every response passes through. The JSON API (`crate::api`)
//! is nested under `/api/v1`. Every portal action is a
//! server function (`app::server_fns`); there are no form handlers here.

pub mod cookies;
mod dashboard_csv;
mod demo_clock;
mod error_page;
mod health;
mod lang;
pub mod result_document;
mod security;
mod server_fn_errors;
pub mod slots;
pub mod source;
pub mod static_files;
mod visitor;

use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, FromRef};
use axum::routing::{get, post};
use axum::{middleware, Router};
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

use crate::config::Settings;
use crate::ports::clock::ShiftableClock;
use crate::services::Ports;
use app::office_port::SharedOfficeApi;
use app::port::SharedPortalApi;
use app::site::{DemoClockShift, DemoMode, SignerUrl};

/// The largest request body accepted (forms are a few hundred bytes).
pub const MAX_BODY: usize = 64 * 1024;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub ports: Ports,
    pub settings: Arc<Settings>,
    pub portal: SharedPortalApi,
    /// The back office's port (the same service).
    pub office: SharedOfficeApi,
    /// The keys that seal result documents and that a check trusts.
    pub seal: Arc<crate::documents::keys::SealKeys>,
    /// Demo mode's movable clock; `None` outside demo mode.
    pub demo_clock: Option<Arc<ShiftableClock>>,
    /// How many document checks run at once (in all, and per source).
    pub check_slots: Arc<slots::Slots>,
}

pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(app::App);
    let context = {
        let portal = state.portal.clone();
        let office = state.office.clone();
        let demo = DemoMode(state.settings.demo);
        let signer = SignerUrl(state.settings.signer_url.clone());
        let shift = state
            .demo_clock
            .clone()
            .map(|clock| DemoClockShift(Arc::new(move || clock.offset().whole_minutes())));
        move || {
            provide_context(portal.clone());
            provide_context(office.clone());
            provide_context(demo);
            provide_context(signer.clone());
            if let Some(shift) = &shift {
                provide_context(shift.clone());
            }
        }
    };
    let options = state.leptos_options.clone();
    let pkg_dir =
        std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let portal = Router::new()
        .nest_service("/pkg", static_files::service(pkg_dir))
        .route("/lang/{code}", get(lang::switch))
        .route("/demo/clock", post(demo_clock::advance))
        .route("/office/dashboard.csv", get(dashboard_csv::download))
        .route(
            "/cabinet/request/{id}/result.pdf",
            get(result_document::download),
        )
        .route(
            "/check-document",
            get(result_document::check_form)
                .post(result_document::check)
                .layer(DefaultBodyLimit::max(result_document::CHECK_BODY_LIMIT)),
        )
        .route("/health", get(health::check))
        .leptos_routes_with_context(&state, routes, context.clone(), move || {
            app::shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, app::shell))
        .layer(middleware::from_fn_with_state(
            state.ports.clone(),
            visitor::resolve,
        ))
        .layer(middleware::from_fn(server_fn_errors::localize))
        // Cross-site form posts are refused; the API authenticates each
        // call by its token instead, so it is outside this check.
        .layer(middleware::from_fn(security::same_origin_only))
        .layer(CatchPanicLayer::custom(error_page::panic_response));
    Router::new()
        .nest("/api/v1", crate::api::router(state.ports.clone()))
        .merge(portal)
        .layer(middleware::from_fn_with_state(
            state.settings.clone(),
            security::headers,
        ))
        .layer(middleware::from_fn_with_state(
            state.settings.trusted_proxy,
            source::resolve,
        ))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}

/// Every log line of a request carries its id, which its response carries
/// too (`X-Request-Id`; a client's own id is kept). The path is logged
/// without the query, which may hold personal data.
fn request_span(request: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    let id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    tracing::info_span!(
        "request",
        id = %id,
        method = %request.method(),
        path = %request.uri().path(),
    )
}
