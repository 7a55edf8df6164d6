//! e⁻¹ modulo q, the one inversion a verification needs, by the binary
//! extended Euclidean algorithm on fixed limbs, in variable time (only
//! public data passes here). `num-bigint`'s `modinv` (Euclid's, a new
//! number each division) was a tenth of a tc26 512-C check, and
//! `crypto-bigint`'s constant-time `inv_odd_mod` slower still.
//! Hand-written for the reason the module above gives.

use super::field::{add_words, less, sub_words};

/// a⁻¹ modulo m, for m odd and a in 1..m; `None` where gcd(a, m) ≠ 1.
pub(super) fn invert_odd<const L: usize>(a: &[u64; L], m: &[u64; L]) -> Option<[u64; L]> {
    let mut one = [0u64; L];
    one[0] = 1;
    let zero = [0u64; L];
    // Throughout: x1·a ≡ u and x2·a ≡ v (mod m), x1 and x2 below m.
    let (mut u, mut v) = (*a, *m);
    let (mut x1, mut x2) = (one, zero);
    loop {
        if u == zero {
            return None;
        }
        while u[0] & 1 == 0 {
            shift_right(&mut u);
            halve(&mut x1, m);
        }
        while v[0] & 1 == 0 {
            shift_right(&mut v);
            halve(&mut x2, m);
        }
        if u == one {
            return Some(x1);
        }
        if v == one {
            return Some(x2);
        }
        // Both odd: the larger less the smaller is even.
        if less(&u, &v) {
            v = sub_words(&v, &u).0;
            x2 = sub_mod(&x2, &x1, m);
        } else {
            u = sub_words(&u, &v).0;
            x1 = sub_mod(&x1, &x2, m);
        }
    }
}

/// w ≫ 1.
#[inline(always)]
fn shift_right<const L: usize>(w: &mut [u64; L]) {
    for i in 0..L {
        let above = if i + 1 < L { w[i + 1] << 63 } else { 0 };
        w[i] = (w[i] >> 1) | above;
    }
}

/// x/2 modulo m (m odd): x ≫ 1 if x is even, else (x + m) ≫ 1.
#[inline(always)]
fn halve<const L: usize>(x: &mut [u64; L], m: &[u64; L]) {
    if x[0] & 1 == 0 {
        shift_right(x);
    } else {
        let (sum, carry) = add_words(x, m);
        *x = sum;
        shift_right(x);
        x[L - 1] |= u64::from(carry) << 63;
    }
}

/// a − b modulo m, both below m.
#[inline(always)]
fn sub_mod<const L: usize>(a: &[u64; L], b: &[u64; L], m: &[u64; L]) -> [u64; L] {
    let (d, borrow) = sub_words(a, b);
    if borrow {
        add_words(&d, m).0
    } else {
        d
    }
}
