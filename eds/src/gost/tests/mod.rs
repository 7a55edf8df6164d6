//! Known-answer tests (the standard's appendix A), the curves' own checks,
//! and every parameter set against OpenSSL's GOST engine.

use super::curves::*;
use super::field::*;
use super::signature::*;
use num_bigint::BigUint;
use num_traits::{One, Zero};
use std::path::Path;
use std::process::Command;

fn h(s: &str) -> BigUint {
    BigUint::parse_bytes(s.as_bytes(), 16).unwrap()
}
fn le(v: &BigUint, n: usize) -> Vec<u8> {
    let mut b = v.to_bytes_le();
    b.resize(n, 0);
    b
}
fn be(v: &BigUint, n: usize) -> Vec<u8> {
    let mut b = le(v, n);
    b.reverse();
    b
}
/// Every parameter set, the standard's test curves included.
fn all() -> impl Iterator<Item = Curve> {
    Curve::ALL
        .into_iter()
        .chain([Curve::Test256, Curve::Test512])
}

/// Plain double-and-add, independent of the wNAF code, for cross-checks.
fn mul_simple<const L: usize>(c: &Params<L>, k: &BigUint, p: &Jac<L>) -> Jac<L> {
    let mut acc = Jac::infinity();
    for i in (0..k.bits()).rev() {
        acc = c.dbl(&acc);
        if k.bit(i) {
            acc = c.add(&acc, p);
        }
    }
    acc
}

/// GOST R 34.10-2012 §6.1 signing with a given k, on integers (tests only).
fn sign_integers<const L: usize>(
    c: &Params<L>,
    d: &BigUint,
    e: &BigUint,
    k: &BigUint,
) -> (BigUint, BigUint) {
    let mut e = e % &c.q;
    if e.is_zero() {
        e = BigUint::one();
    }
    let (x, _) = c.affine(&mul_simple(c, k, &c.jac(&c.g))).unwrap();
    let r = x % &c.q;
    let s = (&r * d + k * &e) % &c.q;
    (r, s)
}

/// xorshift64*: deterministic test randomness without extra dependencies.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
    fn below(&mut self, q: &BigUint) -> BigUint {
        BigUint::from_bytes_le(&self.bytes(80)) % (q - 1u32) + 1u32
    }
}

/// A key and a message signature made by the test signer, in Rfc4491 layout.
fn make_sig(curve: Curve, rng: &mut Rng, digest: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let c = params(curve);
    let n = curve.coordinate_len();
    let d = rng.below(&c.q);
    let (qx, qy) = c.affine(&mul_simple(c, &d, &c.jac(&c.g))).unwrap();
    let (r, s) = sign_integers(c, &d, &BigUint::from_bytes_le(digest), &rng.below(&c.q));
    (
        [le(&qx, n), le(&qy, n)].concat(),
        [be(&s, n), be(&r, n)].concat(),
    )
}

#[test]
fn curve_parameters_are_consistent() {
    for curve in all() {
        consistent(curve, params(curve));
        if curve.bits() == 256 {
            consistent(curve, params256(curve));
        }
    }
    // tc26 512-C runs on an isomorphic curve with a = −3, tc26 256-A on one
    // with a = 3 (−3/a is no square modulo its p).
    for (curve, a) in [
        (Curve::CryptoPro256A, CurveA::MinusThree),
        (Curve::Tc26_512A, CurveA::MinusThree),
        (Curve::Tc26_512C, CurveA::MinusThree),
        (Curve::Tc26_256A, CurveA::Three),
        // The standard's test curves: 512 bits mapped to a = −3; the 256-bit
        // one's p is 1 modulo 4, where no fourth root is looked for.
        (Curve::Test512, CurveA::MinusThree),
        (Curve::Test256, CurveA::Other),
    ] {
        assert_eq!(params(curve).curve_a, a, "{curve:?}");
    }
}

/// The curve the arithmetic runs on is the curve's image under
/// (x, y) ↦ (u²·x, u³·y): its a is a·u⁴, which is −3 or 3 as `curve_a`
/// says (the doubling's shortcut is only right for that a), and u is no 0.
#[test]
fn the_isomorphic_curve_has_the_a_it_names() {
    for curve in all() {
        let c = params(curve);
        let u2 = c.integer_of(&c.iso.0);
        let u3 = c.integer_of(&c.iso.1);
        assert!(!u2.is_zero(), "{curve:?}");
        // u³ is u²·u: (u³)² = (u²)³.
        assert_eq!(
            (&u3 * &u3) % &c.p,
            u2.modpow(&BigUint::from(3u32), &c.p),
            "{curve:?}"
        );
        let a = (&c.a * &u2 * &u2) % &c.p;
        match c.curve_a {
            CurveA::MinusThree => assert_eq!(a, &c.p - 3u32, "{curve:?}"),
            CurveA::Three => assert_eq!(a, BigUint::from(3u32), "{curve:?}"),
            CurveA::Other => assert_eq!(u2, BigUint::one(), "{curve:?}"),
        }
    }
}

fn consistent<const L: usize>(curve: Curve, c: &Params<L>) {
    assert!(c.on_curve(&c.g.0, &c.g.1), "{curve:?}: G not on curve");
    let g = c.jac(&c.g);
    assert!(mul_simple(c, &c.q, &g).is_infinity(), "{curve:?}: q·G != O");
    assert!(
        c.mul2(&c.q, &BigUint::zero(), &g).is_infinity(),
        "{curve:?}: wNAF q·G != O"
    );
    let (x, y) = c.affine(&mul_simple(c, &(&c.q - 1u32), &g)).unwrap();
    assert_eq!(
        (x, y),
        (c.g.0.clone(), &c.p - &c.g.1),
        "{curve:?}: (q-1)·G != -G"
    );
    let bits = c.p.bits() as usize;
    assert!(
        bits <= curve.bits() && bits >= curve.bits() - 1,
        "{curve:?}"
    );
    assert_eq!(c.g_table.len(), 1 << (W_G - 2));
}

/// The verification's last step compares X with (r + k·q)·Z² instead of
/// inverting Z: for points with Z ≠ 1, it agrees with x mod q computed the
/// long way, also where x ≥ q (three quarters of x for tc26 256-A and
/// 512-C, whose cofactor is 4), and refuses the residues next to it and
/// the one a candidate at or above p would stand for.
#[test]
fn x_is_agrees_with_the_affine_x_modulo_q() {
    let mut rng = Rng(11);
    for curve in all() {
        if curve.bits() == 256 {
            x_is_holds(curve, params256(curve), &mut rng);
        }
        x_is_holds(curve, params(curve), &mut rng);
    }
}

fn x_is_holds<const L: usize>(curve: Curve, c: &Params<L>, rng: &mut Rng) {
    let mut above_q = 0;
    for _ in 0..24 {
        let k = rng.below(&c.q);
        // Doubled, so Z is not 1.
        let pt = c.dbl(&mul_simple(c, &k, &c.jac(&c.g)));
        let (x, _) = c.affine(&pt).unwrap();
        above_q += usize::from(x >= c.q);
        let r = &x % &c.q;
        assert!(c.x_is(&pt, &r), "{curve:?}");
        // x + p ≡ x (mod p): only candidates below p may be tried.
        let beyond = (&x + &c.p) % &c.q;
        for wrong in [(&r + 1u32) % &c.q, (&r + &c.q - 1u32) % &c.q, beyond] {
            if wrong != r {
                assert!(!c.x_is(&pt, &wrong), "{curve:?}");
            }
        }
        // Where q > p, an r in [p, q) is no affine x at all.
        if c.q > c.p {
            assert!(!c.x_is(&pt, &(&c.p + (&x % (&c.q - &c.p)))), "{curve:?}");
        }
    }
    if curve == Curve::Tc26_256A {
        assert!(above_q > 0, "no x at or above q was tried");
    }
    assert!(!c.x_is(&Jac::infinity(), &BigUint::one()));
}

/// The wNAF's digits add back up to the number, are odd and in range,
/// and at least `w` apart.
#[test]
fn wnaf_digits_add_back_up() {
    let mut rng = Rng(99);
    let mut values = vec![
        BigUint::zero(),
        BigUint::one(),
        (BigUint::one() << 256u32) - 1u32,
    ];
    values.extend((0..200).map(|i| BigUint::from_bytes_le(&rng.bytes(1 + i % 70))));
    for k in &values {
        for w in [2, 4, 5, 7] {
            let digits = wnaf(k, w);
            let mut sum = num_bigint::BigInt::zero();
            let mut last = None;
            for (i, &d) in digits.iter().enumerate() {
                if d == 0 {
                    continue;
                }
                assert!(
                    d % 2 != 0 && d.unsigned_abs() < 1 << (w - 1),
                    "{k:x} w={w}: {d}"
                );
                if let Some(j) = last {
                    assert!(i - j >= w as usize, "{k:x} w={w}: digits too close");
                }
                last = Some(i);
                sum += num_bigint::BigInt::from(d) << i;
            }
            assert_eq!(sum, num_bigint::BigInt::from(k.clone()), "w={w}");
        }
    }
}

/// Each way of reducing a product (folding below or above a power of
/// two, Montgomery's) gives a·b mod p, on 4 limbs and on 8, at the edges
/// (0, 1, p − 1, around 2^(N−1)) and for random numbers.
#[test]
fn products_reduce_to_the_integers_product() {
    let mut rng = Rng(0xC0FFEE);
    let mut seen = Vec::new();
    for curve in all() {
        products_hold(curve, params(curve), &mut rng);
        seen.push(params(curve).reduction);
        if curve.bits() == 256 {
            products_hold(curve, params256(curve), &mut rng);
            seen.push(params256(curve).reduction);
        }
    }
    // Every way is taken by some curve.
    assert!(seen.contains(&Reduction::Montgomery));
    assert!(seen.iter().any(|r| matches!(r, Reduction::Below(_))));
    assert!(seen.iter().any(|r| matches!(r, Reduction::Above(_))));
    assert_eq!(params(Curve::Tc26_512B).reduction, Reduction::Above(0x6F));
    assert_eq!(
        params256(Curve::CryptoPro256B).reduction,
        Reduction::Above(0xC99)
    );
    assert_eq!(
        params256(Curve::CryptoPro256A).reduction,
        Reduction::Below(617)
    );
}

/// Montgomery's reduction where p is close to R = 2^256 (p/R above about
/// 0.618, which no curve's p reaches): a row's carry then runs out of the
/// top word, and the last subtraction takes it too. p = 2^256 − 2^200 − 1
/// has no short form, so it is reduced by Montgomery's.
#[test]
fn montgomery_reduction_holds_with_p_close_to_r() {
    static RAW: RawParams = RawParams([
        "FFFFFFFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
        "1",
        "1",
        "1",
        "0",
        "0",
    ]);
    let c = Params::<4>::arithmetic(&RAW);
    assert_eq!(c.reduction, Reduction::Montgomery);
    assert_eq!(
        c.p,
        (BigUint::one() << 256u32) - (BigUint::one() << 200u32) - 1u32
    );
    products_hold(Curve::CryptoPro256C, &c, &mut Rng(5));
}

fn products_hold<const L: usize>(curve: Curve, c: &Params<L>, rng: &mut Rng) {
    let p = &c.p;
    let half = BigUint::one() << (p.bits() - 1);
    let mut values = vec![
        BigUint::zero(),
        BigUint::one(),
        p - 1u32,
        p - 2u32,
        &half - 1u32,
        half.clone() % p,
        (&half + 1u32) % p,
    ];
    if let Reduction::Below(c) = c.reduction {
        // 2^(N−1) times this overflows twice while folding (a second carry).
        let n = 64 * L;
        let b = ((BigUint::one() << (n + 1)) - 1u32) / c * 2u32;
        values.push(b % p);
    }
    values.extend((0..40).map(|_| rng.below(p)));
    for a in &values {
        for b in &values {
            let product = c.integer_of(&c.mul(&c.to_fe(a), &c.to_fe(b)));
            assert_eq!(
                product,
                (a * b) % p,
                "{curve:?} on {L} limbs: {a:x} · {b:x}"
            );
        }
    }
}

#[test]
fn the_base_point_key_is_g() {
    for curve in Curve::ALL {
        let c = params(curve);
        let n = curve.coordinate_len();
        assert_eq!(
            curve.base_point_key(),
            [le(&c.g.0, n), le(&c.g.1, n)].concat(),
            "{curve:?}"
        );
    }
}

#[test]
fn oids() {
    assert_eq!(
        Curve::from_oid_str("1.2.643.7.1.2.1.1.1"),
        Some(Curve::Tc26_256A)
    );
    assert_eq!(
        Curve::from_oid_str("1.2.643.2.2.35.1"),
        Some(Curve::CryptoPro256A)
    );
    assert_eq!(
        Curve::from_oid_str("1.2.643.7.1.2.1.1.2"),
        Some(Curve::CryptoPro256A)
    );
    assert_eq!(
        Curve::from_oid_str("1.2.643.7.1.2.1.2.1"),
        Some(Curve::Tc26_512A)
    );
    assert_eq!(
        Curve::from_oid_str("1.2.643.7.1.2.1.2.2"),
        Some(Curve::Tc26_512B)
    );
    assert_eq!(
        Curve::from_oid_str("1.2.643.7.1.2.1.2.3"),
        Some(Curve::Tc26_512C)
    );
    assert_eq!(Curve::from_oid_str("1.2.643.7.1.1.1.2"), None);
    assert_eq!(
        (Curve::Tc26_512C.bits(), Curve::CryptoPro256C.bits()),
        (512, 256)
    );
}

#[test]
fn streebog_standard_vectors() {
    // GOST R 34.11-2012 examples M1 and M2. The standard prints values as numbers
    // (most significant byte first); these are the bytes in hash output order.
    let m1 = b"012345678901234567890123456789012345678901234567890123456789012";
    let m2 = hex::decode("d1e520e2e5f2f0e82c20d1f2f0e8e1eee6e820e2edf3f6e82c20e2e5fef2fa20f120eceef0ff20f1f2f0e5ebe0ece820ede020f5f0e0e1f0fbff20efebfaeafb20c8e3eef0e5e2fb").unwrap();
    assert_eq!(
        hex::encode(streebog256(m1)),
        "9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500"
    );
    assert_eq!(hex::encode(streebog512(m1)), "1b54d01a4af5b9d5cc3d86d68d285462b19abc2475222f35c085122be4ba1ffa00ad30f8767b3a82384c6574f024c311e2a481332b08ef7f41797891c1646f48");
    assert_eq!(
        hex::encode(streebog256(&m2)),
        "9dd2fe4e90409e5da87f53976d7405b0c0cac628fc669a741d50063c557e8f50"
    );
    assert_eq!(hex::encode(streebog512(&m2)), "1e88e62226bfca6f9994f1f2d51569e0daf8475a3b0fe61a5300eee46d961376035fe83549ada2b8620fcd7c496ce5b33f0cb9dddc2b6460143b03dabac9fb28");
}

/// GOST R 34.10-2012 appendix A = RFC 7091 §7.1 (256) and §7.2 (512): e, d, k, Q, r, s.
#[test]
fn standard_signature_vectors() {
    let vectors = [
            (Curve::Test256,
             "2DFBC1B372D89A1188C09C52E0EEC61FCE52032AB1022E8E67ECE6672B043EE5",
             "7A929ADE789BB9BE10ED359DD39A72C11B60961F49397EEE1D19CE9891EC3B28",
             "77105C9B20BCD3122823C8CF6FCC7B956DE33814E95B7FE64FED924594DCEAB3",
             "7F2B49E270DB6D90D8595BEC458B50C58585BA1D4E9B788F6689DBD8E56FD80B",
             "26F1B489D6701DD185C8413A977B3CBBAF64D1C593D26627DFFB101A87FF77DA",
             "41AA28D2F1AB148280CD9ED56FEDA41974053554A42767B83AD043FD39DC0493",
             "01456C64BA4642A1653C235A98A60249BCD6D3F746B631DF928014F6C5BF9C40"),
            (Curve::Test512,
             "3754F3CFACC9E0615C4F4A7C4D8DAB531B09B6F9C170C533A71D147035B0C5917184EE536593F4414339976C647C5D5A407ADEDB1D560C4FC6777D2972075B8C",
             "0BA6048AADAE241BA40936D47756D7C93091A0E8514669700EE7508E508B102072E8123B2200A0563322DAD2827E2714A2636B7BFD18AADFC62967821FA18DD4",
             "0359E7F4B1410FEACC570456C6801496946312120B39D019D455986E364F365886748ED7A44B3E794434006011842286212273A6D14CF70EA3AF71BB1AE679F1",
             "115DC5BC96760C7B48598D8AB9E740D4C4A85A65BE33C1815B5C320C854621DD5A515856D13314AF69BC5B924C8B4DDFF75C45415C1D9DD9DD33612CD530EFE1",
             "37C7C90CD40B0F5621DC3AC1B751CFA0E2634FA0503B3D52639F5D7FB72AFD61EA199441D943FFE7F0C70A2759A3CDB84C114E1F9339FDF27F35ECA93677BEEC",
             "2F86FA60A081091A23DD795E1E3C689EE512A3C82EE0DCC2643C78EEA8FCACD35492558486B20F1C9EC197C90699850260C93BCBCD9C5C3317E19344E173AE36",
             "1081B394696FFE8E6585E7A9362D26B6325F56778AADBC081C0BFBE933D52FF5823CE288E8C4F362526080DF7F70CE406A6EEB1F56919CB92A9853BDE73E5B4A"),
        ];
    for (curve, e, d, k, qx, qy, r, s) in vectors {
        let c = params(curve);
        let (e, d, k, qx, qy, r, s) = (h(e), h(d), h(k), h(qx), h(qy), h(r), h(s));
        let q = c.affine(&mul_simple(c, &d, &c.jac(&c.g))).unwrap();
        assert_eq!(q, (qx.clone(), qy.clone()), "{curve:?}: Q = d·P");
        assert_eq!(
            sign_integers(c, &d, &e, &k),
            (r.clone(), s.clone()),
            "{curve:?}: sign"
        );
        assert_eq!(verify_integers(c, &qx, &qy, &e, &r, &s), Ok(()));
        assert_eq!(
            verify_integers(c, &qx, &qy, &(&e + 1u32), &r, &s),
            Err(GostError::BadSignature)
        );
        assert_eq!(
            verify_integers(c, &qx, &qy, &e, &s, &r),
            Err(GostError::BadSignature)
        );
        // Same through the byte-level API: e as little-endian digest bytes.
        let n = curve.coordinate_len();
        let key = [le(&qx, n), le(&qy, n)].concat();
        let rfc = [be(&s, n), be(&r, n)].concat();
        let kalkan: Vec<u8> = rfc.iter().rev().copied().collect();
        assert_eq!(
            verify_digest(curve, Layout::Rfc4491, &key, &le(&e, n), &rfc),
            Ok(())
        );
        assert_eq!(
            verify_digest(curve, Layout::Kalkan, &key, &le(&e, n), &kalkan),
            Ok(())
        );
        assert!(verify_digest(curve, Layout::Kalkan, &key, &le(&e, n), &rfc).is_err());
    }
}

#[test]
fn roundtrip_all_curves_and_edge_cases() {
    let mut rng = Rng(0x9E3779B97F4A7C15);
    for curve in all() {
        let n = curve.coordinate_len();
        let c = params(curve);
        let msg = b"roundtrip message";
        let digest = if n == 64 {
            streebog512(msg).to_vec()
        } else {
            streebog256(msg).to_vec()
        };
        let (key, sig) = make_sig(curve, &mut rng, &digest);
        assert_eq!(
            verify(curve, Layout::Rfc4491, &key, msg, &sig),
            Ok(()),
            "{curve:?}"
        );
        assert_eq!(
            verify(curve, Layout::Rfc4491, &key, b"other", &sig),
            Err(GostError::BadSignature)
        );
        // e ≡ 0 (mod q) is replaced by 1: digests 0 and q sign like e = 1.
        let (key1, sig1) = make_sig(curve, &mut rng, &le(&BigUint::one(), n));
        assert_eq!(
            verify_digest(curve, Layout::Rfc4491, &key1, &vec![0; n], &sig1),
            Ok(())
        );
        assert_eq!(
            verify_digest(curve, Layout::Rfc4491, &key1, &le(&c.q, n), &sig1),
            Ok(())
        );
        // r, s out of range; key off the curve or with coordinates >= p.
        for (r, s) in [
            (BigUint::zero(), BigUint::one()),
            (BigUint::one(), BigUint::zero()),
            (c.q.clone(), BigUint::one()),
            (BigUint::one(), c.q.clone()),
        ] {
            let sig = [be(&s, n), be(&r, n)].concat();
            assert_eq!(
                verify(curve, Layout::Rfc4491, &key, msg, &sig),
                Err(GostError::OutOfRange)
            );
        }
        let mut bad = key.clone();
        bad[0] ^= 1;
        assert_eq!(
            verify(curve, Layout::Rfc4491, &bad, msg, &sig),
            Err(GostError::PointNotOnCurve)
        );
        assert_eq!(
            verify(curve, Layout::Rfc4491, &vec![0; 2 * n], msg, &sig),
            Err(GostError::PointNotOnCurve)
        );
        let big = [le(&c.p, n), key[n..].to_vec()].concat();
        assert_eq!(
            verify(curve, Layout::Rfc4491, &big, msg, &sig),
            Err(GostError::OutOfRange)
        );
        assert_eq!(
            verify(curve, Layout::Rfc4491, &key[1..], msg, &sig),
            Err(GostError::BadLength)
        );
        assert_eq!(
            verify(curve, Layout::Rfc4491, &key, msg, &sig[1..]),
            Err(GostError::BadLength)
        );
        assert_eq!(
            verify_digest(curve, Layout::Rfc4491, &key, &digest[1..], &sig),
            Err(GostError::BadLength)
        );
    }
}

#[test]
fn random_inputs_never_panic() {
    let mut rng = Rng(42);
    for curve in [
        Curve::Tc26_256A,
        Curve::CryptoPro256B,
        Curve::Tc26_512A,
        Curve::Tc26_512C,
    ] {
        let n = curve.coordinate_len();
        let c = params(curve);
        let g = [le(&c.g.0, n), le(&c.g.1, n)].concat();
        for i in 0..300 {
            let len = |rng: &mut Rng| {
                if i % 2 == 0 {
                    2 * n
                } else {
                    (rng.next() % 200) as usize
                }
            };
            let (kl, sl) = (len(&mut rng), len(&mut rng));
            let (key, sig, dig) = (rng.bytes(kl), rng.bytes(sl), rng.bytes(n));
            for layout in [Layout::Rfc4491, Layout::Kalkan] {
                assert!(verify(curve, layout, &key, &dig, &sig).is_err());
                assert!(verify_digest(curve, layout, &key, &dig, &sig).is_err());
            }
            if i % 10 == 0 {
                // A valid key with random in-range r, s: runs the full equation.
                let (r, s) = (rng.below(&c.q), rng.below(&c.q));
                let sig = [be(&s, n), be(&r, n)].concat();
                assert_eq!(
                    verify_digest(curve, Layout::Rfc4491, &g, &dig, &sig),
                    Err(GostError::BadSignature)
                );
            }
        }
    }
}

/// Rough speed: `cargo test --release -- --ignored --nocapture bench`.
/// `GOST_BENCH_SET=Tc26_512C` times that set alone, ten times as long
/// (for a profile).
#[test]
#[ignore]
fn bench_verify() {
    let mut rng = Rng(7);
    let only = std::env::var("GOST_BENCH_SET").ok();
    for curve in Curve::ALL {
        if only
            .as_ref()
            .is_some_and(|set| *set != format!("{curve:?}"))
        {
            continue;
        }
        let (key, sig) = make_sig(curve, &mut rng, &[5u8; 64][..curve.coordinate_len()]);
        verify(curve, Layout::Rfc4491, &key, b"warm", &sig).ok();
        let digest = vec![5u8; curve.coordinate_len()];
        // A 256-bit check takes a tenth of a 512-bit one: ten times the
        // runs, so each set is timed for a similar while.
        let runs = if curve.bits() == 256 { 3000 } else { 300 };
        let runs = if only.is_some() { 10 * runs } else { runs };
        let t = std::time::Instant::now();
        for _ in 0..runs {
            assert_eq!(
                verify_digest(curve, Layout::Rfc4491, &key, &digest, &sig),
                Ok(())
            );
        }
        let per = t.elapsed().as_secs_f64() / runs as f64;
        println!(
            "{curve:?}: {:.0} verifications/s ({:.2} ms each)",
            1.0 / per,
            per * 1e3
        );
    }
}

// ---- Interoperability with OpenSSL 3 + gost-engine (Debian: libengine-gost-openssl) ----

mod edwards;
mod inverse;
mod karatsuba;
mod openssl_interop;
