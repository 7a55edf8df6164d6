//! The composition root: the only place that names every concrete adapter.

pub mod router;

use std::sync::Arc;

use axum::serve::ListenerExt;
use leptos::config::get_configuration;
use tokio::net::TcpListener;

use crate::adapters::biometrics::{JwsBiometrics, NoBiometrics};
use crate::adapters::eds::{CmsVerifier, RevocationSources};
use crate::adapters::registry_tables::TableRegistries;
use crate::adapters::sms_outbox::DemoPhone;
use crate::common::AppState;
use crate::config::Settings;
use crate::database::Db;
use crate::office::OfficeService;
use crate::portal::PortalService;
use crate::ports::clock::{ShiftableClock, SystemClock};
use crate::ports::{BiometricVerifier, Clock, SignatureVerifier};
use crate::services::code_hash::CodeHasher;
use crate::services::Ports;

/// The certification authority: the demo NCA in demo mode; none outside
/// it yet (the NCA's issuing interface is not public).
fn issuer(demo: bool, clock: &Arc<dyn Clock>) -> Arc<dyn crate::ports::CertificateIssuer> {
    if demo {
        match crate::demo::pki::DemoNca::new(clock.clone()) {
            Ok(nca) => return Arc::new(nca),
            Err(e) => tracing::error!(error = %e, "the demo certification authority cannot start"),
        }
    }
    Arc::new(crate::adapters::no_issuer::NoIssuer)
}

/// Every port with its embedded default over the database, given the clock,
/// the signature and biometric verifiers and the code hasher.
pub fn ports_over(
    db: &Db,
    clock: Arc<dyn Clock>,
    signatures: Arc<dyn SignatureVerifier>,
    biometrics: Arc<dyn BiometricVerifier>,
    codes: CodeHasher,
    demo: bool,
) -> Ports {
    let db = Arc::new(db.clone());
    let registries = Arc::new(TableRegistries(db.clone()));
    Ports {
        accounts: db.clone(),
        sessions: db.clone(),
        api_clients: db.clone(),
        app_sign_in: db.clone(),
        idempotency: db.clone(),
        bindings: db.clone(),
        outbox: db.clone(),
        permissions: db.clone(),
        staff: db.clone(),
        complaints: db.clone(),
        dashboard: db.clone(),
        maintenance: Arc::new(crate::adapters::maintenance_snapshot::PerRequest {
            store: db.clone(),
            reach: crate::services::maintenance::LOOK_BACK,
        }),
        registries: db.clone(),
        audit: db.clone(),
        requests: db.clone(),
        sms: Arc::new(DemoPhone),
        sms_policy: crate::services::sms_delivery::SmsPolicy {
            seal: crate::services::sms_seal::SmsSeal::new(codes.derive("sms-outbox"), demo),
            give_up: crate::config::DEFAULT_SMS_GIVE_UP,
            lease: crate::services::sms_delivery::DEFAULT_LEASE,
        },
        sms_worker: Arc::new(crate::services::sms_delivery::WorkerBeat::new(
            time::OffsetDateTime::now_utc(),
        )),
        operators: registries.clone(),
        sim_swap_window: crate::domain::sim_swap::DEFAULT_WINDOW,
        identity: registries,
        signatures,
        biometrics,
        issuer: issuer(demo, &clock),
        clock,
        codes,
        calendar: Arc::new(crate::calendar_data::builtin()),
        floods: Arc::new(crate::services::floods::Floods::new(Default::default())),
        challenge_limit: Arc::new(crate::services::flood::FloodLimit::challenges()),
        number_uses: db,
        purposes: Arc::new(crate::config::purposes::builtin()),
    }
}

/// The configured biometric provider's key; in demo mode the demo
/// provider's when none is configured; otherwise none (every assertion is
/// refused, and the start-up log says so).
pub fn biometric_verifier(settings: &Settings) -> anyhow::Result<Arc<dyn BiometricVerifier>> {
    match &settings.biometric_key {
        Some(path) => {
            let pem = std::fs::read_to_string(path).map_err(|e| {
                anyhow::anyhow!("cannot read NOMIR_BIOMETRIC_KEY {}: {e}", path.display())
            })?;
            Ok(Arc::new(JwsBiometrics::new(
                &settings.biometric_kid,
                &pem,
                settings.biometric_threshold,
            )?))
        }
        None if settings.demo => Ok(Arc::new(crate::demo::biometrics::verifier()?)),
        None => {
            tracing::warn!("no biometric provider is configured (NOMIR_BIOMETRIC_KEY): the app and bank channels cannot complete a binding");
            Ok(Arc::new(NoBiometrics))
        }
    }
}

/// The roots signatures must chain to (the configured bundle, or the demo
/// CA in demo mode) and the revocation sources asked about every signer.
pub fn signature_verifier(settings: &Settings) -> anyhow::Result<CmsVerifier> {
    let revocation = crate::adapters::eds::revocation_sources(RevocationSources {
        crls: settings.crls.clone(),
        ocsp_url: settings.ocsp_url.clone(),
        crl_bytes: crate::demo::pki::demo_crls(settings.demo),
    })?;
    match &settings.trusted_roots {
        Some(path) => {
            let pem = std::fs::read_to_string(path).map_err(|e| {
                anyhow::anyhow!("cannot read NOMIR_TRUSTED_ROOTS {}: {e}", path.display())
            })?;
            CmsVerifier::from_pem(&pem, revocation)
        }
        None if settings.demo => CmsVerifier::from_pem(crate::demo::pki::DEMO_ROOTS, revocation),
        None => anyhow::bail!(
            "NOMIR_TRUSTED_ROOTS is required outside demo mode (a PEM bundle of the NCA RK roots)"
        ),
    }
}

/// The configured operators (CAMARA) and identity register (HTTP); the
/// embedded tables where none is, and the SIM swap window.
fn outside_registries(settings: &Settings, ports: &mut Ports) -> anyhow::Result<()> {
    match &settings.operators {
        Some(camara) => {
            let names: Vec<&str> = camara.operators.iter().map(|o| o.name.as_str()).collect();
            tracing::info!(
                ?names,
                ported = camara.ported.len(),
                "operators over CAMARA"
            );
            ports.operators = Arc::new(crate::adapters::camara::CamaraOperators::new(
                camara.clone(),
            )?);
        }
        None if !settings.demo => tracing::warn!(
            "NOMIR_OPERATORS_FILE is not set: the operators' answers come from the registry table"
        ),
        None => {}
    }
    match &settings.identity_register {
        Some(http) => {
            tracing::info!(url = %http.base, "identity register over HTTP");
            ports.identity = Arc::new(crate::adapters::identity_http::HttpIdentityRegister::new(
                http.clone(),
            )?);
        }
        None if !settings.demo => tracing::warn!(
            "NOMIR_IDENTITY_URL is not set: the identity register's answers come from its table"
        ),
        None => {}
    }
    ports.sim_swap_window = settings.sim_swap_window;
    ports.purposes = Arc::new(settings.purposes.clone());
    Ok(())
}

/// The configured SMS gateway (the demo phone when none is), and the
/// outbox's lease that fits its longest call.
fn sms_gateway(settings: &Settings, ports: &mut Ports) -> anyhow::Result<()> {
    use crate::config::SmsGatewayChoice;
    match &settings.sms {
        SmsGatewayChoice::Http(http) => {
            tracing::info!(url = %http.url, "SMS through the aggregator's HTTP gateway");
            ports.sms = Arc::new(crate::adapters::sms_http::HttpSms::new(http.clone())?);
            ports.sms_policy.lease = crate::services::sms_delivery::lease_for(http.longest_call());
        }
        SmsGatewayChoice::Smpp(smpp) => {
            tracing::info!(smsc = %smpp.addr, "SMS over SMPP");
            let longest = smpp.longest_call();
            ports.sms =
                crate::adapters::sms_smpp::SmppGateway::start(smpp.clone(), ports.outbox.clone());
            ports.sms_policy.lease = crate::services::sms_delivery::lease_for(longest);
        }
        SmsGatewayChoice::DemoPhone | SmsGatewayChoice::Unset => {}
    }
    Ok(())
}

/// Connects to the database and applies migrations.
pub async fn open_database(settings: &Settings) -> anyhow::Result<Db> {
    let db = Db::connect_with(&settings.database_url, settings.sqlite_sync).await?;
    db.migrate().await?;
    Ok(db)
}

pub struct Application {
    listener: TcpListener,
    /// `/metrics`' own listener, when NOMIR_METRICS_ADDR is set.
    metrics: Option<TcpListener>,
    app: axum::Router,
    db: Db,
}

impl Application {
    /// Opens the database, loads the demo data in demo mode, binds the socket.
    /// `shift` is the handle of a shiftable clock (demo mode's time travel), if `clock` is one.
    pub async fn build(
        settings: Settings,
        clock: Arc<dyn Clock>,
        shift: Option<Arc<ShiftableClock>>,
    ) -> anyhow::Result<Self> {
        // Serving needs an SMS gateway (the operators' commands do not).
        settings.sms.required()?;
        // Checks run on the blocking pool, a bounded number at once, each
        // within a time limit (a crafted CMS cannot hold the async workers).
        let verifier = Arc::new(crate::adapters::eds::BoundedVerifier::new(Arc::new(
            signature_verifier(&settings)?,
        )));
        // Read now so that a bad seal key stops the start, and the log says
        // whether result documents can be issued.
        let mut seal_keys = crate::documents::keys::SealKeys::load(
            settings.seal_key.as_deref(),
            settings.seal_cert.as_deref(),
            settings.seal_trusted.as_deref(),
            settings.demo.then(crate::demo::seal::sealer).transpose()?,
        )?;
        seal_keys.self_check(verifier.as_ref(), clock.now()).await;
        let db = open_database(&settings).await?;
        // Read now so that a bad calendar stops the start, not a deadline later.
        let (calendar, source) =
            crate::calendar_data::load_for_server(settings.calendar.as_deref(), &db).await?;
        let (marked, recounted) =
            crate::services::deadlines::at_start(&db, &calendar, clock.now()).await?;
        if marked + recounted as u64 > 0 {
            tracing::warn!(
                marked,
                recounted,
                "complaint deadlines past the calendar's last year"
            );
        }
        let this_year = time::OffsetDateTime::now_utc().year();
        tracing::info!(
            source,
            working_days_this_year = calendar.working_days_in(this_year),
            "working-day calendar loaded"
        );
        let mut ports = ports_over(
            &db,
            clock,
            verifier,
            biometric_verifier(&settings)?,
            CodeHasher::new(settings.secret.expose()),
            settings.demo,
        );
        ports.calendar = Arc::new(calendar);
        sms_gateway(&settings, &mut ports)?;
        ports.sms_policy.give_up = settings.sms_give_up;
        outside_registries(&settings, &mut ports)?;
        if settings.demo {
            let loaded = crate::demo::load(&ports).await?;
            tracing::info!(?loaded, "demo data loaded");
        }
        let listener = TcpListener::bind(settings.addr)
            .await
            .map_err(|e| anyhow::anyhow!("cannot listen on {} (NOMIR_ADDR): {e}", settings.addr))?;
        let metrics = match settings.metrics_addr {
            Some(addr) => Some(crate::common::metrics::bind(addr).await?),
            None => None,
        };
        let mut leptos_options = get_configuration(None)?.leptos_options;
        leptos_options.site_addr = listener.local_addr()?;
        // cargo-leptos writes the hashed names beside the binary (`hash-files`).
        leptos_options.hash_files = std::env::current_exe()
            .ok()
            .and_then(|exe| Some(exe.parent()?.join(leptos_options.hash_file.as_ref())))
            .is_some_and(|file| file.exists());
        let pkg_dir = std::path::Path::new(leptos_options.site_root.as_ref())
            .join(leptos_options.site_pkg_dir.as_ref());
        tokio::task::spawn_blocking(move || crate::common::static_files::precompress(&pkg_dir))
            .await?;
        let portal = Arc::new(PortalService {
            ports: ports.clone(),
            demo: settings.demo,
            signer_url: settings.signer_url.clone(),
            cookie_secure: settings.cookie_secure,
        });
        let office = Arc::new(OfficeService {
            ports: ports.clone(),
            cookie_secure: settings.cookie_secure,
        });
        tokio::spawn(sweep_overdue_requests(ports.clone()));
        tokio::spawn(deliver_sms(ports.clone()));
        let seal_keys = Arc::new(seal_keys);
        if settings.audit_anchor_minutes > 0 {
            tokio::spawn(anchor_audit_log(
                ports.clone(),
                seal_keys.clone(),
                settings.audit_anchor_minutes,
            ));
        }
        let state = AppState {
            leptos_options,
            ports,
            cookie_secure: settings.cookie_secure,
            office,
            seal: seal_keys,
            portal,
            demo_clock: shift,
            check_slots: Arc::new(crate::portal::result_document::check_slots()),
        };
        Ok(Self {
            listener,
            metrics,
            app: router::router(state, &settings),
            db,
        })
    }

    /// The wall clock; in demo mode one that the demo can move forward.
    pub async fn with_system_clock(settings: Settings) -> anyhow::Result<Self> {
        if settings.demo {
            let clock = Arc::new(ShiftableClock::default());
            Self::build(settings, clock.clone(), Some(clock)).await
        } else {
            Self::build(settings, Arc::new(SystemClock), None).await
        }
    }

    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    /// The metrics listener's port, if there is one.
    pub fn metrics_port(&self) -> Option<u16> {
        let addr = self.metrics.as_ref()?.local_addr().ok()?;
        Some(addr.port())
    }

    /// Serves until Ctrl-C or SIGTERM, then finishes the requests in flight.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        tracing::info!(addr = %self.listener.local_addr()?, "serving");
        if let Some(metrics) = self.metrics {
            tracing::info!(addr = %metrics.local_addr()?, "serving /metrics");
            tokio::spawn(crate::common::metrics::serve(metrics, self.db.clone()));
        }
        // Without TCP_NODELAY a small response on a keep-alive connection can
        // wait ~40 ms for the client's delayed ACK (Nagle's algorithm).
        let listener = self.listener.tap_io(|tcp| {
            if let Err(e) = tcp.set_nodelay(true) {
                tracing::warn!(error = %e, "could not set TCP_NODELAY");
            }
        });
        axum::serve(
            listener,
            self.app
                .into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown_signal())
        .await?;
        self.db.close().await;
        Ok(())
    }
}

/// Ends requests past their 10-minute term even when nobody looks at them,
/// and forgets sign-in failure records that no longer count.
async fn sweep_overdue_requests(ports: Ports) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(30));
    loop {
        tick.tick().await;
        match crate::services::open_request::expire_overdue(&ports).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(expired = n, "overdue requests expired"),
            Err(e) => tracing::warn!(error = %e, "could not expire overdue requests"),
        }
        if let Err(e) = crate::services::sign_in::forget_old_failures(&ports).await {
            tracing::warn!(error = %e, "could not forget old sign-in failures");
        }
    }
}

/// The outbox's delivery worker: every two seconds, what is due.
async fn deliver_sms(ports: Ports) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(2));
    loop {
        tick.tick().await;
        // Real time, not the demo's movable clock.
        ports.sms_worker.beat(time::OffsetDateTime::now_utc());
        match crate::services::sms_delivery::deliver_due(&ports).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(sent = n, "delayed SMS sent"),
            Err(e) => tracing::warn!(error = %e, "the SMS worker could not read the outbox"),
        }
    }
}

/// Anchors the audit log's chain heads with the seal key every `minutes`
/// (the first right after start), when there is a seal key.
async fn anchor_audit_log(ports: Ports, keys: Arc<crate::documents::keys::SealKeys>, minutes: u64) {
    let Some(sealer) = keys.sealer.as_ref() else {
        tracing::warn!("no seal key: the audit log is not anchored");
        return;
    };
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(minutes * 60));
    loop {
        tick.tick().await;
        match crate::services::audit_anchor::anchor(&ports, sealer).await {
            Ok(_) => tracing::info!("audit log anchored"),
            Err(e) => tracing::warn!(error = %e, "could not anchor the audit log"),
        }
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
