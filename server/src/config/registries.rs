//! Which operator registry and identity register the service asks: the
//! CAMARA operators of `NOMIR_OPERATORS_FILE` and the identity register at
//! `NOMIR_IDENTITY_URL`, or, when they are not set, the embedded tables
//! (loaded from CSV: the demo's, or an operator's export).

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

pub use crate::adapters::camara::{CamaraSettings, ClientCredentials, OperatorSettings};
pub use crate::adapters::identity_http::IdentityHttpSettings;
use crate::adapters::resilient::Resilience;
use crate::domain::Msisdn;

use super::ConfigError;

/// The operators file's shape (README, "Registries").
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OperatorsFile {
    timeout_ms: Option<u64>,
    attempts: Option<u32>,
    breaker_failures: Option<u32>,
    breaker_open_seconds: Option<u64>,
    /// A CSV file of `number,operator`, relative to this file.
    ported_numbers: Option<PathBuf>,
    #[serde(rename = "operator")]
    operators: Vec<OperatorEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OperatorEntry {
    name: String,
    ranges: Vec<String>,
    kyc_match_url: url::Url,
    sim_swap_url: url::Url,
    token_url: url::Url,
    client_id: String,
    /// The environment variable that holds the client's secret.
    client_secret_env: String,
    scope: Option<String>,
}

const KEY: &str = "NOMIR_OPERATORS_FILE";

fn invalid(key: &'static str, message: impl Into<String>) -> ConfigError {
    ConfigError::Invalid {
        key,
        message: message.into(),
    }
}

/// Reads `NOMIR_OPERATORS_FILE`, if set, with the secrets it names.
pub fn operators(
    get: &impl Fn(&str) -> Option<String>,
) -> Result<Option<CamaraSettings>, ConfigError> {
    let Some(path) = get(KEY).filter(|p| !p.trim().is_empty()) else {
        return Ok(None);
    };
    let path = PathBuf::from(path.trim());
    let text = std::fs::read_to_string(&path)
        .map_err(|e| invalid(KEY, format!("cannot read {}: {e}", path.display())))?;
    let file: OperatorsFile = toml::from_str(&text)
        .map_err(|e| invalid(KEY, format!("{}: {}", path.display(), e.message())))?;
    if file.operators.is_empty() {
        return Err(invalid(KEY, "it names no [[operator]]"));
    }
    let mut operators: Vec<OperatorSettings> = Vec::new();
    for o in file.operators {
        if operators.iter().any(|known| known.name == o.name) {
            return Err(invalid(KEY, format!("operator {} is named twice", o.name)));
        }
        let secret = get(&o.client_secret_env)
            .filter(|s| !s.trim().is_empty())
            .ok_or_else(|| {
                invalid(
                    KEY,
                    format!("operator {}: {} is not set", o.name, o.client_secret_env),
                )
            })?;
        if o.ranges.is_empty() || o.ranges.iter().any(|r| !valid_range(r)) {
            return Err(invalid(
                KEY,
                format!(
                    "operator {}: ranges are E.164 beginnings such as \"+7701\"",
                    o.name
                ),
            ));
        }
        operators.push(OperatorSettings {
            name: o.name,
            ranges: o.ranges,
            kyc_match_url: o.kyc_match_url,
            sim_swap_url: o.sim_swap_url,
            credentials: ClientCredentials {
                token_url: o.token_url,
                client_id: o.client_id,
                client_secret: secret,
                scope: o.scope,
            },
        });
    }
    let ported = match &file.ported_numbers {
        None => Vec::new(),
        Some(p) => ported(&path.parent().unwrap_or(Path::new(".")).join(p))?,
    };
    if file
        .timeout_ms
        .is_some_and(|ms| !(100..=30_000).contains(&ms))
    {
        return Err(invalid(KEY, "timeout_ms: milliseconds from 100 to 30000"));
    }
    if file.attempts.is_some_and(|a| !(1..=5).contains(&a)) {
        return Err(invalid(KEY, "attempts: from 1 to 5"));
    }
    if file.breaker_open_seconds == Some(0) {
        return Err(invalid(KEY, "breaker_open_seconds: at least 1"));
    }
    let default = Resilience::default();
    Ok(Some(CamaraSettings {
        operators,
        ported,
        resilience: Resilience {
            timeout: file
                .timeout_ms
                .map(Duration::from_millis)
                .unwrap_or(default.timeout),
            attempts: file.attempts.unwrap_or(default.attempts),
            trip_after: file.breaker_failures.unwrap_or(default.trip_after).max(1),
            open_for: file
                .breaker_open_seconds
                .map(Duration::from_secs)
                .unwrap_or(default.open_for),
        },
    }))
}

fn valid_range(r: &str) -> bool {
    r.len() >= 3 && r.starts_with("+7") && r[1..].bytes().all(|b| b.is_ascii_digit())
}

/// `number,operator` lines (a header line is allowed).
fn ported(path: &Path) -> Result<Vec<(Msisdn, String)>, ConfigError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| invalid(KEY, format!("cannot read {}: {e}", path.display())))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || (n == 0 && line.starts_with("number")) {
            continue;
        }
        let (number, operator) = line.split_once(',').ok_or_else(|| {
            invalid(
                KEY,
                format!("{} line {}: number,operator", path.display(), n + 1),
            )
        })?;
        let msisdn = Msisdn::parse(number)
            .map_err(|e| invalid(KEY, format!("{} line {}: {e}", path.display(), n + 1)))?;
        out.push((msisdn, operator.trim().to_owned()));
    }
    Ok(out)
}

/// `NOMIR_IDENTITY_URL` and its key, if set.
pub fn identity(
    get: &impl Fn(&str) -> Option<String>,
) -> Result<Option<IdentityHttpSettings>, ConfigError> {
    let Some(url) = get("NOMIR_IDENTITY_URL").filter(|u| !u.trim().is_empty()) else {
        return Ok(None);
    };
    let base = url::Url::parse(url.trim())
        .ok()
        .filter(|u| matches!(u.scheme(), "https" | "http"))
        .ok_or_else(|| {
            invalid(
                "NOMIR_IDENTITY_URL",
                format!("{url:?} is not an http(s) address"),
            )
        })?;
    let key = get("NOMIR_IDENTITY_KEY")
        .filter(|k| !k.trim().is_empty())
        .ok_or(ConfigError::Missing {
            key: "NOMIR_IDENTITY_KEY",
            hint: "the e-government gateway's key for the identity register",
        })?;
    let mut resilience = Resilience::default();
    if let Some(ms) = get("NOMIR_IDENTITY_TIMEOUT_MS") {
        let ms: u64 = ms
            .trim()
            .parse()
            .ok()
            .filter(|ms| (100..=30_000).contains(ms))
            .ok_or_else(|| {
                invalid(
                    "NOMIR_IDENTITY_TIMEOUT_MS",
                    "milliseconds from 100 to 30000",
                )
            })?;
        resilience.timeout = Duration::from_millis(ms);
    }
    Ok(Some(IdentityHttpSettings {
        base,
        key,
        resilience,
    }))
}

/// `NOMIR_SIM_SWAP_HOURS`: how recent a SIM change stops codes (0: never).
pub fn sim_swap_window(
    get: &impl Fn(&str) -> Option<String>,
) -> Result<time::Duration, ConfigError> {
    match get("NOMIR_SIM_SWAP_HOURS") {
        None => Ok(crate::domain::sim_swap::DEFAULT_WINDOW),
        Some(h) => h
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|h| (0..=24 * 30).contains(h))
            .map(time::Duration::hours)
            .ok_or_else(|| invalid("NOMIR_SIM_SWAP_HOURS", "whole hours from 0 (off) to 720")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn with(pairs: Vec<(&str, String)>) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> =
            pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        move |k| map.get(k).cloned()
    }

    const FILE: &str = r#"
ported_numbers = "ported.csv"
timeout_ms = 800

[[operator]]
name = "Kcell"
ranges = ["+7701", "+7702"]
kyc_match_url = "https://kcell.example/kyc-match/v0.3"
sim_swap_url = "https://kcell.example/sim-swap/v1"
token_url = "https://kcell.example/oauth2/token"
client_id = "nomir"
client_secret_env = "KCELL_SECRET"
"#;

    #[test]
    fn the_operators_file_is_read_with_its_ported_numbers_and_named_secrets() {
        let dir = std::env::temp_dir().join(format!("nomir-ops-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("operators.toml");
        std::fs::write(&file, FILE).unwrap();
        std::fs::write(
            dir.join("ported.csv"),
            "number,operator\n+77051234568,Kcell\n",
        )
        .unwrap();
        let path = file.display().to_string();
        let e = operators(&with(vec![(KEY, path.clone())])).unwrap_err();
        assert!(e.to_string().contains("KCELL_SECRET"), "{e}");
        let s = operators(&with(vec![(KEY, path), ("KCELL_SECRET", "s-1".into())]))
            .unwrap()
            .unwrap();
        assert_eq!(s.operators[0].credentials.client_secret, "s-1");
        assert!(!format!("{s:?}").contains("s-1"), "the secret printed");
        assert_eq!(s.ported[0].0.as_str(), "+77051234568");
        assert_eq!(s.resilience.timeout, Duration::from_millis(800));
        assert!(operators(&with(vec![])).unwrap().is_none());
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn bad_settings_are_named() {
        let e = sim_swap_window(&with(vec![("NOMIR_SIM_SWAP_HOURS", "-1".into())])).unwrap_err();
        assert!(e.to_string().contains("NOMIR_SIM_SWAP_HOURS"), "{e}");
        let e = identity(&with(vec![(
            "NOMIR_IDENTITY_URL",
            "https://gw.example".into(),
        )]))
        .unwrap_err();
        assert!(e.to_string().contains("NOMIR_IDENTITY_KEY"), "{e}");
    }
}
