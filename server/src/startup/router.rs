//! The one router: each channel's routes (the portal's and the office's
//! pages and files, the JSON API under `/api/v1`, demo mode's clock) with
//! the shared middleware every response passes through (security headers,
//! source address, body limit, request ids and their log span).

use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Request};
use axum::middleware::{self, Next};
use axum::routing::get;
use axum::Router;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

use crate::common::{security, source, static_files, AppState, MAX_BODY};
use crate::config::Settings;
use app::site::{DemoClockShift, DemoMode, SignerUrl};

pub fn router(state: AppState, settings: &Settings) -> Router {
    let routes = generate_route_list(app::App);
    let context = {
        let portal = state.portal.clone();
        let office = state.office.clone();
        let demo = DemoMode(settings.demo);
        let signer = SignerUrl(settings.signer_url.clone());
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
        .merge(crate::portal::routes())
        .merge(crate::office::routes())
        .merge(crate::demo::routes())
        .leptos_routes_with_context(&state, routes, context.clone(), move || {
            app::shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, app::shell))
        .layer(middleware::from_fn_with_state(
            state.ports.clone(),
            crate::portal::maintenance::gate,
        ))
        .layer(middleware::from_fn_with_state(
            state.ports.clone(),
            crate::portal::visitor::resolve,
        ))
        .layer(middleware::from_fn(
            crate::portal::server_fn_errors::localize,
        ))
        // Cross-site form posts are refused; the API authenticates each
        // call by its token instead, so it is outside this check.
        .layer(middleware::from_fn(security::same_origin_only))
        .layer(CatchPanicLayer::custom(
            crate::common::error_page::panic_response,
        ));
    // The probes and the demo phone's JSON: no page, so none of the
    // portal's layers (banner, session, same-origin check).
    let plain = Router::new()
        .route("/health", get(crate::common::health::check))
        .route("/ready", get(crate::common::health::ready))
        .merge(crate::demo::json_routes())
        .layer(CatchPanicLayer::custom(
            crate::common::error_page::panic_response,
        ));
    Router::new()
        .nest("/api/v1", crate::api::router(state.ports.clone()))
        .merge(plain)
        .merge(portal)
        // One read of the maintenance windows a request, shared by the
        // gates, the server functions and the API's steps.
        .layer(middleware::from_fn(|request: Request, next: Next| {
            crate::adapters::maintenance_snapshot::scope(next.run(request))
        }))
        .layer(middleware::from_fn_with_state(
            security::Https(settings.cookie_secure),
            security::headers,
        ))
        .layer(middleware::from_fn_with_state(
            settings.trusted_proxy,
            source::resolve,
        ))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn(crate::common::metrics::track))
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
