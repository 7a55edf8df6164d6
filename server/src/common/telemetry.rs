//! Logs and traces. Logs go to standard error (`RUST_LOG`; one JSON
//! object a line with `NOMIR_LOG_FORMAT=json`). When `NOMIR_OTLP_ENDPOINT`
//! names an OpenTelemetry collector (`http://collector:4318`), every span
//! (each HTTP request's, and what runs inside it) is also exported there
//! over OTLP/HTTP, protobuf, by the SDK's batch thread.

use opentelemetry::trace::TracerProvider as _;
use opentelemetry_otlp::{Protocol, SpanExporter, WithExportConfig};
use opentelemetry_sdk::trace::SdkTracerProvider;
use opentelemetry_sdk::Resource;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::EnvFilter;

/// What must be flushed before the process ends.
pub struct Telemetry {
    traces: Option<SdkTracerProvider>,
}

/// The exporter to `<base>/v1/traces`.
fn traces_to(base: &str) -> anyhow::Result<SdkTracerProvider> {
    let exporter = SpanExporter::builder()
        .with_http()
        .with_protocol(Protocol::HttpBinary)
        .with_endpoint(format!("{}/v1/traces", base.trim_end_matches('/')))
        .build()?;
    Ok(SdkTracerProvider::builder()
        .with_batch_exporter(exporter)
        .with_resource(Resource::builder().with_service_name("nomir").build())
        .build())
}

/// Installs the global subscriber from the environment.
pub fn init() -> anyhow::Result<Telemetry> {
    // A collector that cannot be set up costs the traces, not the logs
    // nor the command: the log says why.
    let mut unusable = None;
    let traces = match std::env::var("NOMIR_OTLP_ENDPOINT") {
        Ok(base) if !base.trim().is_empty() => match traces_to(base.trim()) {
            Ok(p) => Some(p),
            Err(e) => {
                unusable = Some(format!("NOMIR_OTLP_ENDPOINT {base:?} is not usable: {e}"));
                None
            }
        },
        _ => None,
    };
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| "info,sqlx=warn,tower_http=info".into());
    let json = std::env::var("NOMIR_LOG_FORMAT").is_ok_and(|f| f == "json");
    // Logs to standard error: commands print their results on standard output.
    let (as_json, as_text) = if json {
        (
            Some(
                tracing_subscriber::fmt::layer()
                    .json()
                    .with_writer(std::io::stderr),
            ),
            None,
        )
    } else {
        (
            None,
            Some(tracing_subscriber::fmt::layer().with_writer(std::io::stderr)),
        )
    };
    let spans = traces
        .as_ref()
        .map(|p| tracing_opentelemetry::layer().with_tracer(p.tracer("nomir")));
    tracing_subscriber::registry()
        .with(filter)
        .with(as_json)
        .with(as_text)
        .with(spans)
        .try_init()?;
    if let Some(why) = unusable {
        tracing::warn!("{why}; no traces are exported");
    } else if traces.is_some() {
        tracing::info!("traces exported over OTLP");
    }
    Ok(Telemetry { traces })
}

impl Telemetry {
    /// Sends what the batch still holds (blocking: off the async workers).
    pub async fn flush(self) {
        if let Some(p) = self.traces {
            let _ = tokio::task::spawn_blocking(move || {
                let _ = p.force_flush();
                p.shutdown()
            })
            .await;
        }
    }
}
