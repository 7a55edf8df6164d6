//! The signature verifier is its own crate (`kz_eds`, in `eds/`): the
//! server uses it as it is. Which roots and revocation sources it trusts
//! is the composition root's choice (`startup`), demo mode's in `demo::pki`.

pub use kz_eds::*;
