//! A real signature by a demo citizen, changed where the input says (two
//! bytes of offset, then bytes XORed in, or a cut): whatever still verifies
//! names the same signer, never someone else.
#![no_main]
use std::path::Path;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use nomir::demo::pki::{sign_detached, KeyPair, DEMO_CITIZENS_DIR};
use nomir::ports::KeyPurpose;

const DOCUMENT: &[u8] = b"nomir-request/1\nrequest-id: fuzz\niin: 900515410001\n";
const SIGNER: &str = "900515410001";

static ORIGINAL: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(DEMO_CITIZENS_DIR);
    let key = KeyPair::load(&dir, &format!("{SIGNER}-sign")).expect("the demo key");
    let cms = sign_detached(DOCUMENT, &key).expect("a signature");
    let now = time::OffsetDateTime::now_utc();
    let unchanged = nomir_fuzz::block_on(nomir_fuzz::VERIFIER.verify_cms(
        &cms,
        Some(DOCUMENT),
        KeyPurpose::Sign,
        now,
    ))
    .expect("the unchanged signature holds");
    assert_eq!(unchanged.signer.iin.as_str(), SIGNER);
    cms
});

fuzz_target!(|data: &[u8]| {
    let Some((&[hi, lo], change)) = data.split_first_chunk::<2>().map(|(a, b)| (a, b)) else {
        return;
    };
    let mut cms = ORIGINAL.clone();
    let at = usize::from(u16::from_be_bytes([hi, lo])) % cms.len();
    if change.is_empty() {
        cms.truncate(at.max(1));
    }
    for (byte, x) in cms.iter_mut().skip(at).zip(change) {
        *byte ^= x;
    }
    let now = time::OffsetDateTime::now_utc();
    let verdict = nomir_fuzz::block_on(nomir_fuzz::VERIFIER.verify_cms(
        &cms,
        Some(DOCUMENT),
        KeyPurpose::Sign,
        now,
    ));
    if let Ok(v) = verdict {
        assert_eq!(
            v.signer.iin.as_str(),
            SIGNER,
            "a changed signature names someone else"
        );
    }
});
