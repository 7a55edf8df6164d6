//! `nomir document verify`: a sealed result document made with the library
//! checks with the real binary (exit 0, the request named); one changed
//! byte, another key or no seal at all exit 1; a bad call exits 2.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use nomir::demo::seal::sealer as demo_sealer;
use nomir::documents::{pdf, Outcome, ResultDocument, Sealer};
use nomir::domain::{Channel, Purpose};
use nomir_core::end_reason::EndReason;
use nomir_core::i18n::Lang;
use time::macros::datetime;

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
        citizen_name: "Сейітқали Айгүл Нұрланқызы".into(),
        iin: "880808410008".into(),
        purpose: Purpose::Change,
        channel: Channel::Portal,
        client_name: None,
        started_at: datetime!(2026-11-25 05:00:00 UTC),
        finished_at: datetime!(2026-11-25 05:02:30 UTC),
        outcome: Outcome::Ended {
            reason: EndReason::OperatorDoesNotConfirm,
        },
        issued_at: datetime!(2026-11-25 05:10:00 UTC),
        lang: Lang::Kk,
    }
}

fn sealed_by(sealer: &Sealer) -> Vec<u8> {
    let doc = document();
    let pdf = pdf::render(&doc).unwrap();
    sealer.seal(&pdf, &doc.seal_meta()).unwrap()
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

    // Without a key named, nothing is trusted: a bad call.
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
fn another_key_or_no_seal_is_not_valid() {
    let dir = TempDir::new();
    // Sealed by the demo key, checked against another key only.
    let other_dir = dir.path().join("other");
    nomir::documents::keys::generate_demo(&other_dir).unwrap();
    let other_pub = other_dir.join("seal.pub.pem");
    let file = dir.write("result.pdf", &sealed_by(&demo_sealer().unwrap()));
    let out = nomir(&[
        "document",
        "verify",
        "--lang",
        "en",
        "--key",
        other_pub.to_str().unwrap(),
        &file,
    ]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(stdout(&out).starts_with("Not valid:"));

    // Sealed by that key and checked against it: valid, and not the demo key.
    let other = Sealer::from_pem_file(&other_dir.join("seal.key.pem")).unwrap();
    let file = dir.write("other.pdf", &sealed_by(&other));
    let out = nomir(&[
        "document",
        "verify",
        "--key",
        other_pub.to_str().unwrap(),
        &file,
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(!stdout(&out).contains(nomir_core::i18n::document::KK.demo_seal_note));

    let plain = dir.write("plain.pdf", &pdf::render(&document()).unwrap());
    let out = nomir(&["document", "verify", "--demo", "--lang", "ru", &plain]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(
        stdout(&out).trim_end(),
        nomir_core::i18n::document::RU.verdict_not_sealed
    );
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
    let not_a_key = dir.write("key.pem", b"not a key");
    let out = nomir(&["document", "verify", "--key", &not_a_key, &file]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
}
