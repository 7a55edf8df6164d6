//! The text messages Nomir sends, as values: services say what to tell a
//! subscriber, and the SMS adapter renders the words (kk and ru in one
//! message, from `i18n`) when it sends.

use crate::wire_complaints::ComplaintStatus;

/// One message to a subscriber.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sms {
    /// A one-time code for a binding request (§5.2).
    Code { code: String },
    /// To the old number, once another number is bound to the account in
    /// its place: someone whose number was changed without them learns of
    /// it at once.
    NumberUnbound,
    /// Where the citizen's complaint now stands (chapter 3).
    ComplaintNews {
        number: String,
        status: ComplaintStatus,
    },
}

impl Sms {
    /// The message's text as the subscriber's phone shows it.
    pub fn text(&self) -> String {
        match self {
            Self::Code { code } => crate::i18n::sms_code_text(code),
            Self::NumberUnbound => crate::i18n::sms_unbound_text(),
            Self::ComplaintNews { number, status } => {
                crate::i18n::complaints::sms_text(number, *status)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_old_number_is_told_in_kazakh_and_russian() {
        let text = Sms::NumberUnbound.text();
        assert!(text.contains("байланысты емес"), "{text}");
        assert!(text.contains("больше не привязан"), "{text}");
    }

    #[test]
    fn a_code_message_carries_the_code_in_kazakh_and_russian() {
        let text = Sms::Code {
            code: "482915".into(),
        }
        .text();
        assert_eq!(text.matches("482915").count(), 2, "{text}");
        assert!(text.contains("код"), "{text}");
    }
}
