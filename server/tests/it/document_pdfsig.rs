//! The result document as an independent PDF reader sees it: poppler's
//! `pdfsig` (Debian's poppler-utils, installed by the test command, which
//! sets NOMIR_REQUIRE_PDFSIG) finds one PAdES signature of the provider
//! over the whole file and says it is valid; after a changed byte or an
//! appended revision it does not.

use std::process::Command;

use nomir::demo::seal::sealer as demo_sealer;
use nomir::documents::{pdf, Outcome, ResultDocument};
use nomir::domain::{Channel, Purpose};
use nomir_core::i18n::Lang;
use time::macros::datetime;

fn document() -> ResultDocument {
    ResultDocument {
        request_id: "0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b".into(),
        citizen_name: "Сапарова Әйгерім".into(),
        iin: "900515410001".into(),
        purpose: Purpose::Bind,
        channel: Channel::Portal,
        client_name: None,
        started_at: datetime!(2026-11-25 05:00:00 UTC),
        finished_at: datetime!(2026-11-25 05:03:00 UTC),
        outcome: Outcome::Bound {
            number: "+7 701 123 4567".into(),
            operator: "Kcell".into(),
        },
        issued_at: datetime!(2026-11-25 05:10:00 UTC),
        lang: Lang::Kk,
    }
}

/// What `pdfsig` says of `file`, or `None` when it is not installed (and
/// not required).
fn pdfsig(file: &[u8]) -> Option<String> {
    let path = std::env::temp_dir().join(format!("nomir-pdfsig-{}.pdf", uuid::Uuid::new_v4()));
    std::fs::write(&path, file).unwrap();
    let out = Command::new("pdfsig").arg(&path).output();
    std::fs::remove_file(&path).ok();
    match out {
        Ok(out) => Some(format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )),
        Err(e) => {
            assert!(
                std::env::var_os("NOMIR_REQUIRE_PDFSIG").is_none(),
                "NOMIR_REQUIRE_PDFSIG is set but pdfsig cannot run: {e}"
            );
            eprintln!("pdfsig is not installed: skipped (apt-get install poppler-utils)");
            None
        }
    }
}

#[test]
fn pdfsig_finds_the_providers_valid_signature_over_the_whole_file() {
    let file = demo_sealer()
        .unwrap()
        .seal(pdf::render(&document()).unwrap())
        .unwrap();
    let Some(report) = pdfsig(&file) else { return };
    assert!(report.contains("Signature #1"), "{report}");
    assert!(!report.contains("Signature #2"), "{report}");
    assert!(
        report.contains("Signature Type: ETSI.CAdES.detached"),
        "{report}"
    );
    assert!(
        report.contains("Signature Validation: Signature is Valid."),
        "{report}"
    );
    assert!(report.contains("Total document signed"), "{report}");
    assert!(report.contains("ЕРМЕКОВ АСХАТ"), "{report}");

    let mut altered = file.clone();
    let middle = altered.len() / 3;
    altered[middle] ^= 0x01;
    let report = pdfsig(&altered).unwrap();
    assert!(
        !report.contains("Signature is Valid."),
        "a changed byte: {report}"
    );

    let mut appended = file.clone();
    appended.extend_from_slice(b"\n% a later revision\n%%EOF\n");
    let report = pdfsig(&appended).unwrap();
    assert!(!report.contains("Total document signed"), "{report}");
}
