//! Which key a certificate holds and whose it is (NCA RK practice, see the
//! reference on certificates): a signing key has key usage
//! nonRepudiation and the EKU emailProtection; an authentication key has
//! digitalSignature and the EKU clientAuth. The key user is an EKU purpose:
//! `1.2.398.3.3.4.1.1` an individual, `1.2.398.3.3.4.1.2…` a legal entity.
//! Older certificates without it fall back on the certificate policy, then
//! on the subject (an `OU=BIN…` or an `O=` names an organisation).

use x509_cert::ext::pkix::{CertificatePolicies, ExtendedKeyUsage, KeyUsage, KeyUsages};
use x509_cert::Certificate;

use super::chain::extension;
use super::names::attribute;
use super::oids::*;
use crate::{KeyPurpose, SignatureError};

fn eku(cert: &Certificate) -> Result<Vec<der::asn1::ObjectIdentifier>, SignatureError> {
    Ok(extension::<ExtendedKeyUsage>(cert)?
        .map(|e| e.0)
        .unwrap_or_default())
}

fn policies(cert: &Certificate) -> Result<Vec<der::asn1::ObjectIdentifier>, SignatureError> {
    Ok(extension::<CertificatePolicies>(cert)?
        .map(|p| p.0.into_iter().map(|i| i.policy_identifier).collect())
        .unwrap_or_default())
}

/// The purpose the certificate's key serves, if it says.
fn purpose_of(cert: &Certificate) -> Result<Option<KeyPurpose>, SignatureError> {
    let eku = eku(cert)?;
    let usage = extension::<KeyUsage>(cert)?.map(|KeyUsage(u)| u);
    let policies = policies(cert)?;
    let signs = eku.contains(&EKU_SIGNING)
        || policies.contains(&POLICY_INDIVIDUAL_SIGN)
        || policies.contains(&POLICY_LEGAL_SIGN);
    let authenticates = eku.contains(&EKU_CLIENT_AUTH)
        || policies.contains(&POLICY_INDIVIDUAL_AUTH)
        || policies.contains(&POLICY_LEGAL_AUTH);
    let non_repudiation = usage.is_none_or(|u| u.contains(KeyUsages::NonRepudiation));
    let digital_signature = usage.is_none_or(|u| u.contains(KeyUsages::DigitalSignature));
    Ok(if signs && !authenticates && non_repudiation {
        Some(KeyPurpose::Sign)
    } else if authenticates && !signs && digital_signature {
        Some(KeyPurpose::Auth)
    } else {
        None
    })
}

/// Whether the certificate is a legal entity's (or an employee's).
fn legal_entity(cert: &Certificate) -> Result<bool, SignatureError> {
    let eku = eku(cert)?;
    let individual = eku.contains(&EKU_INDIVIDUAL);
    let legal = eku
        .iter()
        .any(|o| *o == EKU_LEGAL_ENTITY || o.to_string().starts_with("1.2.398.3.3.4.1.2."));
    if individual || legal {
        return Ok(legal);
    }
    let policies = policies(cert)?;
    if policies.contains(&POLICY_INDIVIDUAL_SIGN) || policies.contains(&POLICY_INDIVIDUAL_AUTH) {
        return Ok(false);
    }
    if policies.contains(&POLICY_LEGAL_SIGN) || policies.contains(&POLICY_LEGAL_AUTH) {
        return Ok(true);
    }
    let subject = &cert.tbs_certificate.subject;
    Ok(attribute(subject, AT_ORGANIZATION).is_some()
        || attribute(subject, AT_ORGANIZATIONAL_UNIT).is_some_and(|ou| ou.starts_with("BIN")))
}

/// Checks the leaf is a legal entity's signing key: what seals the
/// provider's documents.
pub fn check_organisation(cert: &Certificate) -> Result<(), SignatureError> {
    if !legal_entity(cert)? {
        return Err(SignatureError::NotAnOrganisation);
    }
    if purpose_of(cert)? != Some(KeyPurpose::Sign) {
        return Err(SignatureError::WrongKey {
            expected: KeyPurpose::Sign,
        });
    }
    Ok(())
}

/// Checks the leaf is an individual's key of the `purpose` kind.
pub fn check(cert: &Certificate, purpose: KeyPurpose) -> Result<(), SignatureError> {
    if legal_entity(cert)? {
        return Err(SignatureError::LegalEntity);
    }
    if purpose_of(cert)? != Some(purpose) {
        return Err(SignatureError::WrongKey { expected: purpose });
    }
    Ok(())
}
