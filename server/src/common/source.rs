//! Puts the request's [`Source`] (the peer's IP address) into its
//! extensions, for the limits kept per source. Behind a reverse proxy
//! every request would come from the proxy: set `NOMIR_TRUSTED_PROXY` to
//! the proxy's address, and the last address it appended to
//! `X-Forwarded-For` is taken instead.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;

use app::source::Source;

/// The source of `request`: the peer, or what a trusted proxy says of it.
pub fn source_of(request: &Request, trusted_proxy: Option<IpAddr>) -> Source {
    let Some(peer) = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
    else {
        return Source::unknown();
    };
    if Some(peer) == trusted_proxy {
        let forwarded = request
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|a| a.trim().parse::<IpAddr>().ok())
            .next_back();
        if let Some(client) = forwarded {
            return Source(client.to_string());
        }
    }
    Source(peer.to_string())
}

pub async fn resolve(
    State(trusted_proxy): State<Option<IpAddr>>,
    mut request: Request,
    next: Next,
) -> Response {
    let source = source_of(&request, trusted_proxy);
    request.extensions_mut().insert(source);
    next.run(request).await
}
