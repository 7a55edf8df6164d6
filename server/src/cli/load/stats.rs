//! What a load run measured: each step's times, whole bindings' times,
//! errors by kind, and the server's resident memory at its peak.

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::{json, Value};

/// Times of one step (or of whole bindings), in microseconds.
#[derive(Default)]
pub struct Times(Vec<u64>);

impl Times {
    pub fn add(&mut self, d: Duration) {
        self.0
            .push(u64::try_from(d.as_micros()).unwrap_or(u64::MAX));
    }

    /// The `p`th percentile (nearest rank), in milliseconds.
    fn percentile(sorted: &[u64], p: f64) -> f64 {
        if sorted.is_empty() {
            return 0.0;
        }
        let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
        sorted[rank.clamp(1, sorted.len()) - 1] as f64 / 1000.0
    }

    pub fn summary(&self) -> Value {
        let mut sorted = self.0.clone();
        sorted.sort_unstable();
        let ms = |p| (Self::percentile(&sorted, p) * 100.0).round() / 100.0;
        json!({ "count": sorted.len(), "p50_ms": ms(50.0), "p95_ms": ms(95.0), "p99_ms": ms(99.0) })
    }

    fn merge(&mut self, other: Times) {
        self.0.extend(other.0);
    }
}

/// One worker's record, merged into the run's at its end.
#[derive(Default)]
pub struct Record {
    pub completed: u64,
    pub bindings: Times,
    pub steps: BTreeMap<String, Times>,
    pub errors: BTreeMap<String, u64>,
}

impl Record {
    pub fn step(&mut self, name: String, d: Duration) {
        self.steps.entry(name).or_default().add(d);
    }

    pub fn error(&mut self, kind: String) {
        *self.errors.entry(kind).or_default() += 1;
    }

    pub fn merge(&mut self, other: Record) {
        self.completed += other.completed;
        self.bindings.merge(other.bindings);
        for (name, times) in other.steps {
            self.steps.entry(name).or_default().merge(times);
        }
        for (kind, n) in other.errors {
            *self.errors.entry(kind).or_default() += n;
        }
    }
}

/// The server's resident memory, sampled from `/proc/<pid>/status` (Linux).
pub fn rss_mb(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_by_nearest_rank() {
        let mut t = Times::default();
        for ms in 1..=100 {
            t.add(Duration::from_millis(ms));
        }
        let s = t.summary();
        assert_eq!(s["count"], 100);
        assert_eq!(s["p50_ms"], 50.0);
        assert_eq!(s["p95_ms"], 95.0);
        assert_eq!(s["p99_ms"], 99.0);
        assert_eq!(Times::default().summary()["p99_ms"], 0.0);
    }
}
