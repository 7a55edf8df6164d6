//! The JSON API's clients: registering and revoking them (`nomir client`),
//! short-lived bearer tokens by the client-credentials grant (RFC 6749
//! §4.4), and the check of each call's token and the client's call rate.

use base64::Engine as _;
use rand::RngCore;
use time::{Duration, OffsetDateTime};

use super::session::{new_token, token_hash};
use super::uses::{UsesApiClients, UsesClock, UsesFloods};
use super::Ports;
use super::{password, Unexpected};
use crate::domain::api_client::{allowed_scopes, ClientId, ClientKind, Scope, Scopes};
use crate::domain::audit::{Actor, AuditAction};
use crate::ports::{ApiClient, ApiClientStore, ApiToken, AuditEntry, Clock, StoreError};

/// How long a bearer token lives.
pub const TOKEN_LIFETIME: Duration = Duration::minutes(10);

/// A client to register.
#[derive(Debug, Clone)]
pub struct NewClient {
    pub id: ClientId,
    pub name: String,
    pub kind: ClientKind,
    pub scopes: Scopes,
    pub calls_per_minute: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("a client with this id exists")]
    IdTaken,
    #[error("a {kind} client may hold only: {allowed}")]
    ScopeNotAllowed { kind: ClientKind, allowed: Scopes },
    #[error("a client needs at least one scope")]
    NoScopes,
    #[error("a client's name is 1 to 200 characters")]
    BadName,
    #[error("calls per minute must be more than 0")]
    NoCalls,
    #[error("no such client, or it is revoked already")]
    NotFound,
    #[error(transparent)]
    Unexpected(#[from] Unexpected),
}

impl From<StoreError> for ClientError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict(_) => Self::IdTaken,
            e => Self::Unexpected(e.into()),
        }
    }
}

/// A new random secret: 32 bytes, base64url.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What managing clients needs: their store and the time (the command
/// line has no other port).
#[derive(Clone, Copy)]
pub struct Registry<'a> {
    pub clients: &'a dyn ApiClientStore,
    pub clock: &'a dyn Clock,
}

impl<'a> Registry<'a> {
    pub fn of(ports: &'a Ports) -> Self {
        Self {
            clients: ports.api_clients().as_ref(),
            clock: ports.clock().as_ref(),
        }
    }
}

fn admin_entry(
    reg: Registry<'_>,
    by: &str,
    action: AuditAction,
    id: &ClientId,
    detail: String,
) -> AuditEntry {
    AuditEntry::new(
        reg.clock.now(),
        Actor::Operator(by),
        action,
        id.to_string(),
        detail,
    )
}

fn checked(new: &NewClient) -> Result<(), ClientError> {
    let allowed = allowed_scopes(new.kind);
    if new.name.trim().is_empty() || new.name.chars().count() > 200 {
        Err(ClientError::BadName)
    } else if new.scopes.is_empty() {
        Err(ClientError::NoScopes)
    } else if !new.scopes.within(&allowed) {
        Err(ClientError::ScopeNotAllowed {
            kind: new.kind,
            allowed,
        })
    } else if new.calls_per_minute == 0 {
        Err(ClientError::NoCalls)
    } else {
        Ok(())
    }
}

async fn hash_secret(secret: String) -> Result<String, Unexpected> {
    tokio::task::spawn_blocking(move || password::hash(&secret))
        .await
        .map_err(|e| Unexpected(e.into()))?
        .map_err(Unexpected)
}

fn record(reg: Registry<'_>, new: NewClient, secret_hash: String) -> ApiClient {
    ApiClient {
        id: new.id,
        name: new.name.trim().to_owned(),
        kind: new.kind,
        secret_hash,
        scopes: new.scopes,
        calls_per_minute: new.calls_per_minute,
        created_at: reg.clock.now(),
        revoked_at: None,
    }
}

/// Registers a client with `secret`, or a new random one; returns the
/// client and the secret, which is shown this once and stored hashed.
/// `by` names who did it, for the audit log.
pub async fn add(
    reg: Registry<'_>,
    new: NewClient,
    secret: Option<String>,
    by: &str,
) -> Result<(ApiClient, String), ClientError> {
    checked(&new)?;
    let secret = secret.unwrap_or_else(new_secret);
    let client = record(reg, new, hash_secret(secret.clone()).await?);
    let detail = format!("kind={} scopes={}", client.kind, client.scopes);
    let audit = admin_entry(reg, by, AuditAction::ApiClientAdded, &client.id, detail);
    reg.clients.insert_client(&client, &audit).await?;
    Ok((client, secret))
}

/// Registers a demo client unless its id is taken (demo mode only).
pub async fn add_demo(
    reg: Registry<'_>,
    new: NewClient,
    secret: &str,
) -> Result<bool, ClientError> {
    checked(&new)?;
    let client = record(reg, new, hash_secret(secret.to_owned()).await?);
    Ok(reg.clients.insert_client_if_missing(&client).await?)
}

pub async fn list(reg: Registry<'_>) -> Result<Vec<ApiClient>, Unexpected> {
    Ok(reg.clients.clients().await?)
}

/// Revokes a client: its tokens stop working at once.
pub async fn revoke(reg: Registry<'_>, id: &ClientId, by: &str) -> Result<(), ClientError> {
    let audit = admin_entry(reg, by, AuditAction::ApiClientRevoked, id, String::new());
    if reg.clients.revoke_client(id, &audit).await? {
        Ok(())
    } else {
        Err(ClientError::NotFound)
    }
}

/// Why no token was issued (RFC 6749 §5.2).
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    /// Unknown client, wrong secret or revoked client: one answer for all.
    #[error("client authentication failed")]
    InvalidClient,
    #[error("the scope asked for is unknown or not the client's")]
    InvalidScope,
    #[error("too many calls; retry in {retry_after} s")]
    RateLimited { retry_after: u64 },
    #[error("too busy to check the secret")]
    Busy,
    #[error(transparent)]
    Unexpected(#[from] Unexpected),
}

/// A token just issued; `token` is given to the client once.
#[derive(Debug, Clone)]
pub struct IssuedToken {
    pub token: String,
    pub scopes: Scopes,
    pub expires_in: Duration,
}

/// Checks the secret against its Argon2 hash (or a decoy hash, so an
/// unknown client takes as long as a wrong secret).
async fn secret_matches(secret: &str, client: Option<&ApiClient>) -> Result<bool, TokenError> {
    let _slot = password::hashing_slot(password::Pool::Clients)
        .await
        .map_err(|_| TokenError::Busy)?;
    let hash = client.map_or_else(
        || password::decoy_hash().to_owned(),
        |c| c.secret_hash.clone(),
    );
    let secret = secret.to_owned();
    let matches = tokio::task::spawn_blocking(move || password::verify(&secret, &hash))
        .await
        .map_err(|e| Unexpected(e.into()))?;
    Ok(matches && client.is_some())
}

/// The client-credentials grant: authenticates the client and issues a
/// token for the scopes asked for (all of the client's when none are).
/// `source` is where the call comes from: floods per source and per
/// client id are refused before the secret is hashed.
pub async fn issue_token(
    ports: &(impl UsesApiClients + UsesClock + UsesFloods),
    client_id: &str,
    secret: &str,
    scope: Option<&str>,
    source: &str,
) -> Result<IssuedToken, TokenError> {
    ports
        .floods()
        .attempt(
            super::floods::Door::Token,
            source,
            client_id,
            ports.clock().now(),
        )
        .map_err(|wait| TokenError::RateLimited {
            retry_after: wait.seconds(),
        })?;
    let client = match ClientId::parse(client_id) {
        Ok(id) => ports.api_clients().client(&id).await?,
        Err(_) => None,
    }
    .filter(|c| c.revoked_at.is_none());
    if !secret_matches(secret, client.as_ref()).await? {
        return Err(TokenError::InvalidClient);
    }
    let client = client.ok_or(TokenError::InvalidClient)?;
    let scopes = match scope {
        None => client.scopes.clone(),
        Some(s) => Scopes::parse(s).map_err(|_| TokenError::InvalidScope)?,
    };
    if scopes.is_empty() || !scopes.within(&client.scopes) {
        return Err(TokenError::InvalidScope);
    }
    count_call(ports, &client).await.map_err(|e| match e {
        CallError::RateLimited { retry_after } => TokenError::RateLimited { retry_after },
        CallError::Unexpected(e) => TokenError::Unexpected(e),
        CallError::InvalidToken => TokenError::InvalidClient,
    })?;
    let token = new_token();
    let now = ports.clock().now();
    ports
        .api_clients()
        .insert_token(&ApiToken {
            token_hash: token_hash(&token),
            client_id: client.id.clone(),
            scopes: scopes.clone(),
            issued_at: now,
            expires_at: now + TOKEN_LIFETIME,
        })
        .await?;
    Ok(IssuedToken {
        token,
        scopes,
        expires_in: TOKEN_LIFETIME,
    })
}

/// Who is calling, with what token.
#[derive(Debug, Clone)]
pub struct Caller {
    pub client: ApiClient,
    pub scopes: Scopes,
    pub expires_at: OffsetDateTime,
}

impl Caller {
    pub fn may(&self, scope: Scope) -> bool {
        self.scopes.contains(scope)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CallError {
    /// Missing, unknown, expired, or of a revoked client (RFC 6750 §3.1).
    #[error("the access token is not valid")]
    InvalidToken,
    #[error("too many calls; retry in {retry_after} s")]
    RateLimited { retry_after: u64 },
    #[error(transparent)]
    Unexpected(#[from] Unexpected),
}

/// Counts one call against the client's rate in the current minute.
async fn count_call(
    ports: &(impl UsesApiClients + UsesClock),
    client: &ApiClient,
) -> Result<u32, CallError> {
    let now = ports.clock().now();
    let second = now.unix_timestamp().rem_euclid(60);
    let minute_start = now - Duration::seconds(second);
    ports
        .api_clients()
        .count_call(&client.id, minute_start, client.calls_per_minute)
        .await?
        .ok_or(CallError::RateLimited {
            retry_after: u64::try_from(60 - second).unwrap_or(60),
        })
}

/// The client of a live bearer token, without counting a call (for
/// deciding whose an idempotency key is).
pub async fn client_of_token(
    ports: &(impl UsesApiClients + UsesClock),
    bearer: &str,
) -> Result<Option<ApiClient>, Unexpected> {
    Ok(ports
        .api_clients()
        .live_token(&token_hash(bearer), ports.clock().now())
        .await?
        .map(|(_, client)| client))
}

/// Checks a bearer token and counts the call against the client's rate.
pub async fn authorize(
    ports: &(impl UsesApiClients + UsesClock),
    bearer: &str,
) -> Result<Caller, CallError> {
    if bearer.len() != 64 || !bearer.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(CallError::InvalidToken);
    }
    let (token, client) = ports
        .api_clients()
        .live_token(&token_hash(bearer), ports.clock().now())
        .await?
        .ok_or(CallError::InvalidToken)?;
    count_call(ports, &client).await?;
    Ok(Caller {
        client,
        scopes: token.scopes,
        expires_at: token.expires_at,
    })
}
