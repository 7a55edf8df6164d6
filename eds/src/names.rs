//! Reading and writing the subject names of NCA certificates
//! (`CN=…, SURNAME=…, SERIALNUMBER=IIN…, C=KZ`).

use der::asn1::{PrintableStringRef, Utf8StringRef};
use der::{Any, Tag, Tagged};
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};

use super::oids::{AT_COMMON_NAME, AT_COUNTRY, AT_SERIAL_NUMBER};
use nomir_core::domain::Iin;

/// The text of the first attribute `oid` in `name`.
pub fn attribute(name: &Name, oid: der::asn1::ObjectIdentifier) -> Option<String> {
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .find(|a| a.oid == oid)
        .and_then(|a| text(&a.value))
}

fn text(value: &Any) -> Option<String> {
    match value.tag() {
        Tag::Utf8String => value
            .decode_as::<Utf8StringRef<'_>>()
            .ok()
            .map(|s| s.as_str().to_owned()),
        Tag::PrintableString => value
            .decode_as::<PrintableStringRef<'_>>()
            .ok()
            .map(|s| s.as_str().to_owned()),
        _ => None,
    }
}

/// The IIN in the subject's SERIALNUMBER (`IIN` + 12 digits), if valid.
pub fn iin_of(subject: &Name) -> Option<Iin> {
    let serial = attribute(subject, AT_SERIAL_NUMBER)?;
    Iin::parse(serial.strip_prefix("IIN")?).ok()
}

/// The BIN in the subject's OU (`BIN` + 12 digits): a legal entity's
/// certificate names the organisation so (NCA RK practice).
pub fn bin_of(subject: &Name) -> Option<String> {
    let unit = attribute(subject, super::oids::AT_ORGANIZATIONAL_UNIT)?;
    let bin = unit.strip_prefix("BIN")?;
    (bin.len() == 12 && bin.bytes().all(|b| b.is_ascii_digit())).then(|| bin.to_owned())
}

/// The organisation's name (O) of a legal entity's certificate.
pub fn organisation_of(subject: &Name) -> String {
    attribute(subject, super::oids::AT_ORGANIZATION).unwrap_or_default()
}

pub fn common_name(subject: &Name) -> String {
    attribute(subject, AT_COMMON_NAME).unwrap_or_default()
}

/// Builds a name from attributes in order; Latin-only values that fit are
/// PrintableString (as C and SERIALNUMBER are in NCA certificates), the rest UTF8String.
pub fn build_name(parts: &[(der::asn1::ObjectIdentifier, &str)]) -> der::Result<Name> {
    let mut rdns = Vec::new();
    for (oid, value) in parts {
        let printable = (*oid == AT_COUNTRY || *oid == AT_SERIAL_NUMBER)
            && PrintableStringRef::new(value).is_ok();
        let value = if printable {
            Any::new(Tag::PrintableString, value.as_bytes())?
        } else {
            Any::new(Tag::Utf8String, value.as_bytes())?
        };
        let atv = AttributeTypeAndValue { oid: *oid, value };
        rdns.push(RelativeDistinguishedName(der::asn1::SetOfVec::try_from(
            vec![atv],
        )?));
    }
    Ok(RdnSequence(rdns))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oids::AT_SURNAME;

    #[test]
    fn the_iin_is_read_from_serialnumber_only() {
        let name = build_name(&[
            (AT_COMMON_NAME, "САПАРОВА ӘЙГЕРІМ"),
            (AT_SURNAME, "САПАРОВА"),
            (AT_SERIAL_NUMBER, "IIN900515410001"),
            (AT_COUNTRY, "KZ"),
        ])
        .unwrap();
        assert_eq!(iin_of(&name), Iin::parse("900515410001").ok());
        assert_eq!(common_name(&name), "САПАРОВА ӘЙГЕРІМ");
        let no_iin = build_name(&[(AT_COMMON_NAME, "IIN900515410001")]).unwrap();
        assert_eq!(iin_of(&no_iin), None);
        let bin = build_name(&[(AT_SERIAL_NUMBER, "BIN940140000385")]).unwrap();
        assert_eq!(iin_of(&bin), None);
    }

    #[test]
    fn the_bin_is_read_from_the_organisational_unit() {
        use crate::oids::{AT_ORGANIZATION, AT_ORGANIZATIONAL_UNIT};
        let name = build_name(&[
            (AT_ORGANIZATION, "ТЕСТ"),
            (AT_ORGANIZATIONAL_UNIT, "BIN260140000015"),
        ])
        .unwrap();
        assert_eq!(bin_of(&name).as_deref(), Some("260140000015"));
        assert_eq!(organisation_of(&name), "ТЕСТ");
        for unit in [
            "BIN26014000001",
            "BIN26014000001X",
            "260140000015",
            "IIN850101300025",
        ] {
            let name = build_name(&[(AT_ORGANIZATIONAL_UNIT, unit)]).unwrap();
            assert_eq!(bin_of(&name), None, "{unit}");
        }
    }
}
