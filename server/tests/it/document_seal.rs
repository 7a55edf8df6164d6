//! The provider's seal on result documents, made and checked with the
//! demo PKI: what a valid one states and who signed; a changed byte, an
//! appended revision, another organisation's certificate, a person's
//! signature or an untrusted CA fail; garbage never panics; an upload read
//! in pieces checks as the whole file within its bound.

use std::path::Path;

use kz_eds::CmsVerifier;
use nomir::demo::pki::{sign_detached, KeyPair};
use nomir::documents::seal::{
    verify, Checked, Provider, SealError, Sealer, Upload, MAX_FILE_BYTES,
};
use nomir::documents::{pades, pdf, Outcome, ResultDocument};
use nomir::domain::{Channel, Purpose};
use nomir_core::end_reason::EndReason;
use nomir_core::i18n::Lang;
use time::macros::datetime;
use time::OffsetDateTime;

fn refused(lang: Lang) -> ResultDocument {
    ResultDocument {
        request_id: "0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b".into(),
        citizen_name: "Жұмабаева Мадина".into(),
        iin: "880808410008".into(),
        purpose: Purpose::Bind,
        channel: Channel::Bank,
        client_name: Some("Halyk Bank app".into()),
        started_at: datetime!(2026-11-25 05:00:00 UTC),
        finished_at: datetime!(2026-11-25 05:04:00 UTC),
        outcome: Outcome::Ended {
            reason: EndReason::ConsentMissing,
        },
        issued_at: datetime!(2026-11-25 05:10:00 UTC),
        lang,
    }
}

const NOW: OffsetDateTime = datetime!(2026-12-06 12:00 UTC);
const PKI: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/demo-pki");

fn demo() -> Sealer {
    nomir::demo::seal::sealer().unwrap()
}

fn provider() -> Provider {
    Provider::of([demo().certificate()])
}

fn verifier() -> CmsVerifier {
    nomir::demo::pki::verifier().unwrap()
}

fn sealed_by(sealer: &Sealer) -> Vec<u8> {
    sealer
        .seal(pdf::render(&refused(Lang::Kk)).unwrap())
        .unwrap()
}

/// Where `needle` last occurs in `file`.
fn last(needle: &str, file: &[u8]) -> usize {
    file.windows(needle.len())
        .rposition(|w| w == needle.as_bytes())
        .unwrap()
}

async fn check(file: &[u8]) -> Result<Checked, SealError> {
    verify(file, &verifier(), &provider(), NOW).await
}

#[tokio::test]
async fn a_sealed_document_checks_and_says_what_it_states_and_who_signed() {
    let file = sealed_by(&demo());
    let checked = check(&file).await.unwrap();
    assert_eq!(checked.meta, refused(Lang::Kk).seal_meta());
    assert_eq!(checked.meta.ground.as_deref(), Some("consent_missing"));
    assert_eq!(checked.sealed.bin, "260140000015");
    assert!(checked.sealed.organisation.starts_with("NOMIR DEMO"));
    assert_eq!(checked.sealed.algorithm, "RSA-SHA256");
    // The same document signs to the same bytes (no clock, no randomness).
    assert_eq!(sealed_by(&demo()), file);
    let text = String::from_utf8_lossy(&file);
    assert!(text.contains("/SubFilter /ETSI.CAdES.detached"));
    assert!(text.contains("/FT /Sig"));
}

#[tokio::test]
async fn a_changed_byte_anywhere_breaks_the_signature() {
    let file = sealed_by(&demo());
    let found = pades::find(&file).unwrap();
    let keyword = last("/ByteRange", &file);
    let mut positions: Vec<usize> = (0..file.len()).step_by(997).collect();
    positions.extend([
        file.len() - 1,
        found.gap.start + 1,
        found.gap.start + 100,
        found.gap.end - 1,
        found.gap.end + 3,
    ]);
    for at in positions {
        if (keyword..keyword + 10).contains(&at) {
            continue;
        }
        let mut bad = file.clone();
        bad[at] ^= 0x01;
        let verdict = check(&bad).await.err();
        if found.gap.contains(&at) {
            // Within the CMS a changed certificate no longer chains.
            assert!(
                matches!(verdict, Some(SealError::Altered | SealError::Untrusted(_))),
                "byte {at}: {verdict:?}"
            );
        } else {
            assert_eq!(verdict, Some(SealError::Altered), "byte {at}");
        }
    }
    // Its keyword gone, the file is not a signed one at all.
    let mut bad = file.clone();
    bad[keyword + 1] = b'X';
    assert_eq!(check(&bad).await.err(), Some(SealError::NotSealed));
}

#[tokio::test]
async fn an_appended_update_or_a_cut_breaks_the_signature() {
    let file = sealed_by(&demo());
    let mut longer = file.clone();
    longer.extend_from_slice(b"\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n");
    assert_eq!(check(&longer).await.err(), Some(SealError::Altered));
    assert_eq!(
        check(&file[..file.len() - 1]).await.err(),
        Some(SealError::Altered)
    );
}

#[tokio::test]
async fn another_organisations_valid_seal_is_not_the_providers() {
    let other = Sealer::from_pem_files(
        &Path::new(PKI).join("test/other-organisation-seal.key.pem"),
        &Path::new(PKI).join("test/other-organisation-seal.pem"),
    )
    .unwrap();
    assert_eq!(other.bin(), "260540000097");
    let file = sealed_by(&other);
    // Valid where its certificate is the accepted one...
    let theirs = Provider::of([other.certificate()]);
    let checked = verify(&file, &verifier(), &theirs, NOW).await.unwrap();
    assert_eq!(checked.sealed.bin, "260540000097");
    // ...but not the provider's seal: only its own certificates are.
    assert_eq!(
        check(&file).await.err(),
        Some(SealError::Untrusted("not_accepted_seal".into()))
    );
    // Both accepted (an earlier certificate, say): either checks.
    let both = Provider::of([demo().certificate(), other.certificate()]);
    assert!(verify(&file, &verifier(), &both, NOW).await.is_ok());
}

#[tokio::test]
async fn a_persons_signature_or_an_untrusted_ca_is_not_a_seal() {
    let prepared = pdf::render(&refused(Lang::En)).unwrap();
    let citizens = Path::new(PKI).join("citizens");
    let person = KeyPair::load(&citizens, "900515410001-sign").unwrap();
    let file = pades::fill(prepared.clone(), |signed| sign_detached(signed, &person)).unwrap();
    assert_eq!(
        check(&file).await.err(),
        Some(SealError::Untrusted("not_an_organisation".into()))
    );
    let untrusted =
        KeyPair::load(&Path::new(PKI).join("test"), "untrusted-900515410001-sign").unwrap();
    let file = pades::fill(prepared, |signed| sign_detached(signed, &untrusted)).unwrap();
    assert_eq!(
        check(&file).await.err(),
        Some(SealError::Untrusted("untrusted_chain".into()))
    );
}

#[tokio::test]
async fn a_plain_pdf_is_not_sealed_and_a_huge_file_is_not_read() {
    let plain = pdf::render(&refused(Lang::Ru)).unwrap();
    // The placeholder's ranges were never filled: not a whole signature.
    assert_eq!(check(&plain).await.err(), Some(SealError::Altered));
    assert_eq!(
        check(b"%PDF-1.7\n%%EOF\n").await.err(),
        Some(SealError::NotSealed)
    );
    assert_eq!(check(b"").await.err(), Some(SealError::NotSealed));
    let huge = vec![b'%'; MAX_FILE_BYTES + 1];
    assert_eq!(check(&huge).await.err(), Some(SealError::TooLarge));
}

#[tokio::test]
async fn garbage_never_panics() {
    let file = sealed_by(&demo());
    let keyword = last("/ByteRange", &file);
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for round in 0..300 {
        let len = (next() % 600) as usize;
        let mut bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
        if round % 2 == 0 {
            // Random bytes after a real keyword, to reach the parser.
            let mut prefix = file[..keyword + 10].to_vec();
            prefix.append(&mut bytes);
            bytes = prefix;
        }
        assert!(check(&bytes).await.is_err());
    }
    for tail in [
        " [0 1 2 3]",
        " [0 5 3 9999999999999999999999]",
        " [0 0 0 0]",
        " [0 10 20]",
        " [a b c d]",
        " [",
    ] {
        let mut bytes = b"%PDF-1.7 <00> /ByteRange".to_vec();
        bytes.extend_from_slice(tail.as_bytes());
        assert!(check(&bytes).await.is_err(), "{tail:?}");
    }
}

#[tokio::test]
async fn an_upload_read_in_pieces_checks_as_the_whole_file_and_stays_bounded() {
    let file = sealed_by(&demo());
    for piece in [7, 4096, file.len()] {
        let mut upload = Upload::new();
        for chunk in file.chunks(piece) {
            upload.push(chunk).unwrap();
        }
        assert_eq!(upload.len(), file.len());
        let checked = upload.verify(&verifier(), &provider(), NOW).await.unwrap();
        assert_eq!(checked.meta.request_id, refused(Lang::Kk).request_id);
    }
    // The buffer never grows past the largest file, and refuses more.
    let mut upload = Upload::new();
    let chunk = vec![b'%'; 300 * 1024];
    while upload.len() + chunk.len() <= MAX_FILE_BYTES {
        upload.push(&chunk).unwrap();
    }
    upload
        .push(&chunk[..MAX_FILE_BYTES - upload.len()])
        .unwrap();
    assert_eq!(upload.len(), MAX_FILE_BYTES);
    assert_eq!(upload.push(b"x"), Err(SealError::TooLarge));
    assert!(upload.capacity() <= MAX_FILE_BYTES);
}

#[test]
fn the_private_key_never_prints() {
    assert_eq!(format!("{:?}", demo()), "Sealer(BIN 260140000015)");
}

#[tokio::test]
async fn at_start_a_seal_certificate_the_check_would_refuse_is_put_aside() {
    use nomir::documents::keys::SealKeys;
    // Trusted as the demo server trusts it: kept.
    let mut keys = SealKeys::load(None, None, None, Some(demo())).unwrap();
    keys.self_check(&verifier(), NOW).await;
    assert!(keys.sealer.is_some());
    // Where its CA is not trusted, every document would check invalid:
    // nothing is issued, while the check still knows the certificate.
    let stranger =
        std::fs::read_to_string(Path::new(PKI).join("test/untrusted-root-ca.pem")).unwrap();
    let elsewhere =
        CmsVerifier::from_pem(&stranger, std::sync::Arc::new(kz_eds::NoRevocationSource)).unwrap();
    let mut keys = SealKeys::load(None, None, None, Some(demo())).unwrap();
    keys.self_check(&elsewhere, NOW).await;
    assert!(keys.sealer.is_none());
    assert!(keys.provider.is_some());
    // Past the certificate's end (2036), likewise.
    let mut keys = SealKeys::load(None, None, None, Some(demo())).unwrap();
    keys.self_check(&verifier(), datetime!(2036-06-01 00:00 UTC))
        .await;
    assert!(keys.sealer.is_none());
}
