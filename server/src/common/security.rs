//! Security middleware: response headers, and a same-origin rule for every
//! state-changing request (CSRF defence that needs no token in the form).

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use super::error_page;

/// Refuses POST/PUT/PATCH/DELETE whose `Origin` is not this host, or that the
/// browser marks as cross-site.
pub async fn same_origin_only(request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let origin_host = headers
        .get(header::ORIGIN)
        .and_then(|o| o.to_str().ok())
        .map(|o| o.split_once("://").map_or(o, |(_, rest)| rest));
    let cross_site = headers
        .get("sec-fetch-site")
        .is_some_and(|v| v == "cross-site");
    let foreign_origin = match origin_host {
        Some(origin) => Some(origin) != host,
        None => false,
    };
    if cross_site || foreign_origin {
        tracing::warn!(method = %request.method(), path = request.uri().path(), "cross-site request refused");
        return error_page::page(StatusCode::FORBIDDEN, request.headers(), |t| {
            t.page_cross_site
        });
    }
    next.run(request).await
}

/// The front end's files and the public assets: the same for everyone.
fn is_static_asset(path: &str) -> bool {
    path.starts_with("/pkg/") || matches!(path, "/favicon.svg" | "/robots.txt")
}

/// Whether the service is reached over HTTPS only (`NOMIR_COOKIE_SECURE`):
/// then browsers are told to keep to it.
#[derive(Debug, Clone, Copy)]
pub struct Https(pub bool);

/// Headers on every response; pages rendered by the app set their own CSP
/// (with a nonce), everything else gets a strict default.
pub async fn headers(State(https): State<Https>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let personal = !is_static_asset(path);
    let cache = if path.starts_with("/pkg/") && super::static_files::is_hashed(path) {
        super::static_files::IMMUTABLE
    } else {
        super::static_files::REVALIDATE
    };
    let mut response = next.run(request).await;
    let success = response.status().is_success();
    let h = response.headers_mut();
    if !personal && success {
        h.insert(header::CACHE_CONTROL, cache);
        // The same name is sent as Brotli, gzip or plain: caches must key on it.
        h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    // Pages and answers may hold personal data (the cabinet, a request, the
    // demo phone): no browser or proxy keeps a copy.
    if personal && !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
        );
    }
    if https.0 {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::is_static_asset;

    #[test]
    fn only_the_front_ends_files_and_public_assets_may_be_cached() {
        assert!(is_static_asset("/pkg/nomir.wasm"));
        assert!(is_static_asset("/favicon.svg"));
        for personal in [
            "/",
            "/cabinet",
            "/cabinet/request/x",
            "/demo/phone",
            "/fn/get_cabinet",
        ] {
            assert!(!is_static_asset(personal), "{personal}");
        }
    }
}
