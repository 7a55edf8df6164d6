//! 512-bit products from 256-bit ones (`crypto-bigint`'s): a product by
//! one level of Karatsuba's method, three 256-bit products instead of 64
//! word products, 48 for a few more sums; a square from two 256-bit
//! squares and one product. `crypto-bigint`'s own 512-bit product and
//! square were two thirds of a tc26 512-C check; split, the check ran
//! 40 % faster (3,600 → 5,050 a second on the machine of
//! `docs/performance.md`; why its 256-bit products do so much more a
//! cycle was not looked into). Hand-written for the reason the module
//! above gives; a test compares them with `crypto-bigint`'s.

use crypto_bigint::{Uint, U256};

use super::field::add_words;

/// a·b for 8-limb a and b (`L` = 8), as (low half, high half).
#[inline(always)]
pub(super) fn mul_wide<const L: usize>(a: &Uint<L>, b: &Uint<L>) -> (Uint<L>, Uint<L>) {
    debug_assert_eq!(L, 8);
    let (a, b) = (a.as_words(), b.as_words());
    let half = |w: &[u64], i: usize| {
        let mut h = [0u64; 4];
        h.copy_from_slice(&w[4 * i..4 * i + 4]);
        U256::from_words(h)
    };
    let (a0, a1, b0, b1) = (half(a, 0), half(a, 1), half(b, 0), half(b, 1));
    let (z0_lo, z0_hi) = a0.mul_wide(&b0);
    let (z2_lo, z2_hi) = a1.mul_wide(&b1);
    let (sa, sa_carry) = add_words(a0.as_words(), a1.as_words());
    let (sb, sb_carry) = add_words(b0.as_words(), b1.as_words());
    // m = (a0 + a1)·(b0 + b1), on 9 words (below 2^514).
    let (m_lo, m_hi) = U256::from_words(sa).mul_wide(&U256::from_words(sb));
    let mut m = [0u64; 9];
    m[..8].copy_from_slice(&joined(&m_lo, &m_hi));
    if sa_carry {
        add_into(&mut m[4..], &sb);
    }
    if sb_carry {
        add_into(&mut m[4..], &sa);
    }
    if sa_carry && sb_carry {
        m[8] += 1;
    }
    // The middle term a0·b1 + a1·b0 = m − a0·b0 − a1·b1 (not negative).
    let (z0, z2) = (joined(&z0_lo, &z0_hi), joined(&z2_lo, &z2_hi));
    sub_from(&mut m, &z0);
    sub_from(&mut m, &z2);
    // a·b = z0 + middle·2^256 + z2·2^512.
    let mut out = [0u64; 16];
    out[..8].copy_from_slice(&z0);
    out[8..].copy_from_slice(&z2);
    add_into(&mut out[4..], &m);
    halves(&out)
}

/// a² for an 8-limb a (`L` = 8): a0² + 2·a0·a1·2^256 + a1²·2^512, two
/// 256-bit squares and one product.
#[inline(always)]
pub(super) fn square_wide<const L: usize>(a: &Uint<L>) -> (Uint<L>, Uint<L>) {
    debug_assert_eq!(L, 8);
    let a = a.as_words();
    let half = |i: usize| {
        let mut h = [0u64; 4];
        h.copy_from_slice(&a[4 * i..4 * i + 4]);
        U256::from_words(h)
    };
    let (a0, a1) = (half(0), half(1));
    let (z0_lo, z0_hi) = a0.square_wide();
    let (z2_lo, z2_hi) = a1.square_wide();
    let (m_lo, m_hi) = a0.mul_wide(&a1);
    let mut m = [0u64; 9];
    m[..8].copy_from_slice(&joined(&m_lo, &m_hi));
    // Doubled.
    m[8] = m[7] >> 63;
    for i in (1..8).rev() {
        m[i] = (m[i] << 1) | (m[i - 1] >> 63);
    }
    m[0] <<= 1;
    let mut out = [0u64; 16];
    out[..8].copy_from_slice(&joined(&z0_lo, &z0_hi));
    out[8..].copy_from_slice(&joined(&z2_lo, &z2_hi));
    add_into(&mut out[4..], &m);
    halves(&out)
}

/// A 512-bit number from its 256-bit halves, as words.
#[inline(always)]
fn joined(lo: &U256, hi: &U256) -> [u64; 8] {
    let mut w = [0u64; 8];
    w[..4].copy_from_slice(lo.as_words());
    w[4..].copy_from_slice(hi.as_words());
    w
}

/// A 1024-bit product's words as its two 512-bit halves (`L` = 8).
#[inline(always)]
fn halves<const L: usize>(out: &[u64; 16]) -> (Uint<L>, Uint<L>) {
    let mut lo = [0u64; L];
    let mut hi = [0u64; L];
    lo.copy_from_slice(&out[..8]);
    hi.copy_from_slice(&out[8..]);
    (Uint::from_words(lo), Uint::from_words(hi))
}

/// dst += src, the carry run up dst (which is long enough to hold it).
#[inline(always)]
fn add_into(dst: &mut [u64], src: &[u64]) {
    let mut carry = false;
    for (i, d) in dst.iter_mut().enumerate() {
        let s = src.get(i).copied().unwrap_or(0);
        if i >= src.len() && !carry {
            break;
        }
        let (t, c1) = d.overflowing_add(s);
        let (t, c2) = t.overflowing_add(u64::from(carry));
        *d = t;
        carry = c1 | c2;
    }
}

/// dst −= src, dst not below src.
#[inline(always)]
fn sub_from(dst: &mut [u64], src: &[u64]) {
    let mut borrow = false;
    for (i, d) in dst.iter_mut().enumerate() {
        let s = src.get(i).copied().unwrap_or(0);
        if i >= src.len() && !borrow {
            break;
        }
        let (t, b1) = d.overflowing_sub(s);
        let (t, b2) = t.overflowing_sub(u64::from(borrow));
        *d = t;
        borrow = b1 | b2;
    }
}
