//! The arithmetic verification needs: integers modulo p (as they are, or in
//! Montgomery form)
//! on fixed-size limbs, points in Jacobian coordinates, and interleaved
//! wNAF double-scalar multiplication. The limbs are `crypto-bigint`'s
//! (`Uint` and its products); the reductions, the sums modulo p and the
//! curve arithmetic on them are hand-written because no maintained crate has
//! these curves (see the module above); variable-time, as it only ever
//! sees public data. A 512-bit curve runs on 8 limbs, a 256-bit one on 4
//! (`L`; the tests also run the 256-bit curves on 8, as a cross-check).
//!
//! For p = 2^N − c or p = 2^(N−1) + c with small c (N = 64·L: tc26 512-A,
//! 512-B and 512-C, CryptoPro A and B, tc26 256-A) products are reduced by
//! folding instead of Montgomery's reduction ([`Reduction`]).
//!
//! Why fixed limbs: the first version, on `num-bigint`, allocated every
//! intermediate number and reached 229 full GOST-512 verifications a
//! second (two signatures each) against OpenSSL's 1,199 signatures.

use std::sync::OnceLock;

use crypto_bigint::modular::montgomery_reduction;
use crypto_bigint::{Limb, Uint};
use num_bigint::BigUint;
use num_traits::One;

use super::curves::{Curve, RawParams};
use super::edwards::Edwards;
use super::inverse::invert_odd;
use super::karatsuba;

/// Window width of the wNAF for the base point (table cached per curve).
pub(super) const W_G: u32 = 7;
/// Window width of the wNAF for the public key (table built per verification).
pub(super) const W_Q: u32 = 5;

/// A field element on `L` limbs: an integer below p, as it is or in
/// Montgomery form (x·R mod p, R = 2^(64·L)), as [`Reduction`] says.
pub(super) type Fe<const L: usize> = Uint<L>;

/// How a double-width product is brought back below p (N = 64·L bits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reduction {
    /// p = 2^N − c, c < 2^32: hi·2^N + lo ≡ hi·c + lo.
    Below(u64),
    /// p = 2^(N−1) + c, c < 2^32: hi·2^(N−1) + lo ≡ lo − hi·c.
    Above(u64),
    /// Any other p: numbers are kept in Montgomery form.
    Montgomery,
}

/// The curve's coefficient a as the doubling uses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CurveA {
    /// a = −3: 3·X² + a·Z⁴ = 3·(X − Z²)·(X + Z²), one product for two squares.
    MinusThree,
    /// a = 3: 3·X² + a·Z⁴ = 3·(X² + Z⁴), no product by a.
    Three,
    /// Any other a: a product by a.
    Other,
}

/// A curve with its arithmetic modulo p on `L` limbs.
pub(super) struct Params<const L: usize> {
    pub(super) p: BigUint,
    pub(super) a: BigUint,
    pub(super) b: BigUint,
    pub(super) q: BigUint,
    pub(super) g: (BigUint, BigUint),
    /// The a the arithmetic runs on: the curve's own, or an isomorphic
    /// curve's (see [`Self::iso`]).
    pub(super) curve_a: CurveA,
    /// Folding where p's form allows it: faster than Montgomery's reduction.
    pub(super) reduction: Reduction,
    /// p, −p⁻¹ mod 2^64 and R² mod p, for Montgomery multiplication.
    modulus: Fe<L>,
    neg_inv: Limb,
    r2: Fe<L>,
    /// a and b of the curve the arithmetic runs on, as the field keeps them.
    a_m: Fe<L>,
    b_m: Fe<L>,
    /// u² and u³ of the isomorphism (x, y) ↦ (u²·x, u³·y) onto the curve
    /// y² = x³ + a·u⁴·x + b·u⁶ the arithmetic runs on (u = 1 where a is
    /// kept), as the field keeps them. tc26 512-C's a becomes −3 and tc26
    /// 256-A's becomes 3, so their doublings save a product; the x a
    /// signature names is compared times u².
    pub(super) iso: (Fe<L>, Fe<L>),
    /// Odd multiples G, 3G, 5G, ... (2^(W_G-1) - 1)G, affine, as the field keeps them.
    pub(super) g_table: Vec<(Fe<L>, Fe<L>)>,
    /// The curve's twisted Edwards form, where it has one the verification
    /// runs on (tc26 256-A and 512-C).
    pub(super) edwards: Option<Edwards<L>>,
}

/// A point in Jacobian coordinates (X/Z², Y/Z³), as the field keeps them; Z = 0 is
/// the point at infinity.
#[derive(Clone, Copy, Debug)]
pub(super) struct Jac<const L: usize> {
    pub(super) x: Fe<L>,
    pub(super) y: Fe<L>,
    pub(super) z: Fe<L>,
}

impl<const L: usize> Jac<L> {
    pub(super) fn infinity() -> Self {
        Jac {
            x: Uint::ONE,
            y: Uint::ONE,
            z: Uint::ZERO,
        }
    }
    pub(super) fn is_infinity(&self) -> bool {
        self.z == Uint::ZERO
    }
}

/// Parameters of `curve` on 8 limbs, parsed and with the base-point table,
/// built once per process: every curve's p fits.
pub(super) fn params(curve: Curve) -> &'static Params<8> {
    static CELLS: [OnceLock<Params<8>>; 9] = [const { OnceLock::new() }; 9];
    let (index, raw) = curve.raw();
    CELLS[index].get_or_init(|| Params::new(raw).with_edwards(curve))
}

/// Parameters of a 256-bit `curve` on 4 limbs, a quarter of the work of 8
/// for each product.
pub(super) fn params256(curve: Curve) -> &'static Params<4> {
    static CELLS: [OnceLock<Params<4>>; 9] = [const { OnceLock::new() }; 9];
    let (index, raw) = curve.raw();
    assert!(curve.bits() == 256, "{curve:?} needs 8 limbs");
    CELLS[index].get_or_init(|| Params::new(raw).with_edwards(curve))
}

fn to_uint<const L: usize>(x: &BigUint) -> Fe<L> {
    let mut words = [0u64; L];
    for (w, d) in words.iter_mut().zip(x.iter_u64_digits()) {
        *w = d;
    }
    Uint::from_words(words)
}

fn to_big<const L: usize>(x: &Fe<L>) -> BigUint {
    let bytes: Vec<u8> = x.to_words().iter().flat_map(|w| w.to_le_bytes()).collect();
    BigUint::from_bytes_le(&bytes)
}

impl<const L: usize> Params<L> {
    pub(super) fn new(raw: &RawParams) -> Self {
        let mut c = Self::arithmetic(raw);
        let (curve_a, u) = short_a(&c.p, &c.a);
        let (u2, u4) = ((&u * &u) % &c.p, u.modpow(&BigUint::from(4u32), &c.p));
        c.curve_a = curve_a;
        c.a_m = c.to_fe(&((&c.a * &u4) % &c.p));
        c.b_m = c.to_fe(&((&c.b * &u4 * &u2) % &c.p));
        c.iso = (c.to_fe(&u2), c.to_fe(&((&u2 * &u) % &c.p)));
        let g = c.jac(&c.g.clone());
        let g2 = c.dbl(&g);
        let mut acc = g;
        for _ in 0..(1usize << (W_G - 2)) {
            let next = c.add(&acc, &g2);
            // The base point has large prime order, so no small multiple is infinity.
            let (x, y) = c.affine_fe(&acc).expect("small multiple of G is finite");
            c.g_table.push((x, y));
            acc = next;
        }
        c
    }

    /// With the Edwards form of `curve`, where it has one.
    fn with_edwards(mut self, curve: Curve) -> Self {
        let d = curve
            .edwards_d()
            .map(|d| BigUint::parse_bytes(d.as_bytes(), 16).expect("curve constant is hex"));
        self.edwards = d.map(|d| Edwards::new(&self, &d));
        self
    }

    /// The arithmetic modulo p alone: no base point table (the tests also
    /// make it for moduli that are no curve's).
    pub(super) fn arithmetic(raw: &RawParams) -> Self {
        let h = |s: &str| BigUint::parse_bytes(s.as_bytes(), 16).expect("curve constant is hex");
        let [p, a, b, q, x, y] = raw.0.map(h);
        let curve_a = if &a + 3u32 == p {
            CurveA::MinusThree
        } else {
            CurveA::Other
        };
        // −p⁻¹ mod 2^64 by Newton's iteration (p is odd).
        let p0 = p.iter_u64_digits().next().unwrap_or(1);
        let mut inv = 1u64;
        for _ in 0..6 {
            inv = inv.wrapping_mul(2u64.wrapping_sub(p0.wrapping_mul(inv)));
        }
        let r2 = (BigUint::one() << (2 * 64 * L)) % &p;
        let n = 64 * L;
        assert!(p.bits() <= n as u64, "p needs more than {L} limbs");
        let small = |x: BigUint| u32::try_from(x).ok().map(u64::from);
        let top = BigUint::one() << n;
        let half = BigUint::one() << (n - 1);
        let reduction = if p.bits() < n as u64 {
            Reduction::Montgomery
        } else if let Some(c) = small(&top - &p) {
            Reduction::Below(c)
        } else if let Some(c) = small(&p - &half) {
            Reduction::Above(c)
        } else {
            Reduction::Montgomery
        };
        let mut c = Params {
            reduction,
            modulus: to_uint(&p),
            neg_inv: Limb(inv.wrapping_neg()),
            r2: to_uint(&r2),
            a_m: Uint::ZERO,
            b_m: Uint::ZERO,
            p,
            a,
            b,
            q,
            g: (x, y),
            curve_a,
            iso: (Uint::ZERO, Uint::ZERO),
            g_table: Vec::new(),
            edwards: None,
        };
        c.a_m = c.to_fe(&c.a.clone());
        c.b_m = c.to_fe(&c.b.clone());
        let one = c.to_fe(&BigUint::one());
        c.iso = (one, one);
        c
    }

    /// e⁻¹ modulo q (e below q, q an odd prime), on fixed limbs.
    pub(super) fn invert_mod_q(&self, e: &BigUint) -> Option<BigUint> {
        let q = to_uint::<L>(&self.q);
        let inv = invert_odd(to_uint::<L>(e).as_words(), q.as_words())?;
        Some(to_big(&Uint::from_words(inv)))
    }

    /// `x` (below p) as the field keeps it.
    pub(super) fn to_fe(&self, x: &BigUint) -> Fe<L> {
        match self.reduction {
            Reduction::Montgomery => self.mul(&to_uint(x), &self.r2),
            _ => to_uint(x),
        }
    }
    /// The integer a field element stands for.
    pub(super) fn integer_of(&self, x: &Fe<L>) -> BigUint {
        match self.reduction {
            Reduction::Montgomery => to_big(&montgomery_reduction(
                &(*x, Uint::ZERO),
                &self.modulus,
                self.neg_inv,
            )),
            _ => to_big(x),
        }
    }

    /// A double-width product of two numbers below p, reduced modulo p.
    #[inline(always)]
    fn reduce(&self, wide: (Fe<L>, Fe<L>)) -> Fe<L> {
        match self.reduction {
            Reduction::Below(c) => self.fold_below(wide, c),
            Reduction::Above(c) => self.fold_above(wide, c),
            Reduction::Montgomery => self.montgomery(wide),
        }
    }

    /// Montgomery's reduction of a double-width product (below p·R): the
    /// product times R⁻¹ mod p. Word by word and inlined, as the folds:
    /// `crypto-bigint`'s generic one was most of a CryptoPro C check.
    #[inline(always)]
    fn montgomery(&self, (lo, hi): (Fe<L>, Fe<L>)) -> Fe<L> {
        let p = self.modulus.as_words();
        let mut t = [0u64; L];
        let mut u = [0u64; L];
        t.copy_from_slice(lo.as_words());
        u.copy_from_slice(hi.as_words());
        // t·2^(64·i) is cleared word by word; u collects what is carried
        // out of the low half; `extra` is the bit above u.
        let mut extra = 0u64;
        for i in 0..L {
            let m = t[i].wrapping_mul(self.neg_inv.0);
            let mut carry = 0u128;
            for (j, &pj) in p.iter().enumerate() {
                let k = i + j;
                let w = if k < L { &mut t[k] } else { &mut u[k - L] };
                let x = u128::from(*w) + u128::from(m) * u128::from(pj) + carry;
                *w = x as u64;
                carry = x >> 64;
            }
            // Into the words above this row's.
            let mut k = i + L;
            while carry != 0 && k < 2 * L {
                let x = u128::from(u[k - L]) + carry;
                u[k - L] = x as u64;
                carry = x >> 64;
                k += 1;
            }
            extra += carry as u64;
        }
        let r = Uint::from_words(u);
        if extra != 0 || !less(&u, p) {
            r.wrapping_sub(&self.modulus)
        } else {
            r
        }
    }

    /// p = 2^N − c: hi·2^N + lo ≡ hi·c + lo. Word by word: the generic
    /// `Uint` operations (a one-limb product, constant-time carries and
    /// comparison) took a third of a 256-bit verification.
    #[inline(always)]
    fn fold_below(&self, (lo, hi): (Fe<L>, Fe<L>), c: u64) -> Fe<L> {
        let (lo, hi) = (lo.as_words(), hi.as_words());
        let c = u128::from(c);
        let mut w = [0u64; L];
        // hi·c + lo = top·2^N + w, top below 2^33.
        let mut top = 0u128;
        for i in 0..L {
            let t = u128::from(hi[i]) * c + u128::from(lo[i]) + top;
            w[i] = t as u64;
            top = t >> 64;
        }
        // top·2^N ≡ top·c, below 2^65. A carry out leaves w small: one
        // more 2^N ≡ c fits without one.
        if add_small(&mut w, top * c) != 0 {
            add_small(&mut w, c);
        }
        self.below_p(Uint::from_words(w))
    }

    /// p = 2^(N−1) + c: with M = 2^(N−1), hi·M + lo ≡ lo − hi·c. Word by
    /// word, as [`Self::fold_below`].
    #[inline(always)]
    fn fold_above(&self, (lo, hi): (Fe<L>, Fe<L>), c: u64) -> Fe<L> {
        let (lo, hi) = (lo.as_words(), hi.as_words());
        let c = u128::from(c);
        // The product is below p² < 2^(2N−2) + 2^(N+32): split at N−1,
        // its high part h is below 2^N.
        let mut h = [0u64; L];
        for i in 0..L {
            let below = if i == 0 { lo[L - 1] } else { hi[i - 1] };
            h[i] = (hi[i] << 1) | (below >> 63);
        }
        let mut low = [0u64; L];
        low.copy_from_slice(lo);
        low[L - 1] &= u64::MAX >> 1;
        // h·c = x_top·M + x_lo ≡ x_lo − x_top·c, x_top below 2^34.
        let mut x = [0u64; L];
        let mut carry = 0u128;
        for i in 0..L {
            let t = u128::from(h[i]) * c + carry;
            x[i] = t as u64;
            carry = t >> 64;
        }
        let x_top = carry * 2 + u128::from(x[L - 1] >> 63);
        x[L - 1] &= u64::MAX >> 1;
        // lo − h·c ≡ (lo + x_top·c) − x_lo; the sum is below 2^(N−1) + 2^66,
        // so it does not overflow N bits.
        add_small(&mut low, x_top * c);
        let (sum, x_lo) = (Uint::from_words(low), Uint::from_words(x));
        if !less(&low, &x) {
            self.below_p(sum.wrapping_sub(&x_lo))
        } else {
            // x_lo − sum is below 2^(N−1) < p.
            self.modulus.wrapping_sub(&x_lo.wrapping_sub(&sum))
        }
    }

    /// `s` below 2·p, brought below p (compared from the top word down, in
    /// variable time: only public data passes here).
    #[inline(always)]
    fn below_p(&self, s: Fe<L>) -> Fe<L> {
        let (a, m) = (s.as_words(), self.modulus.as_words());
        for i in (0..L).rev() {
            if a[i] != m[i] {
                return if a[i] > m[i] {
                    s.wrapping_sub(&self.modulus)
                } else {
                    s
                };
            }
        }
        Uint::ZERO
    }

    /// The point (x, y) of the curve, both below p, on the curve the
    /// arithmetic runs on, as the field keeps it.
    fn mapped(&self, x: &BigUint, y: &BigUint) -> (Fe<L>, Fe<L>) {
        (
            self.mul(&self.to_fe(x), &self.iso.0),
            self.mul(&self.to_fe(y), &self.iso.1),
        )
    }

    /// The point (x, y), both below p, in Jacobian coordinates on the curve
    /// the arithmetic runs on, as the field keeps them.
    pub(super) fn jac(&self, pt: &(BigUint, BigUint)) -> Jac<L> {
        let (x, y) = self.mapped(&pt.0, &pt.1);
        Jac {
            x,
            y,
            z: self.to_fe(&BigUint::one()),
        }
    }

    #[inline(always)]
    pub(super) fn mul(&self, a: &Fe<L>, b: &Fe<L>) -> Fe<L> {
        if L == 8 {
            self.reduce(karatsuba::mul_wide(a, b))
        } else {
            self.reduce(a.mul_wide(b))
        }
    }
    #[inline(always)]
    pub(super) fn sqr(&self, a: &Fe<L>) -> Fe<L> {
        if L == 8 {
            self.reduce(karatsuba::square_wide(a))
        } else {
            self.reduce(a.square_wide())
        }
    }
    /// a + b modulo p, word by word, p taken off only when the sum reaches
    /// it (variable time: `crypto-bigint`'s `add_mod` runs four passes
    /// over the words to stay constant-time, and the doubling has ten sums).
    #[inline(always)]
    pub(super) fn add_f(&self, a: &Fe<L>, b: &Fe<L>) -> Fe<L> {
        let (mut w, carry) = add_words(a.as_words(), b.as_words());
        let p = self.modulus.as_words();
        if carry || !less(&w, p) {
            w = sub_words(&w, p).0;
        }
        Uint::from_words(w)
    }
    /// a − b modulo p, word by word, p added back only on a borrow.
    #[inline(always)]
    pub(super) fn sub_f(&self, a: &Fe<L>, b: &Fe<L>) -> Fe<L> {
        let (w, borrow) = sub_words(a.as_words(), b.as_words());
        Uint::from_words(if borrow {
            add_words(&w, self.modulus.as_words()).0
        } else {
            w
        })
    }
    #[inline(always)]
    pub(super) fn neg_f(&self, a: &Fe<L>) -> Fe<L> {
        if *a == Uint::ZERO {
            *a
        } else {
            self.modulus.wrapping_sub(a)
        }
    }

    /// Whether (x, y) satisfies the curve's equation (integers below p).
    pub(super) fn on_curve(&self, x: &BigUint, y: &BigUint) -> bool {
        // The isomorphism keeps a point on the curve and sends no other onto it.
        let (x, y) = self.mapped(x, y);
        let rhs = self.add_f(
            &self.mul(&self.add_f(&self.sqr(&x), &self.a_m), &x),
            &self.b_m,
        );
        self.sqr(&y) == rhs
    }

    /// Whether the affine x of `pt` is congruent to `r` modulo q, without
    /// inverting Z: x = X/Z², so it is r + k·q (below p) exactly when
    /// X = (r + k·q)·Z² (times u², as `pt` is on the isomorphic curve).
    /// Field elements are kept fully reduced, so equal numbers compare equal.
    pub(super) fn x_is(&self, pt: &Jac<L>, r: &BigUint) -> bool {
        if pt.is_infinity() {
            return false;
        }
        let zz = self.mul(&self.sqr(&pt.z), &self.iso.0);
        let mut x = r.clone();
        while x < self.p {
            if self.mul(&self.to_fe(&x), &zz) == pt.x {
                return true;
            }
            x += &self.q;
        }
        false
    }

    /// Affine (x, y) of a Jacobian point, as the field keeps them, `None` for infinity.
    fn affine_fe(&self, pt: &Jac<L>) -> Option<(Fe<L>, Fe<L>)> {
        if pt.is_infinity() {
            return None;
        }
        // One inversion per verification: on num-bigint, on the integer.
        let zi = self.integer_of(&pt.z).modinv(&self.p)?;
        let zi = self.to_fe(&zi);
        let zi2 = self.sqr(&zi);
        Some((self.mul(&pt.x, &zi2), self.mul(&pt.y, &self.mul(&zi2, &zi))))
    }

    /// Affine (x, y) of a Jacobian point as integers, `None` for infinity
    /// (the tests' reference; verification compares with [`Self::x_is`]).
    #[cfg(test)]
    pub(super) fn affine(&self, pt: &Jac<L>) -> Option<(BigUint, BigUint)> {
        let (x, y) = self.affine_fe(pt)?;
        // Back from the isomorphic curve: divided by u² and u³.
        let back = |v: &Fe<L>, by: &Fe<L>| {
            let by = self.integer_of(by).modinv(&self.p).expect("u is not 0");
            (self.integer_of(v) * by) % &self.p
        };
        Some((back(&x, &self.iso.0), back(&y, &self.iso.1)))
    }

    /// 2·P ("dbl-2007-bl"; "dbl-2001-b" shortcut when a = −3, no product
    /// by a when a = 3).
    pub(super) fn dbl(&self, pt: &Jac<L>) -> Jac<L> {
        if pt.is_infinity() || pt.y == Uint::ZERO {
            return Jac::infinity();
        }
        let zz = self.sqr(&pt.z);
        let m = match self.curve_a {
            CurveA::MinusThree => {
                let t = self.mul(&self.sub_f(&pt.x, &zz), &self.add_f(&pt.x, &zz));
                self.add_f(&self.add_f(&t, &t), &t)
            }
            CurveA::Three => {
                let t = self.add_f(&self.sqr(&pt.x), &self.sqr(&zz));
                self.add_f(&self.add_f(&t, &t), &t)
            }
            CurveA::Other => {
                let xx = self.sqr(&pt.x);
                let azzzz = self.mul(&self.a_m, &self.sqr(&zz));
                self.add_f(&self.add_f(&self.add_f(&xx, &xx), &xx), &azzzz)
            }
        };
        let yy = self.sqr(&pt.y);
        let s2 = {
            let s = self.mul(&pt.x, &yy);
            self.add_f(&s, &s)
        };
        let s4 = self.add_f(&s2, &s2);
        let x3 = self.sub_f(&self.sqr(&m), &self.add_f(&s4, &s4));
        let y8 = {
            let t = self.sqr(&yy);
            let t = self.add_f(&t, &t);
            let t = self.add_f(&t, &t);
            self.add_f(&t, &t)
        };
        let y3 = self.sub_f(&self.mul(&m, &self.sub_f(&s4, &x3)), &y8);
        let yz = self.mul(&pt.y, &pt.z);
        Jac {
            x: x3,
            y: y3,
            z: self.add_f(&yz, &yz),
        }
    }

    /// P1 + P2, both Jacobian ("add-1998-cmo-2"), given P2's Z² and Z³, or
    /// `None` when P2's Z is 1 (an affine point: less work).
    pub(super) fn add_inner(
        &self,
        p1: &Jac<L>,
        p2: &Jac<L>,
        z2_powers: Option<(&Fe<L>, &Fe<L>)>,
    ) -> Jac<L> {
        if p1.is_infinity() {
            return *p2;
        }
        if p2.is_infinity() {
            return *p1;
        }
        let z1z1 = self.sqr(&p1.z);
        let (u1, s1) = match z2_powers {
            None => (p1.x, p1.y),
            Some((z2z2, z2z2z2)) => (self.mul(&p1.x, z2z2), self.mul(&p1.y, z2z2z2)),
        };
        let u2 = self.mul(&p2.x, &z1z1);
        let s2 = self.mul(&p2.y, &self.mul(&p1.z, &z1z1));
        let h = self.sub_f(&u2, &u1);
        let r = self.sub_f(&s2, &s1);
        if h == Uint::ZERO {
            return if r == Uint::ZERO {
                self.dbl(p1)
            } else {
                Jac::infinity()
            };
        }
        let hh = self.sqr(&h);
        let hhh = self.mul(&h, &hh);
        let v = self.mul(&u1, &hh);
        let x3 = self.sub_f(&self.sub_f(&self.sqr(&r), &hhh), &self.add_f(&v, &v));
        let y3 = self.sub_f(&self.mul(&r, &self.sub_f(&v, &x3)), &self.mul(&s1, &hhh));
        let z3 = match z2_powers {
            None => self.mul(&p1.z, &h),
            Some(_) => self.mul(&self.mul(&p1.z, &p2.z), &h),
        };
        Jac {
            x: x3,
            y: y3,
            z: z3,
        }
    }

    /// Z² and Z³ of `pt`, for the additions that add it.
    fn z_powers(&self, pt: &Jac<L>) -> (Fe<L>, Fe<L>) {
        let zz = self.sqr(&pt.z);
        (zz, self.mul(&zz, &pt.z))
    }

    pub(super) fn add(&self, p1: &Jac<L>, p2: &Jac<L>) -> Jac<L> {
        let (zz, zzz) = self.z_powers(p2);
        self.add_inner(p1, p2, Some((&zz, &zzz)))
    }

    /// z1·G + z2·Q by interleaved wNAF (Straus–Shamir).
    pub(super) fn mul2(&self, z1: &BigUint, z2: &BigUint, q: &Jac<L>) -> Jac<L> {
        // Odd multiples Q, 3Q, 5Q, ..., each with its Z² and Z³, which every
        // addition of it would otherwise compute again.
        let q_table: Vec<(Jac<L>, (Fe<L>, Fe<L>))> = {
            let q2 = self.dbl(q);
            let mut t = vec![*q];
            for i in 1..(1usize << (W_Q - 2)) {
                let next = self.add(&t[i - 1], &q2);
                t.push(next);
            }
            t.into_iter().map(|pt| (pt, self.z_powers(&pt))).collect()
        };
        let n1 = wnaf(z1, W_G);
        let n2 = wnaf(z2, W_Q);
        let one = self.to_fe(&BigUint::one());
        let mut acc = Jac::infinity();
        for i in (0..n1.len().max(n2.len())).rev() {
            acc = self.dbl(&acc);
            match n1.get(i).copied().unwrap_or(0) {
                0 => {}
                d => {
                    let (x, y) = &self.g_table[(d.unsigned_abs() as usize - 1) / 2];
                    let y = if d > 0 { *y } else { self.neg_f(y) };
                    acc = self.add_inner(&acc, &Jac { x: *x, y, z: one }, None);
                }
            }
            match n2.get(i).copied().unwrap_or(0) {
                0 => {}
                d => {
                    let (t, (zz, zzz)) = &q_table[(d.unsigned_abs() as usize - 1) / 2];
                    let t = if d > 0 {
                        *t
                    } else {
                        Jac {
                            y: self.neg_f(&t.y),
                            ..*t
                        }
                    };
                    acc = self.add_inner(&acc, &t, Some((zz, zzz)));
                }
            }
        }
        acc
    }
}

/// The a the arithmetic can run on for the curve y² = x³ + a·x + b modulo
/// p, and the u that takes it there (a·u⁴ ≡ −3, else 3, mod p): a itself
/// and u = 1 where it is −3 already or no such u exists. Looked for only
/// where p ≡ 3 (mod 4), as for tc26 256-A and 512-C (of the curves whose
/// a is not −3, only the standard's 256-bit test curve has p ≡ 1): there a
/// square has a square root t^((p+1)/4), and −1 is no square, so of the
/// two square roots ±s exactly one has square roots itself.
fn short_a(p: &BigUint, a: &BigUint) -> (CurveA, BigUint) {
    let one = BigUint::one();
    if a + 3u32 == *p {
        return (CurveA::MinusThree, one);
    }
    let a_inv = match a.modinv(p) {
        Some(inv) if p % 4u32 == BigUint::from(3u32) => inv,
        _ => return (CurveA::Other, one),
    };
    let half = (p + 1u32) >> 2;
    let root = |t: &BigUint| Some(t.modpow(&half, p)).filter(|s| (s * s) % p == *t);
    for (kind, target) in [
        (CurveA::MinusThree, p - 3u32),
        (CurveA::Three, BigUint::from(3u32)),
    ] {
        let Some(s) = root(&((target * &a_inv) % p)) else {
            continue;
        };
        if let Some(u) = root(&s).or_else(|| root(&(p - &s))) {
            return (kind, u);
        }
    }
    (CurveA::Other, one)
}

/// `value` (up to 128 bits) added into `words`, the carry run up only as
/// far as it goes; the carry out of the top word (0 or 1).
#[inline(always)]
fn add_small<const L: usize>(words: &mut [u64; L], value: u128) -> u128 {
    let mut add = value;
    for word in words.iter_mut() {
        if add == 0 {
            break;
        }
        let t = u128::from(*word) + (add & u128::from(u64::MAX));
        *word = t as u64;
        add = (add >> 64) + (t >> 64);
    }
    add
}

/// a + b on `L` words, and whether it carried out of them. By hand, not
/// `crypto-bigint`'s `Uint::adc` and `sbb`: with those (out of line) a
/// tc26 512-C check was 13 % slower, a CryptoPro C one 11 %.
#[inline(always)]
pub(super) fn add_words<const L: usize>(a: &[u64; L], b: &[u64; L]) -> ([u64; L], bool) {
    let mut w = [0u64; L];
    let mut carry = false;
    for i in 0..L {
        let (s, c1) = a[i].overflowing_add(b[i]);
        let (s, c2) = s.overflowing_add(u64::from(carry));
        w[i] = s;
        carry = c1 | c2;
    }
    (w, carry)
}

/// a − b on `L` words, and whether it borrowed past them.
#[inline(always)]
pub(super) fn sub_words<const L: usize>(a: &[u64; L], b: &[u64; L]) -> ([u64; L], bool) {
    let mut w = [0u64; L];
    let mut borrow = false;
    for i in 0..L {
        let (d, b1) = a[i].overflowing_sub(b[i]);
        let (d, b2) = d.overflowing_sub(u64::from(borrow));
        w[i] = d;
        borrow = b1 | b2;
    }
    (w, borrow)
}

/// Whether `a` < `b`, compared from the top word down (variable time).
#[inline(always)]
pub(super) fn less<const L: usize>(a: &[u64; L], b: &[u64; L]) -> bool {
    for i in (0..L).rev() {
        if a[i] != b[i] {
            return a[i] < b[i];
        }
    }
    false
}

/// Width-`w` non-adjacent form of `k`, least significant digit first; digits are 0 or
/// odd in −2^(w−1) < d < 2^(w−1). Read off `k`'s 64-bit words with a carry
/// (a shifted copy of `k` per bit was a tenth of a 256-bit verification).
pub(super) fn wnaf(k: &BigUint, w: u32) -> Vec<i32> {
    let mut words: Vec<u64> = k.iter_u64_digits().collect();
    words.push(0);
    // Room past the top word for a final carry.
    let bits = 64 * (words.len() - 1) + w as usize + 1;
    let width = 1u64 << w;
    let mut out = vec![0i32; bits];
    let mut carry = 0u64;
    let mut pos = 0;
    while pos < bits {
        let (word, bit) = (pos / 64, pos % 64);
        let mut window = words[word] >> bit;
        if bit + w as usize > 64 {
            if let Some(next) = words.get(word + 1) {
                window |= next << (64 - bit);
            }
        }
        let window = carry + (window & (width - 1));
        if window & 1 == 0 {
            // Even (a carry into a set bit included): nothing here, carry on.
            pos += 1;
            continue;
        }
        if window < width / 2 {
            carry = 0;
            out[pos] = window as i32;
        } else {
            carry = 1;
            out[pos] = window as i32 - width as i32;
        }
        pos += w as usize;
    }
    while out.last() == Some(&0) {
        out.pop();
    }
    out
}
