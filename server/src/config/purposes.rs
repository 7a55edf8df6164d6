//! The notification purposes (`NOMIR_PURPOSES_FILE`, a TOML list; without
//! it, the list in `deploy/purposes.toml`, built in).

use std::path::PathBuf;

use serde::Deserialize;

use super::ConfigError;
use crate::domain::notification::{NotificationPurpose, PurposeCode, Purposes};

const KEY: &str = "NOMIR_PURPOSES_FILE";
const BUILTIN: &str = include_str!("../../../deploy/purposes.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PurposesFile {
    #[serde(rename = "purpose", default)]
    purposes: Vec<PurposeEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PurposeEntry {
    code: String,
    optional: bool,
    name_kk: String,
    name_ru: String,
    name_en: String,
}

fn parse(text: &str) -> Result<Purposes, String> {
    let file: PurposesFile = toml::from_str(text).map_err(|e| e.message().to_owned())?;
    if file.purposes.is_empty() {
        return Err("it names no [[purpose]]".into());
    }
    let mut list = Vec::new();
    for p in file.purposes {
        let code = PurposeCode::parse(&p.code).map_err(|e| format!("{:?}: {e}", p.code))?;
        for name in [&p.name_kk, &p.name_ru, &p.name_en] {
            if name.trim().is_empty() || name.chars().count() > 80 {
                return Err(format!("{code}: each name is 1 to 80 characters"));
            }
        }
        list.push(NotificationPurpose {
            code,
            optional: p.optional,
            name_kk: p.name_kk,
            name_ru: p.name_ru,
            name_en: p.name_en,
        });
    }
    Purposes::new(list).map_err(|e| e.to_string())
}

/// The built-in list.
pub fn builtin() -> Purposes {
    parse(BUILTIN).expect("deploy/purposes.toml is valid (tested)")
}

/// Reads `NOMIR_PURPOSES_FILE` if set, else the built-in list.
pub fn purposes(get: &impl Fn(&str) -> Option<String>) -> Result<Purposes, ConfigError> {
    let Some(path) = get(KEY).filter(|p| !p.trim().is_empty()) else {
        return Ok(builtin());
    };
    let path = PathBuf::from(path.trim());
    let invalid = |message: String| ConfigError::Invalid {
        key: KEY,
        message: format!("{}: {message}", path.display()),
    };
    let text = std::fs::read_to_string(&path).map_err(|e| invalid(e.to_string()))?;
    parse(&text).map_err(invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_list_reads_with_optional_and_required_purposes() {
        let p = builtin();
        assert!(p.find("tax-reminder").is_some_and(|p| p.optional));
        assert!(p.find("court-summons").is_some_and(|p| !p.optional));
        assert!(p.find("unknown").is_none());
    }

    #[test]
    fn a_bad_list_is_refused_with_the_reason() {
        let twice =
            "[[purpose]]\ncode='a-b'\noptional=true\nname_kk='x'\nname_ru='x'\nname_en='x'\n";
        assert!(parse(&twice.repeat(2)).unwrap_err().contains("twice"));
        assert!(parse("").unwrap_err().contains("no [[purpose]]"));
        let bad = twice.replace("a-b", "A B");
        assert!(parse(&bad).is_err());
        let empty_name = twice.replace("name_en='x'", "name_en=' '");
        assert!(parse(&empty_name).unwrap_err().contains("1 to 80"));
    }
}
