//! The arithmetic verification needs: integers modulo p with a fast
//! reduction for pseudo-Mersenne primes, points in Jacobian coordinates,
//! and interleaved wNAF double-scalar multiplication. Hand-written on
//! `num-bigint` because no maintained crate has these curves (see the
//! module above); variable-time, as it only ever sees public data.

use std::sync::OnceLock;

use num_bigint::BigUint;
use num_integer::Integer;
use num_traits::{One, Zero};

use super::curves::{Curve, RawParams};

/// Window width of the wNAF for the base point (table cached per curve).
pub(super) const W_G: u32 = 7;
/// Window width of the wNAF for the public key (table built per verification).
pub(super) const W_Q: u32 = 5;

/// A curve with its arithmetic modulo p.
pub(super) struct Params {
    pub(super) p: BigUint,
    pub(super) a: BigUint,
    pub(super) b: BigUint,
    pub(super) q: BigUint,
    pub(super) g: (BigUint, BigUint),
    pub(super) a_is_minus_3: bool,
    /// (n, c, 2^n − 1) when p = 2^n − c with c < 2^32.
    pub(super) pseudo_mersenne: Option<(u64, u32, BigUint)>,
    /// Odd multiples G, 3G, 5G, ... (2^(W_G-1) - 1)G in affine form.
    pub(super) g_table: Vec<(BigUint, BigUint)>,
}

/// A point in Jacobian coordinates (X/Z², Y/Z³); Z = 0 is the point at infinity.
#[derive(Clone, Debug)]
pub(super) struct Jac {
    pub(super) x: BigUint,
    pub(super) y: BigUint,
    pub(super) z: BigUint,
}

impl Jac {
    pub(super) fn infinity() -> Jac {
        Jac {
            x: BigUint::one(),
            y: BigUint::one(),
            z: BigUint::zero(),
        }
    }
    pub(super) fn from_affine(p: &(BigUint, BigUint)) -> Jac {
        Jac {
            x: p.0.clone(),
            y: p.1.clone(),
            z: BigUint::one(),
        }
    }
}

/// Parameters of `curve`, parsed and with the base-point table, built once per process.
pub(super) fn params(curve: Curve) -> &'static Params {
    static CELLS: [OnceLock<Params>; 9] = [const { OnceLock::new() }; 9];
    let (index, raw) = curve.raw();
    CELLS[index].get_or_init(|| Params::new(raw))
}

impl Params {
    pub(super) fn new(raw: &RawParams) -> Params {
        let h = |s: &str| BigUint::parse_bytes(s.as_bytes(), 16).expect("curve constant is hex");
        let [p, a, b, q, x, y] = raw.0.map(h);
        let a_is_minus_3 = &a + 3u32 == p;
        let pow2 = BigUint::one() << p.bits();
        let pseudo_mersenne = u32::try_from(&pow2 - &p)
            .ok()
            .map(|c| (p.bits(), c, &pow2 - 1u32));
        let mut c = Params {
            p,
            a,
            b,
            q,
            g: (x, y),
            a_is_minus_3,
            pseudo_mersenne,
            g_table: Vec::new(),
        };
        let g = Jac::from_affine(&c.g);
        let g2 = c.dbl(&g);
        let mut acc = g;
        for _ in 0..(1usize << (W_G - 2)) {
            let next = c.add(&acc, &g2);
            // The base point has large prime order, so no small multiple is infinity.
            c.g_table
                .push(c.affine(&acc).expect("small multiple of G is finite"));
            acc = next;
        }
        c
    }

    /// x mod p. For p = 2^n − c with small c (tc26 256-A, CryptoPro-A, tc26 512-A and C)
    /// folds the high part (x = hi·2^n + lo ≡ hi·c + lo), which is faster than division.
    pub(super) fn reduce(&self, x: BigUint) -> BigUint {
        let Some((n, c, mask)) = &self.pseudo_mersenne else {
            return x % &self.p;
        };
        let mut x = x;
        while x.bits() > *n {
            x = (&x >> *n) * *c + (&x & mask);
        }
        if x >= self.p {
            x - &self.p
        } else {
            x
        }
    }
    pub(super) fn mul(&self, a: &BigUint, b: &BigUint) -> BigUint {
        self.reduce(a * b)
    }
    pub(super) fn sqr(&self, a: &BigUint) -> BigUint {
        self.reduce(a * a)
    }
    pub(super) fn add_f(&self, a: &BigUint, b: &BigUint) -> BigUint {
        let s = a + b;
        if s >= self.p {
            s - &self.p
        } else {
            s
        }
    }
    pub(super) fn sub_f(&self, a: &BigUint, b: &BigUint) -> BigUint {
        if a >= b {
            a - b
        } else {
            a + &self.p - b
        }
    }
    pub(super) fn neg_f(&self, a: &BigUint) -> BigUint {
        if a.is_zero() {
            BigUint::zero()
        } else {
            &self.p - a
        }
    }

    pub(super) fn on_curve(&self, x: &BigUint, y: &BigUint) -> bool {
        let rhs = self.add_f(&self.mul(&self.add_f(&self.sqr(x), &self.a), x), &self.b);
        self.sqr(y) == rhs
    }

    /// Affine (x, y) of a Jacobian point, `None` for infinity.
    pub(super) fn affine(&self, pt: &Jac) -> Option<(BigUint, BigUint)> {
        let zi = pt.z.modinv(&self.p)?;
        let zi2 = self.sqr(&zi);
        Some((self.mul(&pt.x, &zi2), self.mul(&pt.y, &self.mul(&zi2, &zi))))
    }

    /// 2·P ("dbl-2007-bl"; "dbl-2001-b" shortcut when a = -3).
    pub(super) fn dbl(&self, pt: &Jac) -> Jac {
        if pt.z.is_zero() || pt.y.is_zero() {
            return Jac::infinity();
        }
        let zz = self.sqr(&pt.z);
        let m = if self.a_is_minus_3 {
            let t = self.mul(&self.sub_f(&pt.x, &zz), &self.add_f(&pt.x, &zz));
            self.add_f(&self.add_f(&t, &t), &t)
        } else {
            let xx = self.sqr(&pt.x);
            let axx = self.mul(&self.a, &self.sqr(&zz));
            self.add_f(&self.add_f(&self.add_f(&xx, &xx), &xx), &axx)
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

    /// P1 + P2, both Jacobian ("add-1998-cmo-2"); `p2_affine` = Z2 is 1 (skips work).
    pub(super) fn add_inner(&self, p1: &Jac, p2: &Jac, p2_affine: bool) -> Jac {
        if p1.z.is_zero() {
            return p2.clone();
        }
        if p2.z.is_zero() {
            return p1.clone();
        }
        let z1z1 = self.sqr(&p1.z);
        let (u1, s1) = if p2_affine {
            (p1.x.clone(), p1.y.clone())
        } else {
            let z2z2 = self.sqr(&p2.z);
            (
                self.mul(&p1.x, &z2z2),
                self.mul(&p1.y, &self.mul(&p2.z, &z2z2)),
            )
        };
        let u2 = self.mul(&p2.x, &z1z1);
        let s2 = self.mul(&p2.y, &self.mul(&p1.z, &z1z1));
        let h = self.sub_f(&u2, &u1);
        let r = self.sub_f(&s2, &s1);
        if h.is_zero() {
            return if r.is_zero() {
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
        let z3 = if p2_affine {
            self.mul(&p1.z, &h)
        } else {
            self.mul(&self.mul(&p1.z, &p2.z), &h)
        };
        Jac {
            x: x3,
            y: y3,
            z: z3,
        }
    }

    pub(super) fn add(&self, p1: &Jac, p2: &Jac) -> Jac {
        self.add_inner(p1, p2, false)
    }

    /// z1·G + z2·Q by interleaved wNAF (Straus–Shamir).
    pub(super) fn mul2(&self, z1: &BigUint, z2: &BigUint, q: &Jac) -> Jac {
        let q_table = {
            let q2 = self.dbl(q);
            let mut t = vec![q.clone()];
            for i in 1..(1usize << (W_Q - 2)) {
                let next = self.add(&t[i - 1], &q2);
                t.push(next);
            }
            t
        };
        let n1 = wnaf(z1, W_G);
        let n2 = wnaf(z2, W_Q);
        let mut acc = Jac::infinity();
        for i in (0..n1.len().max(n2.len())).rev() {
            acc = self.dbl(&acc);
            match n1.get(i).copied().unwrap_or(0) {
                0 => {}
                d => {
                    let (x, y) = &self.g_table[(d.unsigned_abs() as usize - 1) / 2];
                    let y = if d > 0 { y.clone() } else { self.neg_f(y) };
                    acc = self.add_inner(
                        &acc,
                        &Jac {
                            x: x.clone(),
                            y,
                            z: BigUint::one(),
                        },
                        true,
                    );
                }
            }
            match n2.get(i).copied().unwrap_or(0) {
                0 => {}
                d => {
                    let t = &q_table[(d.unsigned_abs() as usize - 1) / 2];
                    if d > 0 {
                        acc = self.add(&acc, t);
                    } else {
                        acc = self.add(
                            &acc,
                            &Jac {
                                x: t.x.clone(),
                                y: self.neg_f(&t.y),
                                z: t.z.clone(),
                            },
                        );
                    }
                }
            }
        }
        acc
    }
}

/// Width-`w` non-adjacent form of `k`, least significant digit first; digits are 0 or
/// odd in −2^(w−1) < d < 2^(w−1).
pub(super) fn wnaf(k: &BigUint, w: u32) -> Vec<i32> {
    let mut k = k.clone();
    let mut out = Vec::with_capacity(k.bits() as usize + 1);
    let full = 1i64 << w;
    while !k.is_zero() {
        if k.is_odd() {
            let low = (k.iter_u64_digits().next().unwrap_or(0) as i64) & (full - 1);
            let d = if low >= full / 2 { low - full } else { low };
            if d > 0 {
                k -= d as u64;
            } else {
                k += d.unsigned_abs();
            }
            out.push(d as i32);
        } else {
            out.push(0);
        }
        k >>= 1u32;
    }
    out
}
