//! `nomir audit verify|anchor`: the audit log's tamper evidence, from the
//! operators' command line, reading the same settings as `serve`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::Settings;
use crate::database::Db;
use crate::documents::keys::SealKeys;
use crate::domain::audit_chain::Statement;
use crate::ports::clock::SystemClock;
use crate::ports::{AuditLog, Clock};
use crate::services::uses::{UsesAudit, UsesClock};

#[derive(clap::Subcommand)]
pub enum Action {
    /// Check every hash chain of the audit log against its head and the
    /// anchors. Exit status 0: intact; 1: broken (the first edited,
    /// deleted, inserted or moved entry is named); 2: could not check.
    Verify {
        /// A directory of anchor statements (`anchor-*.json`) kept outside
        /// the database: the chains must still reach their heads.
        #[arg(long)]
        anchors: Option<PathBuf>,
    },
    /// Sign every chain's head now with the seal key and keep the anchor;
    /// with `--out`, also write its statement (`.json`) and detached CMS
    /// (`.p7s`, DER) there, to hand to an outside party.
    Anchor {
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// The log is broken; the verdict is printed already.
#[derive(Debug, thiserror::Error)]
#[error("the audit log is broken")]
pub struct Broken;

struct CommandPorts {
    audit: Arc<dyn AuditLog>,
    clock: Arc<dyn Clock>,
}

impl UsesAudit for CommandPorts {
    fn audit(&self) -> &Arc<dyn AuditLog> {
        &self.audit
    }
}

impl UsesClock for CommandPorts {
    fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }
}

pub async fn run(settings: &Settings, action: Action) -> anyhow::Result<()> {
    // The database as it is: a copy under examination is not migrated.
    let db = Db::connect(&settings.database_url).await?;
    let result = match action {
        Action::Verify { anchors } => verify(&db, anchors.as_deref()).await,
        Action::Anchor { out } => anchor(settings, db.clone(), out.as_deref()).await,
    };
    db.close().await;
    result
}

async fn verify(db: &Db, dir: Option<&Path>) -> anyhow::Result<()> {
    let kept = match dir {
        Some(dir) => read_statements(dir)?,
        None => Vec::new(),
    };
    let report = db.check_audit_chains(&kept).await?;
    match report.broken {
        None => {
            println!(
                "audit log intact: {} entries in {} chains, {} anchors hold; {} entries from before the chains",
                report.entries, report.chains, report.anchors, report.before_chains
            );
            Ok(())
        }
        Some(b) => {
            println!("audit log BROKEN: {b}");
            Err(Broken.into())
        }
    }
}

/// Every `*.json` anchor statement in `dir`; a file that is not one is an error.
fn read_statements(dir: &Path) -> anyhow::Result<Vec<Statement>> {
    let mut out = Vec::new();
    let entries = std::fs::read_dir(dir)
        .map_err(|e| anyhow::anyhow!("cannot read --anchors {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry?.path();
        if path.extension().is_some_and(|x| x == "json") {
            let text = std::fs::read_to_string(&path)?;
            let statement = Statement::from_json(&text).ok_or_else(|| {
                anyhow::anyhow!("{} is not an audit anchor statement", path.display())
            })?;
            out.push(statement);
        }
    }
    Ok(out)
}

async fn anchor(settings: &Settings, db: Db, out: Option<&Path>) -> anyhow::Result<()> {
    let keys = SealKeys::load(
        settings.seal_key.as_deref(),
        settings.seal_cert.as_deref(),
        settings.seal_trusted.as_deref(),
        settings.demo.then(crate::demo::seal::sealer).transpose()?,
    )?;
    let sealer = keys.sealer.ok_or_else(|| {
        anyhow::anyhow!(
            "no seal key to sign the anchor with: set NOMIR_SEAL_KEY and NOMIR_SEAL_CERT"
        )
    })?;
    let ports = CommandPorts {
        audit: Arc::new(db),
        clock: Arc::new(SystemClock),
    };
    let made = crate::services::audit_anchor::anchor(&ports, &sealer).await?;
    if let Some(dir) = out {
        std::fs::create_dir_all(dir)?;
        let stem = format!("anchor-{}", ports.clock.now().unix_timestamp());
        std::fs::write(dir.join(format!("{stem}.json")), &made.statement)?;
        std::fs::write(dir.join(format!("{stem}.p7s")), &made.signature)?;
        println!("{}", dir.join(format!("{stem}.json")).display());
    } else {
        println!("{}", made.statement);
    }
    Ok(())
}
