//! `nomir document verify FILE`: checks a result document's signature, as
//! the check page does (the same verifier as citizens' signatures: trusted
//! roots, validity, revocation; a legal entity's signing key; the
//! provider's BIN), and prints the verdict with what the document states.
//!
//! Exit status: 0 when the signature holds; 1 when it does not (altered,
//! signed by someone else, not signed at all, or its certificate's status
//! unknown now); 2 on a usage error (a file or trust directory that cannot
//! be read), so scripts can tell a bad document from a bad call.

use std::path::{Path, PathBuf};

use nomir_core::i18n::{document_texts, Lang};

use super::eds::trusted_roots;
use crate::adapters::eds::{revocation_sources, CmsVerifier, RevocationSources};
use crate::demo::pki::organisation::PROVIDER as DEMO_PROVIDER;
use crate::documents::keys::certificates_file;
use crate::documents::local_time;
use crate::documents::seal::{verify, Provider, SealError, MAX_FILE_BYTES};

#[derive(clap::Subcommand)]
pub enum Action {
    /// Check a result document's signature: exit status 0 if it holds, 1 if not.
    Verify {
        /// The document (a PDF signed by the service provider).
        file: PathBuf,
        /// A directory of trusted CA certificates (the NCA RK roots; PEM or DER).
        #[arg(long, value_name = "DIR", required_unless_present = "demo")]
        trust: Option<PathBuf>,
        /// The provider's published seal certificate (PEM; it may hold
        /// several, earlier ones too): only signatures made with it are
        /// accepted. May be repeated.
        #[arg(
            long = "seal-cert",
            value_name = "CERT.pem",
            required_unless_present = "demo"
        )]
        seal_certs: Vec<PathBuf>,
        /// A CRL (DER or PEM) of the issuing CA; may be repeated; URLs too.
        /// A CRL or an OCSP responder is required: a signature's
        /// revocation is always checked.
        #[arg(long = "crl", value_name = "FILE|URL")]
        crls: Vec<String>,
        /// An OCSP responder (RFC 6960) to ask first.
        #[arg(long, value_name = "URL")]
        ocsp: Option<String>,
        /// Trust the demo CA and accept the demo provider: for documents
        /// of a demo server only (the demo keys are public).
        #[arg(long, conflicts_with_all = ["trust", "seal_certs"])]
        demo: bool,
        /// The verdict's language: kk, ru or en.
        #[arg(long, default_value = "kk", value_parser = parse_lang)]
        lang: Lang,
    },
}

/// The verdict was printed and the signature does not hold (exit status 1).
#[derive(Debug, thiserror::Error)]
#[error("the document's signature does not hold")]
pub struct NotValid;

fn parse_lang(code: &str) -> Result<Lang, String> {
    Lang::from_code(code).ok_or_else(|| format!("{code:?} is not kk, ru or en"))
}

pub async fn run(action: Action) -> anyhow::Result<()> {
    let Action::Verify {
        file,
        trust,
        seal_certs,
        crls,
        ocsp,
        demo: _,
        lang,
    } = action;
    let words = document_texts(lang);
    let (verifier, provider) = match trust {
        Some(trust) => {
            anyhow::ensure!(
                !crls.is_empty() || ocsp.is_some(),
                "give a CRL (--crl) or an OCSP responder (--ocsp): revocation is always checked"
            );
            let mut accepted = Vec::new();
            for path in &seal_certs {
                accepted.extend(certificates_file(path)?);
            }
            let revocation = revocation_sources(RevocationSources {
                crls,
                ocsp_url: ocsp,
                crl_bytes: Vec::new(),
            })?;
            (
                CmsVerifier::new(trusted_roots(&trust)?, revocation),
                Provider::of(&accepted),
            )
        }
        None => (
            crate::demo::pki::verifier()?,
            Provider::of([crate::demo::seal::sealer()?.certificate()]),
        ),
    };
    let bytes = read_capped(&file)?;
    let now = time::OffsetDateTime::now_utc();
    match verify(&bytes, &verifier, &provider, now).await {
        Ok(checked) => {
            println!("{}", words.verdict_valid);
            println!("{}: {}", words.request_number, checked.meta.request_id);
            println!(
                "{}: {}",
                words.issued_at,
                local_time(checked.meta.issued_at)
            );
            println!(
                "{}: {} (BIN {}), {}",
                words.seal_key,
                checked.sealed.organisation,
                checked.sealed.bin,
                checked.sealed.common_name
            );
            if checked.sealed.bin == DEMO_PROVIDER.bin {
                println!("{}", words.demo_seal_note);
            }
            Ok(())
        }
        Err(e) => {
            println!(
                "{}",
                match e {
                    SealError::NotSealed | SealError::TooLarge => words.verdict_not_sealed,
                    SealError::Untrusted(_) | SealError::Altered => words.verdict_invalid,
                    SealError::CannotCheckNow(_) => words.check_unavailable,
                }
            );
            eprintln!("nomir: {e}");
            Err(NotValid.into())
        }
    }
}

/// The file's bytes, reading no more than a document can be (and one byte
/// over, so a larger file is still told apart).
fn read_capped(path: &Path) -> anyhow::Result<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
    Ok(bytes)
}
