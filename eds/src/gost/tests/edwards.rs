//! The twisted Edwards form of tc26 256-A and 512-C against the
//! Weierstrass form the keys and signatures use.

use super::*;
use crate::gost::edwards::Edwards;

/// The Edwards sets, on each number of limbs they run on.
fn each(check: impl Fn(Curve, &dyn Fn() -> Case)) {
    for curve in [Curve::Tc26_256A, Curve::Tc26_512C] {
        check(curve, &|| Case::Eight(params(curve)));
        if curve.bits() == 256 {
            check(curve, &|| Case::Four(params256(curve)));
        }
    }
}

enum Case {
    Four(&'static Params<4>),
    Eight(&'static Params<8>),
}

fn ed<const L: usize>(c: &Params<L>) -> &Edwards<L> {
    c.edwards.as_ref().expect("an Edwards set has its form")
}

/// s and t give back the published a and b (a = s² − 3t², b = 2t³ − t·s²),
/// d is no square (so the formulas are complete), and G's image lies on
/// u² + v² = 1 + d·u²·v².
#[test]
fn the_edwards_form_is_the_published_curve() {
    each(|curve, case| match case() {
        Case::Four(c) => form_holds(curve, c),
        Case::Eight(c) => form_holds(curve, c),
    });
    for curve in Curve::ALL {
        let edwards = matches!(curve, Curve::Tc26_256A | Curve::Tc26_512C);
        assert_eq!(params(curve).edwards.is_some(), edwards, "{curve:?}");
    }
}

fn form_holds<const L: usize>(curve: Curve, c: &Params<L>) {
    let [s, t, d] = ed(c).constants(c);
    let p = &c.p;
    let m = |x: BigUint| x % p;
    assert_eq!(
        m(&s * &s + p * 3u32 - m(&t * &t * 3u32)),
        c.a,
        "{curve:?}: a"
    );
    assert_eq!(
        m(&t * &t * &t * 2u32 + p * p - m(&t * &s * &s)),
        c.b,
        "{curve:?}: b"
    );
    let half = (p - 1u32) >> 1;
    assert_eq!(d.modpow(&half, p), p - 1u32, "{curve:?}: d is a square");
    let g = ed(c).point_of(c, &c.g.0, &c.g.1).unwrap();
    let (u, v) = ed(c).affine(c, &g);
    let (uu, vv) = (m(&u * &u), m(&v * &v));
    assert_eq!(m(&uu + &vv), m(&d * &uu * &vv + 1u32), "{curve:?}: G");
}

/// z1·G + z2·Q on the Edwards form, taken back to the Weierstrass form,
/// is the point the Jacobian arithmetic finds, coordinate for coordinate,
/// for random scalars and for 0, 1 and q − 1, also for keys with a part
/// of order 2 or 4; the x check agrees with it
/// and refuses its neighbours; z1·G + z2·Q = O has no x.
#[test]
fn the_edwards_multiplication_is_the_jacobian_one() {
    each(|curve, case| match case() {
        Case::Four(c) => agrees(curve, c),
        Case::Eight(c) => agrees(curve, c),
    });
}

fn agrees<const L: usize>(curve: Curve, c: &Params<L>) {
    let mut rng = Rng(curve.bits() as u64 + L as u64);
    let e = ed(c);
    let [s, t, _] = e.constants(c);
    let p = &c.p;
    let inv = |x: &BigUint| x.modinv(p).unwrap();
    let to_weierstrass = |(u, v): (BigUint, BigUint)| {
        let k1 = (&s * (&v + 1u32)) % p;
        let k2 = (p + 1u32 - &v) % p;
        let x = (&t + &k1 * inv(&k2)) % p;
        let y = (&k1 * inv(&((&u * &k2) % p))) % p;
        (x, y)
    };
    let below_q = |rng: &mut Rng| rng.below(&c.q);
    // Points of order 2 and 4: (t, 0) and (s + t, s), the images of the
    // Edwards points (0, −1) and (1, 0).
    let torsion = [(t.clone(), BigUint::zero()), ((&s + &t) % p, s.clone())];
    for point in &torsion {
        assert!(c.on_curve(&point.0, &point.1), "{curve:?}");
    }
    for round in 0..14 {
        let k = below_q(&mut rng);
        let mut key = mul_simple(c, &k, &c.jac(&c.g));
        // Keys with a part of small order (the cofactor's): where the two
        // forms would part if the map were wrong off the prime subgroup.
        if round >= 12 {
            key = c.add(&key, &c.jac(&torsion[round - 12]));
        }
        let (qx, qy) = c.affine(&key).unwrap();
        let (z1, z2) = match round {
            0 => (BigUint::zero(), below_q(&mut rng)),
            1 => (below_q(&mut rng), BigUint::zero()),
            2 => (BigUint::one(), &c.q - 1u32),
            _ => (below_q(&mut rng), below_q(&mut rng)),
        };
        let jac = c.mul2(&z1, &z2, &c.jac(&(qx.clone(), qy.clone())));
        let q = e.point_of(c, &qx, &qy).unwrap();
        let point = e.mul2(c, &z1, &z2, &q);
        let (x, y) = c.affine(&jac).unwrap();
        assert_eq!(
            to_weierstrass(e.affine(c, &point)),
            (x.clone(), y),
            "{curve:?}"
        );
        let r = &x % &c.q;
        assert!(e.x_is(c, &point, &r), "{curve:?}");
        for wrong in [(&r + 1u32) % &c.q, (&r + &c.q - 1u32) % &c.q] {
            assert!(!e.x_is(c, &point, &wrong), "{curve:?}");
        }
    }
    // z1·G + z2·G = O where z2 = q − z1.
    let z1 = below_q(&mut rng);
    let g = e.point_of(c, &c.g.0, &c.g.1).unwrap();
    let zero = e.mul2(c, &z1, &(&c.q - &z1), &g);
    assert_eq!(e.affine(c, &zero), (BigUint::zero(), BigUint::one()));
    for r in [BigUint::one(), &c.q - 1u32] {
        assert!(!e.x_is(c, &zero, &r), "{curve:?}");
    }
}

/// The point (t, 0) of order 2 lies on the Weierstrass curve but has no
/// image on the Edwards form: as a key it is checked on the Weierstrass
/// form and refused like any wrong key, without a panic.
#[test]
fn a_key_of_order_two_is_refused_on_the_weierstrass_form() {
    for curve in [Curve::Tc26_256A, Curve::Tc26_512C] {
        let c = params(curve);
        let [_, t, _] = ed(c).constants(c);
        let zero = BigUint::zero();
        assert!(c.on_curve(&t, &zero), "{curve:?}");
        assert!(ed(c).point_of(c, &t, &zero).is_none());
        let n = curve.coordinate_len();
        let key = [le(&t, n), le(&zero, n)].concat();
        let sig = [be(&BigUint::from(5u32), n), be(&BigUint::from(7u32), n)].concat();
        assert_eq!(
            verify_digest(curve, Layout::Rfc4491, &key, &vec![3; n], &sig),
            Err(GostError::BadSignature),
            "{curve:?}"
        );
    }
}
