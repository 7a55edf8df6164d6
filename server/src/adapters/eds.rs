//! The signature verifier is its own crate (`kz_eds`, in `eds/`); here the
//! server's settings choose its revocation sources, and demo mode trusts
//! the demo CA.

use std::sync::Arc;

pub use kz_eds::*;

/// The revocation sources the settings name (demo mode adds the demo CA's CRL).
pub fn revocation_from(
    settings: &crate::config::Settings,
) -> anyhow::Result<Arc<dyn RevocationCheck>> {
    revocation_sources(RevocationSources {
        crls: settings.crls.clone(),
        ocsp_url: settings.ocsp_url.clone(),
        crl_bytes: demo_crl(settings.demo),
    })
}

/// The verifier of demo mode: the demo CA, checked against its CRL.
pub fn demo_verifier() -> anyhow::Result<CmsVerifier> {
    let revocation = revocation_sources(RevocationSources {
        crl_bytes: demo_crl(true),
        ..Default::default()
    })?;
    CmsVerifier::from_pem(crate::demo::pki::DEMO_ROOTS, revocation)
}

fn demo_crl(demo: bool) -> Vec<Vec<u8>> {
    if demo {
        vec![crate::demo::pki::DEMO_CRL.to_vec()]
    } else {
        Vec::new()
    }
}
