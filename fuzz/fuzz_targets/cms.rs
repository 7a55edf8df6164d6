//! Any bytes as a detached CMS signature over a document: the verifier (DER,
//! CMS, the certificates in it, their chain to the demo CA, the CRL)
//! answers an error, never a panic. No bytes but a real signature verify.
#![no_main]
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use nomir::ports::KeyPurpose;

static VERIFIER: LazyLock<kz_eds::CmsVerifier> =
    LazyLock::new(|| nomir::demo::pki::verifier().expect("the demo verifier"));
static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime")
});

fuzz_target!(|data: &[u8]| {
    let now = time::OffsetDateTime::now_utc();
    for purpose in [KeyPurpose::Sign, KeyPurpose::Auth] {
        let verdict = RUNTIME.block_on(VERIFIER.verify_cms(data, Some(b"doc"), purpose, now));
        assert!(verdict.is_err(), "bytes nobody signed verified");
    }
});
