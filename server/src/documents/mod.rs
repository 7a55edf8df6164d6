//! The result document of a binding request (appendix row 5): for each
//! finished request, the bound number or the reasoned refusal, as a PDF
//! issued in the service provider's name and signed with its electronic
//! digital signature, so that anyone (any PDF reader) can check that the
//! service issued it and nothing in it changed.
//!
//! - [`ResultDocument`]: what the document says, decided by the service;
//! - [`pdf`]: its one A4 page, with an embedded subset of DejaVu Sans
//!   ([`font`]) so Kazakh letters render in any reader;
//! - [`pades`]: where the signature sits in the PDF, and finding it;
//! - [`seal`]: the provider's PAdES signature, made and checked;
//! - [`cms`]: the detached CMS a signature is made of;
//! - [`keys`]: which key signs and which organisation a check accepts.

pub mod cms;
mod font;
pub mod keys;
pub mod pades;
pub mod pdf;
pub mod seal;

use nomir_core::end_reason::EndReason;
use nomir_core::i18n::Lang;
use time::OffsetDateTime;

use crate::domain::{Channel, Purpose};

pub use seal::{verify, Checked, Provider, SealError, SealMeta, Sealer};

/// Everything the document states, in the words of `lang`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultDocument {
    /// The request's number: its id.
    pub request_id: String,
    /// As the register holds it: Cyrillic in kk and ru, Latin in en.
    pub citizen_name: String,
    /// The 12 digits of the citizen's IIN.
    pub iin: String,
    pub purpose: Purpose,
    pub channel: Channel,
    /// The API client (the app, the bank) the request came through, if any.
    pub client_name: Option<String>,
    pub started_at: OffsetDateTime,
    /// When the request ended (bound, refused or expired).
    pub finished_at: OffsetDateTime,
    pub outcome: Outcome,
    /// When this document was made; also the PDF's creation date, so the
    /// same request issued at the same second gives the same bytes.
    pub issued_at: OffsetDateTime,
    pub lang: Lang,
}

/// How the request ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The number is bound: its display form (`+7 701 123 45 67`) and operator.
    Bound { number: String, operator: String },
    /// Ended unbound: refused on a row 9 ground, or not performed; the
    /// document quotes the reason and the rule it rests on.
    Ended { reason: EndReason },
}

impl Outcome {
    /// The stable code the seal carries: `bound`, `refused` or `not_performed`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Bound { .. } => "bound",
            Self::Ended { reason } => reason.outcome_code(),
        }
    }
}

impl ResultDocument {
    /// A demo citizen's result document, the same at each call: Aigerim's
    /// number bound at Kcell, in Kazakh. What tests and fuzzing seal when
    /// any real document will do (change a field with `..`).
    pub fn sample() -> Self {
        use time::macros::datetime;
        Self {
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

    /// What the seal states about the document, readable without the PDF.
    pub fn seal_meta(&self) -> SealMeta {
        SealMeta {
            request_id: self.request_id.clone(),
            issued_at: self.issued_at,
            outcome: self.outcome.code().to_owned(),
            ground: match &self.outcome {
                Outcome::Ended { reason } => Some(reason.code().to_owned()),
                Outcome::Bound { .. } => None,
            },
        }
    }
}

pub use nomir_core::kz_time::local_time_to_the_second as local_time;

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn times_are_printed_in_astana_time_to_the_second() {
        assert_eq!(
            local_time(datetime!(2026-11-25 05:07:09 UTC)),
            "25.11.2026 10:07:09 (UTC+5)"
        );
    }
}
