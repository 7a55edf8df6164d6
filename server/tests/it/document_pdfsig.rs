//! The result document as an independent PDF reader sees it: poppler's
//! `pdfsig` (Debian's poppler-utils, installed by the test command, which
//! sets NOMIR_REQUIRE_PDFSIG) finds one PAdES signature of the provider
//! over the whole file and says it is valid, and, with the demo CA among
//! the roots it trusts (an NSS database made with `certutil`), that the
//! certificate is trusted; after a changed byte or an appended revision it
//! does not.

use std::path::{Path, PathBuf};
use std::process::Command;

use nomir::demo::seal::sealer as demo_sealer;
use nomir::documents::{pdf, ResultDocument};

fn document() -> ResultDocument {
    nomir::documents::ResultDocument::sample()
}

/// A directory of its own for one test.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        let dir = std::env::temp_dir().join(format!("nomir-pdfsig-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

/// An NSS database, as a reader keeps the roots it trusts, holding the
/// demo CA (as a Kazakh reader would hold the NCA's roots).
fn nss_trusting_the_demo_ca(dir: &Path) -> String {
    let db = format!("sql:{}", dir.display());
    let run = |args: &[&str]| {
        let out = Command::new("certutil")
            .args(args)
            .output()
            .expect("certutil runs");
        assert!(out.status.success(), "certutil {args:?}: {out:?}");
    };
    run(&["-N", "-d", &db, "--empty-password"]);
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/demo-pki/root-ca.pem");
    run(&[
        "-A",
        "-d",
        &db,
        "-n",
        "nomir-demo-ca",
        "-t",
        "C,C,C",
        "-i",
        root,
    ]);
    db
}

/// What `pdfsig` says of `file` (with `nss` as its roots, if given), or
/// `None` when it is not installed (and not required).
fn pdfsig(file: &[u8], nss: Option<&str>) -> Option<String> {
    let path = std::env::temp_dir().join(format!("nomir-pdfsig-{}.pdf", uuid::Uuid::new_v4()));
    std::fs::write(&path, file).unwrap();
    let mut command = Command::new("pdfsig");
    if let Some(db) = nss {
        command.args(["-nssdir", db]);
    }
    let out = command.arg(&path).output();
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
    let Some(report) = pdfsig(&file, None) else {
        return;
    };
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
    let report = pdfsig(&altered, None).unwrap();
    assert!(
        !report.contains("Signature is Valid."),
        "a changed byte: {report}"
    );

    let mut appended = file.clone();
    appended.extend_from_slice(b"\n% a later revision\n%%EOF\n");
    let report = pdfsig(&appended, None).unwrap();
    assert!(!report.contains("Total document signed"), "{report}");
}

#[test]
fn with_the_roots_it_trusts_pdfsig_trusts_the_providers_certificate() {
    let file = demo_sealer()
        .unwrap()
        .seal(pdf::render(&document()).unwrap())
        .unwrap();
    if pdfsig(&file, None).is_none() {
        return;
    }
    let dir = TempDir::new();
    let nss = nss_trusting_the_demo_ca(&dir.0);
    let report = pdfsig(&file, Some(&nss)).unwrap();
    assert!(
        report.contains("Signature Validation: Signature is Valid."),
        "{report}"
    );
    assert!(
        report.contains("Certificate Validation: Certificate is Trusted."),
        "{report}"
    );
}
