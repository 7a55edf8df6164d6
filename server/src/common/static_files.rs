//! The front end's files (`/pkg/*`): served compressed from files made once
//! at start (Brotli and Zopfli's gzip beside each original), and cached for a year
//! when their names carry a content hash (cargo-leptos `hash-files`).

use std::path::{Path, PathBuf};

use axum::http::HeaderValue;
use tower_http::services::ServeDir;

/// Which files are worth compressing (the WASM, its JS glue, the CSS, SVG).
const COMPRESSIBLE: [&str; 5] = ["wasm", "js", "css", "svg", "txt"];

/// `Cache-Control` for a hashed front-end file: its name changes with its content.
pub const IMMUTABLE: HeaderValue = HeaderValue::from_static("public, max-age=31536000, immutable");
/// `Cache-Control` for an unhashed one: the browser asks again each time (a 304 when unchanged).
pub const REVALIDATE: HeaderValue = HeaderValue::from_static("no-cache");

/// The directory service for `/pkg`, preferring the precompressed copies.
pub fn service(pkg_dir: PathBuf) -> ServeDir {
    ServeDir::new(pkg_dir)
        .precompressed_br()
        .precompressed_gzip()
}

/// Writes `name.br` and `name.gz` beside every compressible file of `dir`
/// that lacks them or changed since. A failure (a read-only site) is
/// logged and the files are then served uncompressed.
pub fn precompress(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for path in entries.filter_map(Result::ok).map(|e| e.path()) {
        let compressible = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e));
        if !compressible {
            continue;
        }
        for (suffix, compress) in [("br", brotli_of as fn(&[u8]) -> Vec<u8>), ("gz", gzip_of)] {
            let target = with_suffix(&path, suffix);
            if is_fresh(&path, &target) {
                continue;
            }
            let written = std::fs::read(&path)
                .and_then(|original| std::fs::write(&target, compress(&original)));
            if let Err(e) = written {
                tracing::warn!(file = %target.display(), error = %e, "could not precompress");
            }
        }
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

/// Whether `copy` exists and is not older than `original`.
fn is_fresh(original: &Path, copy: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    matches!((modified(original), modified(copy)), (Some(o), Some(c)) if c >= o)
}

fn brotli_of(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 3);
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    // Writing into a Vec cannot fail.
    let _ = brotli::BrotliCompress(&mut &data[..], &mut out, &params);
    out
}

/// Zopfli's gzip: a few percent smaller than zlib's best, for browsers
/// that take only gzip; slow, but made once per build.
fn gzip_of(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 3);
    // Writing into a Vec cannot fail.
    let _ = zopfli::compress(
        zopfli::Options::default(),
        zopfli::Format::Gzip,
        data,
        &mut out,
    );
    out
}

/// Whether a `/pkg/` file name carries cargo-leptos' content hash
/// (`nomir.<hash>.wasm`), so its content never changes under that name.
pub fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() >= 3
        && parts[parts.len() - 2].len() >= 8
        && parts[parts.len() - 2]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_with_a_content_hash_are_immutable() {
        assert!(is_hashed("/pkg/nomir.FyQK2ZH8k3wV.wasm"));
        assert!(is_hashed("/pkg/nomir.a1b2c3d4e5f6a7b8.css"));
        assert!(!is_hashed("/pkg/nomir.wasm"));
        assert!(!is_hashed("/pkg/nomir_bg.wasm"));
    }

    #[test]
    fn compressed_copies_are_made_once_and_decompress_to_the_original() {
        let dir = std::env::temp_dir().join(format!("nomir-pkg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let original = "body { color: black }\n".repeat(200);
        std::fs::write(dir.join("site.css"), &original).unwrap();
        std::fs::write(dir.join("photo.png"), b"not compressible").unwrap();
        precompress(&dir);
        let gz = std::fs::read(dir.join("site.css.gz")).unwrap();
        let br = std::fs::read(dir.join("site.css.br")).unwrap();
        assert!(gz.len() < original.len() / 10 && br.len() < original.len() / 10);
        let mut unzipped = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut unzipped)
            .unwrap();
        assert_eq!(unzipped, original);
        let mut unbrotli = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut unbrotli).unwrap();
        assert_eq!(unbrotli, original.as_bytes());
        assert!(!dir.join("photo.png.gz").exists());
        let stamp = std::fs::metadata(dir.join("site.css.gz"))
            .unwrap()
            .modified()
            .unwrap();
        precompress(&dir);
        let again = std::fs::metadata(dir.join("site.css.gz"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(stamp, again, "an up-to-date copy is not rewritten");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
