//! Notifications from state services to a citizen's bound number (the
//! Rules' purpose of the binding: "receiving state and other services in
//! electronic form via the subscriber's mobile device", Rules §1, §2).
//!
//! A state service names the citizen by IIN and gives the text in Kazakh
//! and Russian and a purpose from the configured list. The text is checked
//! here: not empty, short enough for an SMS of a few parts, no control
//! characters, and no links unless the client is allowed them.

use std::fmt;

/// The most characters of one language's text (both go in one SMS, UCS-2:
/// the two at most fill five concatenated parts).
pub const MAX_TEXT_CHARS: usize = 160;
/// The most notifications one citizen receives from one state service in
/// an hour, and from all of them in a day; decided under the account's
/// lock, so parallel calls cannot outrun them.
pub const MAX_PER_CLIENT_PER_HOUR: u32 = 3;
pub const MAX_PER_CITIZEN_PER_DAY: u32 = 10;

/// A purpose's code: 2 to 40 of `a-z`, `0-9` and `-`, starting with a letter.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PurposeCode(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a purpose code is 2 to 40 of a-z, 0-9 and '-', starting with a letter")]
pub struct PurposeCodeError;

impl PurposeCode {
    pub fn parse(s: &str) -> Result<Self, PurposeCodeError> {
        let ok = (2..=40).contains(&s.len())
            && s.starts_with(|c: char| c.is_ascii_lowercase())
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        ok.then(|| Self(s.to_owned())).ok_or(PurposeCodeError)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PurposeCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One purpose of the configured list: whether the citizen may opt out of
/// it, and its name in each language (what the cabinet shows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotificationPurpose {
    pub code: PurposeCode,
    /// Optional purposes can be turned off by the citizen; the others
    /// (a court summons, a deadline of law) always reach the phone.
    pub optional: bool,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
}

impl NotificationPurpose {
    pub fn name(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::Kk => &self.name_kk,
            crate::i18n::Lang::Ru => &self.name_ru,
            crate::i18n::Lang::En => &self.name_en,
        }
    }
}

/// The configured list of purposes, each code once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Purposes(Vec<NotificationPurpose>);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the purpose {0} is listed twice")]
pub struct DuplicatePurpose(pub String);

impl Purposes {
    pub fn new(list: Vec<NotificationPurpose>) -> Result<Self, DuplicatePurpose> {
        let mut seen = std::collections::BTreeSet::new();
        for p in &list {
            if !seen.insert(p.code.clone()) {
                return Err(DuplicatePurpose(p.code.to_string()));
            }
        }
        Ok(Self(list))
    }

    pub fn find(&self, code: &str) -> Option<&NotificationPurpose> {
        self.0.iter().find(|p| p.code.as_str() == code)
    }

    pub fn iter(&self) -> impl Iterator<Item = &NotificationPurpose> {
        self.0.iter()
    }
}

/// What is wrong with a notification's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("the {0} text is empty")]
    Empty(&'static str),
    #[error("the {0} text is longer than {MAX_TEXT_CHARS} characters")]
    TooLong(&'static str),
    #[error("the {0} text holds control characters")]
    ControlCharacters(&'static str),
    #[error("the {0} text holds a link, and this client may not send links")]
    Link(&'static str),
}

/// A notification's text in Kazakh and Russian, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotificationText {
    kk: String,
    ru: String,
}

impl NotificationText {
    /// Checks both texts; `links_allowed` is the client's `notify-with-links` scope.
    pub fn parse(kk: &str, ru: &str, links_allowed: bool) -> Result<Self, TextError> {
        Ok(Self {
            kk: check(kk, "kk", links_allowed)?,
            ru: check(ru, "ru", links_allowed)?,
        })
    }

    pub fn kk(&self) -> &str {
        &self.kk
    }

    pub fn ru(&self) -> &str {
        &self.ru
    }
}

fn check(text: &str, lang: &'static str, links_allowed: bool) -> Result<String, TextError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(TextError::Empty(lang));
    }
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(TextError::TooLong(lang));
    }
    if text.chars().any(char::is_control) {
        return Err(TextError::ControlCharacters(lang));
    }
    if !links_allowed && has_link(text) {
        return Err(TextError::Link(lang));
    }
    Ok(text.to_owned())
}

/// Whether the text holds anything a phone would make a link of: a URL
/// with or without its scheme ("egov.kz/x"), or an e-mail address.
fn has_link(text: &str) -> bool {
    let mut finder = linkify::LinkFinder::new();
    finder.url_must_have_scheme(false);
    finder.links(text).next().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purpose_codes_are_short_lowercase_names() {
        assert!(PurposeCode::parse("tax-reminder").is_ok());
        for bad in [
            "",
            "a",
            "Tax",
            "1tax",
            "tax_reminder",
            "налог",
            &"a".repeat(41),
        ] {
            assert_eq!(PurposeCode::parse(bad), Err(PurposeCodeError), "{bad:?}");
        }
    }

    #[test]
    fn a_text_is_checked_in_both_languages() {
        let t = NotificationText::parse(" Құжатыңыз дайын ", "Ваш документ готов", false).unwrap();
        assert_eq!((t.kk(), t.ru()), ("Құжатыңыз дайын", "Ваш документ готов"));
        assert_eq!(
            NotificationText::parse("", "x", false),
            Err(TextError::Empty("kk"))
        );
        assert_eq!(
            NotificationText::parse("x", &"я".repeat(161), false),
            Err(TextError::TooLong("ru"))
        );
        assert!(NotificationText::parse("x", &"я".repeat(160), false).is_ok());
        assert_eq!(
            NotificationText::parse("a\u{0007}b", "x", false),
            Err(TextError::ControlCharacters("kk"))
        );
    }

    #[test]
    fn links_need_the_clients_permission() {
        for text in [
            "Толығырақ: https://egov.kz/x",
            "Толығырақ egov.kz/cms/kk сайтында",
            "Жазыңыз: help@egov.kz",
        ] {
            assert_eq!(
                NotificationText::parse(text, "x", false),
                Err(TextError::Link("kk")),
                "{text}"
            );
            assert!(NotificationText::parse(text, "x", true).is_ok(), "{text}");
        }
        assert!(NotificationText::parse("Салық: 12.05 дейін 1 500 тг.", "x", false).is_ok());
    }
}
