//! Signature verifications per second on one core, for RSA-2048, ECDSA
//! P-256 and GOST R 34.10-2015 (512 bits), each a CMS made by `openssl cms`
//! under a CA made by `openssl`, verified in full (CMS, signature, chain,
//! key usage) with revocation asked of a real `openssl ocsp` responder on
//! loopback: once with the answer cached, once with the cache cleared
//! before every verification (a round trip each). Run:
//!
//!     cargo bench -p kz-eds --bench verify
//!
//! Needs openssl with the GOST engine (libengine-gost-openssl) for the GOST
//! row; without it the row is skipped. `NOMIR_BENCH_SECONDS` sets how long
//! each row runs (default 3).

// The tests' openssl PKI; the bench uses only a part of it.
#[allow(dead_code)]
#[path = "../tests/it/openssl_pki.rs"]
mod openssl_pki;

use std::io::BufRead;
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use kz_eds::revocation::{Revocation, RevocationConfig};
use kz_eds::{AnyAlgorithm, CmsVerifier, RevocationCheck};
use kz_eds::{KeyPurpose, SignatureError};
use openssl_pki::{gost_engine, KeyAlg, Pki};
use time::OffsetDateTime;
use x509_cert::Certificate;

const DOC: &[u8] =
    b"nomir-request/1\nrequest-id: bench\niin: 900515410001\nmsisdn: +77011234567\npurpose: bind\n";

const GOST_ENGINE_CONF: &str = "openssl_conf = openssl_init
[openssl_init]
engines = engine_section
[engine_section]
gost = gost_section
[gost_section]
engine_id = gost
default_algorithms = ALL
";

/// Revocation with the cache kept, or cleared before each question.
struct Ocsp {
    revocation: Revocation,
    cached: bool,
}

#[async_trait::async_trait]
impl RevocationCheck for Ocsp {
    async fn check(
        &self,
        cert: &Certificate,
        issuer: &Certificate,
        now: OffsetDateTime,
    ) -> Result<(), SignatureError> {
        if !self.cached {
            self.revocation.clear_cache().await;
        }
        match self.revocation.status(cert, issuer, now).await {
            Ok(kz_eds::revocation::Status::Good) => Ok(()),
            other => Err(SignatureError::RevocationUnavailable(format!("{other:?}"))),
        }
    }
}

fn responder(pki: &Pki, ca: &str, leaf: &str, alg: KeyAlg) -> (Child, String) {
    let serial = Command::new("openssl")
        .args(["x509", "-noout", "-serial", "-in"])
        .arg(pki.path(&format!("{leaf}.pem")))
        .output()
        .expect("openssl x509");
    let serial = String::from_utf8_lossy(&serial.stdout)
        .trim()
        .trim_start_matches("serial=")
        .to_owned();
    let index = pki.path(&format!("{ca}.index"));
    std::fs::write(
        &index,
        format!("V\t360101000000Z\t\t{serial}\tunknown\t/CN={leaf}\n"),
    )
    .unwrap();
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut cmd = Command::new("openssl");
    cmd.arg("ocsp");
    if matches!(alg, KeyAlg::Gost512 | KeyAlg::Gost256) {
        // `openssl ocsp` takes no -engine: a configuration file loads it.
        let conf = pki.path("gost-engine.cnf");
        std::fs::write(&conf, GOST_ENGINE_CONF).unwrap();
        cmd.env("OPENSSL_CONF", conf);
    }
    let mut child = cmd
        .arg("-index")
        .arg(&index)
        .args(["-ignore_err", "-port", &port.to_string(), "-CA"])
        .arg(pki.path(&format!("{ca}.pem")))
        .arg("-rsigner")
        .arg(pki.path(&format!("{ca}.pem")))
        .arg("-rkey")
        .arg(pki.path(&format!("{ca}.key")))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("openssl ocsp");
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    (child, format!("http://127.0.0.1:{port}/"))
}

async fn row(name: &str, pki: &Pki, ca: &str, leaf: &str, alg: KeyAlg, seconds: u64) {
    let cms = pki.sign(leaf, alg, &[], DOC);
    let root = Certificate::load_pem_chain(&std::fs::read(pki.path(&format!("{ca}.pem"))).unwrap())
        .unwrap();
    let (mut child, url) = responder(pki, ca, leaf, alg);
    for cached in [true, false] {
        let config = RevocationConfig {
            ocsp_url: Some(url.clone()),
            ..RevocationConfig::default()
        };
        let revocation = Ocsp {
            revocation: Revocation::new(config, Arc::new(AnyAlgorithm)),
            cached,
        };
        let verifier = CmsVerifier::new(root.clone(), Arc::new(revocation));
        let now = OffsetDateTime::now_utc();
        verifier
            .verify_cms(&cms, Some(DOC), KeyPurpose::Sign, now)
            .await
            .expect("the benchmark signature verifies");
        let start = Instant::now();
        let mut n = 0u64;
        while start.elapsed() < Duration::from_secs(seconds) {
            verifier
                .verify_cms(&cms, Some(DOC), KeyPurpose::Sign, now)
                .await
                .unwrap();
            n += 1;
        }
        let per_second = n as f64 / start.elapsed().as_secs_f64();
        let label = if cached {
            "cached OCSP answer"
        } else {
            "OCSP asked each time"
        };
        println!("{name:<10} {label:<22} {per_second:>9.0} verifications/s");
    }
    let _ = child.kill();
    let _ = child.wait();
}

fn main() {
    let seconds = std::env::var("NOMIR_BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let pki = Pki::new();
    let person = Pki::person("900515410001");
    pki.root("rsa_root", KeyAlg::Rsa);
    pki.issue("rsa_leaf", "rsa_root", KeyAlg::Rsa, &person, "sign", "365");
    pki.root("ec_root", KeyAlg::P256);
    pki.issue("ec_leaf", "ec_root", KeyAlg::P256, &person, "sign", "365");
    runtime.block_on(row(
        "RSA-2048",
        &pki,
        "rsa_root",
        "rsa_leaf",
        KeyAlg::Rsa,
        seconds,
    ));
    runtime.block_on(row(
        "P-256",
        &pki,
        "ec_root",
        "ec_leaf",
        KeyAlg::P256,
        seconds,
    ));
    if gost_engine() {
        pki.root("gost_root", KeyAlg::Gost512);
        pki.issue(
            "gost_leaf",
            "gost_root",
            KeyAlg::Gost512,
            &person,
            "sign",
            "365",
        );
        runtime.block_on(row(
            "GOST-512",
            &pki,
            "gost_root",
            "gost_leaf",
            KeyAlg::Gost512,
            seconds,
        ));
    } else {
        println!("GOST-512   skipped: openssl's GOST engine is not installed");
    }
}
