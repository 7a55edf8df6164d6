//! Operators' metrics in Prometheus' text format, on a listener of their
//! own (`NOMIR_METRICS_ADDR`), never on the portal's address: what the
//! service counts is for the people who run it, not for the public.
//!
//! Services count with the `metrics` facade (a no-op until a recorder is
//! installed); [`handle`] installs the Prometheus recorder once per process.
//! What is counted where:
//! - `nomir_http_requests_total{route,method,status}` and
//!   `nomir_http_request_duration_seconds{route}`: [`track`], every request;
//! - `nomir_sms_total{result}`: each try to hand an SMS to the gateway
//!   (sent, delayed, failed);
//! - `nomir_requests_ended_total{channel,outcome,ground}`: how requests end;
//! - `nomir_outside_errors_total{system}`: registries and gateways unavailable;
//! - `nomir_db_pool_connections{state}`, `nomir_sms_outbox_messages` (not
//!   sent yet), `nomir_sms_outbox_oldest_seconds`, `nomir_audit_chain_entries`:
//!   read from the database at each scrape.

use std::net::SocketAddr;
use std::sync::OnceLock;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use tokio::net::TcpListener;

use crate::database::Db;

/// Latency buckets, seconds: a page within 50 ms, a signature check or an
/// Argon2 sign-in within a second, an outside system's time limit at 10.
const LATENCY_BUCKETS: &[f64] = &[
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();

/// The process's Prometheus recorder, installed on first use.
pub fn handle() -> &'static PrometheusHandle {
    HANDLE.get_or_init(|| {
        let recorder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), LATENCY_BUCKETS)
            .map(PrometheusBuilder::build_recorder)
            .unwrap_or_else(|_| PrometheusBuilder::new().build_recorder());
        let handle = recorder.handle();
        if metrics::set_global_recorder(recorder).is_err() {
            tracing::warn!("another metrics recorder is installed: /metrics stays empty");
        }
        handle
    })
}

/// Counts every request by its route (the pattern, never the path: ids and
/// personal data stay out of the labels), method and status, and times it.
pub async fn track(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", MatchedPath::as_str)
        .to_owned();
    let method: &'static str = match request.method().as_str() {
        "GET" => "GET",
        "POST" => "POST",
        "PUT" => "PUT",
        "DELETE" => "DELETE",
        "HEAD" => "HEAD",
        "PATCH" => "PATCH",
        _ => "other",
    };
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!("nomir_http_requests_total", "route" => route.clone(), "method" => method, "status" => status)
        .increment(1);
    metrics::histogram!("nomir_http_request_duration_seconds", "route" => route)
        .record(started.elapsed().as_secs_f64());
    response
}

/// Binds the metrics listener (a start-up failure if it cannot).
pub async fn bind(addr: SocketAddr) -> anyhow::Result<TcpListener> {
    handle();
    TcpListener::bind(addr)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {addr} (NOMIR_METRICS_ADDR): {e}"))
}

/// Serves `/metrics` on `listener` until the process ends.
pub async fn serve(listener: TcpListener, db: Db) {
    let app = Router::new().route("/metrics", get(scrape)).with_state(db);
    if let Err(e) = axum::serve(listener, app).await {
        tracing::error!(error = %e, "the metrics listener stopped");
    }
}

async fn scrape(State(db): State<Db>) -> impl IntoResponse {
    let (size, idle) = db.pool_use();
    metrics::gauge!("nomir_db_pool_connections", "state" => "open").set(size as f64);
    metrics::gauge!("nomir_db_pool_connections", "state" => "idle").set(idle as f64);
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    match db.gauges(now).await {
        Ok(g) => {
            metrics::gauge!("nomir_sms_outbox_messages").set(g.outbox_messages as f64);
            metrics::gauge!("nomir_sms_outbox_oldest_seconds").set(g.outbox_oldest_seconds as f64);
            metrics::gauge!("nomir_audit_chain_entries").set(g.audit_entries as f64);
        }
        Err(e) => tracing::warn!(error = %e, "metrics: the database's gauges cannot be read"),
    }
    let handle = handle();
    handle.run_upkeep();
    (
        [("content-type", "text/plain; version=0.0.4; charset=utf-8")],
        handle.render(),
    )
}
