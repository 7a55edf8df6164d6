//! CRL sources, cache and evaluation (RFC 5280 §5, §6.3).
//!
//! Sources: configured files (DER or PEM, at most 20 MiB, re-read when the loaded copy is no
//! longer current), configured URLs and, when enabled, the leaf's http/https CRL distribution
//! points and freshest-CRL (delta) URLs (downloaded at most 20 MiB, kept until nextUpdate; a
//! failed or stale download is not retried for 30 s).
//!
//! On loading, a CRL is refused when: it is not valid DER/PEM (v1 CRLs without a version field
//! included), its inner and outer signature algorithms differ, it has an unknown critical
//! extension (CRL or entry), it is indirect (issuingDistributionPoint.indirectCRL or a
//! certificateIssuer entry extension), it is partitioned by reasons (onlySomeReasons), or it is a
//! delta CRL without a crlNumber.
//!
//! For a status query a CRL is used only when: its issuer name equals the issuer's subject, its
//! signature verifies with the issuer's key (through [`SignatureCheck`]), it is current
//! (`thisUpdate <= now < nextUpdate`; no nextUpdate means not current), its issuing distribution
//! point (if any) covers the leaf (user/CA certs, and a distribution point name the leaf lists),
//! and the issuer's keyUsage (if present) allows cRLSign.
//! The full CRL with the highest crlNumber is chosen; a delta CRL (deltaCRLIndicator) is applied
//! when it has the same scope, `full.crlNumber >= delta.baseCRLNumber` and
//! `delta.crlNumber > full.crlNumber` (RFC 5280 §5.2.4); the newest such delta wins. An entry in
//! the delta decides (removeFromCRL means not revoked), else the full CRL decides.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::io::Read;
use std::path::PathBuf;
use std::time::Instant;

use const_oid::ObjectIdentifier;
use der::{Decode, Encode};
use time::OffsetDateTime;
use x509_cert::crl::CertificateList;
use x509_cert::ext::pkix::crl::dp::IssuingDistributionPoint;
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};
use x509_cert::ext::pkix::{
    BasicConstraints, CrlDistributionPoints, CrlReason, FreshestCrl, KeyUsage,
};
use x509_cert::name::Name;
use x509_cert::Certificate;

use super::{
    der_children, http_fetch, reason_name, to_time, Revocation, SignatureCheck, Status,
    MAX_CRL_SIZE,
};

const OID_CRL_NUMBER: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.20");
const OID_DELTA_CRL_INDICATOR: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.27");
/// x509-cert 0.2.5 gives `IssuingDistributionPoint` the wrong OID, so it is spelled out here.
const OID_ISSUING_DP: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.28");
/// CRL extensions that may be critical and are understood (or harmless to ignore).
const KNOWN_CRL_EXTS: [&str; 4] = ["2.5.29.35", "2.5.29.46", "1.3.6.1.5.5.7.1.1", "2.5.29.60"];
const OID_REASON_CODE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.21");
const OID_CERTIFICATE_ISSUER: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.29");
/// Entry extensions that are understood or harmless: invalidityDate, holdInstructionCode.
const KNOWN_ENTRY_EXTS: [&str; 2] = ["2.5.29.24", "2.5.29.23"];
const RETRY_AFTER: std::time::Duration = std::time::Duration::from_secs(30);
const MAX_SOURCES: usize = 64;
const MAX_CDP_URLS: usize = 4;

/// A revoked entry: when, and why.
struct Entry {
    at: OffsetDateTime,
    reason: Option<CrlReason>,
}

/// A parsed CRL: what evaluation needs, plus the DER for signature checks.
struct Crl {
    der: Vec<u8>,
    issuer: Name,
    algorithm: spki::AlgorithmIdentifierOwned,
    signature: Vec<u8>,
    this_update: OffsetDateTime,
    next_update: Option<OffsetDateTime>,
    /// crlNumber / baseCRLNumber as big-endian bytes without leading zeros.
    number: Option<Vec<u8>>,
    delta_base: Option<Vec<u8>>,
    idp: Option<IssuingDistributionPoint>,
    entries: HashMap<Vec<u8>, Entry>,
    /// DER SubjectPublicKeyInfo of the issuer keys this CRL's signature verified with.
    verified_by: Vec<Vec<u8>>,
}

enum Source {
    File(PathBuf),
    Url(String),
    /// The n-th CRL given in memory (`RevocationConfig::crl_bytes`).
    Bytes(usize),
}

impl Source {
    fn key(&self) -> String {
        match self {
            Source::File(p) => format!("file:{}", p.display()),
            Source::Url(u) => u.clone(),
            Source::Bytes(i) => format!("bytes:{i}"),
        }
    }
}

/// Loaded CRLs keyed by source (file path or URL).
#[derive(Default)]
pub(crate) struct CrlCache {
    crls: HashMap<String, Crl>,
    last_download: HashMap<String, Instant>,
}

impl CrlCache {
    pub(crate) fn clear(&mut self) {
        self.crls.clear();
        self.last_download.clear();
    }

    /// Refreshes the sources that are not current, then answers from the usable CRLs.
    /// The error text says why no CRL could answer.
    pub(crate) async fn status(
        &mut self,
        rev: &Revocation,
        cert: &Certificate,
        issuer: &Certificate,
        now: OffsetDateTime,
    ) -> Result<Status, String> {
        let config = &rev.config;
        let mut sources: Vec<Source> = config.crl_files.iter().cloned().map(Source::File).collect();
        sources.extend(config.crl_urls.iter().cloned().map(Source::Url));
        sources.extend((0..config.crl_bytes.len()).map(Source::Bytes));
        if config.use_distribution_points {
            sources.extend(distribution_urls(cert).into_iter().map(Source::Url));
        }
        if sources.is_empty() {
            return Err("no CRL source configured".into());
        }
        let mut notes = Vec::new();
        for source in &sources {
            if let Err(e) = self.refresh(rev, source, now).await {
                notes.push(format!("{}: {e}", source.key()));
            }
        }
        self.evaluate(rev.checker.as_ref(), cert, issuer, now)
            .map_err(|e| {
                notes.push(e);
                notes.join("; ")
            })
    }

    async fn refresh(
        &mut self,
        rev: &Revocation,
        source: &Source,
        now: OffsetDateTime,
    ) -> Result<(), String> {
        let key = source.key();
        if self.crls.get(&key).is_some_and(|c| c.is_current(now)) {
            return Ok(());
        }
        let bytes = match source {
            Source::File(path) => {
                let path = path.clone();
                tokio::task::spawn_blocking(move || read_bounded(&path))
                    .await
                    .map_err(|e| e.to_string())??
            }
            Source::Bytes(i) => rev
                .config
                .crl_bytes
                .get(*i)
                .cloned()
                .ok_or_else(|| "no such CRL".to_owned())?,
            Source::Url(url) => {
                if self
                    .last_download
                    .get(&key)
                    .is_some_and(|t| t.elapsed() < RETRY_AFTER)
                {
                    return Err("download failed or was stale less than 30 s ago".into());
                }
                self.last_download.insert(key.clone(), Instant::now());
                http_fetch(rev.http.get(url), MAX_CRL_SIZE).await?
            }
        };
        let crl = Crl::parse(&bytes)?;
        if self.crls.len() >= MAX_SOURCES && !self.crls.contains_key(&key) {
            self.crls.retain(|_, c| c.is_current(now));
            if self.crls.len() >= MAX_SOURCES {
                self.crls.clear();
            }
        }
        self.crls.insert(key, crl);
        Ok(())
    }

    fn evaluate(
        &mut self,
        checker: &dyn SignatureCheck,
        cert: &Certificate,
        issuer: &Certificate,
        now: OffsetDateTime,
    ) -> Result<Status, String> {
        if matches!(issuer.tbs_certificate.get::<KeyUsage>(), Ok(Some((_, usage))) if !usage.crl_sign())
        {
            return Err("the issuer's keyUsage does not allow cRLSign".into());
        }
        let spki = issuer
            .tbs_certificate
            .subject_public_key_info
            .to_der()
            .map_err(|e| e.to_string())?;
        let mut why = Vec::new();
        for (key, crl) in self.crls.iter_mut() {
            if crl.issuer != issuer.tbs_certificate.subject {
                continue;
            }
            if !crl.is_current(now) {
                why.push(format!("{key}: not current"));
            } else if !crl.covers(cert) {
                why.push(format!("{key}: scope does not cover the certificate"));
            } else if !crl.verified_by.contains(&spki) {
                if crl.verify(checker, issuer) {
                    crl.verified_by.push(spki.clone());
                } else {
                    why.push(format!(
                        "{key}: signature does not verify with the issuer's key"
                    ));
                }
            }
        }
        let usable: Vec<&Crl> = self
            .crls
            .values()
            .filter(|c| c.issuer == issuer.tbs_certificate.subject && c.is_current(now))
            .filter(|c| c.covers(cert) && c.verified_by.contains(&spki))
            .collect();
        let newest = |a: &&&Crl, b: &&&Crl| {
            cmp_number(&a.number, &b.number).then(a.this_update.cmp(&b.this_update))
        };
        let Some(full) = usable
            .iter()
            .filter(|c| c.delta_base.is_none())
            .max_by(newest)
        else {
            why.push("no usable full CRL from the issuer".into());
            return Err(why.join("; "));
        };
        let delta = usable
            .iter()
            .filter(|d| d.idp == full.idp && full.number.is_some())
            .filter(|d| {
                d.delta_base.is_some() && cmp_number(&full.number, &d.delta_base) != Ordering::Less
            })
            .filter(|d| cmp_number(&d.number, &full.number) == Ordering::Greater)
            .max_by(newest);
        let serial = cert.tbs_certificate.serial_number.as_bytes();
        let entry = match delta.and_then(|d| d.entries.get(serial)) {
            Some(e) => Some(e),
            None => full.entries.get(serial),
        };
        Ok(match entry {
            Some(e) if e.reason != Some(CrlReason::RemoveFromCRL) => Status::Revoked {
                at: e.at,
                reason: e.reason.map(reason_name),
            },
            _ => Status::Good,
        })
    }
}

impl Crl {
    /// Parses a DER or PEM CRL and refuses the kinds this module does not support.
    fn parse(bytes: &[u8]) -> Result<Crl, String> {
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

    fn is_current(&self, now: OffsetDateTime) -> bool {
        self.this_update <= now && self.next_update.is_some_and(|n| now < n)
    }

    fn verify(&self, checker: &dyn SignatureCheck, issuer: &Certificate) -> bool {
        match der_children(&self.der) {
            Ok(parts) => parts
                .first()
                .is_some_and(|tbs| checker.verify(issuer, &self.algorithm, tbs, &self.signature)),
            Err(_) => false,
        }
    }

    /// Whether the issuing distribution point (if any) puts `cert` in this CRL's scope.
    fn covers(&self, cert: &Certificate) -> bool {
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
fn cert_dp_names(cert: &Certificate) -> Vec<GeneralName> {
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

/// The leaf's http/https CRL distribution point and freshest-CRL URLs (at most 4).
fn distribution_urls(cert: &Certificate) -> Vec<String> {
    let mut names = cert_dp_names(cert);
    if let Ok(Some((_, freshest))) = cert.tbs_certificate.get::<FreshestCrl>() {
        for dp in freshest.0 {
            if let Some(DistributionPointName::FullName(full)) = dp.distribution_point {
                names.extend(full);
            }
        }
    }
    let mut urls: Vec<String> = Vec::new();
    for name in names {
        if let GeneralName::UniformResourceIdentifier(uri) = name {
            let uri = uri.as_str().to_string();
            let lower = uri.to_ascii_lowercase();
            if (lower.starts_with("http://") || lower.starts_with("https://"))
                && !urls.contains(&uri)
            {
                urls.push(uri);
            }
        }
    }
    urls.truncate(MAX_CDP_URLS);
    urls
}

/// Reads at most `MAX_CRL_SIZE` bytes from `path`; larger files are refused.
fn read_bounded(path: &PathBuf) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    file.take(MAX_CRL_SIZE as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() > MAX_CRL_SIZE {
        return Err(format!("larger than {MAX_CRL_SIZE} bytes"));
    }
    Ok(bytes)
}

/// A non-negative INTEGER extension value as big-endian bytes without leading zeros.
fn uint(value: &[u8]) -> Option<Vec<u8>> {
    let n = der::asn1::Uint::from_der(value).ok()?;
    let bytes = n.as_bytes();
    let first = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    Some(bytes[first..].to_vec())
}

/// Compares two optional unsigned numbers (absent < any number).
fn cmp_number(a: &Option<Vec<u8>>, b: &Option<Vec<u8>>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.len().cmp(&b.len()).then_with(|| a.cmp(b)),
        (a, b) => a.is_some().cmp(&b.is_some()),
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
