//! The demo organisations' seal certificates: legal-entity signing keys
//! shaped like NCA RK's (`CN, SURNAME, SERIALNUMBER=IIN…, C=KZ, O=…,
//! OU=BIN…`; EKU emailProtection with the key user "legal entity" and
//! "first head"), issued by the demo CA. The provider's seals result
//! documents in demo mode; the other organisation's is for tests (a valid
//! seal of someone else).

use std::path::Path;

use rsa::pkcs1v15::SigningKey;
use sha2::Sha256;
use spki::SubjectPublicKeyInfoOwned;
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::ext::pkix::ExtendedKeyUsage;
use x509_cert::time::Validity;
use x509_cert::Certificate;

use super::issue::{new_key, serial, spki, validity, write_pair};
use super::sign::KeyPair;
use crate::adapters::eds::names::build_name;
use crate::adapters::eds::oids::*;

/// NCA key user "first head of a legal entity" (inside the EKU).
const EKU_FIRST_HEAD: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.2.398.3.3.4.1.2.1");

/// An organisation and the person its seal key is issued to.
pub struct Organisation {
    pub name: &'static str,
    pub bin: &'static str,
    pub head_iin: &'static str,
    pub head_name: &'static str,
    /// The files' stem, in the demo PKI directory.
    pub stem: &'static str,
}

/// The demo service provider (a fictional BIN; trusted in demo mode only).
pub const PROVIDER: Organisation = Organisation {
    name: "NOMIR DEMO: ҚР ЦИФРЛЫҚ ДАМУ, ИННОВАЦИЯЛАР ЖӘНЕ АЭРОҒАРЫШ ӨНЕРКӘСІБІ МИНИСТРЛІГІ",
    bin: "260140000015",
    head_iin: "850101300025",
    head_name: "ЕРМЕКОВ АСХАТ",
    stem: "provider-seal",
};

/// Another legal entity with a valid seal: not the provider.
pub const OTHER: Organisation = Organisation {
    name: "NOMIR DEMO: «БАСҚА ҰЙЫМ» ЖШС",
    bin: "260540000097",
    head_iin: "870202400034",
    head_name: "ТЕСТОВ ТЕСТ",
    stem: "test/other-organisation-seal",
};

/// A seal certificate of `org` for `public_key`, issued by `ca`.
fn seal_certificate(
    ca: &KeyPair,
    public_key: SubjectPublicKeyInfoOwned,
    org: &Organisation,
    validity: Validity,
) -> anyhow::Result<Certificate> {
    let surname = org
        .head_name
        .split_whitespace()
        .next()
        .unwrap_or(org.head_name);
    let serial_attr = format!("IIN{}", org.head_iin);
    let unit = format!("BIN{}", org.bin);
    let subject = build_name(&[
        (AT_COMMON_NAME, org.head_name),
        (AT_SURNAME, surname),
        (AT_SERIAL_NUMBER, &serial_attr),
        (AT_COUNTRY, "KZ"),
        (AT_ORGANIZATION, org.name),
        (AT_ORGANIZATIONAL_UNIT, &unit),
    ])?;
    // Key usage digitalSignature and nonRepudiation: a signing key.
    let profile = Profile::Leaf {
        issuer: ca.certificate.tbs_certificate.subject.clone(),
        enable_key_agreement: false,
        enable_key_encipherment: false,
    };
    let signer = SigningKey::<Sha256>::new(ca.key.clone());
    let mut builder =
        CertificateBuilder::new(profile, serial()?, validity, subject, public_key, &signer)?;
    builder.add_extension(&ExtendedKeyUsage(vec![
        EKU_SIGNING,
        EKU_LEGAL_ENTITY,
        EKU_FIRST_HEAD,
    ]))?;
    Ok(builder.build::<rsa::pkcs1v15::Signature>()?)
}

/// Issues both organisations' seals with new keys into `out`.
pub fn generate(out: &Path, ca: &KeyPair) -> anyhow::Result<()> {
    std::fs::create_dir_all(out.join("test"))?;
    for org in [&PROVIDER, &OTHER] {
        let key = new_key()?;
        let certificate = seal_certificate(
            ca,
            spki(&key)?,
            org,
            validity("2026-01-01T00:00:00Z", "2036-01-01T00:00:00Z")?,
        )?;
        write_pair(out, org.stem, &KeyPair { certificate, key })?;
    }
    Ok(())
}

/// Issues the seals from the demo CA already in `out` (`root-ca.pem`,
/// `root-ca.key.pem`), leaving every other certificate as it is.
pub fn generate_from_stored_ca(out: &Path) -> anyhow::Result<()> {
    let ca = KeyPair::load(out, "root-ca")?;
    generate(out, &ca)
}
