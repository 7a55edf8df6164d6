//! GOST R 34.10-2012 verification on any key and signature, on every curve
//! and in both layouts: an error or a verdict, never a panic or a hang.
//! Inputs of the right length reach the arithmetic, not only the checks.
#![no_main]
use kz_eds::gost::{verify, Curve, Layout};
use libfuzzer_sys::fuzz_target;

const CURVES: [Curve; 7] = [
    Curve::Tc26_256A,
    Curve::CryptoPro256A,
    Curve::CryptoPro256B,
    Curve::CryptoPro256C,
    Curve::Tc26_512A,
    Curve::Tc26_512B,
    Curve::Tc26_512C,
];

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else {
        return;
    };
    let curve = CURVES[usize::from(choice & 0x7f) % CURVES.len()];
    let layout = if choice & 0x80 == 0 {
        Layout::Kalkan
    } else {
        Layout::Rfc4491
    };
    let n = 2 * curve.coordinate_len();
    if rest.len() >= 2 * n {
        let (key, signature) = (&rest[..n], &rest[n..2 * n]);
        let _ = verify(curve, layout, key, &rest[2 * n..], signature);
    } else {
        let (key, signature) = rest.split_at(rest.len() / 2);
        assert!(verify(curve, layout, key, b"message", signature).is_err());
    }
});
