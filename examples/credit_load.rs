//! Load generator for the credit benchmark (scripts/bench-credit.sh): the
//! public credit profile looked up by USCC from many clients, alone and
//! while every grade is recomputed in the background.
//!
//!   cargo run --release --example credit_load -- profile BASE CLIENTS SECONDS USCC_FILE
//!   cargo run --release --example credit_load -- recompute BASE PASSWORD CLIENTS SECONDS USCC_FILE
//!   cargo run --release --example credit_load -- health BASE CLIENTS SECONDS
//!
//! `profile`: CLIENTS clients look up random codes from USCC_FILE (one per
//! line) as fast as answered, each request from its own address
//! (`X-Forwarded-For`, the server trusting 127.0.0.1): the public, many
//! people, each under the per-address limit.
//!
//! `recompute`: the province starts the recomputation of every grade
//! (`recomputeCreditGrades`), the same profile load runs while it does, and
//! the job's own start and end (`creditRecomputeStatus`) give its time.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/load.rs"]
mod load;

use load::{health, login, post, public_load};
use serde_json::{json, Value};
use std::time::Duration;

const PROFILE: &str = "query($u: String!) { publicCreditProfile(uscc: $u) { enterpriseName uscc grade reasons { code effect } penalties { caseNumber amountYuan } listings { state endsAt } certificates { number } } }";

async fn profile(base: &str, clients: usize, secs: u64, codes: Vec<String>, what: &str) {
    public_load(
        base,
        clients,
        secs,
        (PROFILE, "u"),
        codes,
        |d| assert!(d["publicCreditProfile"]["grade"].is_string(), "{d}"),
        what,
    )
    .await;
}

async fn recompute(base: &str, password: &str, clients: usize, secs: u64, codes: Vec<String>) {
    let http = reqwest::Client::new();
    let t = login(&http, base, "province-admin@330000", password).await;
    let status = |http: reqwest::Client, t: String| {
        let base = base.to_string();
        async move {
            let v = post(
                &http,
                &base,
                Some(&t),
                "{ creditRecomputeStatus }",
                json!({}),
            )
            .await;
            v["creditRecomputeStatus"]
                .as_str()
                .map(|s| serde_json::from_str::<Value>(s).unwrap())
        }
    };
    let before = status(http.clone(), t.clone()).await;
    let job = post(
        &http,
        base,
        Some(&t),
        "mutation { recomputeCreditGrades }",
        json!({}),
    )
    .await;
    println!("recomputation job {}", job["recomputeCreditGrades"]);
    let what = format!("public credit profile during the recomputation, {clients} clients");
    let load = profile(base, clients, secs, codes, &what);
    let watch = async {
        loop {
            tokio::time::sleep(Duration::from_millis(500)).await;
            let now = status(http.clone(), t.clone()).await;
            if let Some(s) = now.filter(|n| Some(n) != before.as_ref()) {
                return s;
            }
        }
    };
    let (_, s) = tokio::join!(load, watch);
    let took = s["finishedAt"].as_i64().unwrap() - s["startedAt"].as_i64().unwrap();
    println!(
        "recomputed {} enterprises' grades in {:.1} s (the job's own start and end)",
        s["enterprises"],
        took as f64 / 1000.0
    );
}

fn codes(path: &str) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.trim().to_string())
        .collect()
}

#[tokio::main]
async fn main() {
    let a: Vec<String> = std::env::args().collect();
    match a.get(1).map(String::as_str) {
        Some("profile") => {
            let c: usize = a[3].parse().unwrap();
            profile(&a[2], c, a[4].parse().unwrap(), codes(&a[5]), &format!("public credit profile by USCC, {c} clients")).await
        }
        Some("recompute") => {
            recompute(&a[2], &a[3], a[4].parse().unwrap(), a[5].parse().unwrap(), codes(&a[6])).await
        }
        Some("health") => health(&a[2], a[3].parse().unwrap(), a[4].parse().unwrap()).await,
        _ => eprintln!("usage: credit_load profile BASE CLIENTS SECONDS USCC_FILE | recompute BASE PASSWORD CLIENTS SECONDS USCC_FILE | health BASE CLIENTS SECONDS"),
    }
}
