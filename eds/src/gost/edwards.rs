//! tc26 256-A and 512-C are twisted Edwards curves e·u² + v² = 1 + d·u²·v²
//! with e = 1 (R 1323565.1.024-2019, RFC 7836 appendix A.2), published
//! also in the Weierstrass form the keys and signatures use. Their
//! verification runs here, on the Edwards form in extended coordinates
//! (Hisil, Wong, Carter, Dawson 2008): a doubling takes 3 products and 4
//! squares (one product more where T is needed), an addition 8 or 9
//! products. In Jacobian coordinates a doubling took 3 products and 5
//! squares on 256-A (a mapped to 3) and 4 and 4 on 512-C (a mapped to
//! −3), an addition of the key's multiples 11 products and 3 squares.
//! Hand-written for the reason the module above gives: no maintained
//! crate has these curves.
//!
//! The maps between the forms, with s = (e − d)/4 and t = (e + d)/6:
//! (u, v) ↦ (x, y) = (s·(1 + v)/(1 − v) + t, s·(1 + v)/((1 − v)·u)), and
//! back u = (x − t)/y, v = (x − t − s)/(x − t + s). They take the Edwards
//! identity (0, 1) to the point at infinity and are a group isomorphism,
//! so z1·G + z2·Q may be computed on either form.
//!
//! d is no square modulo p for either set (a test checks it) and e = 1 is
//! one: the addition and the doubling below are then complete (no input
//! for which they divide by 0), so they need no special cases.

use num_bigint::BigUint;
use num_traits::One;

use super::field::{wnaf, Fe, Params, W_G, W_Q};

/// The Edwards form of a curve: its d, the maps' s and t, and the base
/// point's odd multiples, as the field keeps them.
pub(super) struct Edwards<const L: usize> {
    d: Fe<L>,
    s: Fe<L>,
    t: Fe<L>,
    /// G, 3G, 5G, ..., (2^(W_G−1) − 1)·G, affine: (u, v, u + v, d·u·v).
    g_table: Vec<Cached<L>>,
}

/// A point in extended coordinates: u = X/Z, v = Y/Z, u·v = T/Z. `t` is
/// kept only where an addition will read it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Ext<const L: usize> {
    pub(super) x: Fe<L>,
    pub(super) y: Fe<L>,
    pub(super) z: Fe<L>,
    t: Fe<L>,
}

/// A point as an addition adds it: X, Y, X + Y, d·T, and Z (`None` for 1).
#[derive(Clone, Copy, Debug)]
struct Cached<const L: usize> {
    x: Fe<L>,
    y: Fe<L>,
    x_plus_y: Fe<L>,
    dt: Fe<L>,
    z: Option<Fe<L>>,
}

impl<const L: usize> Edwards<L> {
    /// The Edwards form with this `d` (and e = 1) of the curve `f` runs on.
    pub(super) fn new(f: &Params<L>, d: &BigUint) -> Self {
        let p = &f.p;
        let inv = |n: u32| BigUint::from(n).modinv(p).expect("p is prime");
        let one = BigUint::one();
        let s = ((&one + p - d) * inv(4)) % p;
        let t = ((&one + d) * inv(6)) % p;
        let mut e = Edwards {
            d: f.to_fe(d),
            s: f.to_fe(&s),
            t: f.to_fe(&t),
            g_table: Vec::new(),
        };
        let g = e
            .point_of(f, &f.g.0, &f.g.1)
            .expect("the base point is no exceptional point of the map");
        let g2 = e.cached(f, &e.dbl(f, &g, true));
        let mut acc = g;
        for i in 0..(1usize << (W_G - 2)) {
            if i > 0 {
                acc = e.add_cached(f, &acc, &g2, true);
            }
            // Affine: divided by Z once, here, so each addition of it saves a product.
            let z_inv = f.to_fe(
                &f.integer_of(&acc.z)
                    .modinv(p)
                    .expect("a point's Z is never 0"),
            );
            let (u, v) = (f.mul(&acc.x, &z_inv), f.mul(&acc.y, &z_inv));
            e.g_table.push(Cached {
                x: u,
                y: v,
                x_plus_y: f.add_f(&u, &v),
                dt: f.mul(&e.d, &f.mul(&u, &v)),
                z: None,
            });
        }
        e
    }

    /// The Weierstrass point (x, y) (integers below p) in extended
    /// coordinates, without a division: with w = x − t, (U : V : Z : T) =
    /// (w·(w + s) : (w − s)·y : y·(w + s) : w·(w − s)). `None` where the
    /// map has no value: y = 0, the point (t, 0) of order 2, never a valid
    /// key, which the Jacobian arithmetic then handles. (w = −s would need
    /// d to be a square, which it is not; checked all the same.)
    pub(super) fn point_of(&self, f: &Params<L>, x: &BigUint, y: &BigUint) -> Option<Ext<L>> {
        let (x, y) = (f.to_fe(x), f.to_fe(y));
        let w = f.sub_f(&x, &self.t);
        let w_plus_s = f.add_f(&w, &self.s);
        let zero = Fe::<L>::ZERO;
        if y == zero || w_plus_s == zero {
            return None;
        }
        let w_minus_s = f.sub_f(&w, &self.s);
        Some(Ext {
            x: f.mul(&w, &w_plus_s),
            y: f.mul(&w_minus_s, &y),
            z: f.mul(&y, &w_plus_s),
            t: f.mul(&w, &w_minus_s),
        })
    }

    /// 2·P ("dbl-2008-hwcd", a = 1), T only when `with_t`.
    pub(super) fn dbl(&self, f: &Params<L>, p: &Ext<L>, with_t: bool) -> Ext<L> {
        let a = f.sqr(&p.x);
        let b = f.sqr(&p.y);
        let zz = f.sqr(&p.z);
        let c = f.add_f(&zz, &zz);
        let e = f.sub_f(&f.sub_f(&f.sqr(&f.add_f(&p.x, &p.y)), &a), &b);
        let g = f.add_f(&a, &b);
        let ff = f.sub_f(&g, &c);
        let h = f.sub_f(&a, &b);
        finish(f, &e, &ff, &g, &h, with_t)
    }

    /// P1 + P2 ("add-2008-hwcd", a = 1), P1's T read, T of the sum only
    /// when `with_t`.
    fn add_cached(&self, f: &Params<L>, p1: &Ext<L>, p2: &Cached<L>, with_t: bool) -> Ext<L> {
        let a = f.mul(&p1.x, &p2.x);
        let b = f.mul(&p1.y, &p2.y);
        let c = f.mul(&p1.t, &p2.dt);
        let d = match &p2.z {
            Some(z) => f.mul(&p1.z, z),
            None => p1.z,
        };
        let e = f.sub_f(
            &f.sub_f(&f.mul(&f.add_f(&p1.x, &p1.y), &p2.x_plus_y), &a),
            &b,
        );
        let ff = f.sub_f(&d, &c);
        let g = f.add_f(&d, &c);
        let h = f.sub_f(&b, &a);
        finish(f, &e, &ff, &g, &h, with_t)
    }

    /// `p`, which has its T, as an addition adds it.
    fn cached(&self, f: &Params<L>, p: &Ext<L>) -> Cached<L> {
        Cached {
            x: p.x,
            y: p.y,
            x_plus_y: f.add_f(&p.x, &p.y),
            dt: f.mul(&self.d, &p.t),
            z: Some(p.z),
        }
    }

    /// −P: (−u, v), so −X and −d·T.
    fn neg(&self, f: &Params<L>, p: &Cached<L>) -> Cached<L> {
        let x = f.neg_f(&p.x);
        Cached {
            x,
            y: p.y,
            x_plus_y: f.add_f(&x, &p.y),
            dt: f.neg_f(&p.dt),
            z: p.z,
        }
    }

    /// z1·G + z2·Q by interleaved wNAF, as the Jacobian one; `q` with its T.
    pub(super) fn mul2(&self, f: &Params<L>, z1: &BigUint, z2: &BigUint, q: &Ext<L>) -> Ext<L> {
        let q_table: Vec<Cached<L>> = {
            let q2 = self.cached(f, &self.dbl(f, q, true));
            let mut t = vec![*q];
            for i in 1..(1usize << (W_Q - 2)) {
                let next = self.add_cached(f, &t[i - 1], &q2, true);
                t.push(next);
            }
            t.iter().map(|pt| self.cached(f, pt)).collect()
        };
        let pick = |table: &[Cached<L>], d: i32| {
            let entry = &table[(d.unsigned_abs() as usize - 1) / 2];
            if d > 0 {
                *entry
            } else {
                self.neg(f, entry)
            }
        };
        let n1 = wnaf(z1, W_G);
        let n2 = wnaf(z2, W_Q);
        let digit = |n: &[i32], i: usize| n.get(i).copied().unwrap_or(0);
        let one = f.to_fe(&BigUint::one());
        let mut acc = Ext {
            x: Fe::<L>::ZERO,
            y: one,
            z: one,
            t: Fe::<L>::ZERO,
        };
        for i in (0..n1.len().max(n2.len())).rev() {
            let (g_digit, q_digit) = (digit(&n1, i), digit(&n2, i));
            acc = self.dbl(f, &acc, g_digit != 0 || q_digit != 0);
            if g_digit != 0 {
                acc = self.add_cached(f, &acc, &pick(&self.g_table, g_digit), q_digit != 0);
            }
            if q_digit != 0 {
                acc = self.add_cached(f, &acc, &pick(&q_table, q_digit), false);
            }
        }
        acc
    }

    /// Whether the Weierstrass x of `p` is congruent to `r` modulo q,
    /// without a division: x = s·(Z + Y)/(Z − Y) + t, so x is the
    /// candidate c exactly when (c − t)·(Z − Y) = s·(Z + Y). The identity
    /// (Y = Z, the point at infinity) has no x.
    pub(super) fn x_is(&self, f: &Params<L>, p: &Ext<L>, r: &BigUint) -> bool {
        let z_minus_y = f.sub_f(&p.z, &p.y);
        if z_minus_y == Fe::<L>::ZERO {
            return false;
        }
        let rhs = f.mul(&self.s, &f.add_f(&p.z, &p.y));
        let mut x = r.clone();
        while x < f.p {
            if f.mul(&f.sub_f(&f.to_fe(&x), &self.t), &z_minus_y) == rhs {
                return true;
            }
            x += &f.q;
        }
        false
    }

    /// Affine (u, v) of `p` as integers (the tests' reference).
    #[cfg(test)]
    pub(super) fn affine(&self, f: &Params<L>, p: &Ext<L>) -> (BigUint, BigUint) {
        let z_inv = f.integer_of(&p.z).modinv(&f.p).expect("Z is never 0");
        let back = |v: &Fe<L>| (f.integer_of(v) * &z_inv) % &f.p;
        (back(&p.x), back(&p.y))
    }

    /// s and t of the maps, and d, as integers (the tests' reference).
    #[cfg(test)]
    pub(super) fn constants(&self, f: &Params<L>) -> [BigUint; 3] {
        [&self.s, &self.t, &self.d].map(|v| f.integer_of(v))
    }
}

/// The last step both hwcd formulas share: (E·F : G·H : F·G : E·H), T only
/// when `with_t`.
#[inline(always)]
fn finish<const L: usize>(
    f: &Params<L>,
    e: &Fe<L>,
    ff: &Fe<L>,
    g: &Fe<L>,
    h: &Fe<L>,
    with_t: bool,
) -> Ext<L> {
    Ext {
        x: f.mul(e, ff),
        y: f.mul(g, h),
        z: f.mul(ff, g),
        t: if with_t { f.mul(e, h) } else { Fe::<L>::ZERO },
    }
}
