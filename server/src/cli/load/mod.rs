//! `nomir load`: complete bindings over HTTP against a running demo
//! server, through the portal, the app and a bank in a chosen mix, by a
//! generated population (`nomir demo-population N`), bounded by a count
//! and a duration, to this machine or a host named on purpose. Prints what
//! it measured, and with `--json` one JSON object on the last line.

mod flows;
mod portal;
mod stats;

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use rsa::RsaPrivateKey;
use serde_json::json;

use crate::demo::pki::{for_generated_person, sign_detached, KeyKind, KeyPair};
use crate::demo::population::{person, Person};
use flows::{Channel, Worker};
use stats::Record;

#[derive(clap::Args)]
pub struct Args {
    /// The demo server's address.
    #[arg(long, default_value = "http://127.0.0.1:3000")]
    base: String,
    /// How long to run: `30s`, `2m`.
    #[arg(long, default_value = "30s")]
    duration: String,
    /// Stop after this many bindings (completed or failed).
    #[arg(long)]
    count: Option<u64>,
    /// Bindings in flight at once.
    #[arg(long, default_value_t = 16)]
    concurrency: usize,
    /// Start at most this many bindings a second (paced evenly), for
    /// latencies below the maximum rate; unpaced when not given.
    #[arg(long)]
    rate: Option<f64>,
    /// Weights of the channels: `portal=2,app=1,bank=1`.
    #[arg(long, default_value = "portal=1,app=1,bank=1")]
    mix: String,
    /// The first generated person to use (each binds once; a second run
    /// on the same server starts past the first's).
    #[arg(long, default_value_t = 0)]
    first: u64,
    /// How many people `nomir demo-population` made.
    #[arg(long, default_value_t = 10_000)]
    population: u64,
    /// The server's process id: its resident memory is sampled.
    #[arg(long)]
    pid: Option<u32>,
    /// Allow this host besides the loopback (never a host by accident).
    #[arg(long)]
    allow_host: Option<String>,
    /// The demo PKI (its CA issues the generated people's certificates).
    #[arg(long, default_value = crate::demo::pki::DEMO_PKI_DIR)]
    pki: PathBuf,
    /// Print one JSON object on the last line.
    #[arg(long)]
    json: bool,
}

/// The generated people's keys: one RSA key for all, a certificate each
/// issued by the demo CA as they come.
pub struct Keys {
    ca: KeyPair,
    key: RsaPrivateKey,
}

impl Keys {
    /// `document` (base64) signed by `person` with their signing key
    /// (`signing`) or their authentication key, as a base64 CMS.
    fn sign(&self, person: &Person, signing: bool, document: &str) -> anyhow::Result<String> {
        let kind = if signing {
            KeyKind::Sign
        } else {
            KeyKind::Auth
        };
        let name = person.name_cyrillic.to_uppercase();
        let pair = KeyPair {
            certificate: for_generated_person(
                &self.ca,
                &self.key,
                person.iin.as_str(),
                &name,
                kind,
            )?,
            key: self.key.clone(),
        };
        Ok(flows::encode(&sign_detached(
            &flows::decode(document)?,
            &pair,
        )?))
    }
}

fn parse_duration(s: &str) -> anyhow::Result<Duration> {
    let (n, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let n: u64 = n.parse().with_context(|| format!("--duration {s:?}"))?;
    Ok(match unit {
        "s" | "" => Duration::from_secs(n),
        "m" => Duration::from_secs(n * 60),
        _ => bail!("--duration is seconds or minutes: 30s, 2m"),
    })
}

/// The channels in proportion to their weights, one slot each.
fn parse_mix(s: &str) -> anyhow::Result<Vec<Channel>> {
    let mut slots = Vec::new();
    for part in s.split(',').filter(|p| !p.is_empty()) {
        let (name, weight) = part.split_once('=').unwrap_or((part, "1"));
        let channel = match name.trim() {
            "portal" => Channel::Portal,
            "app" => Channel::App,
            "bank" => Channel::Bank,
            other => bail!("--mix: unknown channel {other:?} (portal, app, bank)"),
        };
        let weight: usize = weight.trim().parse().context("--mix weight")?;
        slots.extend(std::iter::repeat_n(channel, weight));
    }
    anyhow::ensure!(!slots.is_empty(), "--mix names no channel");
    Ok(slots)
}

/// The address is this machine's, or the host allowed by name.
fn check_base(base: &str, allowed: Option<&str>) -> anyhow::Result<String> {
    let url = reqwest::Url::parse(base).context("--base")?;
    let host = url.host_str().unwrap_or_default();
    let loopback = host == "localhost"
        || host
            .trim_matches(['[', ']'])
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    if !loopback && allowed != Some(host) {
        bail!("--base {host} is not this machine: name it with --allow-host {host} to load it");
    }
    Ok(base.trim_end_matches('/').to_owned())
}

pub async fn run(args: Args) -> anyhow::Result<()> {
    let base = check_base(&args.base, args.allow_host.as_deref())?;
    let duration = parse_duration(&args.duration)?;
    let mix = parse_mix(&args.mix)?;
    anyhow::ensure!(
        args.concurrency >= 1 && args.concurrency <= 1024,
        "--concurrency is 1 to 1024"
    );
    let keys = Arc::new(Keys {
        ca: KeyPair::load(&args.pki, "root-ca")?,
        key: tokio::task::spawn_blocking(crate::demo::pki::new_key).await??,
    });
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(args.concurrency)
        .timeout(Duration::from_secs(30))
        .build()?;
    let tokens = Arc::new(flows::Tokens::ask(&http, &base).await?);
    let end = args
        .first
        .checked_add(args.population)
        .filter(|end| *end <= crate::demo::population::MAX)
        .ok_or_else(|| {
            anyhow::anyhow!(
                "--first and --population reach past the {} generated people there can be",
                crate::demo::population::MAX
            )
        })?;
    let next = Arc::new(AtomicU64::new(args.first));
    let limit = args.count.unwrap_or(u64::MAX);
    if let Some(r) = args.rate {
        anyhow::ensure!(
            (0.01..=100_000.0).contains(&r),
            "--rate is 0.01 to 100000 bindings a second"
        );
    }
    let (rate, first) = (args.rate, args.first);
    let taken = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let deadline = started + duration;
    let peak = Arc::new(std::sync::Mutex::new(None::<f64>));
    let sampler = args.pid.map(|pid| {
        let peak = peak.clone();
        tokio::spawn(async move {
            loop {
                if let Some(mb) = stats::rss_mb(pid) {
                    let mut p = peak.lock().unwrap_or_else(|e| e.into_inner());
                    *p = Some(p.map_or(mb, |old: f64| old.max(mb)));
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        })
    });
    let mut workers = Vec::new();
    for _ in 0..args.concurrency {
        let (http, base, keys, next, taken, mix, tokens) = (
            http.clone(),
            base.clone(),
            keys.clone(),
            next.clone(),
            taken.clone(),
            mix.clone(),
            tokens.clone(),
        );
        workers.push(tokio::spawn(async move {
            let mut record = Record::default();
            let mut worker = Worker {
                http,
                base: &base,
                keys: &keys,
                tokens: &tokens,
                source: String::new(),
            };
            while Instant::now() < deadline && taken.fetch_add(1, Ordering::Relaxed) < limit {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= end {
                    break;
                }
                if let Some(rate) = rate {
                    // At most --population / 0.01 s on: within Duration's range.
                    let at = started + Duration::from_secs_f64((i - first) as f64 / rate);
                    if at >= deadline {
                        break;
                    }
                    tokio::time::sleep_until(at.into()).await;
                }
                let channel = mix[(i % mix.len() as u64) as usize];
                match worker.bind(channel, &person(i), &mut record).await {
                    Ok(took) => {
                        record.completed += 1;
                        record.bindings.add(took);
                    }
                    Err(failed) => record.error(failed.kind),
                }
            }
            record
        }));
    }
    let mut all = Record::default();
    for w in workers {
        all.merge(w.await?);
    }
    let elapsed = started.elapsed();
    if let Some(s) = sampler {
        s.abort();
    }
    let used = next.load(Ordering::Relaxed).min(end) - args.first;
    let rate = all.completed as f64 / elapsed.as_secs_f64();
    let whole = all.bindings.summary();
    let steps: serde_json::Map<String, serde_json::Value> = all
        .steps
        .iter()
        .map(|(name, t)| (name.clone(), t.summary()))
        .collect();
    let peak = *peak.lock().unwrap_or_else(|e| e.into_inner());
    let report = json!({
        "completed": all.completed,
        "failed": all.errors.values().sum::<u64>(),
        "seconds": (elapsed.as_secs_f64() * 100.0).round() / 100.0,
        "bindings_per_s": (rate * 10.0).round() / 10.0,
        "p50_ms": whole["p50_ms"],
        "p95_ms": whole["p95_ms"],
        "p99_ms": whole["p99_ms"],
        "steps": steps,
        "errors": all.errors,
        "server_rss_mb": peak.map(|mb| (mb * 10.0).round() / 10.0),
        "concurrency": args.concurrency,
        "rate": args.rate,
        "mix": args.mix,
        "next_first": args.first + used,
    });
    println!(
        "{} bindings in {:.1} s: {:.1} a second; p50 {} ms, p95 {} ms, p99 {} ms; {} failed",
        all.completed,
        elapsed.as_secs_f64(),
        rate,
        whole["p50_ms"],
        whole["p95_ms"],
        whole["p99_ms"],
        report["failed"]
    );
    for (name, t) in &steps {
        println!("  {name}: {t}");
    }
    for (kind, n) in &all.errors {
        println!("  error {kind}: {n}");
    }
    if let Some(mb) = peak {
        println!("  server's resident memory at its peak: {mb:.1} MB");
    }
    if args.json {
        println!("{report}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_checked() {
        assert_eq!(parse_duration("30s").unwrap(), Duration::from_secs(30));
        assert_eq!(parse_duration("2m").unwrap(), Duration::from_secs(120));
        assert!(parse_duration("2h").is_err());
        assert_eq!(parse_mix("portal=2,bank=1").unwrap().len(), 3);
        assert!(parse_mix("fax=1").is_err());
        assert!(check_base("http://127.0.0.1:3000/", None).is_ok());
        assert!(check_base("http://[::1]:3000", None).is_ok());
        assert!(check_base("https://egov.kz", None).is_err());
        assert!(check_base("https://test.nomir.kz", Some("test.nomir.kz")).is_ok());
    }
}
