//! `nomir document verify FILE`: checks a result document's seal, as the
//! check page does, and prints the verdict with what the seal states.
//!
//! Exit status: 0 when the seal holds; 1 when it does not (altered, sealed
//! with an untrusted key, or not sealed at all); 2 on a usage error (a file
//! or key that cannot be read), so scripts can tell a bad document from a
//! bad call.

use std::path::{Path, PathBuf};

use ed25519_dalek::VerifyingKey;
use nomir_core::i18n::{document_texts, Lang};

use crate::demo::seal::public_key as demo_public_key;
use crate::documents::keys::public_keys_file;
use crate::documents::local_time;
use crate::documents::seal::{key_id, verify_with_key, SealError, MAX_FILE_BYTES};

#[derive(clap::Subcommand)]
pub enum Action {
    /// Check a result document's seal: exit status 0 if it holds, 1 if not.
    Verify {
        /// The document (a PDF with the service's seal line).
        file: PathBuf,
        /// A trusted public key file (PEM; it may hold several keys): the
        /// service's published seal key. May be repeated.
        #[arg(long = "key", value_name = "PUB.pem", required_unless_present = "demo")]
        keys: Vec<PathBuf>,
        /// Trust the demo seal key: for documents of a demo server only
        /// (its private half is public, so anyone can seal with it).
        #[arg(long)]
        demo: bool,
        /// The verdict's language: kk, ru or en.
        #[arg(long, default_value = "kk", value_parser = parse_lang)]
        lang: Lang,
    },
}

/// The verdict was printed and the seal does not hold (exit status 1).
#[derive(Debug, thiserror::Error)]
#[error("the document's seal does not hold")]
pub struct NotValid;

fn parse_lang(code: &str) -> Result<Lang, String> {
    Lang::from_code(code).ok_or_else(|| format!("{code:?} is not kk, ru or en"))
}

pub fn run(action: Action) -> anyhow::Result<()> {
    let Action::Verify {
        file,
        keys,
        demo: trust_demo,
        lang,
    } = action;
    let words = document_texts(lang);
    let demo = demo_public_key()?;
    let mut trusted: Vec<VerifyingKey> = Vec::new();
    for path in &keys {
        trusted.extend(public_keys_file(path)?);
    }
    if trust_demo {
        trusted.push(demo);
    }
    let bytes = read_capped(&file)?;
    match verify_with_key(&bytes, &trusted) {
        Ok((meta, key)) => {
            println!("{}", words.verdict_valid);
            println!("{}: {}", words.request_number, meta.request_id);
            println!("{}: {}", words.issued_at, local_time(meta.issued_at));
            println!("{}: {}", words.seal_key, key_id(&key));
            if key == demo {
                println!("{}", words.demo_seal_note);
            }
            Ok(())
        }
        Err(e) => {
            println!(
                "{}",
                match e {
                    SealError::NotSealed | SealError::TooLarge => words.verdict_not_sealed,
                    SealError::UnknownKey | SealError::Altered => words.verdict_invalid,
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
