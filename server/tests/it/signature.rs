//! The CMS signature verifier against the demo PKI fixtures (made by
//! `nomir demo-pki`), with the demo CA's CRL as the revocation source.

use std::path::PathBuf;

use nomir::adapters::eds::CmsVerifier;
use nomir::demo::pki::{sign_detached, KeyPair};
use nomir::domain::Iin;
use nomir::ports::{KeyPurpose, SignatureError, SignatureVerifier};
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
    nomir::demo::pki::verifier().unwrap()
}

async fn verify(
    cms: &[u8],
    document: &[u8],
    purpose: KeyPurpose,
    at: OffsetDateTime,
) -> Result<nomir::ports::Signer, SignatureError> {
    verifier().verify(cms, document, purpose, at).await
}

#[tokio::test]
async fn a_valid_demo_signature_is_accepted_and_names_the_signer() {
    let cms = sign_detached(DOCUMENT, &pair("citizens", "900515410001-sign")).unwrap();
    let signer = verify(&cms, DOCUMENT, KeyPurpose::Sign, NOW).await.unwrap();
    assert_eq!(signer.iin, Iin::parse("900515410001").unwrap());
    assert_eq!(signer.common_name, "САПАРОВА ӘЙГЕРІМ");
    assert_eq!(signer.algorithm, "RSA-SHA256");
}

#[tokio::test]
async fn the_authentication_key_signs_in_and_the_signing_key_certifies() {
    let auth = sign_detached(DOCUMENT, &pair("citizens", "900515410001-auth")).unwrap();
    let sign = sign_detached(DOCUMENT, &pair("citizens", "900515410001-sign")).unwrap();
    assert!(verify(&auth, DOCUMENT, KeyPurpose::Auth, NOW).await.is_ok());
    assert_eq!(
        verify(&auth, DOCUMENT, KeyPurpose::Sign, NOW).await,
        Err(SignatureError::WrongKey {
            expected: KeyPurpose::Sign
        })
    );
    assert_eq!(
        verify(&sign, DOCUMENT, KeyPurpose::Auth, NOW).await,
        Err(SignatureError::WrongKey {
            expected: KeyPurpose::Auth
        })
    );
}

#[tokio::test]
async fn a_signature_over_other_content_is_refused() {
    let cms = sign_detached(DOCUMENT, &pair("citizens", "900515410001-sign")).unwrap();
    for other in [
        &b"nomir-request/1\nrequest-id: r1\niin: 991231410007\n"[..],
        b"nomir-request/1\nrequest-id: r2\niin: 900515410001\n",
    ] {
        assert_eq!(
            verify(&cms, other, KeyPurpose::Sign, NOW).await,
            Err(SignatureError::ContentMismatch)
        );
    }
}

#[tokio::test]
async fn a_damaged_signature_value_is_refused() {
    let mut cms = sign_detached(DOCUMENT, &pair("citizens", "900515410001-sign")).unwrap();
    // The RSA signature value is the last 256 bytes of this structure.
    let n = cms.len();
    cms[n - 10] ^= 0x01;
    assert_eq!(
        verify(&cms, DOCUMENT, KeyPurpose::Sign, NOW).await,
        Err(SignatureError::BadSignature)
    );
}

#[tokio::test]
async fn another_persons_certificate_names_another_iin() {
    let cms = sign_detached(DOCUMENT, &pair("citizens", "991231410007-sign")).unwrap();
    let signer = verify(&cms, DOCUMENT, KeyPurpose::Sign, NOW).await.unwrap();
    assert_eq!(signer.iin, Iin::parse("991231410007").unwrap());
}

#[tokio::test]
async fn expired_and_not_yet_valid_certificates_are_refused() {
    let cms = sign_detached(DOCUMENT, &pair("test", "expired-900515410001-sign")).unwrap();
    assert_eq!(
        verify(&cms, DOCUMENT, KeyPurpose::Sign, NOW).await,
        Err(SignatureError::Expired)
    );
    let cms = sign_detached(DOCUMENT, &pair("citizens", "900515410001-sign")).unwrap();
    assert_eq!(
        verify(
            &cms,
            DOCUMENT,
            KeyPurpose::Sign,
            datetime!(2025-06-01 00:00 UTC)
        )
        .await,
        Err(SignatureError::NotYetValid)
    );
}

#[tokio::test]
async fn a_certificate_under_an_unknown_root_is_refused() {
    let cms = sign_detached(DOCUMENT, &pair("test", "untrusted-900515410001-sign")).unwrap();
    assert_eq!(
        verify(&cms, DOCUMENT, KeyPurpose::Sign, NOW).await,
        Err(SignatureError::UntrustedChain)
    );
}

#[tokio::test]
async fn a_certificate_on_the_demo_crl_is_refused_as_revoked() {
    let cms = sign_detached(DOCUMENT, &pair("test", "revoked-900515410001-sign")).unwrap();
    assert_eq!(
        verify(&cms, DOCUMENT, KeyPurpose::Sign, NOW).await,
        Err(SignatureError::Revoked(datetime!(2026-06-01 00:00 UTC)))
    );
}

#[tokio::test]
async fn without_a_revocation_source_nothing_is_accepted() {
    let strict = CmsVerifier::from_pem(
        nomir::demo::pki::DEMO_ROOTS,
        std::sync::Arc::new(nomir::adapters::eds::NoRevocationSource),
    )
    .unwrap();
    let cms = sign_detached(DOCUMENT, &pair("citizens", "900515410001-sign")).unwrap();
    assert!(matches!(
        strict.verify(&cms, DOCUMENT, KeyPurpose::Sign, NOW).await,
        Err(SignatureError::RevocationUnavailable(_))
    ));
}

#[tokio::test]
async fn junk_is_malformed_not_a_panic() {
    for junk in [
        &b""[..],
        b"\x30\x03\x02\x01\x01",
        b"not a signature at all",
        &[0xff; 300],
    ] {
        assert!(matches!(
            verify(junk, DOCUMENT, KeyPurpose::Sign, NOW).await,
            Err(SignatureError::Malformed(_))
        ));
    }
}
