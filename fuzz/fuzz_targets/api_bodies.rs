//! Any bytes as each request body of the JSON API, through the extractors
//! its handlers use: taken, or refused with a problem the client can act
//! on (a 4xx), never a panic and never a 5xx.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for status in nomir_fuzz::block_on(nomir::api::fuzz_bodies::read_every_body(data))
        .into_iter()
        .flatten()
    {
        assert!((400..500).contains(&status), "{status}");
    }
});
