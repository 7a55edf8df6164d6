//! Hostile input, fuzzed: the signature path (DER, CMS, the
//! certificates, a real signature with bytes changed), the GOST code, the
//! biometric JWS, the result document's check and the parsers behind every
//! form. Each target must answer with an error or a verdict, never a panic
//! or a hang; a changed signature is never taken for someone else's.
//!
//! Each target runs random inputs for a second (`NOMIR_FUZZ_MS` changes
//! it) from a seed it prints (`NOMIR_FUZZ_SEED` repeats a run). This is
//! random, not coverage-guided, fuzzing: bolero and cargo-fuzz were tried,
//! and bolero's dependencies do not resolve beside Leptos' macros in this
//! workspace. The JSON API's bodies are fuzzed over HTTP from its OpenAPI
//! description (`scripts/api-fuzz.sh`, in the test command). A crash found
//! becomes a fixed case beside its target.

use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use nomir::domain::{Iin, Msisdn, OtpCode};
use nomir::ports::{BiometricVerifier, KeyPurpose};
use time::OffsetDateTime;

use crate::support::demo::citizen_key;

/// Runs `target` on random inputs from one seed for a bounded time.
fn fuzz(name: &str, mut target: impl FnMut(&mut StdRng)) {
    let seed = std::env::var("NOMIR_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| rand::thread_rng().gen());
    let run = std::env::var("NOMIR_FUZZ_MS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(Duration::from_secs(1), Duration::from_millis);
    eprintln!("fuzz {name}: NOMIR_FUZZ_SEED={seed}");
    let mut rng = StdRng::seed_from_u64(seed);
    let started = Instant::now();
    let mut runs = 0u64;
    while started.elapsed() < run {
        target(&mut rng);
        runs += 1;
    }
    eprintln!("fuzz {name}: {runs} inputs");
}

/// Random bytes, mostly short, now and then long.
fn bytes(rng: &mut StdRng) -> Vec<u8> {
    let len = if rng.gen_bool(0.9) {
        rng.gen_range(0..64)
    } else {
        rng.gen_range(0..4096)
    };
    (0..len).map(|_| rng.gen()).collect()
}

/// Random text: ASCII digits and signs mostly, any character sometimes.
fn text(rng: &mut StdRng) -> String {
    let len = rng.gen_range(0..40);
    (0..len)
        .map(|_| match rng.gen_range(0..4) {
            0 => char::from(rng.gen_range(b'0'..=b'9')),
            1 => *[' ', '+', '-', '(', ')', '.', '\u{a0}', '٣', '７']
                .get(rng.gen_range(0..9))
                .unwrap(),
            2 => char::from(rng.gen_range(0x20u8..0x7f)),
            _ => rng.gen(),
        })
        .collect()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn cms_and_certificates_survive_hostile_bytes() {
    let rt = runtime();
    let verifier = nomir::demo::pki::verifier().unwrap();
    let now = OffsetDateTime::now_utc();
    fuzz("cms", |rng| {
        let input = bytes(rng);
        let verdict = rt.block_on(verifier.verify_cms(&input, Some(b"doc"), KeyPurpose::Sign, now));
        assert!(verdict.is_err(), "{input:02x?}");
    });
}

#[test]
fn a_real_signature_changed_anywhere_is_never_someone_elses() {
    let rt = runtime();
    let verifier = nomir::demo::pki::verifier().unwrap();
    let now = OffsetDateTime::now_utc();
    let document = b"nomir-request/1\nrequest-id: fuzz\niin: 900515410001\n".to_vec();
    let key = citizen_key("900515410001-sign");
    let original = nomir::demo::pki::sign_detached(&document, &key).unwrap();
    let signer = rt
        .block_on(verifier.verify_cms(&original, Some(&document), KeyPurpose::Sign, now))
        .expect("the unchanged signature holds")
        .signer
        .iin;
    fuzz("changed cms", |rng| {
        let mut cms = original.clone();
        for _ in 0..rng.gen_range(1..=8) {
            let at = rng.gen_range(0..cms.len());
            match rng.gen_range(0..3) {
                0 => cms[at] = rng.gen(),
                1 => cms[at] ^= 1 << rng.gen_range(0..8),
                _ => cms.truncate(at.max(1)),
            }
        }
        let verdict =
            rt.block_on(verifier.verify_cms(&cms, Some(&document), KeyPurpose::Sign, now));
        if let Ok(v) = verdict {
            assert_eq!(
                v.signer.iin, signer,
                "a changed signature names someone else"
            );
        }
    });
}

#[test]
fn gost_verification_survives_hostile_keys_and_signatures() {
    use kz_eds::gost::{verify, Curve, Layout};
    let curves = [
        Curve::Tc26_256A,
        Curve::CryptoPro256A,
        Curve::CryptoPro256B,
        Curve::CryptoPro256C,
        Curve::Tc26_512A,
        Curve::Tc26_512B,
        Curve::Tc26_512C,
    ];
    fuzz("gost", |rng| {
        let (key, signature) = (bytes(rng), bytes(rng));
        let curve = curves[rng.gen_range(0..curves.len())];
        let layout = if rng.gen() {
            Layout::Kalkan
        } else {
            Layout::Rfc4491
        };
        let n = curve.coordinate_len();
        // Sized inputs reach the arithmetic, not only the length check.
        let fit = |v: &[u8]| {
            let mut out = v.to_vec();
            out.resize(2 * n, 0x5a);
            out
        };
        assert!(verify(curve, layout, &fit(&key), b"message", &fit(&signature)).is_err());
        let _ = verify(curve, layout, &key, b"message", &signature);
    });
}

#[test]
fn biometric_assertions_survive_hostile_jws() {
    let verifier = nomir::demo::biometrics::verifier().unwrap();
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    fuzz("jws", |rng| {
        // Parts that decode (so the JSON and the signature are reached)
        // or that do not.
        let part = |rng: &mut StdRng| {
            if rng.gen() {
                b64.encode(bytes(rng))
            } else if rng.gen() {
                b64.encode(format!(
                    r#"{{"alg":"ES256","kid":"{}","sub":{}}}"#,
                    text(rng),
                    rng.gen::<i32>()
                ))
            } else {
                text(rng)
            }
        };
        let (header, claims, signature) = (part(rng), part(rng), part(rng));
        assert!(verifier.verify(&header).is_err());
        let jws = format!("{header}.{claims}.{signature}");
        assert!(verifier.verify(&jws).is_err());
    });
}

#[test]
fn the_document_check_survives_hostile_files() {
    let rt = runtime();
    fuzz("pdf", |rng| {
        let input = bytes(rng);
        let mut file = b"%PDF-1.7\n".to_vec();
        if rng.gen() {
            file.extend_from_slice(b"/ByteRange [0 10 20 30] /Contents <");
        }
        file.extend_from_slice(&input);
        for candidate in [&input[..], &file[..]] {
            let checked = rt.block_on(crate::support::check_demo_document(candidate));
            assert!(checked.is_err());
        }
    });
}

#[test]
fn the_parsers_behind_every_form_survive_hostile_text() {
    fuzz("parsers", |rng| {
        let text = &text(rng);
        if let Ok(iin) = Iin::parse(text) {
            assert_eq!(Iin::parse(iin.as_str()).as_ref(), Ok(&iin));
        }
        if let Ok(n) = Msisdn::parse(text) {
            // A number read once reads back the same from each of its forms.
            assert_eq!(Msisdn::parse(n.as_str()).ok().as_ref(), Some(&n));
            assert_eq!(Msisdn::parse(&n.display()).ok().as_ref(), Some(&n));
        }
        let _ = OtpCode::parse(text);
        let _ = OtpCode::from_pasted(text);
        let _ = Msisdn::format_typed(text, true);
    });
}
