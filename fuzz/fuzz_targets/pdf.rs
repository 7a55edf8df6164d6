//! A file as a result document to check: any bytes (the first byte even),
//! or a real sealed document changed where the input says (odd first
//! byte: two bytes of offset, then bytes XORed in). An error or a verdict,
//! never a panic; bytes nobody sealed never pass, and a changed document
//! that still passes says what the sealed one said.
#![no_main]
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use nomir::documents::{pdf, Checked, Provider, SealError, SealMeta, Sealer};

static SEALER: LazyLock<Sealer> =
    LazyLock::new(|| nomir::demo::seal::sealer().expect("the demo seal"));

/// Which seals a check accepts: the demo provider's.
static PROVIDER: LazyLock<Provider> = LazyLock::new(|| Provider::of([SEALER.certificate()]));

fn check(file: &[u8]) -> Result<Checked, SealError> {
    let now = time::OffsetDateTime::now_utc();
    let verify = nomir::documents::verify(file, &*nomir_fuzz::VERIFIER, &PROVIDER, now);
    nomir_fuzz::block_on(verify)
}

/// A real sealed document, and what its check says.
static ORIGINAL: LazyLock<(Vec<u8>, SealMeta)> = LazyLock::new(|| {
    let document = nomir::documents::ResultDocument::sample();
    let sealed = SEALER
        .seal(pdf::render(&document).expect("a document"))
        .expect("a seal");
    let meta = check(&sealed).expect("the real document passes").meta;
    (sealed, meta)
});

fuzz_target!(|data: &[u8]| {
    match data {
        [mode, hi, lo, change @ ..] if mode & 1 == 1 => {
            let (original, meta) = &*ORIGINAL;
            let mut file = original.clone();
            let at = usize::from(u16::from_be_bytes([*hi, *lo])) * 8 % file.len();
            for (byte, x) in file.iter_mut().skip(at).zip(change) {
                *byte ^= x;
            }
            if let Ok(checked) = check(&file) {
                assert_eq!(
                    &checked.meta, meta,
                    "a changed document says something else"
                );
            }
        }
        _ => assert!(check(data).is_err(), "a file nobody sealed passed"),
    }
});
