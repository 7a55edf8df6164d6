//! The demo CA's certificate revocation list (RFC 5280 §5), DER, signed
//! with the CA's key: what `nomir demo-pki` writes as `root-ca.crl` and
//! demo mode checks every signer against. Written by hand on x509-cert's
//! types: the crate has no CRL builder.

use der::asn1::{BitString, OctetString};
use der::Encode;
use rsa::pkcs1v15::SigningKey;
use rsa::signature::{SignatureEncoding, Signer};
use sha2::Sha256;
use spki::AlgorithmIdentifierOwned;
use x509_cert::crl::{CertificateList, RevokedCert, TbsCertList};
use x509_cert::ext::Extension;
use x509_cert::serial_number::SerialNumber;
use x509_cert::Version;

use super::sign::KeyPair;
use crate::adapters::eds::oids::SHA256_WITH_RSA;

/// The CRL number extension's identifier.
const CRL_NUMBER: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("2.5.29.20");

/// A CRL of `ca` listing `revoked` (serial, RFC 3339 revocation time),
/// current from 2025 to 2045 so the committed fixture stays usable.
pub fn issue(
    ca: &KeyPair,
    revoked: &[(SerialNumber, &str)],
    number: u32,
) -> anyhow::Result<Vec<u8>> {
    let span = super::issue::validity("2025-01-01T00:00:00Z", "2045-01-01T00:00:00Z")?;
    let algorithm = AlgorithmIdentifierOwned {
        oid: SHA256_WITH_RSA,
        parameters: Some(der::asn1::Null.into()),
    };
    let mut entries = Vec::new();
    for (serial, at) in revoked {
        entries.push(RevokedCert {
            serial_number: serial.clone(),
            revocation_date: super::issue::validity(at, at)?.not_before,
            crl_entry_extensions: None,
        });
    }
    let tbs = TbsCertList {
        version: Version::V2,
        signature: algorithm.clone(),
        issuer: ca.certificate.tbs_certificate.subject.clone(),
        this_update: span.not_before,
        next_update: Some(span.not_after),
        revoked_certificates: (!entries.is_empty()).then_some(entries),
        crl_extensions: Some(vec![Extension {
            extn_id: CRL_NUMBER,
            critical: false,
            extn_value: OctetString::new(number.to_der()?)?,
        }]),
    };
    let signer = SigningKey::<Sha256>::new(ca.key.clone());
    let signature = signer.try_sign(&tbs.to_der()?)?.to_vec();
    let list = CertificateList {
        tbs_cert_list: tbs,
        signature_algorithm: algorithm,
        signature: BitString::from_bytes(&signature)?,
    };
    Ok(list.to_der()?)
}
