//! Demo mode: loads the fictional dataset in `demo-data/` into the embedded
//! adapters' tables. Idempotent; never called outside demo mode.

use serde::Deserialize;

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::domain::api_client::{ClientId, Scopes};
use crate::domain::complaint::Role;
use crate::domain::{Channel, Iin, Msisdn};
use crate::ports::{Account, Binding, IdentityRecord, IdentityStatus, StaffMember, Subscriber};
use crate::services::api_clients::{self, NewClient};
use crate::services::{password, Ports};

/// The password of every demo account (shown on the sign-in page in demo mode).
pub const DEMO_PASSWORD: &str = "demo-pass-2026";

const ACCOUNTS: &str = include_str!("../../demo-data/accounts.csv");
const IDENTITY_REGISTER: &str = include_str!("../../demo-data/identity_register.csv");
const OPERATOR_REGISTRY: &str = include_str!("../../demo-data/operator_registry.csv");
const BINDINGS: &str = include_str!("../../demo-data/bindings.csv");
const API_CLIENTS: &str = include_str!("../../demo-data/api_clients.csv");
const STAFF: &str = include_str!("../../demo-data/staff.csv");

#[derive(Deserialize)]
struct AccountRow {
    iin: String,
    name_cyrillic: String,
    name_latin: String,
}

#[derive(Deserialize)]
struct IdentityRow {
    iin: String,
    name_cyrillic: String,
    name_latin: String,
    status: String,
    status_since: Option<String>,
}

#[derive(Deserialize)]
struct SubscriberRow {
    msisdn: String,
    operator: String,
    subscriber_iin: String,
    /// The SIM changed this many hours before the demo loads (the SIM
    /// swap case); empty for none.
    #[serde(default)]
    sim_changed_hours_ago: Option<i64>,
}

/// A binding made before the demo starts (the recycled-number case).
#[derive(Deserialize)]
struct BindingRow {
    id: String,
    iin: String,
    msisdn: String,
    operator: String,
    bound_at: String,
}

/// An API client of the demo (its secret is public: demo mode only).
#[derive(Deserialize)]
struct ApiClientRow {
    id: String,
    name: String,
    kind: String,
    scopes: String,
    secret: String,
    calls_per_minute: u32,
}

/// A member of the back office's demo staff.
#[derive(Deserialize)]
struct StaffRow {
    login: String,
    name: String,
    role: String,
}

fn rows<T: for<'de> Deserialize<'de>>(name: &str, text: &str) -> anyhow::Result<Vec<T>> {
    csv::Reader::from_reader(text.as_bytes())
        .deserialize()
        .collect::<Result<_, _>>()
        .map_err(|e| anyhow::anyhow!("demo data {name}: {e}"))
}

fn iin(s: &str) -> anyhow::Result<Iin> {
    Iin::parse(s).map_err(|e| anyhow::anyhow!("demo IIN {s}: {e}"))
}

/// What loading added, for the start-up log.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    pub new_accounts: usize,
    pub identity_records: usize,
    pub subscribers: usize,
    pub new_bindings: usize,
    pub new_api_clients: usize,
    pub new_staff: usize,
}

pub async fn load(ports: &Ports) -> anyhow::Result<Loaded> {
    let mut loaded = Loaded::default();
    let now = ports.clock.now();
    for r in rows::<AccountRow>("accounts.csv", ACCOUNTS)? {
        let iin = iin(&r.iin)?;
        if ports.accounts.account(&iin).await?.is_some() {
            continue;
        }
        let password_hash = tokio::task::spawn_blocking(|| password::hash(DEMO_PASSWORD)).await??;
        let account = Account {
            iin,
            name_cyrillic: r.name_cyrillic,
            name_latin: r.name_latin,
            password_hash,
        };
        if ports
            .accounts
            .insert_account_if_missing(&account, now)
            .await?
        {
            loaded.new_accounts += 1;
        }
    }
    for r in rows::<IdentityRow>("identity_register.csv", IDENTITY_REGISTER)? {
        let status = IdentityStatus::from_code(&r.status)
            .ok_or_else(|| anyhow::anyhow!("demo identity status {}", r.status))?;
        let record = IdentityRecord {
            iin: iin(&r.iin)?,
            name_cyrillic: r.name_cyrillic,
            name_latin: r.name_latin,
            status,
            status_since: r.status_since.filter(|s| !s.is_empty()),
        };
        ports.registries.upsert_identity(&record).await?;
        loaded.identity_records += 1;
    }
    for r in rows::<SubscriberRow>("operator_registry.csv", OPERATOR_REGISTRY)? {
        let msisdn = Msisdn::parse(&r.msisdn)
            .map_err(|e| anyhow::anyhow!("demo number {}: {e}", r.msisdn))?;
        let subscriber = Subscriber {
            msisdn,
            operator: r.operator,
            iin: iin(&r.subscriber_iin)?,
            sim_changed_at: r
                .sim_changed_hours_ago
                .map(|h| ports.clock.now() - time::Duration::hours(h)),
        };
        ports.registries.upsert_subscriber(&subscriber).await?;
        loaded.subscribers += 1;
    }
    for r in rows::<BindingRow>("bindings.csv", BINDINGS)? {
        let bound_at = OffsetDateTime::parse(&r.bound_at, &Rfc3339)
            .map_err(|e| anyhow::anyhow!("demo binding time {}: {e}", r.bound_at))?;
        let binding = Binding {
            id: r.id,
            iin: iin(&r.iin)?,
            msisdn: Msisdn::parse(&r.msisdn)
                .map_err(|e| anyhow::anyhow!("demo number {}: {e}", r.msisdn))?,
            operator: r.operator,
            channel: Channel::Portal,
            bound_at,
            ended_at: None,
            end_reason: None,
        };
        if ports.bindings.insert_binding_if_missing(&binding).await? {
            loaded.new_bindings += 1;
        }
    }
    for r in rows::<ApiClientRow>("api_clients.csv", API_CLIENTS)? {
        let new = NewClient {
            id: ClientId::parse(&r.id).map_err(|e| anyhow::anyhow!("demo client {}: {e}", r.id))?,
            name: r.name,
            kind: r
                .kind
                .parse()
                .map_err(|_| anyhow::anyhow!("demo client kind {}", r.kind))?,
            scopes: Scopes::parse(&r.scopes)?,
            calls_per_minute: r.calls_per_minute,
        };
        if ports.api_clients.client(&new.id).await?.is_none()
            && api_clients::add_demo(api_clients::Registry::of(ports), new, &r.secret).await?
        {
            loaded.new_api_clients += 1;
        }
    }
    for r in rows::<StaffRow>("staff.csv", STAFF)? {
        if ports.staff.staff_member(&r.login).await?.is_some() {
            continue;
        }
        let member = StaffMember {
            role: Role::from_code(&r.role)
                .ok_or_else(|| anyhow::anyhow!("demo staff role {}", r.role))?,
            login: r.login,
            name: r.name,
            password_hash: tokio::task::spawn_blocking(|| password::hash(DEMO_PASSWORD)).await??,
            created_at: now,
        };
        if ports.staff.insert_staff_if_missing(&member).await? {
            loaded.new_staff += 1;
        }
    }
    Ok(loaded)
}
