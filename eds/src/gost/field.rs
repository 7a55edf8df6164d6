//! The arithmetic verification needs: integers modulo p in Montgomery form
//! on fixed-size limbs, points in Jacobian coordinates, and interleaved
//! wNAF double-scalar multiplication. The limbs are `crypto-bigint`'s
//! (`Uint`, its Montgomery reduction and modular addition); the curve
//! arithmetic on them is hand-written because no maintained crate has
//! these curves (see the module above); variable-time, as it only ever
//! sees public data. Every curve runs on 512-bit numbers (8 limbs): a
//! 256-bit curve's p is below them too.
//!
//! For p = 2^512 − c with small c (tc26 512-A and 512-C) products are
//! reduced by folding instead of Montgomery's reduction.
//!
//! Why fixed limbs: the first version, on `num-bigint`, allocated every
//! intermediate number and reached 229 full GOST-512 verifications a
//! second (two signatures each) against OpenSSL's 1,199 signatures.

use std::sync::OnceLock;

use crypto_bigint::modular::montgomery_reduction;
use crypto_bigint::{Limb, Uint};
use num_bigint::BigUint;
use num_integer::Integer;
use num_traits::{One, Zero};

use super::curves::{Curve, RawParams};

/// Window width of the wNAF for the base point (table cached per curve).
pub(super) const W_G: u32 = 7;
/// Window width of the wNAF for the public key (table built per verification).
pub(super) const W_Q: u32 = 5;

/// Limbs of a field element.
const L: usize = 8;
/// A field element: an integer below p, in Montgomery form (x·R mod p, R = 2^512).
pub(super) type Fe = Uint<L>;

/// A curve with its arithmetic modulo p.
pub(super) struct Params {
    pub(super) p: BigUint,
    pub(super) a: BigUint,
    pub(super) b: BigUint,
    pub(super) q: BigUint,
    pub(super) g: (BigUint, BigUint),
    pub(super) a_is_minus_3: bool,
    /// c when p = 2^512 − c with c < 2^32 (tc26 512-A and 512-C): numbers
    /// are then kept as they are and a product is reduced by folding its
    /// high half (hi·2^512 + lo ≡ hi·c + lo), faster than Montgomery's
    /// reduction; other curves' numbers are kept in Montgomery form.
    pseudo_mersenne: Option<u64>,
    /// p, −p⁻¹ mod 2^64 and R² mod p, for Montgomery multiplication.
    modulus: Fe,
    neg_inv: Limb,
    r2: Fe,
    /// a in Montgomery form.
    a_m: Fe,
    /// Odd multiples G, 3G, 5G, ... (2^(W_G-1) - 1)G in affine Montgomery form.
    pub(super) g_table: Vec<(Fe, Fe)>,
}

/// A point in Jacobian coordinates (X/Z², Y/Z³), Montgomery form; Z = 0 is
/// the point at infinity.
#[derive(Clone, Copy, Debug)]
pub(super) struct Jac {
    pub(super) x: Fe,
    pub(super) y: Fe,
    pub(super) z: Fe,
}

impl Jac {
    pub(super) fn infinity() -> Jac {
        Jac {
            x: Fe::ONE,
            y: Fe::ONE,
            z: Fe::ZERO,
        }
    }
    pub(super) fn is_infinity(&self) -> bool {
        self.z == Fe::ZERO
    }
}

/// Parameters of `curve`, parsed and with the base-point table, built once per process.
pub(super) fn params(curve: Curve) -> &'static Params {
    static CELLS: [OnceLock<Params>; 9] = [const { OnceLock::new() }; 9];
    let (index, raw) = curve.raw();
    CELLS[index].get_or_init(|| Params::new(raw))
}

fn to_uint(x: &BigUint) -> Fe {
    let mut words = [0u64; L];
    for (w, d) in words.iter_mut().zip(x.iter_u64_digits()) {
        *w = d;
    }
    Fe::from_words(words)
}

fn to_big(x: &Fe) -> BigUint {
    let bytes: Vec<u8> = x.to_words().iter().flat_map(|w| w.to_le_bytes()).collect();
    BigUint::from_bytes_le(&bytes)
}

impl Params {
    pub(super) fn new(raw: &RawParams) -> Params {
        let h = |s: &str| BigUint::parse_bytes(s.as_bytes(), 16).expect("curve constant is hex");
        let [p, a, b, q, x, y] = raw.0.map(h);
        let a_is_minus_3 = &a + 3u32 == p;
        // −p⁻¹ mod 2^64 by Newton's iteration (p is odd).
        let p0 = p.iter_u64_digits().next().unwrap_or(1);
        let mut inv = 1u64;
        for _ in 0..6 {
            inv = inv.wrapping_mul(2u64.wrapping_sub(p0.wrapping_mul(inv)));
        }
        let r2 = (BigUint::one() << (2 * 64 * L)) % &p;
        let top = BigUint::one() << (64 * L);
        let pseudo_mersenne = (p.bits() == 64 * L as u64)
            .then(|| u32::try_from(&top - &p).ok())
            .flatten()
            .map(u64::from);
        let mut c = Params {
            pseudo_mersenne,
            modulus: to_uint(&p),
            neg_inv: Limb(inv.wrapping_neg()),
            r2: to_uint(&r2),
            a_m: Fe::ZERO,
            p,
            a,
            b,
            q,
            g: (x, y),
            a_is_minus_3,
            g_table: Vec::new(),
        };
        c.a_m = c.to_fe(&c.a.clone());
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

    /// `x` (below p) as the field keeps it.
    pub(super) fn to_fe(&self, x: &BigUint) -> Fe {
        match self.pseudo_mersenne {
            Some(_) => to_uint(x),
            None => self.mul(&to_uint(x), &self.r2),
        }
    }
    /// The integer a field element stands for.
    pub(super) fn integer_of(&self, x: &Fe) -> BigUint {
        match self.pseudo_mersenne {
            Some(_) => to_big(x),
            None => to_big(&montgomery_reduction(
                &(*x, Fe::ZERO),
                &self.modulus,
                self.neg_inv,
            )),
        }
    }

    /// A double-width product reduced modulo p.
    fn reduce(&self, wide: (Fe, Fe)) -> Fe {
        let Some(c) = self.pseudo_mersenne else {
            return montgomery_reduction(&wide, &self.modulus, self.neg_inv);
        };
        let (lo, hi) = wide;
        // hi·c + lo = top·2^512 + s, top below 2^33.
        let (m_lo, m_hi) = hi.mul_wide(&Uint::<1>::from_u64(c));
        let (s, carry) = m_lo.adc(&lo, Limb::ZERO);
        let top = u128::from(m_hi.as_words()[0]) + u128::from(carry.0);
        // top·2^512 ≡ top·c, below 2^65.
        let t = top * u128::from(c);
        let mut words = [0u64; L];
        words[0] = t as u64;
        words[1] = (t >> 64) as u64;
        let (s, carry) = s.adc(&Fe::from_words(words), Limb::ZERO);
        // A carry out leaves s small: one more 2^512 ≡ c fits.
        let s = if carry.0 != 0 {
            s.wrapping_add(&Fe::from_u64(c))
        } else {
            s
        };
        if s >= self.modulus {
            s.wrapping_sub(&self.modulus)
        } else {
            s
        }
    }
    /// The point (x, y), both below p, in Jacobian Montgomery form.
    pub(super) fn jac(&self, pt: &(BigUint, BigUint)) -> Jac {
        Jac {
            x: self.to_fe(&pt.0),
            y: self.to_fe(&pt.1),
            z: self.to_fe(&BigUint::one()),
        }
    }

    fn mul(&self, a: &Fe, b: &Fe) -> Fe {
        self.reduce(a.mul_wide(b))
    }
    fn sqr(&self, a: &Fe) -> Fe {
        self.reduce(a.square_wide())
    }
    fn add_f(&self, a: &Fe, b: &Fe) -> Fe {
        a.add_mod(b, &self.modulus)
    }
    fn sub_f(&self, a: &Fe, b: &Fe) -> Fe {
        a.sub_mod(b, &self.modulus)
    }
    fn neg_f(&self, a: &Fe) -> Fe {
        a.neg_mod(&self.modulus)
    }

    /// Whether (x, y) satisfies the curve's equation (integers below p).
    pub(super) fn on_curve(&self, x: &BigUint, y: &BigUint) -> bool {
        let rhs = ((x * x + &self.a) * x + &self.b) % &self.p;
        (y * y) % &self.p == rhs
    }

    /// Affine (x, y) of a Jacobian point in Montgomery form, `None` for infinity.
    fn affine_fe(&self, pt: &Jac) -> Option<(Fe, Fe)> {
        if pt.is_infinity() {
            return None;
        }
        // One inversion per verification: on num-bigint, out of Montgomery form.
        let zi = self.integer_of(&pt.z).modinv(&self.p)?;
        let zi = self.to_fe(&zi);
        let zi2 = self.sqr(&zi);
        Some((self.mul(&pt.x, &zi2), self.mul(&pt.y, &self.mul(&zi2, &zi))))
    }

    /// Affine (x, y) of a Jacobian point as integers, `None` for infinity.
    pub(super) fn affine(&self, pt: &Jac) -> Option<(BigUint, BigUint)> {
        let (x, y) = self.affine_fe(pt)?;
        Some((self.integer_of(&x), self.integer_of(&y)))
    }

    /// 2·P ("dbl-2007-bl"; "dbl-2001-b" shortcut when a = -3).
    pub(super) fn dbl(&self, pt: &Jac) -> Jac {
        if pt.is_infinity() || pt.y == Fe::ZERO {
            return Jac::infinity();
        }
        let zz = self.sqr(&pt.z);
        let m = if self.a_is_minus_3 {
            let t = self.mul(&self.sub_f(&pt.x, &zz), &self.add_f(&pt.x, &zz));
            self.add_f(&self.add_f(&t, &t), &t)
        } else {
            let xx = self.sqr(&pt.x);
            let axx = self.mul(&self.a_m, &self.sqr(&zz));
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
        if p1.is_infinity() {
            return *p2;
        }
        if p2.is_infinity() {
            return *p1;
        }
        let z1z1 = self.sqr(&p1.z);
        let (u1, s1) = if p2_affine {
            (p1.x, p1.y)
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
        if h == Fe::ZERO {
            return if r == Fe::ZERO {
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
            let mut t = vec![*q];
            for i in 1..(1usize << (W_Q - 2)) {
                let next = self.add(&t[i - 1], &q2);
                t.push(next);
            }
            t
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
                    acc = self.add_inner(&acc, &Jac { x: *x, y, z: one }, true);
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
                                x: t.x,
                                y: self.neg_f(&t.y),
                                z: t.z,
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
