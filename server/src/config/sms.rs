//! Which SMS gateway sends the messages, and its settings.

use std::time::Duration;

pub use crate::adapters::sms_http::HttpSmsSettings;
pub use crate::adapters::sms_smpp::SmppSettings;

use super::ConfigError;

/// Where messages go.
#[derive(Debug, Clone)]
pub enum SmsGatewayChoice {
    /// Only to the outbox table: the demo phone shows them (demo mode).
    DemoPhone,
    Http(HttpSmsSettings),
    Smpp(SmppSettings),
    /// None set, outside demo mode: the operators' commands work, `serve`
    /// refuses to start ([`SmsGatewayChoice::required`]).
    Unset,
}

impl SmsGatewayChoice {
    /// Serving needs a gateway: no citizen gets a code without one.
    pub fn required(&self) -> Result<(), ConfigError> {
        match self {
            Self::Unset => Err(ConfigError::Missing {
                key: "NOMIR_SMS_GATEWAY",
                hint: "no citizen gets a code without one: set it to smpp (NOMIR_SMPP_ADDR, NOMIR_SMPP_SYSTEM_ID, NOMIR_SMPP_PASSWORD) or http (NOMIR_SMS_HTTP_URL, NOMIR_SMS_HTTP_KEY)",
            }),
            _ => Ok(()),
        }
    }
}

/// Reads `NOMIR_SMS_GATEWAY` and its gateway's settings. Demo mode needs
/// none (the demo phone); outside it a gateway is required.
pub fn choose(
    demo: bool,
    get: &impl Fn(&'static str) -> Option<String>,
) -> Result<SmsGatewayChoice, ConfigError> {
    match get("NOMIR_SMS_GATEWAY").as_deref().map(str::trim) {
        None | Some("") if demo => Ok(SmsGatewayChoice::DemoPhone),
        Some("demo-phone") if demo => Ok(SmsGatewayChoice::DemoPhone),
        None | Some("") => Ok(SmsGatewayChoice::Unset),
        Some("http") => http(get).map(SmsGatewayChoice::Http),
        Some("smpp") => smpp(get).map(SmsGatewayChoice::Smpp),
        Some(other) => Err(ConfigError::Invalid {
            key: "NOMIR_SMS_GATEWAY",
            message: format!(
                "{other:?} is not a gateway this build has: smpp, http{}",
                if demo { " or demo-phone" } else { "" }
            ),
        }),
    }
}

/// `NOMIR_SMS_GIVE_UP_SECONDS`: how long the outbox tries a message.
pub fn give_up(
    get: &impl Fn(&'static str) -> Option<String>,
) -> Result<time::Duration, ConfigError> {
    match get("NOMIR_SMS_GIVE_UP_SECONDS") {
        None => Ok(super::DEFAULT_SMS_GIVE_UP),
        Some(v) => v
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|s| (10..=86_400).contains(s))
            .map(time::Duration::seconds)
            .ok_or(ConfigError::Invalid {
                key: "NOMIR_SMS_GIVE_UP_SECONDS",
                message: "whole seconds from 10 to 86400".into(),
            }),
    }
}

fn http(get: &impl Fn(&'static str) -> Option<String>) -> Result<HttpSmsSettings, ConfigError> {
    let url = get("NOMIR_SMS_HTTP_URL")
        .ok_or(ConfigError::Missing {
            key: "NOMIR_SMS_HTTP_URL",
            hint: "the aggregator's address for JSON messages, https://…",
        })
        .and_then(|u| {
            url::Url::parse(u.trim())
                .ok()
                .filter(|u| matches!(u.scheme(), "https" | "http"))
                .ok_or_else(|| ConfigError::Invalid {
                    key: "NOMIR_SMS_HTTP_URL",
                    message: format!("{u:?} is not an http(s) address"),
                })
        })?;
    let key = get("NOMIR_SMS_HTTP_KEY")
        .filter(|k| !k.trim().is_empty())
        .ok_or(ConfigError::Missing {
            key: "NOMIR_SMS_HTTP_KEY",
            hint: "the API key the aggregator issued",
        })?;
    let number =
        |key: &'static str, default: u64, range: std::ops::RangeInclusive<u64>| match get(key) {
            None => Ok(default),
            Some(v) => v
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|n| range.contains(n))
                .ok_or_else(|| ConfigError::Invalid {
                    key,
                    message: format!("a whole number from {} to {}", range.start(), range.end()),
                }),
        };
    let timeout = number("NOMIR_SMS_HTTP_TIMEOUT_MS", 5000, 100..=30_000)?;
    let attempts = number("NOMIR_SMS_HTTP_ATTEMPTS", 3, 1..=5)?;
    // One call's tries (and their pauses) end within the outbox's lease.
    if timeout * attempts > 40_000 {
        return Err(ConfigError::Invalid {
            key: "NOMIR_SMS_HTTP_ATTEMPTS",
            message: "attempts times NOMIR_SMS_HTTP_TIMEOUT_MS must stay within 40 seconds".into(),
        });
    }
    Ok(HttpSmsSettings {
        url,
        key,
        sender: get("NOMIR_SMS_SENDER").unwrap_or_else(|| "Nomir".into()),
        timeout: Duration::from_millis(timeout),
        attempts: attempts as u32,
    })
}

fn smpp(get: &impl Fn(&'static str) -> Option<String>) -> Result<SmppSettings, ConfigError> {
    let required = |key: &'static str, hint: &'static str| {
        get(key)
            .filter(|v| !v.trim().is_empty())
            .ok_or(ConfigError::Missing { key, hint })
    };
    let addr = required(
        "NOMIR_SMPP_ADDR",
        "the SMSC's host:port, e.g. smsc.example:2775",
    )?;
    if addr
        .rsplit_once(':')
        .is_none_or(|(_, port)| port.parse::<u16>().is_err())
    {
        return Err(ConfigError::Invalid {
            key: "NOMIR_SMPP_ADDR",
            message: format!("{addr:?} is not host:port"),
        });
    }
    let system_id = required(
        "NOMIR_SMPP_SYSTEM_ID",
        "the account's system_id on the SMSC",
    )?;
    let password = required("NOMIR_SMPP_PASSWORD", "the account's password on the SMSC")?;
    // SMPP 3.4's limits: system_id 15 characters, password 8, system_type 12.
    let system_type = get("NOMIR_SMPP_SYSTEM_TYPE").unwrap_or_default();
    for (key, value, most) in [
        ("NOMIR_SMPP_SYSTEM_ID", &system_id, 15),
        ("NOMIR_SMPP_PASSWORD", &password, 8),
        ("NOMIR_SMPP_SYSTEM_TYPE", &system_type, 12),
    ] {
        if value.len() > most || !value.is_ascii() {
            return Err(ConfigError::Invalid {
                key,
                message: format!("at most {most} ASCII characters (SMPP 3.4)"),
            });
        }
    }
    let timeout = match get("NOMIR_SMPP_TIMEOUT_MS") {
        None => 5000,
        Some(v) => v
            .trim()
            .parse::<u64>()
            .ok()
            // A whole send (a bind and five parts) stays within 30 s,
            // inside the outbox's lease.
            .filter(|ms| (100..=5_000).contains(ms))
            .ok_or(ConfigError::Invalid {
                key: "NOMIR_SMPP_TIMEOUT_MS",
                message: "milliseconds from 100 to 5000".into(),
            })?,
    };
    let sender = get("NOMIR_SMS_SENDER").unwrap_or_else(|| "Nomir".into());
    if sender.is_empty() || sender.len() > 11 || !sender.is_ascii() {
        return Err(ConfigError::Invalid {
            key: "NOMIR_SMS_SENDER",
            message: "an alphanumeric sender is 1 to 11 ASCII characters".into(),
        });
    }
    Ok(SmppSettings {
        addr,
        system_id,
        password,
        system_type,
        sender,
        timeout: Duration::from_millis(timeout),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn with(pairs: &[(&'static str, &str)]) -> impl Fn(&'static str) -> Option<String> {
        let map: HashMap<&'static str, String> =
            pairs.iter().map(|(k, v)| (*k, v.to_string())).collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn demo_mode_uses_the_demo_phone_and_outside_it_a_gateway_is_required() {
        assert!(matches!(
            choose(true, &with(&[])),
            Ok(SmsGatewayChoice::DemoPhone)
        ));
        let e = choose(false, &with(&[])).unwrap().required().unwrap_err();
        assert!(e.to_string().contains("NOMIR_SMS_GATEWAY"), "{e}");
        let e = choose(false, &with(&[("NOMIR_SMS_GATEWAY", "demo-phone")])).unwrap_err();
        assert!(e.to_string().contains("NOMIR_SMS_GATEWAY"), "{e}");
    }

    #[test]
    fn the_smpp_gateway_names_each_missing_or_bad_setting() {
        let smpp = ("NOMIR_SMS_GATEWAY", "smpp");
        let e = choose(false, &with(&[smpp])).unwrap_err();
        assert!(e.to_string().contains("NOMIR_SMPP_ADDR"), "{e}");
        let addr = ("NOMIR_SMPP_ADDR", "127.0.0.1:2775");
        let id = ("NOMIR_SMPP_SYSTEM_ID", "nomir");
        let e = choose(false, &with(&[smpp, addr, id])).unwrap_err();
        assert!(e.to_string().contains("NOMIR_SMPP_PASSWORD"), "{e}");
        let long = ("NOMIR_SMPP_PASSWORD", "longer-than-8");
        let e = choose(false, &with(&[smpp, addr, id, long])).unwrap_err();
        assert!(e.to_string().contains("NOMIR_SMPP_PASSWORD"), "{e}");
        match choose(
            false,
            &with(&[smpp, addr, id, ("NOMIR_SMPP_PASSWORD", "pw-1")]),
        ) {
            Ok(SmsGatewayChoice::Smpp(s)) => {
                assert_eq!(s.timeout, Duration::from_secs(5));
                assert!(!format!("{s:?}").contains("pw-1"), "the password printed");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_http_gateway_names_each_missing_or_bad_setting() {
        let http = [("NOMIR_SMS_GATEWAY", "http")];
        let e = choose(false, &with(&http)).unwrap_err();
        assert!(e.to_string().contains("NOMIR_SMS_HTTP_URL"), "{e}");
        let e = choose(false, &with(&[http[0], ("NOMIR_SMS_HTTP_URL", "ftp://x")])).unwrap_err();
        assert!(e.to_string().contains("NOMIR_SMS_HTTP_URL"), "{e}");
        let url = ("NOMIR_SMS_HTTP_URL", "https://sms.example/send");
        let e = choose(false, &with(&[http[0], url])).unwrap_err();
        assert!(e.to_string().contains("NOMIR_SMS_HTTP_KEY"), "{e}");
        let key = ("NOMIR_SMS_HTTP_KEY", "k-123");
        let e = choose(
            false,
            &with(&[http[0], url, key, ("NOMIR_SMS_HTTP_ATTEMPTS", "0")]),
        )
        .unwrap_err();
        assert!(e.to_string().contains("NOMIR_SMS_HTTP_ATTEMPTS"), "{e}");
        match choose(false, &with(&[http[0], url, key])) {
            Ok(SmsGatewayChoice::Http(s)) => {
                assert_eq!(s.attempts, 3);
                assert_eq!(s.timeout, Duration::from_secs(5));
                assert!(!format!("{s:?}").contains("k-123"), "the key printed");
            }
            other => panic!("{other:?}"),
        }
    }
}
