//! The text messages Nomir sends, as values: services say what to tell a
//! subscriber, and the SMS adapter renders the words (kk and ru in one
//! message, from `i18n`) when it sends.

use crate::domain::notification::{NotificationText, PurposeCode};
use crate::wire_complaints::ComplaintStatus;

/// One message to a subscriber.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sms {
    /// A one-time code for a binding request (§5.2).
    Code { code: String },
    /// A one-time code for signing in to the portal (the second factor).
    SignInCode { code: String },
    /// A state service's notification, for one of the configured purposes.
    Notification {
        purpose: PurposeCode,
        text: NotificationText,
    },
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
            Self::SignInCode { code } => crate::i18n::sms_sign_in_code_text(code),
            Self::Notification { text, .. } => format!("{}\n{}", text.kk(), text.ru()),
            Self::NumberUnbound => crate::i18n::sms_unbound_text(),
            Self::ComplaintNews { number, status } => {
                crate::i18n::complaints::sms_text(number, *status)
            }
        }
    }
}

/// What kind of message it is, as the journal and the cabinet list it.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::Display,
    serde::Serialize,
    serde::Deserialize,
)]
#[strum(serialize_all = "kebab-case")]
pub enum SmsKind {
    BindingCode,
    SignInCode,
    NumberUnbound,
    ComplaintNews,
    Notification,
}

impl Sms {
    pub fn kind(&self) -> SmsKind {
        match self {
            Self::Code { .. } => SmsKind::BindingCode,
            Self::SignInCode { .. } => SmsKind::SignInCode,
            Self::NumberUnbound => SmsKind::NumberUnbound,
            Self::ComplaintNews { .. } => SmsKind::ComplaintNews,
            Self::Notification { .. } => SmsKind::Notification,
        }
    }

    /// A notification's purpose; `None` for the service's own messages.
    pub fn topic(&self) -> Option<&PurposeCode> {
        match self {
            Self::Notification { purpose, .. } => Some(purpose),
            _ => None,
        }
    }

    /// Whether the text holds a secret (a code), so the journal masks it.
    pub fn is_secret(&self) -> bool {
        matches!(self, Self::Code { .. } | Self::SignInCode { .. })
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
    fn a_sign_in_code_says_what_it_is_for() {
        let text = Sms::SignInCode {
            code: "120034".into(),
        }
        .text();
        assert_eq!(text.matches("120034").count(), 2, "{text}");
        assert!(text.contains("кіру"), "{text}");
        assert!(text.contains("вход"), "{text}");
        assert_eq!(
            crate::domain::OtpCode::from_pasted(&text).as_deref(),
            Some("120034")
        );
    }

    #[test]
    fn a_notification_carries_both_texts_and_its_purpose() {
        let sms = Sms::Notification {
            purpose: PurposeCode::parse("tax-reminder").unwrap(),
            text: NotificationText::parse("Салық", "Налог", false).unwrap(),
        };
        assert_eq!(sms.text(), "Салық\nНалог");
        assert_eq!(sms.kind().to_string(), "notification");
        assert_eq!(sms.topic().map(PurposeCode::as_str), Some("tax-reminder"));
        assert!(!sms.is_secret());
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
