//! Settings: an optional TOML file, then environment variables over it.
//! Every key is documented in the README; a missing or bad setting stops
//! start-up with a message that names it.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

pub mod purposes;
mod registries;
mod sms;
pub use registries::{CamaraSettings, ClientCredentials, IdentityHttpSettings, OperatorSettings};
pub use sms::{HttpSmsSettings, SmppSettings, SmsGatewayChoice};

/// A secret that never prints.
#[derive(Clone, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// A fresh random secret (demo mode only).
    pub fn random() -> Self {
        Self(crate::services::session::new_token())
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(redacted)")
    }
}

/// The minimum length of `NOMIR_SECRET`.
pub const MIN_SECRET_LEN: usize = 32;

#[derive(Debug, Clone)]
pub struct Settings {
    pub addr: SocketAddr,
    pub database_url: String,
    pub secret: Secret,
    pub demo: bool,
    pub cookie_secure: bool,
    /// PEM bundle of the roots EDS certificates must chain to (NCA RK).
    pub trusted_roots: Option<PathBuf>,
    /// CRLs of the issuing CAs (files or http(s) URLs), checked for every
    /// signer certificate; in demo mode the demo CA's CRL when none is given.
    pub crls: Vec<String>,
    /// The OCSP responder (RFC 6960) asked first, e.g. http://ocsp.pki.gov.kz/.
    pub ocsp_url: Option<String>,
    /// Where pages reach NCALayer.
    pub signer_url: String,
    /// The biometric provider's public key (PEM) and its key id; in demo
    /// mode the demo provider's key when none is given.
    pub biometric_key: Option<PathBuf>,
    pub biometric_kid: String,
    /// The least face-similarity score accepted, 0 to 1.
    pub biometric_threshold: f64,
    /// A working-day calendar file instead of the built-in one.
    pub calendar: Option<PathBuf>,
    /// The private key (RSA, PKCS #8 PEM) of the provider's legal-entity
    /// signing certificate, which signs result documents (PAdES); in demo
    /// mode the demo provider's when none is given; otherwise none, and no
    /// document is issued.
    pub seal_key: Option<PathBuf>,
    /// That certificate (PEM), followed by its issuing CAs if any.
    pub seal_cert: Option<PathBuf>,
    /// Earlier seal certificates (PEM) a document check still accepts,
    /// beside the current one: documents signed before a renewal.
    pub seal_trusted: Option<PathBuf>,
    /// A reverse proxy's address: requests from it are taken to come from
    /// the last address it appended to `X-Forwarded-For`.
    pub trusted_proxy: Option<std::net::IpAddr>,
    /// SQLite only: whether each commit waits for the disk (`full`, the
    /// default) or only checkpoints do (`normal`; see README).
    pub sqlite_sync: crate::database::SqliteSync,
    /// How often the audit log's chain heads are anchored (signed with the
    /// seal key); 0 never.
    pub audit_anchor_minutes: u64,
    /// Where `/metrics` (Prometheus) is served; never the portal's address.
    pub metrics_addr: Option<SocketAddr>,
    /// Which gateway sends SMS (from the environment only: it holds a key).
    pub sms: SmsGatewayChoice,
    /// How long the outbox tries a message before giving it up.
    pub sms_give_up: time::Duration,
    /// The operators' CAMARA APIs (`NOMIR_OPERATORS_FILE`); none: the
    /// embedded registry table.
    pub operators: Option<CamaraSettings>,
    /// The identity register over HTTP (`NOMIR_IDENTITY_URL`); none: the
    /// embedded table.
    pub identity_register: Option<IdentityHttpSettings>,
    /// No code goes to a number whose SIM changed this recently.
    pub sim_swap_window: time::Duration,
    /// The notification purposes (`NOMIR_PURPOSES_FILE`).
    pub purposes: crate::domain::notification::Purposes,
}

/// Five minutes: half a code's term, so a code that arrives is still useful.
pub const DEFAULT_SMS_GIVE_UP: time::Duration = time::Duration::minutes(5);

/// NCALayer's address; the demo signer listens without TLS.
pub const NCALAYER_URL: &str = "wss://127.0.0.1:13579";
pub const DEMO_SIGNER_URL: &str = "ws://127.0.0.1:13579";

/// The file's shape: every key optional, unknown keys refused.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    addr: Option<String>,
    database_url: Option<String>,
    secret: Option<Secret>,
    demo: Option<bool>,
    cookie_secure: Option<bool>,
    trusted_roots: Option<PathBuf>,
    crls: Option<Vec<String>>,
    ocsp_url: Option<String>,
    signer_url: Option<String>,
    biometric_key: Option<PathBuf>,
    biometric_kid: Option<String>,
    biometric_threshold: Option<f64>,
    calendar: Option<PathBuf>,
    seal_key: Option<PathBuf>,
    seal_cert: Option<PathBuf>,
    seal_trusted: Option<PathBuf>,
    trusted_proxy: Option<String>,
    audit_anchor_minutes: Option<u64>,
    metrics_addr: Option<String>,
}

pub const DEFAULT_ADDR: &str = "127.0.0.1:3000";
pub use crate::adapters::biometrics::DEFAULT_THRESHOLD as DEFAULT_BIOMETRIC_THRESHOLD;
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/nomir.db?mode=rwc";

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the config file {path} is not valid: {message}")]
    File { path: PathBuf, message: String },
    #[error("{key} is not valid: {message}")]
    Invalid { key: &'static str, message: String },
    #[error("{key} is required outside demo mode ({hint})")]
    Missing {
        key: &'static str,
        hint: &'static str,
    },
}

impl Settings {
    /// Loads the file (if given) and applies the environment (`env` is a lookup,
    /// so tests need not touch the process environment).
    pub fn load(
        file: Option<&Path>,
        demo_flag: bool,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, ConfigError> {
        let from_file = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                    path: path.to_owned(),
                    source,
                })?;
                toml::from_str::<FileSettings>(&text).map_err(|e| ConfigError::File {
                    path: path.to_owned(),
                    message: e.message().to_owned(),
                })?
            }
            None => FileSettings::default(),
        };
        let demo = demo_flag
            || flag(&env, "NOMIR_DEMO")?
                .or(from_file.demo)
                .unwrap_or(false);
        let addr_text = env("NOMIR_ADDR")
            .or(from_file.addr)
            .unwrap_or_else(|| DEFAULT_ADDR.into());
        let addr = addr_text.parse().map_err(|_| ConfigError::Invalid {
            key: "NOMIR_ADDR",
            message: format!("{addr_text:?} is not host:port, e.g. 127.0.0.1:3000"),
        })?;
        let database_url = env("DATABASE_URL")
            .or(from_file.database_url)
            .unwrap_or_else(|| DEFAULT_DATABASE_URL.into());
        if crate::database::Engine::of_url(&database_url).is_none() {
            return Err(ConfigError::Invalid {
                key: "DATABASE_URL",
                message: "use sqlite://path?mode=rwc or postgres://user:password@host/db".into(),
            });
        }
        let secret = match env("NOMIR_SECRET").map(Secret).or(from_file.secret) {
            Some(s) if s.expose().len() < MIN_SECRET_LEN => {
                return Err(ConfigError::Invalid {
                    key: "NOMIR_SECRET",
                    message: format!("it must be at least {MIN_SECRET_LEN} characters"),
                })
            }
            Some(s) => s,
            None if demo => Secret::random(),
            None => {
                return Err(ConfigError::Missing {
                    key: "NOMIR_SECRET",
                    hint: "at least 32 random characters, e.g. from `openssl rand -hex 32`",
                })
            }
        };
        let cookie_secure = flag(&env, "NOMIR_COOKIE_SECURE")?
            .or(from_file.cookie_secure)
            .unwrap_or(true);
        let trusted_roots = env("NOMIR_TRUSTED_ROOTS")
            .map(PathBuf::from)
            .or(from_file.trusted_roots);
        if trusted_roots.is_none() && !demo {
            return Err(ConfigError::Missing {
                key: "NOMIR_TRUSTED_ROOTS",
                hint: "a PEM bundle of the NCA RK root certificates that EDS certificates must chain to",
            });
        }
        let signer_url = env("NOMIR_SIGNER_URL")
            .or(from_file.signer_url)
            .unwrap_or_else(|| if demo { DEMO_SIGNER_URL } else { NCALAYER_URL }.to_owned());
        if !(signer_url.starts_with("wss://") || signer_url.starts_with("ws://"))
            || signer_url.contains(|c: char| c.is_whitespace() || c == ';' || c == '\'')
        {
            return Err(ConfigError::Invalid {
                key: "NOMIR_SIGNER_URL",
                message: "use a WebSocket address such as wss://127.0.0.1:13579".into(),
            });
        }
        let biometric_threshold = match env("NOMIR_BIOMETRIC_THRESHOLD") {
            Some(t) => t.parse().ok(),
            None => Some(
                from_file
                    .biometric_threshold
                    .unwrap_or(DEFAULT_BIOMETRIC_THRESHOLD),
            ),
        }
        .filter(|t: &f64| (0.0..=1.0).contains(t))
        .ok_or_else(|| ConfigError::Invalid {
            key: "NOMIR_BIOMETRIC_THRESHOLD",
            message: "a score between 0 and 1, e.g. 0.8".into(),
        })?;
        let trusted_proxy = match env("NOMIR_TRUSTED_PROXY").or(from_file.trusted_proxy) {
            None => None,
            Some(a) if a.trim().is_empty() => None,
            Some(a) => Some(a.trim().parse().map_err(|_| ConfigError::Invalid {
                key: "NOMIR_TRUSTED_PROXY",
                message: "an IP address, e.g. 10.0.0.5".into(),
            })?),
        };
        let sqlite_sync = match env("NOMIR_SQLITE_SYNC").as_deref().map(str::trim) {
            None | Some("") | Some("full") => crate::database::SqliteSync::Full,
            Some("normal") => crate::database::SqliteSync::Normal,
            Some(_) => {
                return Err(ConfigError::Invalid {
                    key: "NOMIR_SQLITE_SYNC",
                    message: "full or normal".into(),
                })
            }
        };
        let audit_anchor_minutes = match env("NOMIR_AUDIT_ANCHOR_MINUTES") {
            Some(m) => m.trim().parse().map_err(|_| ConfigError::Invalid {
                key: "NOMIR_AUDIT_ANCHOR_MINUTES",
                message: "whole minutes, e.g. 60 (0: never)".into(),
            })?,
            None => from_file.audit_anchor_minutes.unwrap_or(60),
        };
        let metrics_addr = match env("NOMIR_METRICS_ADDR").or(from_file.metrics_addr) {
            None => None,
            Some(a) if a.trim().is_empty() => None,
            Some(a) => {
                let parsed: SocketAddr = a.trim().parse().map_err(|_| ConfigError::Invalid {
                    key: "NOMIR_METRICS_ADDR",
                    message: format!("{a:?} is not host:port, e.g. 127.0.0.1:9100"),
                })?;
                if parsed == addr {
                    return Err(ConfigError::Invalid {
                        key: "NOMIR_METRICS_ADDR",
                        message:
                            "it must differ from NOMIR_ADDR: metrics are never served to citizens"
                                .into(),
                    });
                }
                Some(parsed)
            }
        };
        let sms = sms::choose(demo, &|key| env(key))?;
        let sms_give_up = sms::give_up(&|key| env(key))?;
        let operators = registries::operators(&|key| env(key))?;
        let identity_register = registries::identity(&|key| env(key))?;
        let sim_swap_window = registries::sim_swap_window(&|key| env(key))?;
        let purposes = purposes::purposes(&|key| env(key))?;
        Ok(Self {
            operators,
            identity_register,
            sim_swap_window,
            purposes,
            sms,
            sms_give_up,
            audit_anchor_minutes,
            metrics_addr,
            trusted_proxy,
            sqlite_sync,
            addr,
            database_url,
            secret,
            demo,
            cookie_secure,
            trusted_roots,
            crls: env("NOMIR_CRL")
                .map(|list| {
                    list.split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect()
                })
                .or(from_file.crls)
                .unwrap_or_default(),
            ocsp_url: env("NOMIR_OCSP_URL")
                .filter(|u| !u.is_empty())
                .or(from_file.ocsp_url),
            signer_url,
            biometric_key: env("NOMIR_BIOMETRIC_KEY")
                .map(PathBuf::from)
                .or(from_file.biometric_key),
            biometric_kid: env("NOMIR_BIOMETRIC_KID")
                .or(from_file.biometric_kid)
                .unwrap_or_else(|| "provider".into()),
            biometric_threshold,
            calendar: env("NOMIR_CALENDAR")
                .map(PathBuf::from)
                .or(from_file.calendar),
            seal_key: env("NOMIR_SEAL_KEY")
                .map(PathBuf::from)
                .or(from_file.seal_key),
            seal_cert: env("NOMIR_SEAL_CERT")
                .map(PathBuf::from)
                .or(from_file.seal_cert),
            seal_trusted: env("NOMIR_SEAL_TRUSTED")
                .map(PathBuf::from)
                .or(from_file.seal_trusted),
        })
    }
}

fn flag(
    env: &impl Fn(&str) -> Option<String>,
    key: &'static str,
) -> Result<Option<bool>, ConfigError> {
    match env(key).as_deref() {
        None => Ok(None),
        Some("1" | "true" | "yes") => Ok(Some(true)),
        Some("0" | "false" | "no") => Ok(Some(false)),
        Some(other) => Err(ConfigError::Invalid {
            key,
            message: format!("{other:?} is not true or false"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn demo_mode_needs_no_settings() {
        let s = Settings::load(None, true, env(&[])).unwrap();
        assert_eq!(s.addr.to_string(), DEFAULT_ADDR);
        assert_eq!(s.database_url, DEFAULT_DATABASE_URL);
        assert!(s.secret.expose().len() >= MIN_SECRET_LEN);
        assert!(s.cookie_secure);
    }

    #[test]
    fn outside_demo_mode_the_secret_and_the_trusted_roots_are_required() {
        let e = Settings::load(None, false, env(&[])).unwrap_err();
        assert!(e.to_string().contains("NOMIR_SECRET"), "{e}");
        let secret = "s".repeat(40);
        let e = Settings::load(None, false, env(&[("NOMIR_SECRET", &secret)])).unwrap_err();
        assert!(e.to_string().contains("NOMIR_TRUSTED_ROOTS"), "{e}");
        let roots = ("NOMIR_TRUSTED_ROOTS", "/roots.pem");
        // The operators' commands need no gateway; serving does.
        let s = Settings::load(None, false, env(&[("NOMIR_SECRET", &secret), roots])).unwrap();
        let e = s.sms.required().unwrap_err();
        assert!(e.to_string().contains("NOMIR_SMS_GATEWAY"), "{e}");
        let ok = Settings::load(
            None,
            false,
            env(&[
                ("NOMIR_SECRET", &secret),
                roots,
                ("NOMIR_SMS_GATEWAY", "http"),
                ("NOMIR_SMS_HTTP_URL", "https://sms.example/send"),
                ("NOMIR_SMS_HTTP_KEY", "key"),
            ]),
        );
        assert!(ok.is_ok(), "{ok:?}");
    }

    #[test]
    fn bad_values_name_their_key() {
        for (key, value) in [
            ("NOMIR_ADDR", "localhost"),
            ("DATABASE_URL", "mysql://x"),
            ("NOMIR_SECRET", "short"),
            ("NOMIR_COOKIE_SECURE", "maybe"),
            ("NOMIR_SIGNER_URL", "http://x; script-src *"),
            ("NOMIR_METRICS_ADDR", DEFAULT_ADDR),
            ("NOMIR_METRICS_ADDR", "metrics"),
            ("NOMIR_AUDIT_ANCHOR_MINUTES", "hourly"),
        ] {
            let e = Settings::load(None, true, env(&[(key, value)])).unwrap_err();
            assert!(e.to_string().contains(key), "{e}");
        }
    }

    #[test]
    fn the_environment_wins_over_the_file() {
        let dir = std::env::temp_dir().join(format!("nomir-config-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("nomir.toml");
        std::fs::write(
            &file,
            "addr = \"127.0.0.1:4000\"\ndemo = true\ncookie_secure = false\n",
        )
        .unwrap();
        let s =
            Settings::load(Some(&file), false, env(&[("NOMIR_ADDR", "127.0.0.1:5000")])).unwrap();
        assert_eq!(s.addr.to_string(), "127.0.0.1:5000");
        assert!(s.demo);
        assert!(!s.cookie_secure);
        std::fs::write(&file, "adress = 1\n").unwrap();
        let e = Settings::load(Some(&file), true, env(&[])).unwrap_err();
        assert!(e.to_string().contains("nomir.toml"), "{e}");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn the_secret_never_prints() {
        let s = Settings::load(None, true, env(&[("NOMIR_SECRET", &"s".repeat(40))])).unwrap();
        assert!(!format!("{s:?}").contains("ssss"));
    }
}
