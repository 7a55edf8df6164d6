//! The split 512-bit products against `crypto-bigint`'s own.

use super::*;
use crate::gost::karatsuba;
use crypto_bigint::U512;

/// Random numbers (a sum of halves carries for about half of them), and
/// edges: all ones (every sum carries), each half all ones, a carry out
/// of the low half's sum alone, the top bit alone, 0 and 1.
#[test]
fn the_split_products_are_crypto_bigints() {
    let mut rng = Rng(17);
    let ones = u64::MAX;
    let mut cases: Vec<[u64; 8]> = vec![
        [ones; 8],
        [ones, ones, ones, ones, 0, 0, 0, 0],
        [0, 0, 0, 0, ones, ones, ones, ones],
        [ones, ones, ones, ones, 1, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0, 1 << 63],
        [0; 8],
        [1, 0, 0, 0, 0, 0, 0, 0],
    ];
    for _ in 0..200 {
        cases.push(std::array::from_fn(|_| rng.next()));
    }
    for a in &cases {
        let a = U512::from_words(*a);
        assert_eq!(karatsuba::square_wide(&a), a.square_wide(), "{a}");
        for b in cases.iter().take(12) {
            let b = U512::from_words(*b);
            assert_eq!(karatsuba::mul_wide(&a, &b), a.mul_wide(&b), "{a} {b}");
            assert_eq!(karatsuba::mul_wide(&b, &a), b.mul_wide(&a), "{a} {b}");
        }
    }
}
