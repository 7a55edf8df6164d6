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

mod parsed;

use super::{
    der_children, http_fetch, reason_name, to_time, Revocation, SignatureCheck, Status,
    MAX_CRL_SIZE,
};
use parsed::cert_dp_names;

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

/// Compares two optional unsigned numbers (absent < any number).
fn cmp_number(a: &Option<Vec<u8>>, b: &Option<Vec<u8>>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.len().cmp(&b.len()).then_with(|| a.cmp(b)),
        (a, b) => a.is_some().cmp(&b.is_some()),
    }
}
