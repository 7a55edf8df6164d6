//! `nomir eds verify`: checks a CMS signature with the service's own
//! verifier, for operators and integrators, and prints the verdict: the
//! signer (IIN, name, certificate serial, algorithm) or the reason.
//!
//! Exit status: 0 when the signature is accepted; 1 when it is refused; 2
//! on a usage error (a file that cannot be read, no trusted root).

use std::path::{Path, PathBuf};

use crate::adapters::eds::{revocation_sources, CmsVerifier, RevocationSources};
use crate::domain::Iin;
use crate::ports::KeyPurpose;

#[derive(clap::Subcommand)]
pub enum Action {
    /// Verify a CMS signature: exit status 0 if accepted, 1 if refused.
    Verify {
        /// A directory of trusted CA certificates (PEM or DER, *.pem *.cer *.crt).
        #[arg(long, value_name = "DIR")]
        trust: PathBuf,
        /// The CMS SignedData, in DER, PEM or base64.
        #[arg(long, value_name = "FILE")]
        cms: PathBuf,
        /// The signed content, for a detached signature (else the attached content).
        #[arg(long, value_name = "FILE")]
        content: Option<PathBuf>,
        /// The IIN the signer must have.
        #[arg(long)]
        iin: Option<String>,
        /// Which key must have signed: sign (certifying) or auth (signing in).
        #[arg(long, default_value = "sign", value_parser = parse_purpose)]
        purpose: KeyPurpose,
        /// A CRL (DER or PEM) of the issuing CA; may be repeated; URLs too.
        #[arg(long = "crl", value_name = "FILE|URL")]
        crls: Vec<String>,
        /// An OCSP responder (RFC 6960) to ask first.
        #[arg(long, value_name = "URL")]
        ocsp: Option<String>,
    },
}

/// The verdict was printed and the signature is refused (exit status 1).
#[derive(Debug, thiserror::Error)]
#[error("the signature is refused")]
pub struct Refused;

fn parse_purpose(text: &str) -> Result<KeyPurpose, String> {
    text.parse()
        .map_err(|_| format!("{text:?} is not sign or auth"))
}

/// Every certificate in `dir` (PEM bundles or single DER files).
pub(super) fn trusted_roots(dir: &Path) -> anyhow::Result<Vec<x509_cert::Certificate>> {
    use der::Decode;
    let mut roots = Vec::new();
    let entries = std::fs::read_dir(dir)
        .map_err(|e| anyhow::anyhow!("cannot read the trust directory {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry?.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !["pem", "cer", "crt", "der"].contains(&ext) {
            continue;
        }
        let bytes = std::fs::read(&path)?;
        if bytes.starts_with(b"-----") {
            roots.extend(
                x509_cert::Certificate::load_pem_chain(&bytes)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?,
            );
        } else {
            roots.push(
                x509_cert::Certificate::from_der(&bytes)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?,
            );
        }
    }
    anyhow::ensure!(!roots.is_empty(), "no certificate in {}", dir.display());
    Ok(roots)
}

pub async fn run(action: Action) -> anyhow::Result<()> {
    let Action::Verify {
        trust,
        cms,
        content,
        iin,
        purpose,
        crls,
        ocsp,
    } = action;
    let roots = trusted_roots(&trust)?;
    let cms = std::fs::read(&cms).map_err(|e| anyhow::anyhow!("{}: {e}", cms.display()))?;
    let content = match content {
        Some(path) => {
            Some(std::fs::read(&path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?)
        }
        None => None,
    };
    let expected_iin = match iin {
        Some(text) => Some(Iin::parse(&text).map_err(|e| anyhow::anyhow!("--iin: {e}"))?),
        None => None,
    };
    let revocation = revocation_sources(RevocationSources {
        crls,
        ocsp_url: ocsp,
        crl_bytes: Vec::new(),
    })?;
    let verifier = CmsVerifier::new(roots, revocation);
    let now = time::OffsetDateTime::now_utc();
    match verifier
        .verify_cms(&cms, content.as_deref(), purpose, now)
        .await
    {
        Ok(verified)
            if expected_iin
                .as_ref()
                .is_none_or(|i| *i == verified.signer.iin) =>
        {
            let s = &verified.signer;
            println!("ACCEPTED");
            println!("signer IIN:   {}", s.iin.as_str());
            println!("signer name:  {}", s.common_name);
            println!("certificate:  {}", s.certificate_serial);
            println!("algorithm:    {}", s.algorithm);
            println!("key:          {}", <&str>::from(purpose));
            Ok(())
        }
        Ok(verified) => {
            println!(
                "REFUSED: another_iin: the signer's IIN is {}",
                verified.signer.iin.as_str()
            );
            Err(Refused.into())
        }
        Err(e) => {
            println!("REFUSED: {}: {e}", e.code());
            Err(Refused.into())
        }
    }
}
