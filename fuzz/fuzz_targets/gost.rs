//! GOST R 34.10-2012 verification on any key and signature, on every curve
//! and in both layouts: an error or a verdict, never a panic or a hang.
//! The first byte picks the curve, the layout and the key: the input's
//! own bytes (almost never a point on the curve, so the key's checks are
//! what is fuzzed) or the base point (so the signature reaches the
//! arithmetic: the double-scalar multiplication and the inversion).
#![no_main]
use kz_eds::gost::{verify, Curve, Layout};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else {
        return;
    };
    let curve = Curve::ALL[usize::from(choice & 0x3f) % Curve::ALL.len()];
    let layout = if choice & 0x80 == 0 {
        Layout::Kalkan
    } else {
        Layout::Rfc4491
    };
    let n = 2 * curve.coordinate_len();
    if choice & 0x40 != 0 {
        let mut signature = rest.get(..n).unwrap_or(rest).to_vec();
        signature.resize(n, 0);
        let message = rest.get(n..).unwrap_or_default();
        let _ = verify(curve, layout, &curve.base_point_key(), message, &signature);
    } else if rest.len() >= 2 * n {
        let (key, signature) = (&rest[..n], &rest[n..2 * n]);
        let _ = verify(curve, layout, key, &rest[2 * n..], signature);
    } else {
        let (key, signature) = rest.split_at(rest.len() / 2);
        assert!(verify(curve, layout, key, b"message", signature).is_err());
    }
});
