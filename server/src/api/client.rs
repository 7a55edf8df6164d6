//! `GET /api/v1/client`: the calling client as the service knows it, so an
//! integrator can check its credentials, scopes and rate.

use axum::Json;
use serde::Serialize;
use time::format_description::well_known::Rfc3339;
use utoipa::ToSchema;

use super::caller::ApiCall;
use super::problem::ProblemBody;

#[derive(Debug, Serialize, ToSchema)]
pub struct ClientView {
    #[schema(example = "demo-bank")]
    pub id: String,
    pub name: String,
    /// `mobile_app` or `bank`.
    #[schema(example = "bank")]
    pub kind: String,
    /// The scopes of the token used for this call.
    pub scopes: Vec<String>,
    pub calls_per_minute: u32,
    /// When the token used for this call expires (RFC 3339).
    pub token_expires_at: String,
}

#[utoipa::path(
    get,
    path = "/api/v1/client",
    tag = "auth",
    summary = "The calling client",
    responses(
        (status = 200, description = "The client and its token", body = ClientView),
        (status = 401, description = "Missing, unknown, expired or revoked token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "The client's calls per minute are used up", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn show(call: ApiCall) -> Json<ClientView> {
    let c = &call.caller.client;
    Json(ClientView {
        id: c.id.to_string(),
        name: c.name.clone(),
        kind: c.kind.to_string(),
        scopes: call.caller.scopes.iter().map(|s| s.to_string()).collect(),
        calls_per_minute: c.calls_per_minute,
        token_expires_at: call.caller.expires_at.format(&Rfc3339).unwrap_or_default(),
    })
}
