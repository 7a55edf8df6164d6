//! `nomir eds verify` with the real binary, over signatures made by
//! `openssl cms` with the demo citizens' keys: accepted with the signer
//! printed (exit 0); refused with the reason (exit 1): revoked on the CRL,
//! revoked or unknown at a real `openssl ocsp` responder, responder down,
//! another IIN, the wrong key; a bad call exits 2.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

/// Runs `openssl args` in `dir`; it must succeed.
fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("openssl runs");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

const DOC: &[u8] = b"nomir-request/1\nrequest-id: cli\niin: 900515410001\n";

fn demo_pki() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("demo-pki")
}

fn nomir(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nomir"))
        .args(args)
        .output()
        .expect("run nomir")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A work directory with the trust directory, the document and CMS files.
struct Work(PathBuf);

impl Work {
    fn new() -> Self {
        let dir = std::env::temp_dir().join(format!("nomir-eds-cli-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(dir.join("trust")).unwrap();
        std::fs::copy(
            demo_pki().join("root-ca.pem"),
            dir.join("trust/root-ca.pem"),
        )
        .unwrap();
        std::fs::write(dir.join("doc.txt"), DOC).unwrap();
        Self(dir)
    }

    fn p(&self, name: &str) -> String {
        self.0.join(name).display().to_string()
    }

    /// `openssl cms -sign` with a demo key (`dir/stem`); the CMS's file name.
    fn sign(&self, dir: &str, stem: &str, attached: bool) -> String {
        let base = demo_pki().join(dir);
        let out = format!("{stem}{}.der", if attached { "-attached" } else { "" });
        let cert = base.join(format!("{stem}.pem")).display().to_string();
        let key = base.join(format!("{stem}.key.pem")).display().to_string();
        let mut args = vec![
            "cms",
            "-sign",
            "-binary",
            "-nosmimecap",
            "-md",
            "sha256",
            "-in",
            "doc.txt",
            "-signer",
            &cert,
            "-inkey",
            &key,
            "-outform",
            "DER",
            "-out",
            &out,
        ];
        if attached {
            args.push("-nodetach");
        }
        openssl(&self.0, &args);
        self.p(&out)
    }
}

impl Drop for Work {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn crl() -> String {
    demo_pki().join("root-ca.crl").display().to_string()
}

#[test]
fn an_accepted_signature_prints_the_signer_and_exits_0() {
    let w = Work::new();
    let cms = w.sign("citizens", "900515410001-sign", false);
    let o = nomir(&[
        "eds",
        "verify",
        "--trust",
        &w.p("trust"),
        "--cms",
        &cms,
        "--content",
        &w.p("doc.txt"),
        "--iin",
        "900515410001",
        "--crl",
        &crl(),
    ]);
    let text = stdout(&o);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{text}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(text.starts_with("ACCEPTED"), "{text}");
    assert!(
        text.contains("900515410001")
            && text.contains("САПАРОВА ӘЙГЕРІМ")
            && text.contains("RSA-SHA256"),
        "{text}"
    );
    // Attached: the content comes from the CMS.
    let attached = w.sign("citizens", "900515410001-sign", true);
    let o = nomir(&[
        "eds",
        "verify",
        "--trust",
        &w.p("trust"),
        "--cms",
        &attached,
        "--crl",
        &crl(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn refusals_print_the_reason_and_exit_1() {
    let w = Work::new();
    let good = w.sign("citizens", "900515410001-sign", false);
    let revoked = w.sign("test", "revoked-900515410001-sign", false);
    let auth = w.sign("citizens", "900515410001-auth", false);
    let (trust, doc, crl) = (w.p("trust"), w.p("doc.txt"), crl());
    let cases: [(Vec<&str>, &str); 5] = [
        (vec!["--cms", &revoked, "--crl", &crl], "REFUSED: revoked"),
        (
            vec!["--cms", &good, "--crl", &crl, "--iin", "991231410007"],
            "REFUSED: another_iin",
        ),
        (
            vec!["--cms", &auth, "--crl", &crl],
            "REFUSED: wrong_key_sign_expected",
        ),
        (
            vec!["--cms", &good, "--crl", &crl, "--purpose", "auth"],
            "REFUSED: wrong_key_auth_expected",
        ),
        (vec!["--cms", &good], "REFUSED: revocation_unavailable"),
    ];
    for (extra, expected) in cases {
        let mut args = vec!["eds", "verify", "--trust", &trust, "--content", &doc];
        args.extend(extra.iter().copied());
        let o = nomir(&args);
        assert_eq!(o.status.code(), Some(1), "{expected}: {}", stdout(&o));
        assert!(
            stdout(&o).starts_with(expected),
            "{expected}: {}",
            stdout(&o)
        );
    }
}

#[test]
fn a_bad_call_exits_2() {
    let w = Work::new();
    let o = nomir(&[
        "eds",
        "verify",
        "--trust",
        &w.p("no-such-dir"),
        "--cms",
        &w.p("doc.txt"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let o = nomir(&[
        "eds",
        "verify",
        "--trust",
        &w.p("trust"),
        "--cms",
        &w.p("missing.der"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let o = nomir(&[
        "eds",
        "verify",
        "--trust",
        &w.p("trust"),
        "--cms",
        &w.p("doc.txt"),
        "--purpose",
        "seal",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

/// A real OCSP responder (`openssl ocsp`) for the demo CA on loopback, with
/// the index naming the good and the revoked demo certificates.
struct Responder {
    child: Child,
    url: String,
}

impl Drop for Responder {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serial(cert: &Path) -> String {
    let out = Command::new("openssl")
        .args(["x509", "-noout", "-serial", "-in"])
        .arg(cert)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .trim_start_matches("serial=")
        .to_owned()
}

fn responder(w: &Work) -> Responder {
    let good = serial(&demo_pki().join("citizens/900515410001-sign.pem"));
    let revoked = serial(&demo_pki().join("test/revoked-900515410001-sign.pem"));
    let index = format!(
        "V\t360101000000Z\t\t{good}\tunknown\t/CN=good\nR\t360101000000Z\t260601000000Z\t{revoked}\tunknown\t/CN=revoked\n"
    );
    std::fs::write(w.0.join("index.txt"), index).unwrap();
    // The free port is found, then freed for openssl: another test may
    // take it meanwhile, so a responder that cannot listen is started again.
    for _ in 0..5 {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        if let Some(child) = ocsp_responder(w, port) {
            return Responder {
                child,
                url: format!("http://127.0.0.1:{port}/"),
            };
        }
    }
    panic!("openssl ocsp did not listen on any of five ports");
}

/// `openssl ocsp` on `port`, once it says it listens.
fn ocsp_responder(w: &Work, port: u16) -> Option<std::process::Child> {
    let pki = demo_pki();
    let mut child = Command::new("openssl")
        .current_dir(&w.0)
        .args([
            "ocsp",
            "-index",
            "index.txt",
            "-ignore_err",
            "-port",
            &port.to_string(),
            "-CA",
        ])
        .arg(pki.join("root-ca.pem"))
        .arg("-rsigner")
        .arg(pki.join("ocsp-responder.pem"))
        .arg("-rkey")
        .arg(pki.join("ocsp-responder.key.pem"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("openssl ocsp");
    // It prints "ACCEPT [::]:PORT PID=…" once it listens.
    let out = child.stdout.take().expect("stdout");
    let mut line = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(out), &mut line).unwrap();
    if line.starts_with("ACCEPT") {
        return Some(child);
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

#[test]
fn a_real_ocsp_responder_answers_good_revoked_and_unknown() {
    let w = Work::new();
    let r = responder(&w);
    let good = w.sign("citizens", "900515410001-sign", false);
    let revoked = w.sign("test", "revoked-900515410001-sign", false);
    let unknown = w.sign("citizens", "851102310000-sign", false);
    let (trust, doc, url) = (w.p("trust"), w.p("doc.txt"), r.url.clone());
    let run = |cms: &str| {
        nomir(&[
            "eds",
            "verify",
            "--trust",
            &trust,
            "--cms",
            cms,
            "--content",
            &doc,
            "--ocsp",
            &url,
        ])
    };
    let o = run(&good);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = run(&revoked);
    assert!(stdout(&o).starts_with("REFUSED: revoked"), "{}", stdout(&o));
    let o = run(&unknown);
    assert!(
        stdout(&o).starts_with("REFUSED: revocation_unknown"),
        "{}",
        stdout(&o)
    );
    // The responder down, and no CRL: refused, never accepted silently.
    drop(r);
    let o = run(&good);
    assert!(
        stdout(&o).starts_with("REFUSED: revocation_unavailable"),
        "{}",
        stdout(&o)
    );
}
