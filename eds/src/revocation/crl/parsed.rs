//! One CRL: parsed and refused on loading as the module says, and the
//! checks a status query makes of it (issuer, signature, currency, scope).

use super::*;

impl Crl {
    /// Parses a DER or PEM CRL and refuses the kinds this module does not support.
    pub(super) fn parse(bytes: &[u8]) -> Result<Crl, String> {
        // DER starts with a SEQUENCE tag; anything else is searched for a PEM block.
        let pem_start = match bytes.first() {
            Some(0x30) => None,
            _ => find(bytes, b"-----BEGIN X509 CRL-----"),
        };
        let der = match pem_start {
            Some(start) => {
                let (label, der) =
                    der::pem::decode_vec(&bytes[start..]).map_err(|e| format!("bad PEM: {e}"))?;
                if label != "X509 CRL" {
                    return Err("PEM label is not X509 CRL".into());
                }
                der
            }
            None => bytes.to_vec(),
        };
        let list = CertificateList::from_der(&der).map_err(|e| format!("not a v2 CRL: {e}"))?;
        let tbs = &list.tbs_cert_list;
        if tbs.signature != list.signature_algorithm {
            return Err("inner and outer signature algorithms differ".into());
        }
        let signature = list
            .signature
            .as_bytes()
            .ok_or("signature has unused bits")?
            .to_vec();
        let this_update = to_time(tbs.this_update.to_unix_duration()).ok_or("bad thisUpdate")?;
        let next_update = match tbs.next_update {
            Some(t) => Some(to_time(t.to_unix_duration()).ok_or("bad nextUpdate")?),
            None => None,
        };
        let (mut number, mut delta_base, mut idp) = (None, None, None);
        for ext in tbs.crl_extensions.iter().flatten() {
            let value = ext.extn_value.as_bytes();
            if ext.extn_id == OID_CRL_NUMBER {
                number = Some(uint(value).ok_or("bad crlNumber")?);
            } else if ext.extn_id == OID_DELTA_CRL_INDICATOR {
                delta_base = Some(uint(value).ok_or("bad deltaCRLIndicator")?);
            } else if ext.extn_id == OID_ISSUING_DP {
                let p = IssuingDistributionPoint::from_der(value)
                    .map_err(|e| format!("bad issuingDistributionPoint: {e}"))?;
                if p.indirect_crl {
                    return Err("indirect CRLs are not supported".into());
                }
                if p.only_some_reasons.is_some() {
                    return Err("CRLs partitioned by reason are not supported".into());
                }
                idp = Some(p);
            } else if ext.critical && !KNOWN_CRL_EXTS.contains(&ext.extn_id.to_string().as_str()) {
                return Err(format!("unknown critical CRL extension {}", ext.extn_id));
            }
        }
        if delta_base.is_some() && number.is_none() {
            return Err("delta CRL without crlNumber".into());
        }
        let mut entries = HashMap::new();
        for revoked in tbs.revoked_certificates.iter().flatten() {
            let mut reason = None;
            for ext in revoked.crl_entry_extensions.iter().flatten() {
                if ext.extn_id == OID_REASON_CODE {
                    reason = CrlReason::from_der(ext.extn_value.as_bytes()).ok();
                } else if ext.extn_id == OID_CERTIFICATE_ISSUER {
                    return Err("indirect CRLs (certificateIssuer) are not supported".into());
                } else if ext.critical
                    && !KNOWN_ENTRY_EXTS.contains(&ext.extn_id.to_string().as_str())
                {
                    return Err(format!("unknown critical entry extension {}", ext.extn_id));
                }
            }
            let at =
                to_time(revoked.revocation_date.to_unix_duration()).ok_or("bad revocationDate")?;
            entries.insert(
                revoked.serial_number.as_bytes().to_vec(),
                Entry { at, reason },
            );
        }
        let issuer = tbs.issuer.clone();
        let algorithm = list.signature_algorithm.clone();
        Ok(Crl {
            der,
            issuer,
            algorithm,
            signature,
            this_update,
            next_update,
            number,
            delta_base,
            idp,
            entries,
            verified_by: Vec::new(),
        })
    }

    pub(super) fn is_current(&self, now: OffsetDateTime) -> bool {
        self.this_update <= now && self.next_update.is_some_and(|n| now < n)
    }

    pub(super) fn verify(&self, checker: &dyn SignatureCheck, issuer: &Certificate) -> bool {
        match der_children(&self.der) {
            Ok(parts) => parts
                .first()
                .is_some_and(|tbs| checker.verify(issuer, &self.algorithm, tbs, &self.signature)),
            Err(_) => false,
        }
    }

    /// Whether the issuing distribution point (if any) puts `cert` in this CRL's scope.
    pub(super) fn covers(&self, cert: &Certificate) -> bool {
        let Some(idp) = &self.idp else { return true };
        let is_ca =
            matches!(cert.tbs_certificate.get::<BasicConstraints>(), Ok(Some((_, bc))) if bc.ca);
        if idp.only_contains_attribute_certs
            || (idp.only_contains_user_certs && is_ca)
            || (idp.only_contains_ca_certs && !is_ca)
        {
            return false;
        }
        match &idp.distribution_point {
            None => true,
            Some(DistributionPointName::FullName(names)) => {
                cert_dp_names(cert).iter().any(|n| names.contains(n))
            }
            Some(DistributionPointName::NameRelativeToCRLIssuer(_)) => false,
        }
    }
}

/// The full names of the leaf's CRL distribution points.
pub(super) fn cert_dp_names(cert: &Certificate) -> Vec<GeneralName> {
    let mut names = Vec::new();
    if let Ok(Some((_, cdp))) = cert.tbs_certificate.get::<CrlDistributionPoints>() {
        for dp in cdp.0 {
            if let Some(DistributionPointName::FullName(full)) = dp.distribution_point {
                names.extend(full);
            }
        }
    }
    names
}

/// A non-negative INTEGER extension value as big-endian bytes without leading zeros.
pub(super) fn uint(value: &[u8]) -> Option<Vec<u8>> {
    let n = der::asn1::Uint::from_der(value).ok()?;
    let bytes = n.as_bytes();
    let first = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    Some(bytes[first..].to_vec())
}

pub(super) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
