//! `nomir client add|list|revoke`: managing the JSON API's clients from
//! the command line, over the same service the tests use.

use std::io::Read;

use crate::database::Db;
use crate::domain::api_client::{ClientId, Scopes};
use crate::ports::clock::SystemClock;
use crate::services::api_clients::{self, NewClient, Registry};

/// Who the audit log names for changes made here.
const OPERATOR: &str = "operator:command-line";

#[derive(clap::Subcommand)]
pub enum Action {
    /// Register a client; prints its secret once (only its hash is kept).
    Add {
        /// 3 to 64 of a-z, 0-9 and '-', starting with a letter.
        #[arg(long)]
        id: String,
        /// The organisation and app, as people should read it.
        #[arg(long)]
        name: String,
        /// `mobile-app`, `bank` or `state-service`.
        #[arg(long)]
        kind: String,
        /// Space- or comma-separated: `bind change` (mobile app),
        /// `bind-with-documents-permission` (bank), `notify` or
        /// `notify notify-with-links` (state service).
        #[arg(long)]
        scopes: String,
        #[arg(long, default_value_t = 60)]
        calls_per_minute: u32,
        /// Read the secret from standard input instead of generating one.
        #[arg(long)]
        secret_from_stdin: bool,
    },
    /// List the clients.
    List,
    /// Revoke a client: its tokens stop working at once.
    Revoke { id: String },
}

pub async fn run(db: &Db, action: Action) -> anyhow::Result<()> {
    let clock = SystemClock;
    let reg = Registry {
        clients: db,
        clock: &clock,
    };
    match action {
        Action::Add {
            id,
            name,
            kind,
            scopes,
            calls_per_minute,
            secret_from_stdin,
        } => {
            let new = NewClient {
                id: ClientId::parse(&id)?,
                name,
                // `state-service` and `state_service` alike.
                kind: kind.replace('-', "_").parse().map_err(|_| {
                    anyhow::anyhow!("--kind is mobile-app, bank or state-service (got {kind:?})")
                })?,
                scopes: Scopes::parse(&scopes)?,
                calls_per_minute,
            };
            let secret = if secret_from_stdin {
                let mut s = String::new();
                std::io::stdin().read_to_string(&mut s)?;
                let s = s.trim().to_owned();
                anyhow::ensure!(s.len() >= 16, "a secret is at least 16 characters");
                Some(s)
            } else {
                None
            };
            let (client, secret) = api_clients::add(reg, new, secret, OPERATOR).await?;
            println!(
                "client {} added ({}, scopes: {})",
                client.id, client.kind, client.scopes
            );
            println!("secret (shown once, keep it safe): {secret}");
        }
        Action::List => {
            for c in api_clients::list(reg).await? {
                let state = if c.revoked_at.is_some() {
                    "revoked"
                } else {
                    "active"
                };
                println!(
                    "{}\t{}\t{}\t{}\t{}/min\t{}",
                    c.id, c.kind, c.scopes, state, c.calls_per_minute, c.name
                );
            }
        }
        Action::Revoke { id } => {
            let id = ClientId::parse(&id)?;
            api_clients::revoke(reg, &id, OPERATOR).await?;
            println!("client {id} revoked; its tokens no longer work");
        }
    }
    Ok(())
}
