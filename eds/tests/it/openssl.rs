//! The hostile suite: signatures and certificates made by `openssl` (an
//! independent implementation), each wrong in one way, each refused with
//! its reason; and the algorithms accepted (RSA, ECDSA P-256, GOST R
//! 34.10-2015 256 and 512 with Streebog via OpenSSL's GOST engine).
//!
//! Revocation is answered "not revoked" here by a test double, so that each
//! case isolates one check; CRLs and OCSP are tested against real
//! `openssl ca` and `openssl ocsp` in `revocation.rs`.

use std::sync::{Arc, OnceLock};

use crate::openssl_pki::{gost_engine, KeyAlg, Pki};
use async_trait::async_trait;
use kz_eds::{CmsVerifier, RevocationCheck};
use kz_eds::{KeyPurpose, SignatureError};
use time::OffsetDateTime;
use x509_cert::Certificate;

const IIN: &str = "900515410001";
const DOC: &[u8] =
    b"nomir-request/1\nrequest-id: r1\niin: 900515410001\nmsisdn: +77011234567\npurpose: bind\n";

/// Answers "not revoked" for every certificate (see the module comment).
struct NotRevoked;

#[async_trait]
impl RevocationCheck for NotRevoked {
    async fn check(
        &self,
        _: &Certificate,
        _: &Certificate,
        _: OffsetDateTime,
    ) -> Result<(), SignatureError> {
        Ok(())
    }
}

/// One PKI for the whole file (key generation is the slow part).
fn pki() -> &'static Pki {
    static PKI: OnceLock<Pki> = OnceLock::new();
    PKI.get_or_init(|| {
        let p = Pki::new();
        let person = Pki::person(IIN);
        p.root("root", KeyAlg::Rsa);
        p.issue("inter", "root", KeyAlg::Rsa, "/CN=NOMIR TEST NCA/C=KZ", "ca_pathlen0", "3000");
        for profile in ["sign", "auth", "old_sign", "no_nonrepudiation", "unknown_critical", "leaf_as_ca"] {
            p.issue(profile, "inter", KeyAlg::Rsa, &person, profile, "365");
        }
        p.issue(
            "legal",
            "inter",
            KeyAlg::Rsa,
            "/CN=ТЕСТОВ ТЕСТ/SN=ТЕСТОВ/serialNumber=IIN900515410001/C=KZ/O=АО ТЕСТ/OU=BIN123456789021",
            "legal_sign",
            "365",
        );
        p.issue("notca", "inter", KeyAlg::Rsa, "/CN=NOT A CA/C=KZ", "not_ca", "365");
        p.issue("under_notca", "notca", KeyAlg::Rsa, &person, "sign", "365");
        p.issue("inter2", "inter", KeyAlg::Rsa, "/CN=TOO DEEP CA/C=KZ", "ca", "365");
        p.issue("too_deep", "inter2", KeyAlg::Rsa, &person, "sign", "365");
        p.issue("no_certsign", "inter", KeyAlg::Rsa, "/CN=NO CERTSIGN CA/C=KZ", "ca_without_certsign", "365");
        p.issue("under_no_certsign", "no_certsign", KeyAlg::Rsa, &person, "sign", "365");
        p.self_signed("self_signed", KeyAlg::Rsa, &person, "sign");
        p.root("stranger", KeyAlg::Rsa);
        p.issue("stranger_leaf", "stranger", KeyAlg::Rsa, &person, "sign", "365");
        p.root("ec_root", KeyAlg::P256);
        p.issue("ec_sign", "ec_root", KeyAlg::P256, &person, "sign", "365");
        if gost_engine() {
            p.root("gost_root", KeyAlg::Gost512);
            p.issue("gost512_sign", "gost_root", KeyAlg::Gost512, &person, "sign", "365");
            p.issue("gost256_sign", "gost_root", KeyAlg::Gost256, &person, "sign", "365");
        }
        p
    })
}

fn verifier() -> CmsVerifier {
    let p = pki();
    let mut roots = Vec::new();
    for name in ["root", "ec_root", "gost_root"] {
        if let Ok(pem) = std::fs::read(p.path(&format!("{name}.pem"))) {
            roots.extend(Certificate::load_pem_chain(&pem).unwrap());
        }
    }
    CmsVerifier::new(roots, Arc::new(NotRevoked))
}

async fn check(
    cms: &[u8],
    doc: &[u8],
    purpose: KeyPurpose,
) -> Result<kz_eds::Verified, SignatureError> {
    verifier()
        .verify_cms(cms, Some(doc), purpose, OffsetDateTime::now_utc())
        .await
}

#[tokio::test]
async fn an_nca_shaped_rsa_signature_by_openssl_is_accepted() {
    let cms = pki().sign("sign", KeyAlg::Rsa, &["inter"], DOC);
    let v = check(&cms, DOC, KeyPurpose::Sign).await.unwrap();
    assert_eq!(v.signer.iin.as_str(), IIN);
    assert_eq!(v.signer.common_name, "ТЕСТОВ ТЕСТ");
    assert_eq!(v.signer.algorithm, "RSA-SHA256");
    assert!(v.signed_at.is_some(), "openssl signs the signing time");
    // Attached content is read from the CMS and must equal the document.
    let attached = pki().sign_attached_with_chain("sign", &["inter"], DOC);
    assert!(check(&attached, DOC, KeyPurpose::Sign).await.is_ok());
    assert_eq!(
        check(&attached, b"another document", KeyPurpose::Sign)
            .await
            .unwrap_err(),
        SignatureError::ContentMismatch
    );
    let v = verifier()
        .verify_cms(&attached, None, KeyPurpose::Sign, OffsetDateTime::now_utc())
        .await
        .unwrap();
    assert_eq!(v.content, DOC);
}

#[tokio::test]
async fn the_authentication_key_is_for_signing_in_only() {
    let cms = pki().sign("auth", KeyAlg::Rsa, &["inter"], DOC);
    assert!(check(&cms, DOC, KeyPurpose::Auth).await.is_ok());
    assert_eq!(
        check(&cms, DOC, KeyPurpose::Sign).await.unwrap_err(),
        SignatureError::WrongKey {
            expected: KeyPurpose::Sign
        }
    );
}

#[tokio::test]
async fn an_older_certificate_without_the_key_user_falls_back_on_its_policy() {
    let cms = pki().sign("old_sign", KeyAlg::Rsa, &["inter"], DOC);
    assert!(check(&cms, DOC, KeyPurpose::Sign).await.is_ok());
}

#[tokio::test]
async fn each_wrong_certificate_is_refused_with_its_reason() {
    let cases: [(&str, &[&str], SignatureError); 9] = [
        ("legal", &["inter"], SignatureError::LegalEntity),
        (
            "no_nonrepudiation",
            &["inter"],
            SignatureError::WrongKey {
                expected: KeyPurpose::Sign,
            },
        ),
        (
            "unknown_critical",
            &["inter"],
            SignatureError::UnknownCriticalExtension("1.2.3.4.5.6.7".into()),
        ),
        ("leaf_as_ca", &["inter"], SignatureError::LeafIsCa),
        (
            "under_notca",
            &["notca", "inter"],
            SignatureError::NotACertificationAuthority,
        ),
        (
            "too_deep",
            &["inter2", "inter"],
            SignatureError::NotACertificationAuthority,
        ),
        (
            "stranger_leaf",
            &["stranger"],
            SignatureError::UntrustedChain,
        ),
        ("self_signed", &[], SignatureError::UntrustedChain),
        (
            "under_no_certsign",
            &["no_certsign", "inter"],
            SignatureError::NotACertificationAuthority,
        ),
    ];
    for (signer, chain, reason) in cases {
        let cms = pki().sign(signer, KeyAlg::Rsa, chain, DOC);
        assert_eq!(
            check(&cms, DOC, KeyPurpose::Sign).await.unwrap_err(),
            reason,
            "{signer}"
        );
    }
    // The intermediate missing from the CMS: no path.
    let cms = pki().sign("sign", KeyAlg::Rsa, &[], DOC);
    assert_eq!(
        check(&cms, DOC, KeyPurpose::Sign).await.unwrap_err(),
        SignatureError::UntrustedChain
    );
}

#[tokio::test]
async fn time_is_checked_at_signing_and_now() {
    let cms = pki().sign("sign", KeyAlg::Rsa, &["inter"], DOC);
    let later = OffsetDateTime::now_utc() + time::Duration::days(400);
    assert_eq!(
        verifier()
            .verify_cms(&cms, Some(DOC), KeyPurpose::Sign, later)
            .await
            .unwrap_err(),
        SignatureError::Expired
    );
    // A signing time claimed in the future (the verifier's clock is behind).
    let earlier = OffsetDateTime::now_utc() - time::Duration::hours(1);
    assert!(matches!(
        verifier().verify_cms(&cms, Some(DOC), KeyPurpose::Sign, earlier).await,
        Err(SignatureError::Malformed(m)) if m.contains("future")
    ));
}

#[tokio::test]
async fn tampered_content_and_signature_are_refused() {
    let cms = pki().sign("sign", KeyAlg::Rsa, &["inter"], DOC);
    let mut tampered = DOC.to_vec();
    tampered[20] ^= 1;
    assert_eq!(
        check(&cms, &tampered, KeyPurpose::Sign).await.unwrap_err(),
        SignatureError::ContentMismatch
    );
    let mut broken = cms.clone();
    let n = broken.len();
    broken[n - 5] ^= 0x40;
    assert_eq!(
        check(&broken, DOC, KeyPurpose::Sign).await.unwrap_err(),
        SignatureError::BadSignature
    );
}

#[tokio::test]
async fn truncated_empty_junk_huge_and_deep_input_is_refused_without_panic() {
    let cms = pki().sign("sign", KeyAlg::Rsa, &["inter"], DOC);
    for cut in [1, 10, cms.len() / 2, cms.len() - 1] {
        assert!(
            matches!(
                check(&cms[..cut], DOC, KeyPurpose::Sign).await,
                Err(SignatureError::Malformed(_))
            ),
            "cut at {cut}"
        );
    }
    assert!(matches!(
        check(b"", DOC, KeyPurpose::Sign).await,
        Err(SignatureError::Malformed(_))
    ));
    assert!(matches!(
        check(b"!!not base64!!", DOC, KeyPurpose::Sign).await,
        Err(SignatureError::Malformed(_))
    ));
    let huge = vec![b'A'; 4 * 1024 * 1024];
    assert!(matches!(
        check(&huge, DOC, KeyPurpose::Sign).await,
        Err(SignatureError::TooLarge(_))
    ));
    let mut deep = vec![0x05, 0x00];
    for _ in 0..200 {
        let len = deep.len();
        let mut outer = vec![0x30, 0x82, (len >> 8) as u8, len as u8];
        outer.extend(deep);
        deep = outer;
    }
    assert!(matches!(
        check(&deep, DOC, KeyPurpose::Sign).await,
        Err(SignatureError::Malformed(_))
    ));
    // The same signature as PEM and as base64 reads the same.
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(&cms);
    assert!(check(b64.as_bytes(), DOC, KeyPurpose::Sign).await.is_ok());
    let pem = format!("-----BEGIN CMS-----\n{b64}\n-----END CMS-----\n");
    assert!(check(pem.as_bytes(), DOC, KeyPurpose::Sign).await.is_ok());
}

#[tokio::test]
async fn ecdsa_p256_is_accepted() {
    let cms = pki().sign("ec_sign", KeyAlg::P256, &[], DOC);
    let v = check(&cms, DOC, KeyPurpose::Sign).await.unwrap();
    assert_eq!(v.signer.algorithm, "ECDSA-P256-SHA256");
}

#[tokio::test]
async fn gost_2015_signatures_by_openssls_engine_are_accepted_and_checked() {
    if !gost_engine() {
        return;
    }
    for (signer, alg, name) in [
        ("gost512_sign", KeyAlg::Gost512, "GOST-2015-512"),
        ("gost256_sign", KeyAlg::Gost256, "GOST-2015-256"),
    ] {
        let cms = pki().sign(signer, alg, &[], DOC);
        let v = check(&cms, DOC, KeyPurpose::Sign)
            .await
            .unwrap_or_else(|e| panic!("{signer}: {e}"));
        assert_eq!(v.signer.algorithm, name);
        assert_eq!(v.signer.iin.as_str(), IIN);
        assert_eq!(
            check(&cms, b"other", KeyPurpose::Sign).await.unwrap_err(),
            SignatureError::ContentMismatch
        );
        let mut broken = cms.clone();
        let n = broken.len();
        broken[n - 3] ^= 0x01;
        assert_eq!(
            check(&broken, DOC, KeyPurpose::Sign).await.unwrap_err(),
            SignatureError::BadSignature
        );
    }
}
