//! The seal: an Ed25519 signature of the service over the document's exact
//! bytes, carried in the file itself.
//!
//! Why a signature carried in the file: the citizen keeps, forwards and
//! uploads one file, and it is still a PDF that any reader opens. A PDF
//! signature (PAdES) would need a signature dictionary and byte ranges
//! patched into the PDF; a separate signature file would be lost on the
//! way. So the sealed file is the PDF followed by one trailer line after
//! `%%EOF`, which PDF readers ignore:
//!
//! ```text
//! \n%NOMIR-SEAL v1 <key-id> <base64 JSON> <base64 signature>\n
//! ```
//!
//! - `key-id`: the first 16 hex digits of SHA-256 of the 32-byte public
//!   key, so a check knows which trusted key to use (keys rotate);
//! - the JSON ([`SealMeta`]): the request, the issue time and the outcome,
//!   which a check can show without reading the PDF;
//! - the signature (64 bytes) covers `nomir-seal/v1\n`, the PDF's length
//!   as 8 bytes big-endian, the PDF, then the JSON: neither can change, nor
//!   can bytes move from one to the other, nor can the seal be reused for
//!   anything but this format.
//!
//! A file over [`MAX_FILE_BYTES`] is not read at all; no input panics.

use std::path::Path;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use ed25519_dalek::pkcs8::DecodePrivateKey;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

/// What starts the trailer line (after the newline that ends the PDF part).
const MARK: &[u8] = b"\n%NOMIR-SEAL ";
const VERSION: &str = "v1";
/// What the signed message starts with.
const DOMAIN: &[u8] = b"nomir-seal/v1\n";
/// The largest file a check reads: a result document is a few tens of kB.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
/// The longest trailer line a check looks for.
const MAX_TRAILER_BYTES: usize = 4096;

/// What the seal states, beside the PDF it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealMeta {
    /// The request's number (its id).
    pub request_id: String,
    #[serde(with = "time::serde::rfc3339")]
    pub issued_at: OffsetDateTime,
    /// `bound` or `refused` ([`super::Outcome::code`]).
    pub outcome: String,
    /// The refusal ground's code, for a refusal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ground: Option<String>,
}

/// Why a file's seal does not hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    /// No seal: not a document of the service (or its trailer was cut off).
    #[error("the file carries no seal of the service")]
    NotSealed,
    /// Sealed with a key the check does not trust: not issued by the service.
    #[error("the file was sealed with a key that is not trusted")]
    UnknownKey,
    /// The seal does not match the bytes: the file was changed.
    #[error("the seal does not match: the file was altered")]
    Altered,
    /// Larger than any document of the service; not read.
    #[error("the file is larger than any document of the service")]
    TooLarge,
}

/// The seal could not be made.
#[derive(Debug, thiserror::Error)]
pub enum SealingError {
    /// The issue time cannot be written as RFC 3339 (a year past 9999).
    #[error("the seal's data cannot be written: {0}")]
    Meta(#[from] serde_json::Error),
}

/// A private key that is not usable for sealing.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("cannot read the key file {path}: {source}")]
    Read {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("{0} is not an Ed25519 private key in PKCS #8 PEM (-----BEGIN PRIVATE KEY-----)")]
    NotPrivateKey(String),
    #[error("{0} holds no Ed25519 public key in PEM (-----BEGIN PUBLIC KEY-----)")]
    NotPublicKey(String),
}

/// The service's sealing key. Its private half never prints.
pub struct Sealer {
    key: SigningKey,
    key_id: String,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Sealer({})", self.key_id)
    }
}

impl Sealer {
    pub fn new(key: SigningKey) -> Self {
        let key_id = key_id(&key.verifying_key());
        Self { key, key_id }
    }

    /// From a PKCS #8 PEM (`-----BEGIN PRIVATE KEY-----`); `what` names it in errors.
    pub fn from_pem(pem: &str, what: &str) -> Result<Self, KeyError> {
        SigningKey::from_pkcs8_pem(pem)
            .map(Self::new)
            .map_err(|_| KeyError::NotPrivateKey(what.to_owned()))
    }

    pub fn from_pem_file(path: &Path) -> Result<Self, KeyError> {
        let pem = std::fs::read_to_string(path).map_err(|source| KeyError::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::from_pem(&pem, &path.display().to_string())
    }

    pub fn public_key(&self) -> VerifyingKey {
        self.key.verifying_key()
    }

    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// `pdf` with the seal line appended.
    pub fn seal(&self, pdf: &[u8], meta: &SealMeta) -> Result<Vec<u8>, SealingError> {
        let json = serde_json::to_vec(meta)?;
        let signature = self.key.sign(&signed_message(pdf, &json));
        let line = format!(
            "%NOMIR-SEAL {VERSION} {} {} {}\n",
            self.key_id,
            BASE64.encode(&json),
            BASE64.encode(signature.to_bytes())
        );
        let mut out = Vec::with_capacity(pdf.len() + 1 + line.len());
        out.extend_from_slice(pdf);
        out.push(b'\n');
        out.extend_from_slice(line.as_bytes());
        Ok(out)
    }
}

/// The first 16 hex digits of SHA-256 of the raw public key.
pub fn key_id(key: &VerifyingKey) -> String {
    hex::encode(&Sha256::digest(key.as_bytes())[..8])
}

/// What the signature covers (see the module's documentation).
fn signed_message(pdf: &[u8], json: &[u8]) -> Vec<u8> {
    let mut m = Vec::with_capacity(PREFIX + pdf.len() + json.len());
    m.extend_from_slice(DOMAIN);
    m.extend_from_slice(&(pdf.len() as u64).to_be_bytes());
    m.extend_from_slice(pdf);
    m.extend_from_slice(json);
    m
}

/// What the signed message has before the PDF: the domain and the length.
const PREFIX: usize = DOMAIN.len() + 8;

/// A file being read for a check, a piece at a time (an upload).
///
/// The seal cannot be checked as the bytes come: the signature, and which
/// key made it, are in the trailer at the file's very end, and an Ed25519
/// check needs the signature's first half before the message. So the file
/// is kept, but once only and at most [`MAX_FILE_BYTES`]: the bytes are
/// stored where the signed message has them (after room for the domain
/// and the length), and the check turns the buffer into that message in
/// place, without a second copy. What many checks at once cost is bounded
/// by how many run at once (see the check page's limits).
pub struct Upload {
    buf: Vec<u8>,
}

impl Default for Upload {
    fn default() -> Self {
        Self::new()
    }
}

impl Upload {
    pub fn new() -> Self {
        let mut buf = Vec::with_capacity(PREFIX + 64 * 1024);
        buf.extend_from_slice(DOMAIN);
        buf.extend_from_slice(&[0; 8]);
        Self { buf }
    }

    /// How many bytes of the file were read.
    pub fn len(&self) -> usize {
        self.buf.len() - PREFIX
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The next bytes of the file; [`SealError::TooLarge`] once the file
    /// is larger than [`MAX_FILE_BYTES`] (the bytes are then not kept).
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), SealError> {
        let len = self.len().saturating_add(chunk.len());
        if len > MAX_FILE_BYTES {
            return Err(SealError::TooLarge);
        }
        let needed = PREFIX + len;
        if needed > self.buf.capacity() {
            // Grow by doubling, but never past the largest file: the
            // buffer is at most PREFIX + MAX_FILE_BYTES.
            let target = needed
                .max(self.buf.capacity().saturating_mul(2))
                .min(PREFIX + MAX_FILE_BYTES);
            self.buf.reserve_exact(target - self.buf.len());
        }
        self.buf.extend_from_slice(chunk);
        Ok(())
    }

    /// Checks the file's seal against the `trusted` keys: what it states,
    /// and the key that made it, if it holds.
    pub fn verify(
        mut self,
        trusted: &[VerifyingKey],
    ) -> Result<(SealMeta, VerifyingKey), SealError> {
        let file = &self.buf[PREFIX..];
        let tail_start = file.len().saturating_sub(MAX_TRAILER_BYTES);
        let at = file[tail_start..]
            .windows(MARK.len())
            .rposition(|w| w == MARK)
            .map(|i| tail_start + i)
            .ok_or(SealError::NotSealed)?;
        let trailer = &file[at + 1..];
        let line = trailer
            .strip_suffix(b"\n")
            .and_then(|l| std::str::from_utf8(l).ok())
            .ok_or(SealError::Altered)?;
        let fields: Vec<&str> = line.split(' ').collect();
        let [_, version, kid, json, signature] = fields[..] else {
            return Err(SealError::Altered);
        };
        if version != VERSION {
            return Err(SealError::Altered);
        }
        let key = *trusted
            .iter()
            .find(|k| key_id(k) == kid)
            .ok_or(SealError::UnknownKey)?;
        let json = BASE64.decode(json).map_err(|_| SealError::Altered)?;
        let signature = BASE64
            .decode(signature)
            .ok()
            .and_then(|s| Signature::from_slice(&s).ok())
            .ok_or(SealError::Altered)?;
        // The buffer becomes the signed message: the domain (already
        // there), the PDF's length, the PDF (already there), the JSON. The
        // JSON is shorter than the trailer it replaces, so no reallocation.
        self.buf.truncate(PREFIX + at);
        self.buf[DOMAIN.len()..PREFIX].copy_from_slice(&(at as u64).to_be_bytes());
        self.buf.extend_from_slice(&json);
        key.verify_strict(&self.buf, &signature)
            .map_err(|_| SealError::Altered)?;
        let meta = serde_json::from_slice(&json).map_err(|_| SealError::Altered)?;
        Ok((meta, key))
    }
}

/// Checks `file`'s seal against the `trusted` keys; what it states, if it holds.
pub fn verify(file: &[u8], trusted: &[VerifyingKey]) -> Result<SealMeta, SealError> {
    Ok(verify_with_key(file, trusted)?.0)
}

/// Like [`verify`], also naming the key that made the seal.
pub fn verify_with_key(
    file: &[u8],
    trusted: &[VerifyingKey],
) -> Result<(SealMeta, VerifyingKey), SealError> {
    if file.len() > MAX_FILE_BYTES {
        return Err(SealError::TooLarge);
    }
    let mut upload = Upload::new();
    upload.push(file)?;
    upload.verify(trusted)
}

#[cfg(test)]
mod tests;
