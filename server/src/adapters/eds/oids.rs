//! Object identifiers of the Kazakh PKI and the algorithms we accept.

use const_oid::ObjectIdentifier;

/// Extended key usage "email protection": NCA signing certificates carry it.
pub const EKU_SIGNING: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.4");
/// Extended key usage "client authentication": NCA AUTH certificates.
pub const EKU_CLIENT_AUTH: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.2");
/// NCA key user "individual" (carried in the EKU extension).
pub const EKU_INDIVIDUAL: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.398.3.3.4.1.1");
/// NCA key user "legal entity".
pub const EKU_LEGAL_ENTITY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.398.3.3.4.1.2");

pub const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
pub const SHA256_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
pub const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");

pub const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
pub const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
pub const ID_CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
pub const ID_MESSAGE_DIGEST: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");

/// Subject attribute SERIALNUMBER, which holds `IIN` + 12 digits.
pub const AT_SERIAL_NUMBER: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.5");
pub const AT_COMMON_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
pub const AT_SURNAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.4");
pub const AT_GIVEN_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.42");
pub const AT_COUNTRY: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.6");
pub const AT_ORGANIZATION: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.10");
