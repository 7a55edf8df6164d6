//! Everything a person reads, in Kazakh (the default), Russian and English.

mod en;
mod kk;
mod ru;

use serde::{Deserialize, Serialize};

/// The cookie that keeps the chosen language.
pub const LANG_COOKIE: &str = "nomir_lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Kk,
    Ru,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language's own name, as its speakers write it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Kk => "Қазақша",
            Lang::Ru => "Русский",
            Lang::En => "English",
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Kk => &kk::TEXTS,
            Lang::Ru => &ru::TEXTS,
            Lang::En => &en::TEXTS,
        }
    }
}

/// One language's strings. Adding a field makes every language fail to
/// compile until it is translated.
pub struct Texts {
    pub service_name: &'static str,
    pub tagline: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_cabinet: &'static str,
    pub nav_sign_in: &'static str,
    pub nav_demo_phone: &'static str,
    pub sign_out: &'static str,
    pub lang_switch_label: &'static str,
    pub demo_banner: &'static str,

    pub home_title: &'static str,
    pub home_intro: &'static str,
    pub home_steps_title: &'static str,
    pub home_steps: [&'static str; 4],
    pub home_facts_title: &'static str,
    pub home_facts: [&'static str; 3],
    pub home_cta_sign_in: &'static str,
    pub home_cta_cabinet: &'static str,

    pub sign_in_title: &'static str,
    pub iin_label: &'static str,
    pub iin_hint: &'static str,
    pub password_label: &'static str,
    pub sign_in_button: &'static str,
    pub demo_accounts_hint: &'static str,
    pub error_title: &'static str,
    pub err_credentials: &'static str,
    pub err_locked: &'static str,
    pub err_iin_empty: &'static str,
    pub err_iin_digits: &'static str,
    pub err_iin_length: &'static str,
    pub err_iin_check: &'static str,
    pub err_iin_bin: &'static str,
    pub err_password_empty: &'static str,
    pub err_malformed: &'static str,
    pub err_unexpected: &'static str,
    pub signed_out: &'static str,

    pub cabinet_title: &'static str,
    pub cabinet_person: &'static str,
    pub cabinet_name: &'static str,
    pub cabinet_iin: &'static str,
    pub cabinet_number_title: &'static str,
    pub cabinet_number: &'static str,
    pub cabinet_no_number: &'static str,
    pub cabinet_operator: &'static str,
    pub cabinet_bound_at: &'static str,
    pub history_title: &'static str,
    pub history_empty: &'static str,
    pub history_until: &'static str,
    pub history_current: &'static str,
    pub not_signed_in: &'static str,
    pub loading: &'static str,

    pub demo_phone_title: &'static str,
    pub demo_phone_intro: &'static str,
    pub demo_phone_empty: &'static str,
    pub demo_phone_unavailable: &'static str,
    pub demo_phone_received: &'static str,

    pub not_found_title: &'static str,
    pub not_found_text: &'static str,

    pub footer_provider_label: &'static str,
    pub footer_provider: &'static str,
    pub footer_contact_label: &'static str,
    pub footer_contact: &'static str,
    pub footer_free: &'static str,
}

impl Texts {
    /// The message for an error code carried in a page's `?error=` query.
    pub fn error_message(&self, code: &str) -> Option<&'static str> {
        Some(match code {
            "credentials" => self.err_credentials,
            "locked" => self.err_locked,
            "iin_empty" => self.err_iin_empty,
            "iin_digits" => self.err_iin_digits,
            "iin_length" => self.err_iin_length,
            "iin_check" => self.err_iin_check,
            "iin_bin" => self.err_iin_bin,
            "password_empty" => self.err_password_empty,
            "malformed" => self.err_malformed,
            "unexpected" => self.err_unexpected,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kazakh_is_the_default_and_codes_round_trip() {
        assert_eq!(Lang::default(), Lang::Kk);
        for l in Lang::ALL {
            assert_eq!(Lang::from_code(l.code()), Some(l));
        }
        assert_eq!(Lang::from_code("de"), None);
    }

    #[test]
    fn every_error_code_has_a_message_in_every_language() {
        let codes = [
            "credentials",
            "locked",
            "iin_empty",
            "iin_digits",
            "iin_length",
            "iin_check",
            "iin_bin",
            "password_empty",
            "malformed",
            "unexpected",
        ];
        for l in Lang::ALL {
            for c in codes {
                assert!(
                    l.texts().error_message(c).is_some_and(|m| !m.is_empty()),
                    "{l:?} {c}"
                );
            }
            assert_eq!(l.texts().error_message("<script>"), None);
        }
    }

    #[test]
    fn the_languages_differ() {
        assert_ne!(
            Lang::Kk.texts().sign_in_title,
            Lang::Ru.texts().sign_in_title
        );
        assert_ne!(
            Lang::Ru.texts().sign_in_title,
            Lang::En.texts().sign_in_title
        );
    }
}
