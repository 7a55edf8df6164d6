//! `nomir maintenance announce|list|cancel`: appendix row 7's maintenance
//! windows, stored in the database so every instance of the service sees
//! them. Times are RFC 3339 (`2026-12-20T02:00:00+05:00`).

use std::sync::Arc;

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::database::Db;
use crate::ports::clock::SystemClock;
use crate::ports::{Clock, MaintenanceStore};
use crate::services::maintenance;
use crate::services::uses::{UsesClock, UsesMaintenance};

#[derive(clap::Subcommand)]
pub enum Action {
    /// Announce a window: pages warn of it from 24 hours before; during it
    /// the service is paused and open requests' terms are lengthened.
    Announce {
        /// When it starts, RFC 3339.
        #[arg(long)]
        from: String,
        /// When it ends, RFC 3339 (at most 24 hours after the start).
        #[arg(long)]
        until: String,
    },
    /// List the windows to come or under way: id, start, end (UTC).
    List,
    /// Cancel a window by its id; one under way ends now.
    Cancel { id: String },
}

/// The two ports the commands use, over the database and the system clock.
struct CommandPorts {
    maintenance: Arc<dyn MaintenanceStore>,
    clock: Arc<dyn Clock>,
}

impl UsesMaintenance for CommandPorts {
    fn maintenance(&self) -> &Arc<dyn MaintenanceStore> {
        &self.maintenance
    }
}

impl UsesClock for CommandPorts {
    fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }
}

fn parse(what: &str, s: &str) -> anyhow::Result<OffsetDateTime> {
    OffsetDateTime::parse(s, &Rfc3339).map_err(|_| {
        anyhow::anyhow!("--{what} {s:?} is not an RFC 3339 time like 2026-12-20T02:00:00+05:00")
    })
}

fn utc(t: OffsetDateTime) -> anyhow::Result<String> {
    Ok(t.to_offset(time::UtcOffset::UTC).format(&Rfc3339)?)
}

pub async fn run(db: &Db, action: Action) -> anyhow::Result<()> {
    let ports = CommandPorts {
        maintenance: Arc::new(db.clone()),
        clock: Arc::new(SystemClock),
    };
    match action {
        Action::Announce { from, until } => {
            let (from, until) = (parse("from", &from)?, parse("until", &until)?);
            let w = maintenance::announce(&ports, from, until).await?;
            println!("announced {}\t{}\t{}", w.id, utc(w.from)?, utc(w.until)?);
        }
        Action::List => {
            for w in maintenance::schedule(&ports).await? {
                println!("{}\t{}\t{}", w.id, utc(w.from)?, utc(w.until)?);
            }
        }
        Action::Cancel { id } => {
            anyhow::ensure!(
                maintenance::cancel(&ports, &id).await?,
                "no window {id} is to come or under way"
            );
            println!("cancelled {id}");
        }
    }
    Ok(())
}
