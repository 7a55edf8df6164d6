//! The CMS signature verifier against the demo PKI fixtures.

use std::path::PathBuf;

use nomir::adapters::eds::CmsVerifier;
use nomir::demo_pki::{sign_detached, KeyPair, DEMO_ROOTS};
use nomir::domain::Iin;
use nomir::ports::{SignatureError, SignatureVerifier};
use time::macros::datetime;
use time::OffsetDateTime;

const NOW: OffsetDateTime = datetime!(2026-11-25 05:00 UTC);
const DOCUMENT: &[u8] = b"nomir-request/1\nrequest-id: r1\niin: 900515410001\n";

fn pki() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("demo-pki")
}

fn pair(dir: &str, stem: &str) -> KeyPair {
    KeyPair::load(&pki().join(dir), stem).unwrap()
}

fn verifier() -> CmsVerifier {
    CmsVerifier::from_pem(DEMO_ROOTS).unwrap()
}

#[test]
fn a_valid_demo_signature_is_accepted_and_names_the_signer() {
    let cms = sign_detached(DOCUMENT, &pair("citizens", "900515410001-sign")).unwrap();
    let signer = verifier().verify(&cms, DOCUMENT, NOW).unwrap();
    assert_eq!(signer.iin, Iin::parse("900515410001").unwrap());
    assert_eq!(signer.common_name, "САПАРОВА ӘЙГЕРІМ");
}

#[test]
fn a_signature_over_other_content_is_refused() {
    let cms = sign_detached(DOCUMENT, &pair("citizens", "900515410001-sign")).unwrap();
    let tampered = b"nomir-request/1\nrequest-id: r1\niin: 991231410007\n";
    assert_eq!(
        verifier().verify(&cms, tampered, NOW),
        Err(SignatureError::ContentMismatch)
    );
    let other_request = b"nomir-request/1\nrequest-id: r2\niin: 900515410001\n";
    assert_eq!(
        verifier().verify(&cms, other_request, NOW),
        Err(SignatureError::ContentMismatch)
    );
}

#[test]
fn a_damaged_signature_value_is_refused() {
    let mut cms = sign_detached(DOCUMENT, &pair("citizens", "900515410001-sign")).unwrap();
    // The RSA signature value is the last 256 bytes of this structure.
    let n = cms.len();
    cms[n - 10] ^= 0x01;
    assert_eq!(
        verifier().verify(&cms, DOCUMENT, NOW),
        Err(SignatureError::BadSignature)
    );
}

#[test]
fn another_persons_certificate_names_another_iin() {
    let cms = sign_detached(DOCUMENT, &pair("citizens", "991231410007-sign")).unwrap();
    let signer = verifier().verify(&cms, DOCUMENT, NOW).unwrap();
    assert_eq!(signer.iin, Iin::parse("991231410007").unwrap());
}

#[test]
fn an_expired_certificate_is_refused() {
    let cms = sign_detached(DOCUMENT, &pair("test", "expired-900515410001-sign")).unwrap();
    assert_eq!(
        verifier().verify(&cms, DOCUMENT, NOW),
        Err(SignatureError::CertificateNotValidNow)
    );
}

#[test]
fn a_certificate_under_an_unknown_root_is_refused() {
    let cms = sign_detached(DOCUMENT, &pair("test", "untrusted-900515410001-sign")).unwrap();
    assert_eq!(
        verifier().verify(&cms, DOCUMENT, NOW),
        Err(SignatureError::UntrustedChain)
    );
}

#[test]
fn an_authentication_certificate_cannot_certify_a_request() {
    let cms = sign_detached(DOCUMENT, &pair("citizens", "900515410001-auth")).unwrap();
    assert_eq!(
        verifier().verify(&cms, DOCUMENT, NOW),
        Err(SignatureError::NotASigningCertificate)
    );
}

#[test]
fn a_certificate_not_yet_valid_is_refused() {
    let cms = sign_detached(DOCUMENT, &pair("citizens", "900515410001-sign")).unwrap();
    let before = datetime!(2025-06-01 00:00 UTC);
    assert_eq!(
        verifier().verify(&cms, DOCUMENT, before),
        Err(SignatureError::CertificateNotValidNow)
    );
}

#[test]
fn junk_is_malformed_not_a_panic() {
    for junk in [
        &b""[..],
        b"\x30\x03\x02\x01\x01",
        b"not a signature at all",
        &[0xff; 300],
    ] {
        assert!(matches!(
            verifier().verify(junk, DOCUMENT, NOW),
            Err(SignatureError::Malformed(_))
        ));
    }
}
