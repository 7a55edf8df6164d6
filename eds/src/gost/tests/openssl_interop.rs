//! Every parameter set against OpenSSL's GOST engine: keys and
//! signatures made by OpenSSL verify here, and the other way round.

use super::*;

/// DER TLV: (tag, content, rest, whole encoding).
fn tlv(d: &[u8]) -> (u8, &[u8], &[u8], &[u8]) {
    let (tag, l0) = (d[0], d[1] as usize);
    let (len, hdr) = if l0 < 0x80 {
        (l0, 2)
    } else {
        let k = l0 & 0x7f;
        (
            d[2..2 + k].iter().fold(0, |a, &b| a << 8 | b as usize),
            2 + k,
        )
    };
    (tag, &d[hdr..hdr + len], &d[hdr + len..], &d[..hdr + len])
}
fn children(mut d: &[u8]) -> Vec<(u8, &[u8], &[u8])> {
    let mut out = Vec::new();
    while !d.is_empty() {
        let (tag, content, rest, whole) = tlv(d);
        out.push((tag, content, whole));
        d = rest;
    }
    out
}
fn oid_to_string(b: &[u8]) -> String {
    let (mut parts, mut v) = (Vec::new(), 0u64);
    for &x in b {
        v = v << 7 | (x & 0x7f) as u64;
        if x & 0x80 == 0 {
            parts.push(v);
            v = 0;
        }
    }
    let first = parts[0].min(80) / 40;
    let mut s = format!("{}.{}", first, parts[0] - 40 * first);
    for p in &parts[1..] {
        s += &format!(".{p}");
    }
    s
}
/// (parameter-set OID, x‖y key octets) from a DER certificate.
fn cert_key(cert: &[u8]) -> (String, Vec<u8>) {
    let tbs = children(tlv(tlv(cert).1).1);
    let skip = if tbs[0].0 == 0xA0 { 1 } else { 0 };
    let spki = children(tbs[skip + 5].1);
    let alg = children(spki[0].1);
    let param_oid = oid_to_string(children(alg[1].1)[0].1);
    let bits = spki[1].1; // BIT STRING content: unused-bits byte, then OCTET STRING
    assert_eq!(bits[0], 0);
    (
        param_oid,
        public_key_from_octet_string(&bits[1..])
            .expect("04 40 / 04 81 80")
            .to_vec(),
    )
}
/// (signed attributes re-tagged as SET, if any; signature octets) of the first SignerInfo.
fn cms_signer(der: &[u8]) -> (Option<Vec<u8>>, Vec<u8>) {
    let content_info = children(tlv(der).1);
    let signed_data = children(tlv(content_info[1].1).1);
    let signer_infos = signed_data.last().unwrap();
    let si = children(tlv(signer_infos.1).1);
    let attrs = si.iter().find(|c| c.0 == 0xA0).map(|c| {
        let mut v = c.2.to_vec();
        v[0] = 0x31;
        v
    });
    (attrs, si.iter().find(|c| c.0 == 0x04).unwrap().1.to_vec())
}

fn openssl(dir: &Path, args: &[&str]) -> bool {
    Command::new("openssl")
        .current_dir(dir)
        .args(args)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

#[test]
fn interop_openssl_gost_engine() {
    let dir = std::env::temp_dir().join(format!("gost-interop-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    if !openssl(&dir, &["engine", "-t", "gost"]) {
        // The project's test script installs the engine and sets this, so
        // there the interoperability check cannot be skipped.
        assert!(
            std::env::var_os("NOMIR_REQUIRE_GOST_ENGINE").is_none(),
            "NOMIR_REQUIRE_GOST_ENGINE is set but openssl's GOST engine is missing"
        );
        println!("SKIP interop_openssl_gost_engine: openssl with engine gost not available (apt-get install libengine-gost-openssl)");
        std::fs::remove_dir_all(&dir).ok();
        return;
    }
    let msg = b"GOST interop: \xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82, Kazakhstan!\n";
    std::fs::write(dir.join("msg.txt"), msg).unwrap();
    let cases = [
        ("gost2012_256", "A", Curve::CryptoPro256A),
        ("gost2012_256", "B", Curve::CryptoPro256B),
        ("gost2012_256", "C", Curve::CryptoPro256C),
        ("gost2012_256", "XA", Curve::CryptoPro256A),
        ("gost2012_256", "XB", Curve::CryptoPro256C),
        ("gost2012_256", "TCA", Curve::Tc26_256A),
        ("gost2012_256", "TCB", Curve::CryptoPro256A),
        ("gost2012_256", "TCC", Curve::CryptoPro256B),
        ("gost2012_256", "TCD", Curve::CryptoPro256C),
        ("gost2012_512", "A", Curve::Tc26_512A),
        ("gost2012_512", "B", Curve::Tc26_512B),
        ("gost2012_512", "C", Curve::Tc26_512C),
    ];
    for (alg, set, expected) in cases {
        let md = if alg.ends_with("512") {
            "md_gost12_512"
        } else {
            "md_gost12_256"
        };
        let run =
            |args: &[&str]| assert!(openssl(&dir, args), "openssl {args:?} failed ({alg} {set})");
        run(&[
            "genpkey",
            "-engine",
            "gost",
            "-algorithm",
            alg,
            "-pkeyopt",
            &format!("paramset:{set}"),
            "-out",
            "k.pem",
        ]);
        run(&[
            "req", "-engine", "gost", "-x509", "-new", "-key", "k.pem", "-subj", "/CN=x", "-days",
            "10", "-out", "c.pem",
        ]);
        run(&[
            "x509", "-engine", "gost", "-in", "c.pem", "-outform", "DER", "-out", "c.der",
        ]);
        run(&[
            "dgst",
            "-engine",
            "gost",
            &format!("-{md}"),
            "-sign",
            "k.pem",
            "-out",
            "sig.bin",
            "msg.txt",
        ]);
        run(&[
            "cms",
            "-sign",
            "-engine",
            "gost",
            "-binary",
            "-nodetach",
            "-md",
            md,
            "-signer",
            "c.pem",
            "-inkey",
            "k.pem",
            "-in",
            "msg.txt",
            "-outform",
            "DER",
            "-out",
            "cms.der",
        ]);
        run(&[
            "cms",
            "-sign",
            "-engine",
            "gost",
            "-binary",
            "-nodetach",
            "-noattr",
            "-md",
            md,
            "-signer",
            "c.pem",
            "-inkey",
            "k.pem",
            "-in",
            "msg.txt",
            "-outform",
            "DER",
            "-out",
            "cms-noattr.der",
        ]);
        let (oid, key) = cert_key(&std::fs::read(dir.join("c.der")).unwrap());
        let curve = Curve::from_oid_str(&oid).unwrap_or_else(|| panic!("unknown OID {oid}"));
        assert_eq!(curve, expected, "{alg} {set} → {oid}");
        let n = curve.coordinate_len();

        // `openssl dgst -sign`: raw 2n bytes (no DER), s‖r big-endian.
        let sig = std::fs::read(dir.join("sig.bin")).unwrap();
        assert_eq!(sig.len(), 2 * n, "{alg} {set}: dgst signature is raw s‖r");
        assert_eq!(
            verify(curve, Layout::Rfc4491, &key, msg, &sig),
            Ok(()),
            "{alg} {set} dgst"
        );
        let rev: Vec<u8> = sig.iter().rev().copied().collect();
        assert_eq!(verify(curve, Layout::Kalkan, &key, msg, &rev), Ok(()));
        let swapped = [&sig[n..], &sig[..n]].concat(); // r‖s big-endian must fail
        assert!(verify(curve, Layout::Rfc4491, &key, msg, &swapped).is_err());
        assert_eq!(
            verify(curve, Layout::Rfc4491, &key, b"tampered", &sig),
            Err(GostError::BadSignature)
        );
        for i in [0, n - 1, n, 2 * n - 1] {
            let mut s = sig.clone();
            s[i] ^= 0x01;
            assert!(
                verify(curve, Layout::Rfc4491, &key, msg, &s).is_err(),
                "flipped byte {i}"
            );
        }

        // CMS with signed attributes: the signature covers DER(SET OF attributes).
        let (attrs, cms_sig) = cms_signer(&std::fs::read(dir.join("cms.der")).unwrap());
        let attrs = attrs.expect("signed attributes");
        assert_eq!(
            cms_sig.len(),
            2 * n,
            "CMS signature OCTET STRING is raw s‖r"
        );
        let content_digest = if n == 64 {
            streebog512(msg).to_vec()
        } else {
            streebog256(msg).to_vec()
        };
        assert!(
            attrs.windows(n).any(|w| w == content_digest),
            "messageDigest attribute"
        );
        let attrs_digest = if n == 64 {
            streebog512(&attrs).to_vec()
        } else {
            streebog256(&attrs).to_vec()
        };
        assert_eq!(
            verify_digest(curve, Layout::Rfc4491, &key, &attrs_digest, &cms_sig),
            Ok(()),
            "{alg} {set} cms"
        );
        assert_eq!(
            verify(curve, Layout::Rfc4491, &key, &attrs, &cms_sig),
            Ok(())
        );
        let mut bad_attrs = attrs.clone();
        *bad_attrs.last_mut().unwrap() ^= 1;
        assert_eq!(
            verify(curve, Layout::Rfc4491, &key, &bad_attrs, &cms_sig),
            Err(GostError::BadSignature)
        );

        // CMS without signed attributes: the signature covers the content itself.
        let (attrs, cms_sig) = cms_signer(&std::fs::read(dir.join("cms-noattr.der")).unwrap());
        assert!(attrs.is_none());
        assert_eq!(
            verify(curve, Layout::Rfc4491, &key, msg, &cms_sig),
            Ok(()),
            "{alg} {set} cms -noattr"
        );
        println!("interop ok: {alg} paramset {set} = {oid} ({curve:?})");
    }
    std::fs::remove_dir_all(&dir).ok();
}
