//! The verifier's integration tests, one binary: signatures and revocation
//! answers made by an independent implementation (`openssl cms`, `openssl
//! ca`, `openssl ocsp`, OpenSSL's GOST engine) under a CA made by openssl.

mod openssl_pki;

mod openssl;
mod revocation;
