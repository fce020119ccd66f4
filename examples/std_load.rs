//! Load generator for the standardization benchmark
//! (scripts/bench-standardization.sh): the province's step-time statistics
//! read by one client, and the public certificate check from many clients.
//!
//!   cargo run --release --example std_load -- stats BASE PASSWORD REQUESTS
//!   cargo run --release --example std_load -- check BASE CLIENTS SECONDS NUMBERS_FILE
//!   cargo run --release --example std_load -- health BASE CLIENTS SECONDS
//!
//! `health`: the same clients on `/healthz`, the floor of HTTP alone.
//!
//! `check`: CLIENTS clients each check random numbers from NUMBERS_FILE (one
//! per line) as fast as answered, each request from its own address
//! (`X-Forwarded-For`, the server trusting 127.0.0.1): the public, many
//! people, each under the per-address limit.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/load.rs"]
mod load;

use load::{health, post, public_load, report};
use serde_json::json;
use std::time::Instant;

const STATS: &str = "{ standardizationStatistics { total byState { key count } byGrade { key count } byIndustry { key count } byCounty { key count } overdue stepTimes { state count medianDays p90Days } } }";
const CHECK: &str =
    "query($n: String!) { certificateCheck(number: $n) { number status grade signatureValid } }";

async fn stats(base: &str, password: &str, n: usize) {
    let http = reqwest::Client::new();
    let t = post(
        &http,
        base,
        None,
        "mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token } }",
        json!({"u": "province-admin@330000", "p": password}),
    )
    .await["login"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    let first = post(&http, base, Some(&t), STATS, json!({})).await;
    println!(
        "applications {}, steps {}",
        first["standardizationStatistics"]["total"],
        first["standardizationStatistics"]["stepTimes"]
    );
    let mut ms = Vec::with_capacity(n);
    let start = Instant::now();
    for _ in 0..n {
        let t0 = Instant::now();
        post(&http, base, Some(&t), STATS, json!({})).await;
        ms.push(t0.elapsed().as_secs_f64() * 1000.0);
    }
    report(
        ms,
        start.elapsed(),
        "province step-time statistics, one client",
    );
}

async fn check(base: &str, clients: usize, secs: u64, numbers: Vec<String>) {
    public_load(
        base,
        clients,
        secs,
        (CHECK, "n"),
        numbers,
        |d| assert_eq!(d["certificateCheck"]["signatureValid"], true, "{d}"),
        &format!("public certificate check, {clients} clients"),
    )
    .await;
}

#[tokio::main]
async fn main() {
    let a: Vec<String> = std::env::args().collect();
    match a.get(1).map(String::as_str) {
        Some("stats") => stats(&a[2], &a[3], a[4].parse().unwrap()).await,
        Some("check") => {
            let numbers: Vec<String> = std::fs::read_to_string(&a[5])
                .unwrap()
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| l.trim().to_string())
                .collect();
            check(&a[2], a[3].parse().unwrap(), a[4].parse().unwrap(), numbers).await
        }
        Some("health") => health(&a[2], a[3].parse().unwrap(), a[4].parse().unwrap()).await,
        _ => eprintln!("usage: std_load stats BASE PASSWORD REQUESTS | check BASE CLIENTS SECONDS NUMBERS_FILE | health BASE CLIENTS SECONDS"),
    }
}
