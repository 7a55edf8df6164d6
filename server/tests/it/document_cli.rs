//! `nomir document verify`: a signed result document made with the library
//! checks with the real binary (exit 0, the request and the signer named);
//! one changed byte, another organisation's signature or none at all exit
//! 1; a bad call exits 2.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use nomir::demo::seal::sealer as demo_sealer;
use nomir::documents::{pdf, Outcome, ResultDocument, Sealer};
use nomir::domain::Purpose;
use nomir_core::end_reason::EndReason;

const REQUEST: &str = "0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b";

fn nomir(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nomir"))
        .args(args)
        .output()
        .expect("run nomir")
}

fn document() -> ResultDocument {
    ResultDocument {
        request_id: REQUEST.into(),
        purpose: Purpose::Change,
        outcome: Outcome::Ended {
            reason: EndReason::OperatorDoesNotConfirm,
        },
        ..nomir::documents::ResultDocument::sample()
    }
}

fn sealed_by(sealer: &Sealer) -> Vec<u8> {
    sealer.seal(pdf::render(&document()).unwrap()).unwrap()
}

const PKI: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/demo-pki");

/// Another organisation's valid seal, from the demo CA.
fn other_organisation() -> Sealer {
    let pki = Path::new(PKI);
    Sealer::from_pem_files(
        &pki.join("test/other-organisation-seal.key.pem"),
        &pki.join("test/other-organisation-seal.pem"),
    )
    .unwrap()
}

struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        let dir = std::env::temp_dir().join(format!("nomir-doc-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).unwrap();
        path.to_str().unwrap().to_owned()
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_sealed_document_verifies_and_a_changed_byte_does_not() {
    let dir = TempDir::new();
    let sealed = sealed_by(&demo_sealer().unwrap());
    let file = dir.write("result.pdf", &sealed);

    // Without roots and a BIN named, nothing is trusted: a bad call.
    let out = nomir(&["document", "verify", &file]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let out = nomir(&["document", "verify", "--demo", &file]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = stdout(&out);
    assert!(
        text.starts_with(nomir_core::i18n::document::KK.verdict_valid),
        "{text}"
    );
    assert!(text.contains(REQUEST), "{text}");
    assert!(text.contains("25.11.2026 10:10:00"), "{text}");
    assert!(
        text.contains(nomir_core::i18n::document::KK.demo_seal_note),
        "{text}"
    );

    let out = nomir(&["document", "verify", "--demo", "--lang", "en", &file]);
    assert!(stdout(&out).starts_with("Valid:"), "{out:?}");

    let mut altered = sealed.clone();
    altered[sealed.len() / 3] ^= 0x01;
    let file = dir.write("altered.pdf", &altered);
    let out = nomir(&["document", "verify", "--demo", "--lang", "en", &file]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(stdout(&out).starts_with("Not valid:"), "{out:?}");
    assert!(!stdout(&out).contains(REQUEST));
}

#[test]
fn another_organisation_or_no_signature_is_not_valid() {
    let dir = TempDir::new();
    // A trust directory with the demo CA only, as an operator would give the NCA's roots.
    let trust = dir.path().join("trust");
    std::fs::create_dir_all(&trust).unwrap();
    std::fs::copy(
        Path::new(PKI).join("root-ca.pem"),
        trust.join("root-ca.pem"),
    )
    .unwrap();
    let crl = Path::new(PKI).join("root-ca.crl");
    let (trust, crl) = (trust.to_str().unwrap(), crl.to_str().unwrap());
    let provider_cert = Path::new(PKI).join("provider-seal.pem");
    let other_cert = Path::new(PKI).join("test/other-organisation-seal.pem");
    let (provider_cert, other_cert) = (
        provider_cert.to_str().unwrap(),
        other_cert.to_str().unwrap(),
    );
    let file = dir.write("other.pdf", &sealed_by(&other_organisation()));

    // Checked as the provider's: another organisation signed it.
    let out = nomir(&["document", "verify", "--lang", "en", "--demo", &file]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(stdout(&out).starts_with("Not valid:"));
    let out = nomir(&[
        "document",
        "verify",
        "--lang",
        "en",
        "--trust",
        trust,
        "--crl",
        crl,
        "--seal-cert",
        provider_cert,
        &file,
    ]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    // Without a CRL or an OCSP responder, revocation could not be checked: a bad call.
    let out = nomir(&[
        "document",
        "verify",
        "--trust",
        trust,
        "--seal-cert",
        other_cert,
        &file,
    ]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");

    // Checked against that organisation's certificate: valid, and not the demo provider's.
    let out = nomir(&[
        "document",
        "verify",
        "--trust",
        trust,
        "--crl",
        crl,
        "--seal-cert",
        other_cert,
        &file,
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(stdout(&out).contains("260540000097"), "{out:?}");
    assert!(!stdout(&out).contains(nomir_core::i18n::document::KK.demo_seal_note));

    let plain = dir.write(
        "plain.pdf",
        b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n",
    );
    let out = nomir(&["document", "verify", "--demo", "--lang", "ru", &plain]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(
        stdout(&out).trim_end(),
        nomir_core::i18n::document::RU.verdict_not_sealed
    );
    // Rendered but never signed: its placeholder signs nothing.
    let unsigned = dir.write("unsigned.pdf", &pdf::render(&document()).unwrap());
    let out = nomir(&["document", "verify", "--demo", "--lang", "en", &unsigned]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(stdout(&out).starts_with("Not valid:"));
}

#[test]
fn a_bad_call_exits_2() {
    let dir = TempDir::new();
    let missing = dir.path().join("missing.pdf");
    let out = nomir(&["document", "verify", "--demo", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let out = nomir(&["document", "verify"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let file = dir.write("x.pdf", b"%PDF-1.7\n");
    let out = nomir(&["document", "verify", "--demo", "--lang", "de", &file]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let no_roots = dir.path().join("empty");
    std::fs::create_dir_all(&no_roots).unwrap();
    let out = nomir(&[
        "document",
        "verify",
        "--trust",
        no_roots.to_str().unwrap(),
        "--crl",
        "missing.crl",
        "--seal-cert",
        "missing.pem",
        &file,
    ]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    // The demo and a trust directory are not mixed.
    let out = nomir(&[
        "document",
        "verify",
        "--demo",
        "--trust",
        no_roots.to_str().unwrap(),
        &file,
    ]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
}
