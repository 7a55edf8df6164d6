//! `nomir`'s commands: what each is, its arguments, and what it runs.
//! Each command group's work is in its own file here.

pub mod audit;
pub mod clients;
pub mod documents;
pub mod eds;
mod load;
pub mod maintenance;
pub mod staff;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::Settings;
use crate::startup::{open_database, Application};

#[derive(Parser)]
#[command(
    name = "nomir",
    version,
    about = "Binds citizens' mobile numbers to their e-government accounts"
)]
pub struct Cli {
    /// A TOML settings file (also NOMIR_CONFIG); the environment overrides it.
    #[arg(long, global = true, env = "NOMIR_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the portal.
    Serve {
        /// Demo mode: load the fictional demo data and show the demo phone.
        #[arg(long)]
        demo: bool,
    },
    /// Sign base64 bytes from standard input with a demo citizen's key (AUTH
    /// by default, which signs sign-in challenges; `--key sign` certifies
    /// requests) and print the detached CMS in base64 (what NCALayer or the
    /// app does; demo keys only).
    DemoSign {
        #[arg(long)]
        iin: String,
        /// Which of the citizen's two keys: auth or sign.
        #[arg(long, default_value = "auth", value_parser = ["auth", "sign"])]
        key: String,
        /// Directory of the citizens' demo keys.
        #[arg(long, default_value = crate::demo::pki::DEMO_CITIZENS_DIR)]
        keys: PathBuf,
    },
    /// Print a biometric assertion signed with the demo provider's key
    /// (trusted in demo mode only), as the app would get from the provider.
    DemoAssertion {
        /// The citizen whose face was matched.
        #[arg(long)]
        iin: String,
        /// The request's `biometric_nonce`.
        #[arg(long)]
        nonce: String,
        /// Face similarity, 0 to 1.
        #[arg(long, default_value_t = 0.93)]
        score: f64,
        /// Say that no live person was seen.
        #[arg(long)]
        no_liveness: bool,
        /// Make it this many seconds old.
        #[arg(long, default_value_t = 0)]
        age_seconds: i64,
    },
    /// The working-day calendar: deadlines and days off.
    Calendar {
        /// A calendar file instead of the built-in one (also NOMIR_CALENDAR).
        #[arg(long, global = true, env = "NOMIR_CALENDAR")]
        file: Option<PathBuf>,
        #[command(subcommand)]
        action: CalendarAction,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Manage the JSON API's clients (the e-government mobile app, banks).
    Client {
        #[command(subcommand)]
        action: clients::Action,
    },
    /// A stand-in for NCALayer that signs with the demo keys (demo and tests only).
    DemoSigner {
        /// Address to listen on.
        #[arg(long, default_value = crate::demo::signer::DEFAULT_ADDR)]
        addr: std::net::SocketAddr,
        /// Directory of the citizens' demo keys.
        #[arg(long, default_value = crate::demo::pki::DEMO_CITIZENS_DIR)]
        keys: PathBuf,
        /// Sign every request with this IIN's key, whoever asks.
        #[arg(long)]
        as_iin: Option<String>,
    },
    /// Make the demo CA and citizens' certificates (test fixtures, demo only).
    DemoPki {
        /// Output directory.
        #[arg(long, default_value = crate::demo::pki::DEMO_PKI_DIR)]
        out: PathBuf,
    },
    /// Issue the demo provider's seal certificate (and another
    /// organisation's, for tests) from the demo CA already in the demo
    /// PKI directory, leaving the citizens' certificates as they are.
    DemoSeal {
        /// The demo PKI directory (with `root-ca.pem` and `root-ca.key.pem`).
        #[arg(long, default_value = crate::demo::pki::DEMO_PKI_DIR)]
        pki: PathBuf,
    },
    /// Manage the back office's staff (officials, reviewers, administrators).
    Staff {
        #[command(subcommand)]
        action: staff::Action,
    },
    /// Result documents: check a document's seal.
    Document {
        #[command(subcommand)]
        action: documents::Action,
    },
    /// Electronic signatures: verify a CMS as the service does.
    Eds {
        #[command(subcommand)]
        action: eds::Action,
    },
    /// The audit log's hash chains: verify them, or anchor their heads.
    Audit {
        #[command(subcommand)]
        action: audit::Action,
    },
    /// Maintenance windows (appendix row 7): announce, list, cancel.
    Maintenance {
        #[command(subcommand)]
        action: maintenance::Action,
    },
    /// Add N generated people to a demo database (accounts, identity
    /// records, numbers) and the load run's API clients.
    DemoPopulation { count: u64 },
    /// Drive complete bindings against a running demo server and report
    /// bindings a second, step times and errors.
    Load(load::Args),
}

#[derive(Subcommand)]
enum CalendarAction {
    /// Print the Nth working day after DATE (DATE itself not counted), as YYYY-MM-DD.
    Due { date: String, days: u32 },
    /// List the year's weekdays off and worked weekend days.
    Show { year: i32 },
    /// Check a calendar file and store it in the database: servers count
    /// deadlines with it from their next start (NOMIR_CALENDAR still wins).
    Import { path: PathBuf },
}

/// Parses the command line, runs the command, and says how it ended:
/// 0 done, 1 a verdict of "not valid" (printed already), 2 a failure.
pub async fn main() -> ExitCode {
    let telemetry = match crate::common::telemetry::init() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("nomir: {e:#}");
            return ExitCode::from(2);
        }
    };
    let cli = Cli::parse();
    let result = run(cli).await;
    telemetry.flush().await;
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // The verdict is printed already.
        Err(e) if e.is::<documents::NotValid>() => ExitCode::FAILURE,
        Err(e) if e.is::<eds::Refused>() => ExitCode::FAILURE,
        Err(e) if e.is::<audit::Broken>() => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("nomir: {e:#}");
            ExitCode::from(2)
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let env = |key: &str| std::env::var(key).ok();
    match cli.command {
        Command::Serve { demo } => {
            let settings = Settings::load(cli.config.as_deref(), demo, env)?;
            if settings.demo {
                tracing::warn!("demo mode: fictional data is loaded and the demo phone is open");
            }
            Application::with_system_clock(settings)
                .await?
                .run_until_stopped()
                .await
        }
        Command::DemoSigner { addr, keys, as_iin } => {
            let keys = crate::demo::signer::SignerKeys {
                dir: keys,
                force_iin: as_iin,
            };
            crate::demo::signer::run(addr, keys).await
        }
        Command::DemoPki { out } => {
            crate::demo::pki::generate(&out)?;
            println!("demo PKI written to {}", out.display());
            Ok(())
        }
        Command::DemoSeal { pki } => {
            crate::demo::pki::organisation::generate_from_stored_ca(&pki)?;
            println!("demo seal certificates written to {}", pki.display());
            Ok(())
        }
        Command::Document { action } => documents::run(action).await,
        Command::Eds { action } => eds::run(action).await,
        Command::Staff { action } => {
            let settings = Settings::load(cli.config.as_deref(), false, env)?;
            let db = open_database(&settings).await?;
            let result = staff::run(&db, action).await;
            db.close().await;
            result
        }
        Command::Audit { action } => {
            let settings = Settings::load(cli.config.as_deref(), false, env)?;
            audit::run(&settings, action).await
        }
        Command::Maintenance { action } => {
            let settings = Settings::load(cli.config.as_deref(), false, env)?;
            let db = open_database(&settings).await?;
            let result = maintenance::run(&db, action).await;
            db.close().await;
            result
        }
        Command::DemoPopulation { count } => {
            let settings = Settings::load(cli.config.as_deref(), true, env)?;
            let db = open_database(&settings).await?;
            let started = std::time::Instant::now();
            let result = crate::demo::population::load(&db, count).await;
            db.close().await;
            let added = result?;
            println!(
                "{} people added ({count} asked) and {} load clients, in {:.1?}",
                added.accounts,
                added.clients,
                started.elapsed()
            );
            Ok(())
        }
        Command::Load(args) => load::run(args).await,
        Command::Client { action } => {
            let settings = Settings::load(cli.config.as_deref(), false, env)?;
            let db = open_database(&settings).await?;
            let result = clients::run(&db, action).await;
            db.close().await;
            result
        }
        Command::DemoSign { iin, key, keys } => {
            use base64::Engine as _;
            use std::io::Read;
            let b64 = base64::engine::general_purpose::STANDARD;
            let mut input = String::new();
            std::io::stdin().read_to_string(&mut input)?;
            let bytes = b64
                .decode(input.trim())
                .map_err(|e| anyhow::anyhow!("standard input is not base64: {e}"))?;
            let key = crate::demo::pki::KeyPair::load(&keys, &format!("{iin}-{key}"))?;
            println!(
                "{}",
                b64.encode(crate::demo::pki::sign_detached(&bytes, &key)?)
            );
            Ok(())
        }
        Command::DemoAssertion {
            iin,
            nonce,
            score,
            no_liveness,
            age_seconds,
        } => {
            let iat = time::OffsetDateTime::now_utc()
                .unix_timestamp()
                .saturating_sub(age_seconds);
            let claims = crate::adapters::biometrics::Claims {
                sub: iin,
                nonce,
                liveness: !no_liveness,
                score,
                iat,
                exp: iat.saturating_add(120),
            };
            println!("{}", crate::demo::biometrics::assertion(&claims)?);
            Ok(())
        }
        Command::Calendar {
            action: CalendarAction::Import { path },
            ..
        } => {
            let settings = Settings::load(cli.config.as_deref(), false, env)?;
            let db = open_database(&settings).await?;
            let result = crate::calendar_data::import(&path, &db).await;
            db.close().await;
            println!("{}", result?);
            Ok(())
        }
        Command::Calendar { file, action } => {
            let calendar = crate::calendar_data::load(file.as_deref())?;
            let iso = time::macros::format_description!("[year]-[month]-[day]");
            match action {
                CalendarAction::Due { date, days } => {
                    let from = time::Date::parse(&date, &iso)
                        .map_err(|_| anyhow::anyhow!("{date:?} is not a date like 2026-03-20"))?;
                    println!("{}", calendar.add_working_days(from, days).format(&iso)?);
                }
                CalendarAction::Show { year } => {
                    for (day, e) in calendar.exceptions_in(year) {
                        let status = match e.status {
                            crate::domain::calendar::DayStatus::Off => "off",
                            crate::domain::calendar::DayStatus::Work => "work",
                        };
                        println!(
                            "{}\t{}\t{status}\t{}",
                            day.format(&iso)?,
                            day.weekday(),
                            e.reason
                        );
                    }
                    println!("{} working days", calendar.working_days_in(year));
                }
                // Matched by the arm above.
                CalendarAction::Import { .. } => {}
            }
            Ok(())
        }
        Command::Migrate => {
            let settings = Settings::load(cli.config.as_deref(), false, env)?;
            let db = open_database(&settings).await?;
            db.close().await;
            println!("migrations applied");
            Ok(())
        }
    }
}
