//! The canonical request document the citizen certifies with an EDS
//! (Rules §5.2, appendix row 8): one fixed text, so the server can rebuild
//! exactly the bytes that were signed.

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use super::binding::Purpose;
use super::{Iin, Msisdn};

/// Everything the signature covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestDocument<'a> {
    pub request_id: &'a str,
    pub iin: &'a Iin,
    pub msisdn: &'a Msisdn,
    pub purpose: Purpose,
    pub issued_at: OffsetDateTime,
    /// A random value the server chose for this request only.
    pub nonce: &'a str,
}

impl RequestDocument<'_> {
    /// The UTF-8 bytes to sign.
    pub fn to_bytes(&self) -> Vec<u8> {
        let purpose = self.purpose.code();
        let issued = self.issued_at.format(&Rfc3339).unwrap_or_default();
        format!(
            "nomir-request/1\nrequest-id: {}\niin: {}\nmsisdn: {}\npurpose: {purpose}\nissued-at: {issued}\nnonce: {}\n",
            self.request_id,
            self.iin.as_str(),
            self.msisdn.as_str(),
            self.nonce
        )
        .into_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn the_document_is_fixed_text_naming_every_field() {
        let iin = Iin::parse("900515410001").unwrap();
        let msisdn = Msisdn::parse("+77011234567").unwrap();
        let doc = RequestDocument {
            request_id: "r1",
            iin: &iin,
            msisdn: &msisdn,
            purpose: Purpose::Bind,
            issued_at: datetime!(2026-11-25 05:00 UTC),
            nonce: "abc",
        };
        let text = String::from_utf8(doc.to_bytes()).unwrap();
        assert_eq!(
            text,
            "nomir-request/1\nrequest-id: r1\niin: 900515410001\nmsisdn: +77011234567\npurpose: bind\n\
             issued-at: 2026-11-25T05:00:00Z\nnonce: abc\n"
        );
        let other = RequestDocument {
            request_id: "r2",
            ..doc
        };
        assert_ne!(other.to_bytes(), text.into_bytes());
    }
}
