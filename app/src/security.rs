//! The Content Security Policy of rendered pages, with this response's nonce
//! for the hydration scripts.

use leptos::nonce::use_nonce;
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

pub fn content_security_policy(nonce: &str, signer_url: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self' {signer_url}; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

pub fn set_content_security_policy() {
    let (Some(nonce), Some(response)) = (use_nonce(), use_context::<ResponseOptions>()) else {
        return;
    };
    let signer = use_context::<crate::site::SignerUrl>()
        .map(|s| s.0)
        .unwrap_or_default();
    if let Ok(value) = http::HeaderValue::from_str(&content_security_policy(&nonce, &signer)) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}
