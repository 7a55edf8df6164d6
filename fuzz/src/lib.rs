//! What the fuzz targets share: the demo mode's signature verifier and a
//! runtime to wait on the async checks, each made once per process.

use std::sync::LazyLock;

/// The verifier of demo mode: the demo CA and its CRL.
pub static VERIFIER: LazyLock<kz_eds::CmsVerifier> =
    LazyLock::new(|| nomir::demo::pki::verifier().expect("the demo verifier"));

static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
});

/// Waits for `future` on the targets' one runtime.
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    RUNTIME.block_on(future)
}
