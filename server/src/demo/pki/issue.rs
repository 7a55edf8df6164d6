//! Issuing the demo CA and certificates shaped like NCA RK's
//! (subject `CN, SURNAME, SERIALNUMBER=IIN…, C=KZ`; EKU with the key user).

use std::path::Path;
use std::time::Duration;

use der::EncodePem;
use rand::RngCore;
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::{EncodePrivateKey, LineEnding};
use rsa::RsaPrivateKey;
use sha2::Sha256;
use spki::{EncodePublicKey, SubjectPublicKeyInfoOwned};
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::ext::pkix::ExtendedKeyUsage;
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::{Time, Validity};
use x509_cert::Certificate;

use super::sign::KeyPair;
use crate::adapters::eds::names::build_name;
use crate::adapters::eds::oids::*;

/// Which of a citizen's two certificates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    Sign,
    Auth,
    /// The demo OCSP responder's key (EKU id-kp-OCSPSigning).
    Ocsp,
}

impl KeyKind {
    pub fn suffix(self) -> &'static str {
        match self {
            Self::Sign => "sign",
            Self::Auth => "auth",
            Self::Ocsp => "ocsp",
        }
    }
}

const KEY_BITS: usize = 2048;

pub fn new_key() -> anyhow::Result<RsaPrivateKey> {
    Ok(RsaPrivateKey::new(&mut rand::rngs::OsRng, KEY_BITS)?)
}

pub(super) fn serial() -> anyhow::Result<SerialNumber> {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes[0] &= 0x7f;
    bytes[0] |= 0x01;
    Ok(SerialNumber::new(&bytes)?)
}

pub(super) fn validity(from: &str, to: &str) -> anyhow::Result<Validity> {
    let at = |s: &str| -> anyhow::Result<Time> {
        let t = time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339)?;
        Ok(Time::try_from(
            std::time::UNIX_EPOCH + Duration::from_secs(u64::try_from(t.unix_timestamp())?),
        )?)
    };
    Ok(Validity {
        not_before: at(from)?,
        not_after: at(to)?,
    })
}

pub(super) fn spki(key: &RsaPrivateKey) -> anyhow::Result<SubjectPublicKeyInfoOwned> {
    let der = key.to_public_key().to_public_key_der()?;
    Ok(SubjectPublicKeyInfoOwned::try_from(der.as_bytes())?)
}

fn root(cn: &str, from: &str, to: &str) -> anyhow::Result<KeyPair> {
    let key = new_key()?;
    let subject = build_name(&[(AT_COMMON_NAME, cn), (AT_COUNTRY, "KZ")])?;
    let signer = SigningKey::<Sha256>::new(key.clone());
    let builder = CertificateBuilder::new(
        Profile::Root,
        serial()?,
        validity(from, to)?,
        subject,
        spki(&key)?,
        &signer,
    )?;
    let certificate = builder.build::<rsa::pkcs1v15::Signature>()?;
    Ok(KeyPair { certificate, key })
}

/// A person's certificate issued by `ca`, with a new key.
fn leaf(
    ca: &KeyPair,
    iin: &str,
    name: &str,
    kind: KeyKind,
    from: &str,
    to: &str,
) -> anyhow::Result<KeyPair> {
    let key = new_key()?;
    let certificate = person_certificate(ca, spki(&key)?, iin, name, kind, validity(from, to)?)?;
    Ok(KeyPair { certificate, key })
}

/// A person's certificate for `public_key`, issued by `ca` with NCA RK's
/// shape (also what the demo NCA issues for a certificate request).
pub(super) fn person_certificate(
    ca: &KeyPair,
    public_key: SubjectPublicKeyInfoOwned,
    iin: &str,
    name: &str,
    kind: KeyKind,
    validity: Validity,
) -> anyhow::Result<Certificate> {
    let surname = name.split_whitespace().next().unwrap_or(name);
    let serial_attr = format!("IIN{iin}");
    let subject = build_name(&[
        (AT_COMMON_NAME, name),
        (AT_SURNAME, surname),
        (AT_SERIAL_NUMBER, &serial_attr),
        (AT_COUNTRY, "KZ"),
    ])?;
    let profile = Profile::Leaf {
        issuer: ca.certificate.tbs_certificate.subject.clone(),
        enable_key_agreement: false,
        enable_key_encipherment: kind == KeyKind::Auth,
    };
    let signer = SigningKey::<Sha256>::new(ca.key.clone());
    let mut builder =
        CertificateBuilder::new(profile, serial()?, validity, subject, public_key, &signer)?;
    let purposes = match kind {
        KeyKind::Sign => vec![EKU_SIGNING, EKU_INDIVIDUAL],
        KeyKind::Auth => vec![EKU_CLIENT_AUTH, EKU_INDIVIDUAL],
        KeyKind::Ocsp => vec![EKU_OCSP_SIGNING],
    };
    builder.add_extension(&ExtendedKeyUsage(purposes))?;
    Ok(builder.build::<rsa::pkcs1v15::Signature>()?)
}

/// A certificate of `kind` for a generated person (load runs: every
/// person's certificates carry one shared key, as making an RSA key per
/// person would cost the run more than the service), valid a year from a
/// day ago.
pub fn for_generated_person(
    ca: &KeyPair,
    key: &RsaPrivateKey,
    iin: &str,
    name: &str,
    kind: KeyKind,
) -> anyhow::Result<Certificate> {
    let now = time::OffsetDateTime::now_utc();
    let rfc = |t: time::OffsetDateTime| t.format(&time::format_description::well_known::Rfc3339);
    let valid = validity(
        &rfc(now - time::Duration::days(1))?,
        &rfc(now + time::Duration::days(365))?,
    )?;
    person_certificate(ca, spki(key)?, iin, name, kind, valid)
}

fn write_cert(dir: &Path, stem: &str, cert: &Certificate) -> anyhow::Result<()> {
    std::fs::write(
        dir.join(format!("{stem}.pem")),
        cert.to_pem(LineEnding::LF)?,
    )?;
    Ok(())
}

pub(super) fn write_pair(dir: &Path, stem: &str, pair: &KeyPair) -> anyhow::Result<()> {
    write_cert(dir, stem, &pair.certificate)?;
    std::fs::write(
        dir.join(format!("{stem}.key.pem")),
        pair.key.to_pkcs8_pem(LineEnding::LF)?.as_bytes(),
    )?;
    Ok(())
}

/// The demo citizens' IINs and names as their certificates show them:
/// account holders, and people in the identity register without an
/// account yet (their first EDS sign-in opens one).
const CITIZENS: &str = include_str!("../../../demo-data/accounts.csv");
const REGISTER: &str = include_str!("../../../demo-data/identity_register.csv");

/// Every demo person's (IIN, name), once each.
fn people() -> anyhow::Result<Vec<(String, String)>> {
    let mut people: Vec<(String, String)> = Vec::new();
    for table in [CITIZENS, REGISTER] {
        let mut reader = csv::Reader::from_reader(table.as_bytes());
        for row in reader.records() {
            let row = row?;
            if !people.iter().any(|(iin, _)| iin == &row[0]) {
                people.push((row[0].to_owned(), row[1].to_uppercase()));
            }
        }
    }
    Ok(people)
}

/// Writes the demo PKI into `out`: `root-ca.pem`, `citizens/<iin>-{sign,auth}`,
/// and `test/` (an expired certificate and one under an untrusted root).
pub fn generate(out: &Path) -> anyhow::Result<()> {
    let citizens_dir = out.join(super::CITIZENS_SUBDIR);
    let test_dir = out.join("test");
    std::fs::create_dir_all(&citizens_dir)?;
    std::fs::create_dir_all(&test_dir)?;
    let ca = root(
        "NOMIR DEMO ROOT CA (RSA) — NOT FOR PRODUCTION",
        "2025-01-01T00:00:00Z",
        "2045-01-01T00:00:00Z",
    )?;
    write_cert(out, "root-ca", &ca.certificate)?;
    for (iin, name) in people()? {
        for kind in [KeyKind::Sign, KeyKind::Auth] {
            let pair = leaf(
                &ca,
                &iin,
                &name,
                kind,
                "2026-01-01T00:00:00Z",
                "2036-01-01T00:00:00Z",
            )?;
            write_pair(&citizens_dir, &format!("{iin}-{}", kind.suffix()), &pair)?;
        }
    }
    let expired = leaf(
        &ca,
        "900515410001",
        "САПАРОВА ӘЙГЕРІМ",
        KeyKind::Sign,
        "2024-01-01T00:00:00Z",
        "2025-01-01T00:00:00Z",
    )?;
    write_pair(&test_dir, "expired-900515410001-sign", &expired)?;
    let revoked = leaf(
        &ca,
        "900515410001",
        "САПАРОВА ӘЙГЕРІМ",
        KeyKind::Sign,
        "2026-01-01T00:00:00Z",
        "2036-01-01T00:00:00Z",
    )?;
    write_pair(&test_dir, "revoked-900515410001-sign", &revoked)?;
    // A person the identity register does not know, with no account.
    let stranger_person = leaf(
        &ca,
        "931111300053",
        "БЕЛГІСІЗ АДАМ",
        KeyKind::Auth,
        "2026-01-01T00:00:00Z",
        "2036-01-01T00:00:00Z",
    )?;
    write_pair(
        &test_dir,
        "unregistered-931111300053-auth",
        &stranger_person,
    )?;
    let responder = leaf(
        &ca,
        "000000000000",
        "NOMIR DEMO OCSP RESPONDER",
        KeyKind::Ocsp,
        "2025-01-01T00:00:00Z",
        "2045-01-01T00:00:00Z",
    )?;
    write_pair(out, "ocsp-responder", &responder)?;
    super::organisation::generate(out, &ca)?;
    std::fs::write(
        out.join("root-ca.key.pem"),
        ca.key.to_pkcs8_pem(LineEnding::LF)?.as_bytes(),
    )?;
    let revoked_serial = revoked.certificate.tbs_certificate.serial_number.clone();
    let list = super::crl::issue(&ca, &[(revoked_serial, "2026-06-01T00:00:00Z")], 1)?;
    std::fs::write(out.join("root-ca.crl"), list)?;
    let stranger = root(
        "UNTRUSTED TEST ROOT",
        "2025-01-01T00:00:00Z",
        "2045-01-01T00:00:00Z",
    )?;
    write_cert(&test_dir, "untrusted-root-ca", &stranger.certificate)?;
    let untrusted = leaf(
        &stranger,
        "900515410001",
        "САПАРОВА ӘЙГЕРІМ",
        KeyKind::Sign,
        "2026-01-01T00:00:00Z",
        "2036-01-01T00:00:00Z",
    )?;
    write_pair(&test_dir, "untrusted-900515410001-sign", &untrusted)?;
    Ok(())
}
