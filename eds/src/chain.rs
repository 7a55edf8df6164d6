//! The path from a signer's certificate to a trusted root (RFC 5280 §6, the
//! parts NCA RK's chains use): each issuer found by key identifier and
//! proven by its signature, never by name alone; every certificate valid at
//! signing time and now; issuers are CAs (basic constraints, path length,
//! key usage keyCertSign); the leaf is not a CA; unknown critical
//! extensions are refused anywhere in the path.

use der::Encode;
use time::OffsetDateTime;
use x509_cert::ext::pkix::{
    AuthorityKeyIdentifier, BasicConstraints, KeyUsage, KeyUsages, SubjectKeyIdentifier,
};
use x509_cert::Certificate;

use super::algorithms::PublicKey;
use super::oids::KNOWN_EXTENSIONS;
use crate::SignatureError;

/// The longest chain accepted (leaf, intermediates, root).
const MAX_DEPTH: usize = 6;

/// The most signature checks one CMS may cost: the signer's, then one per
/// issuer tried. A chain whose certificates name their issuers' keys needs
/// one per link (at most [`MAX_DEPTH`]); the rest is room for a few
/// candidates without key identifiers. With at most 10 certificates per
/// CMS the search is bounded anyway; this makes the bound explicit and
/// small, whatever the roots and the pool.
pub const MAX_SIGNATURE_CHECKS: usize = 16;

/// The signature checks a CMS has left.
#[derive(Debug)]
pub struct CheckBudget(usize);

impl CheckBudget {
    pub fn new() -> Self {
        Self(MAX_SIGNATURE_CHECKS)
    }

    #[cfg(test)]
    fn of(n: usize) -> Self {
        Self(n)
    }

    /// Takes one check, or refuses the CMS: it asks for too many.
    pub fn spend(&mut self) -> Result<(), SignatureError> {
        self.0 = self.0.checked_sub(1).ok_or_else(|| {
            SignatureError::Malformed(format!(
                "the signature needs more than {MAX_SIGNATURE_CHECKS} signature checks"
            ))
        })?;
        Ok(())
    }
}

impl Default for CheckBudget {
    fn default() -> Self {
        Self::new()
    }
}

/// A certificate with its public key read once.
#[derive(Debug, Clone)]
pub struct Known {
    pub cert: Certificate,
    pub key: Result<PublicKey, SignatureError>,
    ski: Option<Vec<u8>>,
}

impl Known {
    pub fn new(cert: Certificate) -> Self {
        let key = PublicKey::from_spki(&cert.tbs_certificate.subject_public_key_info);
        let ski = match cert.tbs_certificate.get::<SubjectKeyIdentifier>() {
            Ok(Some((_, ski))) => Some(ski.0.as_bytes().to_vec()),
            _ => None,
        };
        Self { cert, key, ski }
    }
}

fn aki(cert: &Certificate) -> Option<Vec<u8>> {
    match cert.tbs_certificate.get::<AuthorityKeyIdentifier>() {
        Ok(Some((_, aki))) => aki.key_identifier.map(|k| k.as_bytes().to_vec()),
        _ => None,
    }
}

/// Whether `issuer`'s key signed `cert`. Candidates are matched by key
/// identifier when the certificate names one.
fn issued_by(
    cert: &Certificate,
    issuer: &Known,
    budget: &mut CheckBudget,
) -> Result<bool, SignatureError> {
    // A certificate that names its issuer's key identifier is matched only
    // against certificates with that identifier: a CMS cannot make the
    // verifier try every key it carries.
    if let Some(want) = aki(cert) {
        if issuer.ski.as_ref() != Some(&want) {
            return Ok(false);
        }
    }
    let Ok(key) = &issuer.key else {
        return Ok(false);
    };
    let tbs = cert
        .tbs_certificate
        .to_der()
        .map_err(|e| SignatureError::Malformed(e.to_string()))?;
    let Some(signature) = cert.signature.as_bytes() else {
        return Ok(false);
    };
    budget.spend()?;
    // A key of another algorithm simply did not sign this certificate.
    Ok(key
        .verify(&cert.signature_algorithm, &tbs, signature)
        .is_ok())
}

/// Whether `cert` is valid at `at`: `Err` says which way it is not.
pub fn validity(cert: &Certificate, at: OffsetDateTime) -> Result<(), SignatureError> {
    let v = &cert.tbs_certificate.validity;
    let secs = |t: x509_cert::time::Time| {
        i64::try_from(t.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
    };
    let now = at.unix_timestamp();
    if now < secs(v.not_before) {
        Err(SignatureError::NotYetValid)
    } else if now > secs(v.not_after) {
        Err(SignatureError::Expired)
    } else {
        Ok(())
    }
}

/// An extension of the certificate, if present; one that does not decode
/// (or appears twice) makes the certificate malformed, never "absent".
pub fn extension<'a, T>(cert: &'a Certificate) -> Result<Option<T>, SignatureError>
where
    T: der::Decode<'a> + const_oid::AssociatedOid,
{
    cert.tbs_certificate
        .get::<T>()
        .map(|found| found.map(|(_, value)| value))
        .map_err(|e| SignatureError::Malformed(format!("certificate extension {}: {e}", T::OID)))
}

pub fn is_ca(cert: &Certificate) -> Result<bool, SignatureError> {
    Ok(extension::<BasicConstraints>(cert)?.is_some_and(|bc| bc.ca))
}

/// Refuses any critical extension this verifier does not understand.
pub fn critical_extensions(cert: &Certificate) -> Result<(), SignatureError> {
    for ext in cert.tbs_certificate.extensions.iter().flatten() {
        let oid = ext.extn_id.to_string();
        if ext.critical && !KNOWN_EXTENSIONS.contains(&oid.as_str()) {
            return Err(SignatureError::UnknownCriticalExtension(oid));
        }
    }
    Ok(())
}

/// Checks `issuer` may issue a certificate that has `below` CAs under it
/// (not counting the leaf).
fn may_issue(issuer: &Certificate, below: usize) -> Result<(), SignatureError> {
    let bc = extension::<BasicConstraints>(issuer)?.filter(|bc| bc.ca);
    let Some(bc) = bc else {
        return Err(SignatureError::NotACertificationAuthority);
    };
    if let Some(limit) = bc.path_len_constraint {
        if below > usize::from(limit) {
            return Err(SignatureError::NotACertificationAuthority);
        }
    }
    if let Some(KeyUsage(usage)) = extension::<KeyUsage>(issuer)? {
        if !usage.contains(KeyUsages::KeyCertSign) {
            return Err(SignatureError::NotACertificationAuthority);
        }
    }
    critical_extensions(issuer)
}

/// The times every certificate must be valid at.
#[derive(Debug, Clone, Copy)]
pub struct Times {
    pub signed: OffsetDateTime,
    pub now: OffsetDateTime,
}

fn valid_at(cert: &Certificate, times: Times) -> Result<(), SignatureError> {
    validity(cert, times.signed)?;
    validity(cert, times.now)
}

/// Builds and checks the path from `leaf` to one of `roots` through `pool`
/// (the certificates that came with the signature), within `budget`'s
/// signature checks. Returns the path, leaf first, root last.
pub fn verify_path(
    leaf: &Certificate,
    pool: &[Known],
    roots: &[Known],
    times: Times,
    budget: &mut CheckBudget,
) -> Result<Vec<Certificate>, SignatureError> {
    if is_ca(leaf)? {
        return Err(SignatureError::LeafIsCa);
    }
    critical_extensions(leaf)?;
    valid_at(leaf, times)?;
    let mut path = vec![leaf.clone()];
    // Depth-first is not needed: at each step the issuer is the one whose
    // key verifies the signature, and a key signs for one subject key.
    for depth in 0..MAX_DEPTH {
        let current = path.last().cloned().ok_or(SignatureError::UntrustedChain)?;
        // The CAs between the leaf and `current`'s issuer.
        let below = depth;
        for root in roots {
            if issued_by(&current, root, budget)? {
                may_issue(&root.cert, below)?;
                valid_at(&root.cert, times).map_err(|_| SignatureError::UntrustedChain)?;
                path.push(root.cert.clone());
                return Ok(path);
            }
        }
        let mut next = None;
        for candidate in pool {
            if candidate.cert != current
                && !path.contains(&candidate.cert)
                && issued_by(&current, candidate, budget)?
            {
                next = Some(candidate.cert.clone());
                break;
            }
        }
        let Some(next) = next else {
            return Err(SignatureError::UntrustedChain);
        };
        may_issue(&next, below)?;
        valid_at(&next, times).map_err(|_| SignatureError::UntrustedChain)?;
        path.push(next);
    }
    Err(SignatureError::UntrustedChain)
}

#[cfg(test)]
mod tests {
    use super::*;
    use der::DecodePem;

    fn demo(path: &str) -> Certificate {
        let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(path);
        Certificate::from_pem(std::fs::read(file).unwrap()).unwrap()
    }

    fn now() -> Times {
        let t = OffsetDateTime::now_utc();
        Times { signed: t, now: t }
    }

    #[test]
    fn each_issuer_tried_costs_a_check_and_the_search_stops_when_none_are_left() {
        let leaf = demo("citizen-auth.pem");
        let root = Known::new(demo("root-ca.pem"));
        // The demo chain: one check, the root's over the leaf.
        let mut budget = CheckBudget::of(1);
        let path = verify_path(&leaf, &[], std::slice::from_ref(&root), now(), &mut budget);
        assert_eq!(path.map(|p| p.len()), Ok(2));
        assert!(budget.spend().is_err(), "the one check was spent");
        // With no check left the path is not searched at all.
        let refused = verify_path(&leaf, &[], &[root], now(), &mut CheckBudget::of(0));
        assert!(
            matches!(&refused, Err(SignatureError::Malformed(why)) if why.contains("signature checks")),
            "{refused:?}"
        );
    }

    #[test]
    fn a_cms_gets_a_small_fixed_number_of_checks() {
        let mut budget = CheckBudget::new();
        for _ in 0..MAX_SIGNATURE_CHECKS {
            budget.spend().unwrap();
        }
        assert!(budget.spend().is_err());
    }

    // The signer's check and a full-depth chain fit.
    const _: () = assert!(MAX_SIGNATURE_CHECKS > MAX_DEPTH);
}
