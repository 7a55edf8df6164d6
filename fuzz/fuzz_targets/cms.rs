//! Any bytes as a detached CMS signature over a document: the verifier (DER,
//! CMS, the certificates in it, their chain to the demo CA, the CRL)
//! answers an error, never a panic. No bytes but a real signature verify.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nomir::ports::KeyPurpose;

fuzz_target!(|data: &[u8]| {
    let now = time::OffsetDateTime::now_utc();
    for purpose in [KeyPurpose::Sign, KeyPurpose::Auth] {
        let verdict =
            nomir_fuzz::block_on(nomir_fuzz::VERIFIER.verify_cms(data, Some(b"doc"), purpose, now));
        assert!(verdict.is_err(), "bytes nobody signed verified");
    }
});
