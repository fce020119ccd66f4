//! What one scenario run measured, and its summary line.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The outcome of every request one client made.
#[derive(Debug, Default)]
pub struct Samples {
    /// Latencies of the successful requests, in milliseconds.
    pub ok_ms: Vec<f64>,
    /// Failures by kind, with a count.
    pub failures: BTreeMap<String, u64>,
}

impl Samples {
    /// Adds another client's samples.
    pub fn merge(&mut self, other: Samples) {
        self.ok_ms.extend(other.ok_ms);
        for (k, n) in other.failures {
            *self.failures.entry(k).or_default() += n;
        }
    }
}

/// One row of the results table (one JSON line of the output file).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Summary {
    /// What was measured, e.g. `anjian-postgres`, `postgraphile`.
    pub target: String,
    pub scenario: String,
    pub clients: usize,
    pub seconds: f64,
    pub requests: u64,
    pub errors: u64,
    /// Successful requests per second.
    pub throughput: f64,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    /// Up to three failure kinds with their counts.
    pub error_kinds: Vec<String>,
    /// The server's resident memory before the run, MB (when its pid is known).
    pub rss_idle_mb: Option<f64>,
    /// The highest resident memory sampled during the run, MB.
    pub rss_peak_mb: Option<f64>,
}

/// The `p`th percentile (0–100) of sorted values, nearest rank.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

impl Summary {
    /// Summarises `s` over `seconds` of measurement.
    pub fn of(
        target: &str,
        scenario: &str,
        clients: usize,
        seconds: f64,
        mut s: Samples,
    ) -> Summary {
        s.ok_ms.sort_by(|a, b| a.total_cmp(b));
        let errors = s.failures.values().sum();
        let mut kinds: Vec<(String, u64)> = s.failures.into_iter().collect();
        kinds.sort_by_key(|k| std::cmp::Reverse(k.1));
        Summary {
            target: target.into(),
            scenario: scenario.into(),
            clients,
            seconds,
            requests: s.ok_ms.len() as u64 + errors,
            errors,
            throughput: s.ok_ms.len() as f64 / seconds.max(f64::EPSILON),
            p50_ms: percentile(&s.ok_ms, 50.0),
            p95_ms: percentile(&s.ok_ms, 95.0),
            p99_ms: percentile(&s.ok_ms, 99.0),
            max_ms: s.ok_ms.last().copied().unwrap_or(0.0),
            error_kinds: kinds
                .into_iter()
                .take(3)
                .map(|(k, n)| format!("{n}× {k}"))
                .collect(),
            rss_idle_mb: None,
            rss_peak_mb: None,
        }
    }

    /// One human-readable line.
    pub fn line(&self) -> String {
        let mem = match (self.rss_idle_mb, self.rss_peak_mb) {
            (Some(i), Some(p)) => format!("; RSS {i:.0} MB idle, {p:.0} MB peak"),
            _ => String::new(),
        };
        let errs = if self.errors > 0 {
            format!(" [{}]", self.error_kinds.join("; "))
        } else {
            String::new()
        };
        format!(
            "{} {}: {} clients, {} requests in {:.1}s = {:.0}/s; p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms; errors {}{errs}{mem}",
            self.target,
            self.scenario,
            self.clients,
            self.requests,
            self.seconds,
            self.throughput,
            self.p50_ms,
            self.p95_ms,
            self.p99_ms,
            self.max_ms,
            self.errors
        )
    }
}

/// A Markdown table of `rows`, then the throughput ratio of each Anjian
/// target on PostgreSQL (named `anjian-postgres…`) to each peer, which
/// serves the same database, for the scenarios they share.
pub fn table(rows: &[Summary]) -> String {
    let mut out = String::from(
        "| target | scenario | clients | requests/s | p50 ms | p95 ms | p99 ms | errors | RSS idle → peak MB |\n|---|---|---:|---:|---:|---:|---:|---:|---|\n",
    );
    for r in rows {
        let mem = match (r.rss_idle_mb, r.rss_peak_mb) {
            (Some(i), Some(p)) => format!("{i:.0} → {p:.0}"),
            _ => "—".into(),
        };
        out.push_str(&format!(
            "| {} | {} | {} | {:.0} | {:.1} | {:.1} | {:.1} | {} | {} |\n",
            r.target,
            r.scenario,
            r.clients,
            r.throughput,
            r.p50_ms,
            r.p95_ms,
            r.p99_ms,
            r.errors,
            mem
        ));
    }
    let peers: Vec<&Summary> = rows
        .iter()
        .filter(|r| !r.target.starts_with("anjian"))
        .collect();
    for peer in &peers {
        for ours in rows
            .iter()
            .filter(|r| r.target.starts_with("anjian-postgres") && r.scenario == peer.scenario)
        {
            out.push_str(&format!(
                "\n{} / {} on `{}`: throughput {:.2}×, p99 {:.1} ms vs {:.1} ms",
                ours.target,
                peer.target,
                peer.scenario,
                ours.throughput / peer.throughput.max(f64::EPSILON),
                ours.p99_ms,
                peer.p99_ms
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_by_nearest_rank() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&v, 50.0), 50.0);
        assert_eq!(percentile(&v, 99.0), 99.0);
        assert_eq!(percentile(&v, 100.0), 100.0);
        assert_eq!(percentile(&[7.0], 99.0), 7.0);
        assert_eq!(percentile(&[], 99.0), 0.0);
    }

    #[test]
    fn ratios_only_against_the_same_database() {
        let row = |target: &str, rps: f64| Summary {
            throughput: rps,
            ..Summary::of(target, "list", 1, 1.0, Samples::default())
        };
        let t = table(&[
            row("anjian-sqlite", 300.0),
            row("anjian-postgres", 200.0),
            row("postgraphile", 100.0),
        ]);
        assert!(
            t.contains("anjian-postgres / postgraphile on `list`: throughput 2.00×"),
            "{t}"
        );
        assert!(!t.contains("anjian-sqlite / postgraphile"), "{t}");
    }

    #[test]
    fn failures_count_as_requests_not_throughput() {
        let mut s = Samples {
            ok_ms: vec![3.0, 1.0, 2.0],
            ..Samples::default()
        };
        s.failures.insert("HTTP 500".into(), 2);
        let sum = Summary::of("anjian", "list", 2, 1.0, s);
        assert_eq!((sum.requests, sum.errors), (5, 2));
        assert_eq!(sum.throughput, 3.0);
        assert_eq!(sum.max_ms, 3.0);
        assert_eq!(sum.error_kinds, vec!["2× HTTP 500".to_string()]);
    }
}
