//! Any bytes as each request body of the JSON API, through the extractors
//! its handlers use: taken or refused with a problem, never a panic.
#![no_main]
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;

static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime")
});

fuzz_target!(|data: &[u8]| {
    let taken = RUNTIME.block_on(nomir::api::fuzz_bodies::read_every_body(data));
    assert!(taken <= 12);
});
