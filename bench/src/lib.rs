//! Load harness (issue 6): many concurrent clients, each signed in as a
//! realistic user of its county, drive a server over HTTP; each scenario
//! reports throughput, p50/p95/p99 latency, errors and the server's resident
//! memory. The server is one the harness starts (`anjian serve` on SQLite or
//! PostgreSQL, with or without Redis) or one already running, including a
//! peer (PostGraphile) over the same tables.

pub mod client;
pub mod scenario;
pub mod server;
pub mod stats;

use client::Endpoint;
use scenario::{prepare, Plan, Scenario, Server, Sessions, Work};
use stats::{Samples, Summary};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long and how hard one scenario runs.
#[derive(Debug, Clone)]
pub struct Load {
    pub clients: usize,
    /// Requests before this are not counted (connections, caches, plans).
    pub warmup: Duration,
    pub measure: Duration,
}

/// Runs `scenario` with `load` against `ep` and summarises it as `target`.
/// With `pid`, samples the server's resident memory before and during.
pub async fn run(
    ep: &Endpoint,
    server: Server,
    scenario: Scenario,
    plan: &Plan,
    load: &Load,
    target: &str,
    pid: Option<u32>,
) -> anyhow::Result<Summary> {
    let mut sessions = Sessions::new(ep, &plan.password);
    let mut works = Vec::with_capacity(load.clients);
    for k in 0..load.clients {
        works.push(prepare(&mut sessions, server, scenario, plan, k).await?);
    }
    let rss_idle = pid.and_then(server::rss_mb);
    let done = Arc::new(AtomicBool::new(false));
    let sampler = pid.map(|pid| {
        let done = done.clone();
        tokio::spawn(async move {
            let mut peak = 0f64;
            while !done.load(Ordering::Relaxed) {
                peak = peak.max(server::rss_mb(pid).unwrap_or(0.0));
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            peak
        })
    });
    let start = Instant::now();
    let from = start + load.warmup;
    let until = from + load.measure;
    let tasks: Vec<_> = works
        .into_iter()
        .enumerate()
        .map(|(k, w)| tokio::spawn(client_loop(ep.clone(), w, k as u64, from, until)))
        .collect();
    let mut all = Samples::default();
    for t in tasks {
        all.merge(t.await?);
    }
    done.store(true, Ordering::Relaxed);
    let mut sum = Summary::of(
        target,
        scenario.name(),
        load.clients,
        load.measure.as_secs_f64(),
        all,
    );
    sum.rss_idle_mb = rss_idle;
    if let Some(s) = sampler {
        sum.rss_peak_mb = Some(s.await?);
    }
    Ok(sum)
}

/// One client, closed loop: sends, waits for the answer, sends again.
/// Counts requests that start inside `[from, until)`.
async fn client_loop(ep: Endpoint, w: Work, k: u64, from: Instant, until: Instant) -> Samples {
    let mut s = Samples::default();
    let mut i = k << 32;
    loop {
        let t = Instant::now();
        if t >= until {
            return s;
        }
        let r = w.send(&ep, i).await;
        i += 1;
        if t < from {
            continue;
        }
        match r {
            Ok(_) => s.ok_ms.push(t.elapsed().as_secs_f64() * 1000.0),
            Err(e) => *s.failures.entry(e.to_string()).or_default() += 1,
        }
    }
}
