//! Any text as a biometric assertion (a JWS): an error, never a panic, and
//! never an assertion, since nothing here holds the provider's key.
#![no_main]
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use nomir::adapters::biometrics::JwsBiometrics;
use nomir::ports::BiometricVerifier;

static VERIFIER: LazyLock<JwsBiometrics> =
    LazyLock::new(|| nomir::demo::biometrics::verifier().expect("the demo provider"));

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        assert!(VERIFIER.verify(text).is_err());
    }
});
