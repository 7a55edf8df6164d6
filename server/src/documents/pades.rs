//! Where the PAdES signature sits in a result document's PDF, as every PDF
//! reader looks for it (ISO 32000-1 §12.8, ETSI EN 319 142-1): a signature
//! field on the page, whose value is a signature dictionary with
//! `/SubFilter /ETSI.CAdES.detached`, a `/ByteRange` and, in `/Contents`,
//! the CMS over every byte of the file but `/Contents` itself.
//!
//! Written by hand, on purpose: `pdf-writer` writes the dictionaries but
//! knows nothing of byte ranges, and the Rust crates that sign PDFs parse
//! and rewrite the whole file (over `lopdf`). Here the file is ours and has
//! one revision, so its signature's place is reserved as it is written
//! ([`write_placeholder`]) and filled afterwards ([`fill`]); a check
//! ([`find`]) needs no PDF parser either, because it accepts only a
//! signature that covers the whole file: then every byte but the CMS is
//! exactly what the signer signed.

use std::ops::Range;

use der::{Decode, Reader};
use pdf_writer::types::{AnnotationFlags, FieldType, SigFlags};
use pdf_writer::{Date, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

/// The room kept for the CMS, in bytes (written as twice as many hex
/// digits): a 4096-bit RSA signature with three certificates fits.
pub const CONTENTS_BYTES: usize = 8192;
/// `/ByteRange` as first written: 10 digits each, as wide as any offset
/// the final numbers (at most [`super::seal::MAX_FILE_BYTES`]) can need.
const RANGE_PLACEHOLDER: [i32; 4] = [0, 1_000_000_000, 1_000_000_000, 1_000_000_000];
const BYTE_RANGE: &[u8] = b"/ByteRange";
const CONTENTS: &[u8] = b"/Contents ";
/// A private entry of the signature dictionary (readers ignore it) holding
/// what the document states in short, for a check to show: inside the
/// signed bytes, so as trustworthy as the rest.
pub const META_KEY: &[u8] = b"/NomirSeal";

/// What the signature dictionary says besides the signature.
pub struct Placeholder<'a> {
    /// The signature field (merged with its invisible widget on `page`).
    pub field: Ref,
    pub signature: Ref,
    pub page: Ref,
    /// `/M`: when it was signed.
    pub signed_at: Date,
    /// `/Reason`, which readers show beside the signer.
    pub reason: &'a str,
    /// [`META_KEY`]'s value: printable ASCII without parentheses or
    /// backslashes (base64), so that it is written as it is.
    pub meta: &'a str,
}

/// Writes the signature field and the signature dictionary with room for
/// the CMS. The catalog's form must list `field` (with `SigFlags` 3), and
/// the page's annotations must include it.
pub fn write_placeholder(pdf: &mut Pdf, p: &Placeholder) {
    let mut field = pdf.form_field(p.field);
    field
        .field_type(FieldType::Signature)
        .partial_name(TextStr("Signature1"));
    field.pair(Name(b"V"), p.signature);
    let mut widget = field.into_annotation();
    widget
        .rect(Rect::new(0.0, 0.0, 0.0, 0.0))
        .page(p.page)
        .flags(AnnotationFlags::PRINT | AnnotationFlags::LOCKED);
    widget.finish();

    let mut sig = pdf.indirect(p.signature).dict();
    sig.pair(Name(b"Type"), Name(b"Sig"))
        .pair(Name(b"Filter"), Name(b"Adobe.PPKLite"))
        .pair(Name(b"SubFilter"), Name(b"ETSI.CAdES.detached"))
        .pair(Name(b"M"), p.signed_at)
        .pair(Name(b"Reason"), TextStr(p.reason))
        .pair(Name(&META_KEY[1..]), Str(p.meta.as_bytes()));
    sig.insert(Name(&BYTE_RANGE[1..]))
        .array()
        .items(RANGE_PLACEHOLDER);
    // Non-ASCII bytes, so pdf-writer writes a hex string of fixed width.
    sig.pair(Name(b"Contents"), Str(&[0xff; CONTENTS_BYTES]));
    sig.finish();
}

/// An empty page with room for a signature stating `meta`: what the
/// start-up check of the seal signs.
pub fn blank(meta: &str) -> Vec<u8> {
    let (catalog, pages, page, field, signature) = (
        Ref::new(1),
        Ref::new(2),
        Ref::new(3),
        Ref::new(4),
        Ref::new(5),
    );
    let mut pdf = Pdf::new();
    let mut c = pdf.catalog(catalog);
    c.pages(pages);
    c.form()
        .fields([field])
        .sig_flags(SigFlags::SIGNATURES_EXIST | SigFlags::APPEND_ONLY);
    c.finish();
    pdf.pages(pages).kids([page]).count(1);
    pdf.page(page)
        .parent(pages)
        .media_box(Rect::new(0.0, 0.0, 595.0, 842.0))
        .annotations([field]);
    write_placeholder(
        &mut pdf,
        &Placeholder {
            field,
            signature,
            page,
            signed_at: Date::new(2026),
            reason: "Nomir",
            meta,
        },
    );
    pdf.finish()
}

/// Why a prepared file could not be signed (a bug: it is our own file).
#[derive(Debug, thiserror::Error)]
pub enum FillError {
    #[error("the PDF has no signature placeholder")]
    NoPlaceholder,
    #[error("the CMS ({0} bytes) is larger than its room")]
    TooLarge(usize),
    #[error("signing failed: {0}")]
    Sign(#[source] anyhow::Error),
}

/// Fills the placeholder of a file written with [`write_placeholder`]: the
/// byte ranges, then `sign`'s CMS over them.
pub fn fill(
    mut file: Vec<u8>,
    sign: impl FnOnce(&[u8]) -> anyhow::Result<Vec<u8>>,
) -> Result<Vec<u8>, FillError> {
    let at = last_position(&file, BYTE_RANGE).ok_or(FillError::NoPlaceholder)?;
    let open = at + position(&file[at..], b"[").ok_or(FillError::NoPlaceholder)?;
    let close = open + 1 + position(&file[open..], b"]").ok_or(FillError::NoPlaceholder)?;
    let lt = close
        + position(&file[close..], CONTENTS).ok_or(FillError::NoPlaceholder)?
        + CONTENTS.len();
    let gt = lt + 1 + 2 * CONTENTS_BYTES;
    if file.get(lt) != Some(&b'<') || file.get(gt) != Some(&b'>') {
        return Err(FillError::NoPlaceholder);
    }
    let after = gt + 1;
    let ranges = format!("[0 {lt} {after} {}]", file.len() - after);
    let width = close - open;
    if ranges.len() > width {
        return Err(FillError::NoPlaceholder);
    }
    file[open..close].copy_from_slice(format!("{ranges:width$}").as_bytes());
    let mut signed = Vec::with_capacity(file.len() - (after - lt));
    signed.extend_from_slice(&file[..lt]);
    signed.extend_from_slice(&file[after..]);
    let cms = sign(&signed).map_err(FillError::Sign)?;
    if cms.len() > CONTENTS_BYTES {
        return Err(FillError::TooLarge(cms.len()));
    }
    let digits = hex::encode_upper(&cms);
    file[lt + 1..gt].fill(b'0');
    file[lt + 1..lt + 1 + digits.len()].copy_from_slice(digits.as_bytes());
    Ok(file)
}

/// A signature found in a file: where its `/Contents` string lies (the
/// bytes outside it are the signed ones), the CMS it holds, and where its
/// `/ByteRange` is (inside its signature dictionary, before the gap).
#[derive(Debug)]
pub struct Found {
    pub gap: Range<usize>,
    pub cms: Vec<u8>,
    pub byte_range_at: usize,
}

/// The largest `/Contents` a check decodes: a CMS with a few certificates
/// is a few kilobytes; more is not a document of the service.
const MAX_CMS_BYTES: usize = 64 * 1024;

/// Why no signature covering the file was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindError {
    /// No `/ByteRange`: the file is not signed.
    Unsigned,
    /// A signature that is malformed or does not cover the whole file
    /// (bytes were appended or it signs only a part).
    NotWhole,
}

/// The last signature in `file`, if it covers every byte but its own
/// `/Contents`, with its CMS (the DER without the padding after it).
pub fn find(file: &[u8]) -> Result<Found, FindError> {
    let at = last_position(file, BYTE_RANGE).ok_or(FindError::Unsigned)?;
    let [start, lt, after, rest] = ranges(&file[at + BYTE_RANGE.len()..])?;
    let whole = start == 0
        && lt < after
        && after.checked_add(rest) == Some(file.len())
        && file.get(lt) == Some(&b'<')
        && file.get(after - 1) == Some(&b'>');
    if !whole || after - lt > 2 * MAX_CMS_BYTES + 2 {
        return Err(FindError::NotWhole);
    }
    let hex_digits = &file[lt + 1..after - 1];
    let bytes = hex::decode(hex_digits).map_err(|_| FindError::NotWhole)?;
    let cms = without_padding(bytes).ok_or(FindError::NotWhole)?;
    Ok(Found {
        gap: lt..after,
        cms,
        byte_range_at: at,
    })
}

/// The four numbers of `[a b c d]` at the start of `text` (after spaces).
fn ranges(text: &[u8]) -> Result<[usize; 4], FindError> {
    let text = text.trim_ascii_start();
    let body = text.strip_prefix(b"[").ok_or(FindError::NotWhole)?;
    let end = position(body, b"]").ok_or(FindError::NotWhole)?;
    let numbers: Vec<usize> = std::str::from_utf8(&body[..end])
        .map_err(|_| FindError::NotWhole)?
        .split_ascii_whitespace()
        .map(|n| n.parse().map_err(|_| FindError::NotWhole))
        .collect::<Result<_, _>>()?;
    numbers.try_into().map_err(|_| FindError::NotWhole)
}

/// The DER value at the start of `bytes`, if only zeros follow it (the
/// room left in `/Contents`).
fn without_padding(mut bytes: Vec<u8>) -> Option<Vec<u8>> {
    let mut reader = der::SliceReader::new(&bytes).ok()?;
    let header = der::Header::decode(&mut reader).ok()?;
    let total = usize::try_from((reader.position() + header.length).ok()?).ok()?;
    if total > bytes.len() || bytes[total..].iter().any(|&b| b != 0) {
        return None;
    }
    bytes.truncate(total);
    Some(bytes)
}

fn position(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn last_position(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// [`META_KEY`]'s value in the signature dictionary whose `/ByteRange`
/// is at `byte_range_at` (between the dictionary's `<<` and it, where
/// [`write_placeholder`] puts it), if there is one.
pub fn meta(file: &[u8], byte_range_at: usize) -> Option<&str> {
    let before = file.get(..byte_range_at)?;
    let dict = &before[last_position(before, b"<<")?..];
    let key = last_position(dict, META_KEY)?;
    let value = &dict[key + META_KEY.len()..];
    let value = value.trim_ascii_start().strip_prefix(b"(")?;
    let end = position(value, b")")?;
    std::str::from_utf8(&value[..end]).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prepared() -> Vec<u8> {
        blank("bWV0YQ==")
    }

    /// A CMS stand-in: any DER value.
    fn der_of(signed: &[u8]) -> Vec<u8> {
        use der::Encode;
        der::asn1::OctetString::new(&signed[..16])
            .unwrap()
            .to_der()
            .unwrap()
    }

    #[test]
    fn the_signature_covers_every_byte_but_its_own_contents() {
        let mut seen = Vec::new();
        let file = fill(prepared(), |signed| {
            seen = signed.to_vec();
            Ok(der_of(signed))
        })
        .unwrap();
        let found = find(&file).unwrap();
        let mut outside = file[..found.gap.start].to_vec();
        outside.extend_from_slice(&file[found.gap.end..]);
        assert_eq!(outside, seen);
        assert_eq!(found.cms, der_of(&seen));
        assert_eq!(found.gap.len(), 2 + 2 * CONTENTS_BYTES);
        assert_eq!(meta(&file, found.byte_range_at), Some("bWV0YQ=="));
    }

    #[test]
    fn appended_bytes_or_a_partial_range_are_not_a_whole_signature() {
        let file = fill(prepared(), |s| Ok(der_of(s))).unwrap();
        let mut longer = file.clone();
        longer.extend_from_slice(b"\n% appended\n");
        assert_eq!(find(&longer).unwrap_err(), FindError::NotWhole);
        assert_eq!(
            find(b"%PDF-1.7 no signature").unwrap_err(),
            FindError::Unsigned
        );
        let text = String::from_utf8_lossy(&file).into_owned();
        let start = text.find("/ByteRange [").unwrap() + "/ByteRange [".len();
        let mut shifted = file.clone();
        shifted[start] = b'1';
        assert_eq!(find(&shifted).unwrap_err(), FindError::NotWhole);
        // Non-zero bytes after the DER: something was slipped in.
        let found = find(&file).unwrap();
        let mut padded = file.clone();
        padded[found.gap.end - 2] = b'1';
        assert_eq!(find(&padded).unwrap_err(), FindError::NotWhole);
    }

    #[test]
    fn a_cms_larger_than_its_room_is_refused() {
        let err = fill(prepared(), |_| Ok(vec![0; CONTENTS_BYTES + 1])).unwrap_err();
        assert!(matches!(err, FillError::TooLarge(_)));
        assert!(matches!(
            fill(b"%PDF-1.7".to_vec(), |_| Ok(Vec::new())).unwrap_err(),
            FillError::NoPlaceholder
        ));
    }
}
