//! Reading a CMS as it arrives (DER, PEM, or base64 as NCALayer returns it)
//! within limits: a size cap before anything is decoded, and a cap on how
//! deeply DER values nest, so hostile input costs little and never
//! exhausts the stack.

use base64::Engine;

use crate::SignatureError;

/// The largest CMS accepted, in bytes (a citizen's CMS with its chain is a
/// few kilobytes; NCALayer's with a timestamp under 20 KiB).
pub const MAX_CMS_BYTES: usize = 256 * 1024;

/// The deepest nesting of constructed DER values accepted. A CMS with its
/// certificates nests about a dozen levels.
pub const MAX_DEPTH: usize = 32;

/// The DER bytes of `input`, which may be DER, PEM (any label) or base64.
pub fn to_der(input: &[u8]) -> Result<Vec<u8>, SignatureError> {
    if input.len() > MAX_CMS_BYTES * 2 {
        return Err(SignatureError::TooLarge(MAX_CMS_BYTES));
    }
    let der = if input.first() == Some(&0x30) {
        input.to_vec()
    } else {
        let text = std::str::from_utf8(input)
            .map_err(|_| SignatureError::Malformed("neither DER, PEM nor base64".into()))?;
        let body: String = text
            .lines()
            .filter(|l| !l.starts_with("-----"))
            .flat_map(|l| l.chars())
            .filter(|c| !c.is_ascii_whitespace())
            .collect();
        if body.is_empty() {
            return Err(SignatureError::Malformed("the signature is empty".into()));
        }
        base64::engine::general_purpose::STANDARD
            .decode(body)
            .map_err(|_| SignatureError::Malformed("neither DER, PEM nor base64".into()))?
    };
    if der.is_empty() {
        return Err(SignatureError::Malformed("the signature is empty".into()));
    }
    if der.len() > MAX_CMS_BYTES {
        return Err(SignatureError::TooLarge(MAX_CMS_BYTES));
    }
    check_nesting(&der)?;
    Ok(der)
}

/// Walks the DER tree without recursion and refuses nesting deeper than
/// [`MAX_DEPTH`] or lengths that run past their parent. Hand-written: the
/// `der` crate decodes typed structures but sets no depth limit of its own
/// for values it carries as `Any`.
pub fn check_nesting(der: &[u8]) -> Result<(), SignatureError> {
    let bad = |why: &str| SignatureError::Malformed(why.to_owned());
    // Ends of the constructed values we are inside, innermost last.
    let mut ends: Vec<usize> = vec![der.len()];
    let mut at = 0usize;
    while at < der.len() {
        while ends.last().is_some_and(|&end| at >= end) {
            ends.pop();
        }
        let tag = der[at];
        if tag & 0x1f == 0x1f {
            return Err(bad("high tag numbers are not used in CMS"));
        }
        let (len, header) = length(&der[at + 1..]).ok_or_else(|| bad("bad DER length"))?;
        let start = at + 1 + header;
        let end = start
            .checked_add(len)
            .filter(|&e| e <= *ends.last().unwrap_or(&der.len()))
            .ok_or_else(|| bad("a DER value runs past its end"))?;
        if tag & 0x20 != 0 {
            ends.push(end);
            if ends.len() > MAX_DEPTH + 1 {
                return Err(bad("DER nested too deeply"));
            }
            at = start;
        } else {
            at = end;
        }
    }
    Ok(())
}

/// A definite DER length and how many bytes it took.
fn length(bytes: &[u8]) -> Option<(usize, usize)> {
    let first = *bytes.first()?;
    if first < 0x80 {
        return Some((usize::from(first), 1));
    }
    let n = usize::from(first & 0x7f);
    if n == 0 || n > 4 || bytes.len() < 1 + n {
        return None;
    }
    let len = bytes[1..=n]
        .iter()
        .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
    Some((len, 1 + n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_pem_and_base64_read_the_same() {
        let der = vec![0x30, 0x03, 0x02, 0x01, 0x05];
        let b64 = base64::engine::general_purpose::STANDARD.encode(&der);
        let pem = format!("-----BEGIN CMS-----\n{b64}\n-----END CMS-----\n");
        assert_eq!(to_der(&der).unwrap(), der);
        assert_eq!(to_der(b64.as_bytes()).unwrap(), der);
        assert_eq!(to_der(pem.as_bytes()).unwrap(), der);
    }

    #[test]
    fn empty_truncated_junk_huge_and_deep_input_are_refused() {
        assert!(matches!(to_der(b""), Err(SignatureError::Malformed(_))));
        assert!(matches!(
            to_der(b"   \n"),
            Err(SignatureError::Malformed(_))
        ));
        assert!(matches!(
            to_der(b"%%% not base64"),
            Err(SignatureError::Malformed(_))
        ));
        assert!(matches!(
            to_der(&[0x30, 0x05, 0x02, 0x01]),
            Err(SignatureError::Malformed(_))
        ));
        let huge = vec![0x30; MAX_CMS_BYTES + 1];
        assert_eq!(to_der(&huge), Err(SignatureError::TooLarge(MAX_CMS_BYTES)));
        // 40 nested SEQUENCEs around an empty one.
        let mut deep = vec![0x30, 0x00];
        for _ in 0..40 {
            let mut outer = vec![0x30, u8::try_from(deep.len()).unwrap_or(0x7f)];
            if deep.len() > 0x7f {
                outer = vec![0x30, 0x81, u8::try_from(deep.len()).unwrap()];
            }
            outer.extend(deep);
            deep = outer;
        }
        assert!(matches!(to_der(&deep), Err(SignatureError::Malformed(m)) if m.contains("deeply")));
    }
}
