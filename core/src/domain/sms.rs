//! The text messages Nomir sends, as values: services say what to tell a
//! subscriber, and the SMS adapter renders the words (kk and ru in one
//! message, from `i18n`) when it sends.

use crate::wire_complaints::ComplaintStatus;

/// One message to a subscriber.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sms {
    /// A one-time code for a binding request (§5.2).
    Code { code: String },
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
    fn a_code_message_carries_the_code_in_kazakh_and_russian() {
        let text = Sms::Code {
            code: "482915".into(),
        }
        .text();
        assert_eq!(text.matches("482915").count(), 2, "{text}");
        assert!(text.contains("код"), "{text}");
    }
}
