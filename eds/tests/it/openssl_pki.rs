//! A throw-away PKI made with the `openssl` command line, an implementation
//! independent of ours: CAs, citizens' certificates shaped like NCA RK's
//! (and deliberately wrong ones), and CMS signatures made by `openssl cms`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs openssl in `dir`; panics with its output when it fails.
pub fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("openssl runs");
    assert!(
        out.status.success(),
        "openssl {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The extension sections the certificates below use.
const EXTENSIONS: &str = r#"
[ca]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ca_pathlen0]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ca_without_certsign]
basicConstraints = critical, CA:true
keyUsage = critical, digitalSignature, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[not_ca]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation, keyCertSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[sign]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = emailProtection, 1.2.398.3.3.4.1.1
certificatePolicies = 1.2.398.3.3.2.3
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[auth]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth, 1.2.398.3.3.4.1.1
certificatePolicies = 1.2.398.3.3.2.4
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[old_sign]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = emailProtection
certificatePolicies = 1.2.398.3.3.2.3
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[legal_sign]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = emailProtection, 1.2.398.3.3.4.1.2, 1.2.398.3.3.4.1.2.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[no_nonrepudiation]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = emailProtection, 1.2.398.3.3.4.1.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[unknown_critical]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = emailProtection, 1.2.398.3.3.4.1.1
1.2.3.4.5.6.7 = critical, ASN1:NULL
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[leaf_as_ca]
basicConstraints = critical, CA:true
keyUsage = critical, digitalSignature, nonRepudiation, keyCertSign
extendedKeyUsage = emailProtection, 1.2.398.3.3.4.1.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
"#;

/// Key algorithms openssl can make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAlg {
    Rsa,
    P256,
    /// GOST R 34.10-2012/2015, 512 bits, TC 26 parameter set A (engine gost).
    Gost512,
    /// GOST R 34.10-2012/2015, 256 bits, TC 26 parameter set A (engine gost).
    Gost256,
}

impl KeyAlg {
    fn genpkey(self) -> Vec<&'static str> {
        match self {
            Self::Rsa => vec!["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
            Self::P256 => vec!["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
            Self::Gost512 => vec![
                "-engine",
                "gost",
                "-algorithm",
                "gost2012_512",
                "-pkeyopt",
                "paramset:A",
            ],
            Self::Gost256 => vec![
                "-engine",
                "gost",
                "-algorithm",
                "gost2012_256",
                "-pkeyopt",
                "paramset:TCA",
            ],
        }
    }

    fn engine(self) -> Vec<&'static str> {
        match self {
            Self::Gost512 | Self::Gost256 => vec!["-engine", "gost"],
            _ => vec![],
        }
    }

    fn digest(self) -> &'static str {
        match self {
            Self::Gost512 => "md_gost12_512",
            Self::Gost256 => "md_gost12_256",
            _ => "sha256",
        }
    }
}

/// A directory holding keys and certificates by name (`NAME.pem`, `NAME.key`).
pub struct Pki {
    pub dir: PathBuf,
    /// Each name's key algorithm: an issuer signs with its own digest.
    algs: std::sync::Mutex<std::collections::HashMap<String, KeyAlg>>,
    _temp: TempDir,
}

struct TempDir(PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Whether this machine's openssl has the GOST engine; the test script
/// installs it and sets NOMIR_REQUIRE_GOST_ENGINE, so there it must.
pub fn gost_engine() -> bool {
    let ok = Command::new("openssl")
        .args(["engine", "-t", "gost"])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok || std::env::var_os("NOMIR_REQUIRE_GOST_ENGINE").is_none(),
        "openssl's GOST engine is required (apt-get install libengine-gost-openssl)"
    );
    ok
}

impl Pki {
    pub fn new() -> Self {
        let dir = std::env::temp_dir().join(format!("nomir-pki-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        // `req` needs a distinguished_name section; give it one.
        let cnf = format!("{EXTENSIONS}\n[req]\ndistinguished_name = dn\n[dn]\n");
        std::fs::write(dir.join("ext.cnf"), cnf).unwrap();
        Self {
            dir: dir.clone(),
            algs: Default::default(),
            _temp: TempDir(dir),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    fn key(&self, name: &str, alg: KeyAlg) {
        self.algs.lock().unwrap().insert(name.to_owned(), alg);
        let key = format!("{name}.key");
        let mut args = vec!["genpkey"];
        args.extend(alg.genpkey());
        args.extend(["-out", &key]);
        openssl(&self.dir, &args);
    }

    /// A self-signed root CA.
    pub fn root(&self, name: &str, alg: KeyAlg) {
        self.self_signed(name, alg, &format!("/CN={name}/C=KZ"), "ca");
    }

    /// A self-signed certificate for `subject` with extension section `profile`.
    pub fn self_signed(&self, name: &str, alg: KeyAlg, subject: &str, profile: &str) {
        self.key(name, alg);
        let (key, cert) = (format!("{name}.key"), format!("{name}.pem"));
        let md = format!("-{}", alg.digest());
        let mut args = vec!["req"];
        args.extend(alg.engine());
        args.extend([
            "-x509",
            "-new",
            "-utf8",
            "-key",
            &key,
            "-subj",
            subject,
            "-days",
            "3650",
            &md,
            "-config",
            "ext.cnf",
            "-extensions",
            profile,
            "-out",
            &cert,
        ]);
        openssl(&self.dir, &args);
    }

    /// A certificate for `subject` issued by `issuer`, with extension section `profile`.
    pub fn issue(
        &self,
        name: &str,
        issuer: &str,
        alg: KeyAlg,
        subject: &str,
        profile: &str,
        days: &str,
    ) {
        self.key(name, alg);
        let (key, csr, cert) = (
            format!("{name}.key"),
            format!("{name}.csr"),
            format!("{name}.pem"),
        );
        let mut args = vec!["req"];
        args.extend(alg.engine());
        args.extend([
            "-new", "-utf8", "-key", &key, "-subj", subject, "-config", "ext.cnf", "-out", &csr,
        ]);
        openssl(&self.dir, &args);
        let (ca, ca_key) = (format!("{issuer}.pem"), format!("{issuer}.key"));
        let serial = format!("0x{}", &uuid::Uuid::new_v4().simple().to_string()[..16]);
        let issuer_alg = self.algs.lock().unwrap()[issuer];
        let md = format!("-{}", issuer_alg.digest());
        let mut args = vec!["x509"];
        args.extend(issuer_alg.engine());
        args.extend([
            "-req",
            "-in",
            &csr,
            "-CA",
            &ca,
            "-CAkey",
            &ca_key,
            "-set_serial",
            &serial,
            "-days",
            days,
            &md,
            "-extfile",
            "ext.cnf",
            "-extensions",
            profile,
            "-out",
            &cert,
        ]);
        openssl(&self.dir, &args);
    }

    /// An individual's certificate subject, as NCA RK writes it.
    pub fn person(iin: &str) -> String {
        format!("/CN=ТЕСТОВ ТЕСТ/SN=ТЕСТОВ/serialNumber=IIN{iin}/C=KZ/GN=ТЕСТОВИЧ")
    }

    /// A detached CMS over `content` by `signer`, with `extra` certificates
    /// (intermediates) included; DER.
    pub fn sign(&self, signer: &str, alg: KeyAlg, extra: &[&str], content: &[u8]) -> Vec<u8> {
        self.sign_with(signer, alg, extra, content, false)
    }

    /// As `sign`, the content attached (RSA).
    pub fn sign_attached_with_chain(
        &self,
        signer: &str,
        extra: &[&str],
        content: &[u8],
    ) -> Vec<u8> {
        self.sign_with(signer, KeyAlg::Rsa, extra, content, true)
    }

    fn sign_with(
        &self,
        signer: &str,
        alg: KeyAlg,
        extra: &[&str],
        content: &[u8],
        attach: bool,
    ) -> Vec<u8> {
        let id = uuid::Uuid::new_v4().simple().to_string();
        let (doc, out) = (format!("doc-{id}"), format!("cms-{id}.der"));
        std::fs::write(self.dir.join(&doc), content).unwrap();
        let chain = format!("chain-{id}.pem");
        let mut bundle = String::new();
        for name in extra {
            bundle
                .push_str(&std::fs::read_to_string(self.dir.join(format!("{name}.pem"))).unwrap());
        }
        std::fs::write(self.dir.join(&chain), bundle).unwrap();
        let (cert, key) = (format!("{signer}.pem"), format!("{signer}.key"));
        let mut args = vec!["cms"];
        args.extend(alg.engine());
        args.extend([
            "-sign",
            "-binary",
            "-nosmimecap",
            "-in",
            &doc,
            "-signer",
            &cert,
            "-inkey",
            &key,
            "-md",
            alg.digest(),
            "-outform",
            "DER",
            "-out",
            &out,
        ]);
        if !extra.is_empty() {
            args.extend(["-certfile", &chain]);
        }
        if attach {
            args.push("-nodetach");
        }
        openssl(&self.dir, &args);
        std::fs::read(self.dir.join(out)).unwrap()
    }
}
