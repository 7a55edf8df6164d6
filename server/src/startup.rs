//! The composition root: the only place that names every concrete adapter.

use std::sync::Arc;

use leptos::config::get_configuration;
use tokio::net::TcpListener;

use crate::config::Settings;
use crate::database::Db;
use crate::http::{router, AppState};
use crate::ports::clock::SystemClock;
use crate::ports::Clock;
use crate::services::Ports;
use crate::web::PortalService;

/// Every port backed by the database, with the given clock.
pub fn ports_over(db: &Db, clock: Arc<dyn Clock>) -> Ports {
    let db = Arc::new(db.clone());
    Ports {
        accounts: db.clone(),
        sessions: db.clone(),
        bindings: db.clone(),
        outbox: db.clone(),
        registries: db.clone(),
        audit: db,
        clock,
    }
}

/// Connects to the database and applies migrations.
pub async fn open_database(settings: &Settings) -> anyhow::Result<Db> {
    let db = Db::connect(&settings.database_url).await?;
    db.migrate().await?;
    Ok(db)
}

pub struct Application {
    listener: TcpListener,
    app: axum::Router,
    db: Db,
}

impl Application {
    /// Opens the database, loads the demo data in demo mode, binds the socket.
    pub async fn build(settings: Settings, clock: Arc<dyn Clock>) -> anyhow::Result<Self> {
        let db = open_database(&settings).await?;
        let ports = ports_over(&db, clock);
        if settings.demo {
            let loaded = crate::demo::load(&ports).await?;
            tracing::info!(?loaded, "demo data loaded");
        }
        let listener = TcpListener::bind(settings.addr)
            .await
            .map_err(|e| anyhow::anyhow!("cannot listen on {} (NOMIR_ADDR): {e}", settings.addr))?;
        let mut leptos_options = get_configuration(None)?.leptos_options;
        leptos_options.site_addr = listener.local_addr()?;
        let portal = Arc::new(PortalService {
            ports: ports.clone(),
            demo: settings.demo,
        });
        let state = AppState {
            leptos_options,
            ports,
            settings: Arc::new(settings),
            portal,
        };
        Ok(Self {
            listener,
            app: router(state),
            db,
        })
    }

    pub async fn with_system_clock(settings: Settings) -> anyhow::Result<Self> {
        Self::build(settings, Arc::new(SystemClock)).await
    }

    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    /// Serves until Ctrl-C or SIGTERM, then finishes the requests in flight.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        tracing::info!(addr = %self.listener.local_addr()?, "serving");
        axum::serve(self.listener, self.app.into_make_service())
            .with_graceful_shutdown(shutdown_signal())
            .await?;
        self.db.close().await;
        Ok(())
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
}
