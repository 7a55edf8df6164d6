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

pub const SIGNING_TIME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");

// ECDSA on P-256 with SHA-256.
pub const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
pub const PRIME256V1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
pub const ECDSA_WITH_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");

// GOST R 34.10-2015 / 34.11-2012 as NCA RK (Kalkan) names them.
pub const KZ_GOST_2015_256_KEY: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.398.3.10.1.1.2.1");
pub const KZ_GOST_2015_512_KEY: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.398.3.10.1.1.2.2");
pub const KZ_GOST_2015_256_SIG: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.398.3.10.1.1.2.3.1");
pub const KZ_GOST_2015_512_SIG: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.398.3.10.1.1.2.3.2");
pub const KZ_STREEBOG_256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.398.3.10.1.3.2");
pub const KZ_STREEBOG_512: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.398.3.10.1.3.3");
/// The legacy GOST 34.310-2004 family (keys and signatures under this arc).
pub const KZ_GOST_2004_ARC: &str = "1.2.398.3.10.1.1.1";
/// Legacy GOST 34.311-95 digest.
pub const KZ_GOST_2004_DIGEST: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.398.3.10.1.3.1");

// The same algorithms under their international (TC 26, RFC 9215) names,
// as OpenSSL's GOST engine writes them.
pub const TC26_GOST_256_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.643.7.1.1.1.1");
pub const TC26_GOST_512_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.643.7.1.1.1.2");
pub const TC26_STREEBOG_256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.643.7.1.1.2.2");
pub const TC26_STREEBOG_512: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.643.7.1.1.2.3");
pub const TC26_GOST_256_SIG: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.643.7.1.1.3.2");
pub const TC26_GOST_512_SIG: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.643.7.1.1.3.3");

// Certificate policies NCA RK put on individuals' and legal entities' keys
// (the fallback for older certificates without the key-user EKU).
pub const POLICY_LEGAL_SIGN: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.398.3.3.2.1");
pub const POLICY_LEGAL_AUTH: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.398.3.3.2.2");
pub const POLICY_INDIVIDUAL_SIGN: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.398.3.3.2.3");
pub const POLICY_INDIVIDUAL_AUTH: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.398.3.3.2.4");
/// Subject attribute OU, which holds `BIN` + 12 digits on legal entities' keys.
pub const AT_ORGANIZATIONAL_UNIT: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.11");

/// Extensions this verifier understands; any other marked critical is refused.
pub const KNOWN_EXTENSIONS: &[&str] = &[
    "2.5.29.14",         // subject key identifier
    "2.5.29.15",         // key usage
    "2.5.29.17",         // subject alternative name
    "2.5.29.19",         // basic constraints
    "2.5.29.31",         // CRL distribution points
    "2.5.29.32",         // certificate policies
    "2.5.29.35",         // authority key identifier
    "2.5.29.37",         // extended key usage
    "1.3.6.1.5.5.7.1.1", // authority information access
];
/// Extended key usage "OCSP signing": an OCSP responder's certificate.
pub const EKU_OCSP_SIGNING: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.9");
