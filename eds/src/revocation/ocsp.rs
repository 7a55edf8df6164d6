//! OCSP client (RFC 6960) for one configured responder.
//!
//! Request: one `Request` whose CertID uses **SHA-1** (issuerNameHash over the DER of the
//! issuer's subject, issuerKeyHash over the issuer's subjectPublicKey bits, the leaf's serial);
//! SHA-1 is what RFC 6960 clients send by default and what most responders (openssl, NCA RK)
//! accept. The request is unsigned and carries a random 16-byte nonce extension (RFC 8954).
//! It is POSTed as `application/ocsp-request`; the response body is limited to 1 MiB.
//!
//! A response is accepted only when:
//! - `responseStatus` is successful and the response type is id-pkix-ocsp-basic;
//! - the BasicOCSPResponse signature verifies over the exact received `tbsResponseData` bytes with
//!   the issuer's key, or with the key of a certificate included in the response that is issued
//!   by `issuer` (name match + signature by the issuer's key), valid at `now`, and has the EKU
//!   id-kp-OCSPSigning (1.3.6.1.5.5.7.3.9);
//! - an answer without our nonce is at most 15 minutes old (no replay of an old "good");
//! - answers are reused until their nextUpdate, at most an hour;
//! - if the responder echoes a nonce, it equals ours (responders serving pre-produced responses
//!   send none, which is accepted); no other critical response extension is present;
//! - a SingleResponse has a CertID matching ours (SHA-1 or SHA-256 CertIDs are recognised);
//! - its thisUpdate is not more than 5 minutes in the future and its nextUpdate (if any) is
//!   after `now`.
//!
//! Good/revoked answers are cached by CertID until nextUpdate (5 minutes when absent).

use std::collections::HashMap;

use const_oid::ObjectIdentifier;
use der::asn1::{Null, OctetString};
use der::{Decode, Encode};
use sha1::{Digest, Sha1};
use time::{Duration, OffsetDateTime};
use x509_cert::ext::pkix::ExtendedKeyUsage;
use x509_cert::ext::Extension;
use x509_cert::serial_number::SerialNumber;
use x509_cert::Certificate;
use x509_ocsp::{
    BasicOcspResponse, CertId, CertStatus, OcspRequest, OcspResponse, OcspResponseStatus, Request,
    TbsRequest,
};

use super::{
    der_children, http_fetch, reason_name, to_time, Revocation, SignatureCheck, Status,
    MAX_OCSP_RESPONSE, OID_SHA1, OID_SHA256,
};

const OID_OCSP_BASIC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.1");
const OID_OCSP_NONCE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.2");
const OID_KP_OCSP_SIGNING: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.9");
/// Tolerated clock difference for thisUpdate in the future.
const SKEW: Duration = Duration::minutes(5);
/// How long an answer without nextUpdate is reused.
const DEFAULT_TTL: Duration = Duration::minutes(5);
/// How long an answer is reused at most, however far its nextUpdate is.
const MAX_TTL: Duration = Duration::hours(1);
/// How old an answer without our nonce may be: older, it could be a
/// replay of a "good" answer given before the certificate was revoked.
const MAX_AGE_WITHOUT_NONCE: Duration = Duration::minutes(15);
const MAX_CACHE_ENTRIES: usize = 100_000;
const MAX_RESPONDER_CERTS: usize = 8;

/// What the responder said about our certificate.
pub(crate) enum Answer {
    Known(Status),
    Unknown,
}

/// Why OCSP could not answer: transport/responder trouble, or a response that failed validation.
pub(crate) enum Failure {
    Unreachable(String),
    Bad(String),
}

struct Cached {
    status: Status,
    this_update: OffsetDateTime,
    until: OffsetDateTime,
}

/// Good/revoked answers keyed by the DER of the SHA-1 CertID.
#[derive(Default)]
pub(crate) struct OcspCache {
    entries: HashMap<Vec<u8>, Cached>,
}

impl OcspCache {
    pub(crate) fn get(&self, key: &[u8], now: OffsetDateTime) -> Option<&Status> {
        let entry = self.entries.get(key)?;
        (entry.this_update <= now.saturating_add(SKEW) && now < entry.until)
            .then_some(&entry.status)
    }

    fn put(&mut self, key: Vec<u8>, entry: Cached, now: OffsetDateTime) {
        if self.entries.len() >= MAX_CACHE_ENTRIES {
            self.entries.retain(|_, e| now < e.until);
            if self.entries.len() >= MAX_CACHE_ENTRIES {
                self.entries.clear();
            }
        }
        self.entries.insert(key, entry);
    }

    pub(crate) fn clear(&mut self) {
        self.entries.clear();
    }
}

/// Cache key of `cert`: the DER of its SHA-1 CertID.
pub(crate) fn cache_key(cert: &Certificate, issuer: &Certificate) -> Result<Vec<u8>, String> {
    cert_id(cert, issuer)?.to_der().map_err(|e| e.to_string())
}

/// (issuerNameHash, issuerKeyHash) of `issuer` with the given hash (SHA-1 or SHA-256).
fn issuer_hashes(alg: &ObjectIdentifier, issuer: &Certificate) -> Option<(Vec<u8>, Vec<u8>)> {
    let name = issuer.tbs_certificate.subject.to_der().ok()?;
    let key = issuer
        .tbs_certificate
        .subject_public_key_info
        .subject_public_key
        .raw_bytes();
    if *alg == OID_SHA1 {
        Some((Sha1::digest(&name).to_vec(), Sha1::digest(key).to_vec()))
    } else if *alg == OID_SHA256 {
        Some((
            sha2::Sha256::digest(&name).to_vec(),
            sha2::Sha256::digest(key).to_vec(),
        ))
    } else {
        None
    }
}

fn cert_id(cert: &Certificate, issuer: &Certificate) -> Result<CertId, String> {
    let (name, key) = issuer_hashes(&OID_SHA1, issuer).ok_or("cannot hash the issuer")?;
    Ok(CertId {
        hash_algorithm: spki::AlgorithmIdentifierOwned {
            oid: OID_SHA1,
            parameters: Some(Null.into()),
        },
        issuer_name_hash: OctetString::new(name).map_err(|e| e.to_string())?,
        issuer_key_hash: OctetString::new(key).map_err(|e| e.to_string())?,
        serial_number: cert.tbs_certificate.serial_number.clone(),
    })
}

fn id_matches(candidate: &CertId, issuer: &Certificate, serial: &SerialNumber) -> bool {
    match issuer_hashes(&candidate.hash_algorithm.oid, issuer) {
        Some((name, key)) => {
            candidate.serial_number == *serial
                && candidate.issuer_name_hash.as_bytes() == name.as_slice()
                && candidate.issuer_key_hash.as_bytes() == key.as_slice()
        }
        None => false,
    }
}

/// Asks the responder at `url` (or the cache) about `cert`.
pub(crate) async fn check(
    rev: &Revocation,
    url: &str,
    cert: &Certificate,
    issuer: &Certificate,
    now: OffsetDateTime,
) -> Result<Answer, Failure> {
    let id = cert_id(cert, issuer).map_err(Failure::Bad)?;
    let key = id.to_der().map_err(|e| Failure::Bad(e.to_string()))?;
    if let Some(status) = rev.ocsp_cache.lock().await.get(&key, now) {
        return Ok(Answer::Known(status.clone()));
    }
    let nonce: [u8; 16] = rand::random();
    let request = build_request(&id, &nonce).map_err(|e| Failure::Bad(e.to_string()))?;
    let post = rev
        .http
        .post(url)
        .header("Content-Type", "application/ocsp-request")
        .header("Accept", "application/ocsp-response")
        .body(request);
    let body = http_fetch(post, MAX_OCSP_RESPONSE)
        .await
        .map_err(Failure::Unreachable)?;
    let (answer, this_update, next_update) = validate(
        &body,
        issuer,
        &id.serial_number,
        &nonce,
        rev.checker.as_ref(),
        now,
    )?;
    if let Answer::Known(status) = &answer {
        let until = next_update
            .unwrap_or(now.saturating_add(DEFAULT_TTL))
            .min(now.saturating_add(MAX_TTL));
        let entry = Cached {
            status: status.clone(),
            this_update,
            until,
        };
        rev.ocsp_cache.lock().await.put(key, entry, now);
    }
    Ok(answer)
}

fn build_request(id: &CertId, nonce: &[u8]) -> der::Result<Vec<u8>> {
    let nonce_ext = Extension {
        extn_id: OID_OCSP_NONCE,
        critical: false,
        extn_value: OctetString::new(OctetString::new(nonce)?.to_der()?)?,
    };
    OcspRequest {
        tbs_request: TbsRequest {
            request_list: vec![Request {
                req_cert: id.clone(),
                single_request_extensions: None,
            }],
            request_extensions: Some(vec![nonce_ext]),
            ..Default::default()
        },
        optional_signature: None,
    }
    .to_der()
}

/// Validates a DER OCSPResponse (see the module docs); returns the answer, thisUpdate and
/// nextUpdate of the matching SingleResponse.
fn validate(
    body: &[u8],
    issuer: &Certificate,
    serial: &SerialNumber,
    nonce: &[u8],
    checker: &dyn SignatureCheck,
    now: OffsetDateTime,
) -> Result<(Answer, OffsetDateTime, Option<OffsetDateTime>), Failure> {
    let bad = |m: &str| Failure::Bad(m.to_string());
    let response =
        OcspResponse::from_der(body).map_err(|e| bad(&format!("not an OCSPResponse: {e}")))?;
    if response.response_status != OcspResponseStatus::Successful {
        return Err(Failure::Unreachable(format!(
            "responder status {:?}",
            response.response_status
        )));
    }
    let bytes = response
        .response_bytes
        .ok_or_else(|| bad("successful response without body"))?;
    if bytes.response_type != OID_OCSP_BASIC {
        return Err(bad("response type is not id-pkix-ocsp-basic"));
    }
    let raw = bytes.response.as_bytes();
    let basic = BasicOcspResponse::from_der(raw)
        .map_err(|e| bad(&format!("bad BasicOCSPResponse: {e}")))?;
    let parts = der_children(raw).map_err(|e| bad(&e.to_string()))?;
    let tbs = parts
        .first()
        .ok_or_else(|| bad("empty BasicOCSPResponse"))?;
    let signature = basic
        .signature
        .as_bytes()
        .ok_or_else(|| bad("signature has unused bits"))?;
    let alg = &basic.signature_algorithm;

    let signed_by_issuer = checker.verify(issuer, alg, tbs, signature);
    if !signed_by_issuer {
        let certs = match parts.get(3) {
            Some(explicit) => embedded_certs(explicit).map_err(|e| bad(&e.to_string()))?,
            None => Vec::new(),
        };
        let delegated = certs
            .iter()
            .take(MAX_RESPONDER_CERTS)
            .filter_map(|raw| authorized_responder(raw, issuer, checker, now))
            .any(|responder| checker.verify(&responder, alg, tbs, signature));
        if !delegated {
            return Err(bad(
                "response not signed by the issuer or an authorized responder",
            ));
        }
    }

    let data = &basic.tbs_response_data;
    let mut nonce_echoed = false;
    for ext in data.response_extensions.iter().flatten() {
        if ext.extn_id == OID_OCSP_NONCE {
            nonce_echoed = true;
            let echoed = ext.extn_value.as_bytes();
            let ours = OctetString::new(nonce)
                .and_then(|o| o.to_der())
                .map_err(|e| bad(&e.to_string()))?;
            if echoed != ours.as_slice() && echoed != nonce {
                return Err(bad("nonce mismatch"));
            }
        } else if ext.critical {
            return Err(bad(&format!(
                "unsupported critical extension {}",
                ext.extn_id
            )));
        }
    }

    let single = data
        .responses
        .iter()
        .find(|s| id_matches(&s.cert_id, issuer, serial))
        .ok_or_else(|| bad("no SingleResponse for our CertID"))?;
    let this_update =
        to_time(single.this_update.0.to_unix_duration()).ok_or_else(|| bad("bad thisUpdate"))?;
    if this_update > now.saturating_add(SKEW) {
        return Err(bad("thisUpdate is in the future"));
    }
    if !nonce_echoed && this_update < now.saturating_sub(MAX_AGE_WITHOUT_NONCE) {
        return Err(bad(
            "a response without our nonce is too old to rule out a replay",
        ));
    }
    let next_update = match &single.next_update {
        Some(t) => Some(to_time(t.0.to_unix_duration()).ok_or_else(|| bad("bad nextUpdate"))?),
        None => None,
    };
    if next_update.is_some_and(|n| n <= now) {
        return Err(bad("response is stale (nextUpdate passed)"));
    }
    let answer = match &single.cert_status {
        CertStatus::Good(_) => Answer::Known(Status::Good),
        CertStatus::Revoked(info) => Answer::Known(Status::Revoked {
            at: to_time(info.revocation_time.0.to_unix_duration())
                .ok_or_else(|| bad("bad revocationTime"))?,
            reason: info.revocation_reason.map(reason_name),
        }),
        CertStatus::Unknown(_) => Answer::Unknown,
    };
    Ok((answer, this_update, next_update))
}

/// The raw DER of each certificate in `[0] EXPLICIT SEQUENCE OF Certificate`.
fn embedded_certs(explicit: &[u8]) -> der::Result<Vec<&[u8]>> {
    match der_children(explicit)?.first() {
        Some(seq) => der_children(seq),
        None => Ok(Vec::new()),
    }
}

/// The responder certificate in `raw`, if `issuer` issued it for OCSP signing and it is valid now.
fn authorized_responder(
    raw: &[u8],
    issuer: &Certificate,
    checker: &dyn SignatureCheck,
    now: OffsetDateTime,
) -> Option<Certificate> {
    let cert = Certificate::from_der(raw).ok()?;
    let tbs = *der_children(raw).ok()?.first()?;
    let tbs_cert = &cert.tbs_certificate;
    if tbs_cert.issuer != issuer.tbs_certificate.subject
        || tbs_cert.signature != cert.signature_algorithm
    {
        return None;
    }
    if !checker.verify(
        issuer,
        &cert.signature_algorithm,
        tbs,
        cert.signature.as_bytes()?,
    ) {
        return None;
    }
    let not_before = to_time(tbs_cert.validity.not_before.to_unix_duration())?;
    let not_after = to_time(tbs_cert.validity.not_after.to_unix_duration())?;
    if now < not_before || now > not_after {
        return None;
    }
    match tbs_cert.get::<ExtendedKeyUsage>() {
        Ok(Some((_, eku))) if eku.0.contains(&OID_KP_OCSP_SIGNING) => Some(cert),
        _ => None,
    }
}
