//! Any bytes as each request body of the JSON API, through the extractors
//! its handlers use: taken or refused with a problem, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let taken = nomir_fuzz::block_on(nomir::api::fuzz_bodies::read_every_body(data));
    assert!(taken <= 12);
});
