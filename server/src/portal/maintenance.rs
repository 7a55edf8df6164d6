//! Appendix row 7 on the pages: from 24 hours before a maintenance window
//! every page shows it (the layout reads the banner this puts in the
//! request's extensions); during it every page says the service is paused
//! until when, and every action (a form post) answers 503 with
//! `Retry-After` and a plain page in the reader's language. Signing out,
//! and demo mode's own controls, still work.

use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use time::OffsetDateTime;

use crate::common::error_page::text_page;
use crate::common::shown_time::shown;
use crate::domain::maintenance::Notice;
use crate::services::{maintenance, Ports};
use nomir_core::wire::MaintenanceBanner;

fn is_action(request: &Request) -> bool {
    let path = request.uri().path();
    !matches!(*request.method(), Method::GET | Method::HEAD)
        && !path.starts_with("/demo/")
        && !path.contains("sign_out")
}

pub async fn gate(State(ports): State<Ports>, mut request: Request, next: Next) -> Response {
    // Files show no banner: no query for them. (The probes and the demo
    // phone's JSON are routed outside this gate.)
    if request.uri().path().starts_with("/pkg/") {
        return next.run(request).await;
    }
    let banner = match maintenance::notice(&ports).await {
        None => return next.run(request).await,
        Some(Notice::Upcoming { from, until }) => MaintenanceBanner {
            paused: false,
            from: Some(shown(from)),
            until: shown(until),
        },
        Some(Notice::Paused { until }) => {
            if is_action(&request) {
                return paused_page(&request, until, ports.clock.now());
            }
            MaintenanceBanner {
                paused: true,
                from: None,
                until: shown(until),
            }
        }
    };
    request.extensions_mut().insert(banner);
    next.run(request).await
}

fn paused_page(request: &Request, until: OffsetDateTime, now: OffsetDateTime) -> Response {
    let lang = crate::common::cookies::request_lang(request.headers());
    let t = lang.texts();
    let text = format!(
        "{}. {}: {}, {}.",
        t.maint_paused_title,
        t.maint_until,
        nomir_core::kz_time::local_time(until),
        t.maint_time_zone
    );
    let mut response = text_page(StatusCode::SERVICE_UNAVAILABLE, lang, &text);
    let wait = until - now;
    let seconds = (wait.whole_seconds() + i64::from(wait.subsec_nanoseconds() > 0)).max(1);
    if let Ok(v) = seconds.to_string().parse() {
        response.headers_mut().insert(header::RETRY_AFTER, v);
    }
    response
}
