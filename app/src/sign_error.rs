//! What NCALayer's answers mean when it does not sign: pure Rust, so it is
//! tested natively; the WebSocket exchange is in `crate::ncalayer`.
#![cfg_attr(not(feature = "hydrate"), allow(dead_code))]

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignError {
    /// Nothing answers at the signer's address.
    NotRunning,
    /// The person closed the signer's dialog.
    Cancelled,
    /// The key's password was wrong.
    WrongPassword,
    /// The chosen storage holds no suitable key (no card, an empty token).
    NoKey,
    /// No answer in time.
    TimedOut,
    /// The signer answered with another error.
    Failed(String),
}

/// A letter in lower case, for the alphabets NCALayer writes in (Latin,
/// Russian and Kazakh Cyrillic): Unicode's case tables would weigh some
/// kilobytes in the WASM every citizen downloads.
fn lower(c: char) -> char {
    let code = u32::from(c);
    let lowered = match c {
        'A'..='Z' | 'А'..='Я' => code + 32,
        'Ѐ'..='Џ' => code + 80,
        // Kazakh letters: the capital at an even point, its small letter next.
        'Ғ' | 'Қ' | 'Ң' | 'Ү' | 'Ұ' | 'Һ' | 'Ә' | 'Ө' => code + 1,
        _ => code,
    };
    char::from_u32(lowered).unwrap_or(c)
}

/// What an error answer means, from its code and message (NCALayer's codes
/// are few and its messages vary by version and language).
pub fn classify(code: &str, message: &str) -> SignError {
    let text: String = format!("{code} {message}").chars().map(lower).collect();
    let has = |word: &str| text.contains(word);
    if has("cancel") {
        SignError::Cancelled
    } else if has("password") || has("пароль") || has("құпиясөз") {
        SignError::WrongPassword
    } else if has("storage")
        || has("no key")
        || has("key not found")
        || has("хранилищ")
        || has("ключ не найден")
    {
        SignError::NoKey
    } else {
        SignError::Failed(format!("{code}: {message}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_told_apart_in_english_russian_and_kazakh() {
        assert_eq!(classify("CANCELLED", ""), SignError::Cancelled);
        assert_eq!(classify("", "Неверный пароль"), SignError::WrongPassword);
        assert_eq!(classify("", "Пароль неверен"), SignError::WrongPassword);
        assert_eq!(classify("", "Құпиясөз қате"), SignError::WrongPassword);
        assert_eq!(classify("", "Хранилище пусто"), SignError::NoKey);
        assert_eq!(classify("", "Ключ не найден"), SignError::NoKey);
        assert_eq!(classify("", "НЕВЕРНЫЙ ПАРОЛЬ"), SignError::WrongPassword);
        assert_eq!(classify("", "ҚҰПИЯСӨЗ ҚАТЕ"), SignError::WrongPassword);
        assert_eq!(classify("", "ХРАНИЛИЩЕ ПУСТО"), SignError::NoKey);
        assert_eq!(classify("", "Key not found"), SignError::NoKey);
        assert_eq!(
            classify("500", "boom"),
            SignError::Failed("500: boom".into())
        );
    }
}
