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

/// What an error answer means, from its code and message (NCALayer's codes
/// are few and its messages vary by version and language). Words are
/// matched as written and capitalised rather than through Unicode's case
/// tables, which would weigh some kilobytes in the WASM.
pub fn classify(code: &str, message: &str) -> SignError {
    let text = format!("{code} {message}").to_ascii_lowercase();
    let has = |word: &str| {
        let mut chars = word.chars();
        let capital: String = chars
            .next()
            .map(|c| match c {
                'п' => 'П',
                'қ' => 'Қ',
                'х' => 'Х',
                'к' => 'К',
                c => c,
            })
            .into_iter()
            .chain(chars)
            .collect();
        text.contains(word) || text.contains(&capital)
    };
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
        assert_eq!(classify("", "Key not found"), SignError::NoKey);
        assert_eq!(
            classify("500", "boom"),
            SignError::Failed("500: boom".into())
        );
    }
}
