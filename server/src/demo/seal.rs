//! Demo mode's seal: the demo provider's legal-entity certificate in
//! `server/demo-pki/` (issued by the demo CA, so trusted in demo mode
//! only), which signs result documents in demo mode.

use time::macros::datetime;

use crate::documents::seal::{KeyError, Sealer};
use crate::documents::{Outcome, ResultDocument};
use crate::domain::{Channel, Purpose};
use nomir_core::i18n::Lang;

pub const PRIVATE_KEY: &str = include_str!("../../demo-pki/provider-seal.key.pem");
pub const CERTIFICATE: &str = include_str!("../../demo-pki/provider-seal.pem");

/// The demo sealer.
pub fn sealer() -> Result<Sealer, KeyError> {
    Sealer::from_pem(PRIVATE_KEY, CERTIFICATE, "the demo provider's seal")
}

/// A demo citizen's result document, the same at each call: Aigerim's
/// number bound at Kcell, in Kazakh. What tests, fuzzing and benchmarks
/// seal when any real document will do (change a field with `..`).
pub fn sample_document() -> ResultDocument {
    ResultDocument {
        request_id: "0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b".into(),
        citizen_name: "Сапарова Әйгерім".into(),
        iin: "900515410001".into(),
        purpose: Purpose::Bind,
        channel: Channel::Portal,
        client_name: None,
        started_at: datetime!(2026-11-25 05:00:00 UTC),
        finished_at: datetime!(2026-11-25 05:03:00 UTC),
        outcome: Outcome::Bound {
            number: "+7 701 123 45 67".into(),
            operator: "Kcell".into(),
        },
        issued_at: datetime!(2026-11-25 05:10:00 UTC),
        lang: Lang::Kk,
    }
}
