//! A text given in the three languages every page and answer uses.

/// Kazakh (the default), Russian and English versions of one text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Localized {
    pub kk: &'static str,
    pub ru: &'static str,
    pub en: &'static str,
}

impl Localized {
    /// The text for a language code (`kk`, `ru`, `en`); Kazakh for anything else.
    pub fn get(&self, lang: &str) -> &'static str {
        match lang {
            "ru" => self.ru,
            "en" => self.en,
            _ => self.kk,
        }
    }
}
