//! Integration tests against real, independent implementations on loopback:
//! a CA run with the `openssl ca` CLI (index.txt, serial, crlnumber; full and delta CRLs),
//! `openssl ocsp` as the OCSP responder, and a tiny HTTP/1.0 file server (std thread) that
//! serves the CRLs and counts requests per path.

use std::collections::HashMap;
use std::io::{BufRead as _, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use der::DecodePem;
use kz_eds::revocation::{Revocation, RevocationConfig, RevocationError, Status};
use kz_eds::AnyAlgorithm;
use time::OffsetDateTime;
use x509_cert::Certificate;

mod crl;
mod ocsp;

const SUBJECT_CA: &str = "/C=KZ/O=TestNCA/CN=TestRootCA";

struct Fixture {
    dir: PathBuf,
    http_port: u16,
    hits: Arc<Mutex<HashMap<String, usize>>>,
    /// Before any revocation was recorded.
    created: OffsetDateTime,
    ca: Certificate,
    /// Good everywhere.
    alice: Certificate,
    /// Revoked (keyCompromise) before the base CRL.
    bob: Certificate,
    /// Revoked (cessationOfOperation) after the base CRL: only in the delta CRL (and OCSP).
    carol: Certificate,
    /// Issued by the CA key outside `openssl ca`, so absent from index.txt: OCSP says unknown.
    dave: Certificate,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(build_fixture)
}

/// Runs `openssl` in `dir` with `command` split on whitespace (no argument contains spaces).
fn openssl(dir: &Path, command: &str) {
    let args: Vec<&str> = command.split_whitespace().collect();
    crate::openssl_pki::openssl(dir, &args);
}

/// An `openssl ca` configuration whose files carry `prefix` (so two CAs share the directory).
fn ca_config(dir: &Path, prefix: &str, http_port: u16) -> String {
    format!(
        r#"
[ca]
default_ca = CA_default
[CA_default]
dir = {dir}
database = $dir/{prefix}index.txt
new_certs_dir = $dir/newcerts
serial = $dir/{prefix}serial
crlnumber = $dir/{prefix}crlnumber
certificate = $dir/{prefix}ca.pem
private_key = $dir/{prefix}ca.key
default_md = sha256
default_days = 30
default_crl_days = 1
policy = policy_any
unique_subject = no
copy_extensions = none
[policy_any]
countryName = optional
organizationName = optional
commonName = supplied
serialNumber = optional
[req]
distinguished_name = req_dn
[req_dn]
[v3_ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[v3_leaf]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
extendedKeyUsage = clientAuth,emailProtection
authorityKeyIdentifier = keyid
crlDistributionPoints = URI:http://127.0.0.1:{http_port}/cdp/ca.crl
[v3_ocsp]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = OCSPSigning
[delta_ext]
deltaCRL = critical,ASN1:INTEGER:1
"#,
        dir = dir.display()
    )
}

fn build_fixture() -> Fixture {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    // Remove directories of earlier runs whose process is gone.
    for old in std::fs::read_dir(&tmp).into_iter().flatten().flatten() {
        let name = old.file_name().to_string_lossy().to_string();
        if let Some(pid) = name.strip_prefix("revocation-") {
            if !Path::new("/proc").join(pid).exists() {
                let _ = std::fs::remove_dir_all(old.path());
            }
        }
    }
    let dir = tmp.join(format!("revocation-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("newcerts")).expect("temp dir");
    let hits = Arc::new(Mutex::new(HashMap::new()));
    let http_port = start_http_server(dir.clone(), hits.clone());
    let created = OffsetDateTime::now_utc() - time::Duration::seconds(2);
    let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).expect("write");
    let ossl = |command: &str| openssl(&dir, command);

    for p in ["", "evil-"] {
        write(&format!("{p}ca.cnf"), &ca_config(&dir, p, http_port));
        write(&format!("{p}index.txt"), "");
        write(&format!("{p}index.txt.attr"), "unique_subject = no\n");
        write(&format!("{p}serial"), "1000\n");
        write(&format!("{p}crlnumber"), "01\n");
        // Same subject for both CAs: only the signature tells the evil CA's CRL apart.
        ossl(&format!(
            "req -x509 -newkey rsa:2048 -nodes -keyout {p}ca.key -out {p}ca.pem -days 30 \
         -subj {SUBJECT_CA} -config {p}ca.cnf -extensions v3_ca"
        ));
    }
    let request = |name: &str| {
        ossl(&format!(
            "req -new -newkey rsa:2048 -nodes -keyout {name}.key -out {name}.csr \
         -subj /C=KZ/CN={} -config ca.cnf",
            name.to_uppercase()
        ));
    };
    let issue = |name: &str, ca: &str, ext: &str, extra: &str| {
        request(name);
        ossl(&format!(
            "ca -batch -notext -config {ca} -extensions {ext} -in {name}.csr -out {name}.pem {extra}"
        ));
    };
    issue("alice", "ca.cnf", "v3_leaf", "");
    issue("bob", "ca.cnf", "v3_leaf", "");
    issue("carol", "ca.cnf", "v3_leaf", "");
    // The responder certificate is valid from a day ago, so that checks done with a `now`
    // some minutes in the past still find it valid.
    let d = OffsetDateTime::now_utc() - time::Duration::days(1);
    let (y, m, day) = (d.year() % 100, u8::from(d.month()), d.day());
    let (h, min, sec) = (d.hour(), d.minute(), d.second());
    let start = format!("{y:02}{m:02}{day:02}{h:02}{min:02}{sec:02}Z");
    issue("ocsp", "ca.cnf", "v3_ocsp", &format!("-startdate {start}"));
    // OCSPSigning certificate from the evil CA (same issuer name, different key).
    issue("evil-ocsp", "evil-ca.cnf", "v3_ocsp", "");
    // dave is signed by the CA key outside `openssl ca`, so index.txt does not know him.
    request("dave");
    ossl(
        "x509 -req -in dave.csr -CA ca.pem -CAkey ca.key -set_serial 0x7777 -days 30 \
         -out dave.pem -extfile ca.cnf -extensions v3_leaf",
    );

    // Base CRL (number 1) with bob, then carol revoked and a delta CRL (number 2, base 1).
    ossl("ca -config ca.cnf -revoke bob.pem -crl_reason keyCompromise");
    ossl("ca -config ca.cnf -gencrl -out ca.crl.pem");
    ossl("ca -config ca.cnf -revoke carol.pem -crl_reason cessationOfOperation");
    ossl("ca -config ca.cnf -gencrl -crlexts delta_ext -out delta.crl.pem");
    // A CRL signed by the evil key under the CA's name, listing nobody.
    ossl("ca -config evil-ca.cnf -gencrl -out evil.crl.pem");
    for crl in ["ca", "delta", "evil"] {
        ossl(&format!(
            "crl -in {crl}.crl.pem -outform DER -out {crl}.crl"
        ));
    }

    // Hostile inputs: random bytes, a truncated CRL, oversized bodies.
    let mut state: u32 = 0x1234_5678;
    let garbage: Vec<u8> = (0..4096)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (state >> 16) as u8
        })
        .collect();
    std::fs::write(dir.join("garbage.bin"), garbage).unwrap();
    let crl = std::fs::read(dir.join("ca.crl")).unwrap();
    std::fs::write(dir.join("truncated.crl"), &crl[..crl.len() / 2]).unwrap();
    std::fs::write(dir.join("big.bin"), vec![0x30u8; 2 << 20]).unwrap();
    let huge = std::fs::File::create(dir.join("huge.crl")).unwrap();
    huge.set_len(21 << 20).unwrap(); // sparse: takes no disk space

    let cert = |name: &str| {
        let pem = std::fs::read(dir.join(format!("{name}.pem"))).unwrap();
        Certificate::from_pem(&pem).expect("parse certificate")
    };
    Fixture {
        ca: cert("ca"),
        alice: cert("alice"),
        bob: cert("bob"),
        carol: cert("carol"),
        dave: cert("dave"),
        dir,
        http_port,
        hits,
        created,
    }
}

/// A tiny HTTP/1.0 server: any method, serves `dir/<last path segment>`, counts hits per path.
fn start_http_server(dir: PathBuf, hits: Arc<Mutex<HashMap<String, usize>>>) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind http");
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let _ = serve(stream, &dir, &hits);
        }
    });
    port
}

fn serve(
    mut stream: TcpStream,
    dir: &Path,
    hits: &Mutex<HashMap<String, usize>>,
) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = std::io::BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut content_length = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                content_length = value.trim().parse().unwrap_or(0).min(1 << 20);
            }
        }
    }
    let mut body = vec![0; content_length];
    reader.read_exact(&mut body)?;
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_string();
    *hits.lock().unwrap().entry(path.clone()).or_default() += 1;
    let name = path.rsplit('/').next().unwrap_or("");
    let file = (!name.is_empty() && !name.contains(".."))
        .then(|| std::fs::read(dir.join(name)).ok())
        .flatten();
    match file {
        Some(bytes) => {
            write!(stream, "HTTP/1.0 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", bytes.len())?;
            stream.write_all(&bytes)?;
        }
        None => write!(
            stream,
            "HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )?,
    }
    stream.flush()
}

fn hits(path: &str) -> usize {
    fixture()
        .hits
        .lock()
        .unwrap()
        .get(path)
        .copied()
        .unwrap_or(0)
}

/// `openssl ocsp` serving index.txt, signing with `<signer>.pem`/`<signer>.key`; killed on drop.
struct Responder {
    child: tokio::process::Child,
    url: String,
}

async fn start_responder(signer: &str) -> Responder {
    start_responder_with(signer, &[]).await
}

async fn start_responder_with(signer: &str, extra: &[&str]) -> Responder {
    let f = fixture();
    let mut child = tokio::process::Command::new("openssl")
        .current_dir(&f.dir)
        .args([
            "ocsp",
            "-index",
            "index.txt",
            "-port",
            "0",
            "-CA",
            "ca.pem",
            "-ignore_err",
        ])
        .args([
            "-rsigner",
            &format!("{signer}.pem"),
            "-rkey",
            &format!("{signer}.key"),
        ])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn openssl ocsp");
    // It prints "ACCEPT [::]:PORT PID=..." once listening (port 0: the kernel picks a free one).
    // Read with std I/O on a blocking thread.
    let stdout = child
        .stdout
        .take()
        .unwrap()
        .into_owned_fd()
        .expect("responder stdout");
    let reading = tokio::task::spawn_blocking(move || {
        let mut lines = std::io::BufReader::new(std::fs::File::from(stdout)).lines();
        for line in lines.by_ref() {
            let line = line.expect("read responder output");
            if let Some(rest) = line.strip_prefix("ACCEPT ") {
                let addr = rest.split_whitespace().next().unwrap_or("");
                let port = addr
                    .rsplit(':')
                    .next()
                    .and_then(|p| p.parse::<u16>().ok())
                    .expect("port");
                // Keep draining so the responder never blocks on a full pipe.
                std::thread::spawn(move || lines.for_each(drop));
                return port;
            }
        }
        panic!("openssl ocsp exited before listening");
    });
    let port = tokio::time::timeout(Duration::from_secs(30), reading)
        .await
        .expect("responder did not start")
        .expect("responder output reader");
    Responder {
        child,
        url: format!("http://127.0.0.1:{port}/"),
    }
}

/// A URL where nothing listens.
fn dead_url() -> String {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    format!("http://127.0.0.1:{port}/")
}

fn url(path: &str) -> String {
    format!("http://127.0.0.1:{}{path}", fixture().http_port)
}

fn revocation(ocsp_url: Option<String>, crl_files: &[&str], crl_urls: Vec<String>) -> Revocation {
    let f = fixture();
    let config = RevocationConfig {
        crl_files: crl_files.iter().map(|n| f.dir.join(n)).collect(),
        crl_urls,
        use_distribution_points: false,
        ocsp_url,
        timeout: Duration::from_secs(5),
        ..RevocationConfig::default()
    };
    Revocation::new(config, Arc::new(AnyAlgorithm))
}

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

fn assert_revoked(result: Result<Status, RevocationError>, reason: &str) -> OffsetDateTime {
    match result {
        Ok(Status::Revoked { at, reason: got }) => {
            assert_eq!(got.as_deref(), Some(reason));
            assert!(
                at >= fixture().created && at <= now(),
                "revocation time {at}"
            );
            at
        }
        other => panic!("expected revoked ({reason}), got {other:?}"),
    }
}

fn assert_unavailable(result: Result<Status, RevocationError>, note: &str) {
    match result {
        Err(RevocationError::Unavailable(text)) => assert!(text.contains(note), "{text}"),
        other => panic!("expected Unavailable containing {note:?}, got {other:?}"),
    }
}

#[test]
fn revocation_is_send_sync_and_its_future_is_send() {
    fn send_sync<T: Send + Sync>(_: &T) {}
    fn send<F: Send>(_: F) {}
    let f = fixture();
    let rev = revocation(None, &[], vec![]);
    send_sync(&rev);
    send(rev.status(&f.alice, &f.ca, now()));
}
