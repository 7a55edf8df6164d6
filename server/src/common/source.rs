//! Puts the request's [`Source`] (the peer's IP address) into its
//! extensions, for the limits kept per source. Behind a reverse proxy
//! every request would come from the proxy: set `NOMIR_TRUSTED_PROXY` to
//! the proxy's address, and the last address it appended to
//! `X-Forwarded-For` is taken instead.
//!
//! An IPv6 source is its /64 network: one subscriber, one home or one
//! server is given a whole /64, and counting its addresses apart would let
//! it pass as 2^64 sources (and fill the limits' tables).

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
            return of_address(client);
        }
    }
    of_address(peer)
}

/// The source an address counts as: an IPv4 address (also written as
/// IPv6), or an IPv6 address's /64 network.
fn of_address(ip: IpAddr) -> Source {
    match ip {
        IpAddr::V4(v4) => Source(v4.to_string()),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => Source(v4.to_string()),
            None => {
                let net = u128::from(v6) & !(u128::from(u64::MAX));
                Source(format!("{}/64", std::net::Ipv6Addr::from(net)))
            }
        },
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn source(ip: &str) -> String {
        of_address(ip.parse().unwrap()).0
    }

    #[test]
    fn an_ipv6_source_is_its_64_network_and_ipv4_is_itself() {
        assert_eq!(source("2001:db8:1:2::7"), "2001:db8:1:2::/64");
        assert_eq!(source("2001:db8:1:2:ffff:1:2:3"), "2001:db8:1:2::/64");
        assert_ne!(source("2001:db8:1:3::7"), source("2001:db8:1:2::7"));
        assert_eq!(source("198.51.100.7"), "198.51.100.7");
        assert_eq!(source("::ffff:198.51.100.7"), "198.51.100.7");
        assert_eq!(source("::1"), "::/64");
    }
}
