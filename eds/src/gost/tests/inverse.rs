//! The inversion modulo q against `num-bigint`'s.

use super::*;
use crate::gost::inverse::invert_odd;

fn words<const L: usize>(x: &BigUint) -> [u64; L] {
    let mut w = [0u64; L];
    for (w, d) in w.iter_mut().zip(x.iter_u64_digits()) {
        *w = d;
    }
    w
}

fn integer<const L: usize>(w: &[u64; L]) -> BigUint {
    BigUint::from_slice(
        &w.iter()
            .flat_map(|d| [*d as u32, (d >> 32) as u32])
            .collect::<Vec<_>>(),
    )
}

/// Every set's q (and p, odd too), on its limbs, for random numbers and
/// the edges 1, 2 and m − 1: the same inverse as `num-bigint`'s, and a·a⁻¹
/// ≡ 1. A number sharing a factor with an odd composite has none.
#[test]
fn the_inverse_modulo_q_is_num_bigints() {
    let mut rng = Rng(5);
    for curve in all() {
        let c = params(curve);
        for m in [&c.q, &c.p] {
            let mut cases: Vec<BigUint> = (0..20).map(|_| rng.below(m)).collect();
            cases.extend([BigUint::one(), BigUint::from(2u32), m - 1u32]);
            for a in cases {
                let expected = a.modinv(m).unwrap();
                let got = if curve.bits() == 256 {
                    integer(&invert_odd::<4>(&words(&a), &words(m)).unwrap())
                } else {
                    integer(&invert_odd::<8>(&words(&a), &words(m)).unwrap())
                };
                assert_eq!(got, expected, "{curve:?}");
                assert_eq!((&a * &got) % m, BigUint::one());
            }
        }
    }
    let m = BigUint::from(15u32);
    for (a, inverse) in [(2u32, Some(8u32)), (5, None), (6, None), (14, Some(14))] {
        let got = invert_odd::<1>(&words(&BigUint::from(a)), &words(&m));
        assert_eq!(got.map(|w| w[0] as u32), inverse, "{a}");
    }
}
