//! Load generator for the hazard benchmark (scripts/bench-hazard.sh): many
//! concurrent clients report hazards over HTTP, or one client reads the
//! province dashboard; prints latency percentiles and throughput.
//!
//!   cargo run --release --example hazard_load -- report BASE PASSWORD CLIENTS SECONDS [RATE] COUNTY...
//!   cargo run --release --example hazard_load -- dashboard BASE PASSWORD REQUESTS
//!   cargo run --release --example hazard_load -- install BASE PASSWORD WASM COUNTY...
//!
//! `install`: uploads the triage component into each county (as
//! `plugin-developer@<county>`), dry-runs it and activates it (as
//! `county-admin@<county>`).
//!
//! `report`: CLIENTS clients spread over the counties, each signed in as
//! `inspector@<county>`, report hazards at the county's enterprises; with
//! RATE (reports per second per client, 0 = as fast as answered) each
//! client waits out the rest of its interval (open loop).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::{json, Value};
use std::time::{Duration, Instant};

async fn post(
    http: &reqwest::Client,
    base: &str,
    token: Option<&str>,
    query: &str,
    vars: Value,
) -> Value {
    let mut r = http
        .post(format!("{base}/graphql"))
        .json(&json!({"query": query, "variables": vars}));
    if let Some(t) = token {
        r = r.bearer_auth(t);
    }
    let v: Value = r.send().await.expect("send").json().await.expect("json");
    assert!(v["errors"].is_null(), "{v}");
    v["data"].clone()
}

async fn login(http: &reqwest::Client, base: &str, user: &str, password: &str) -> String {
    let d = post(
        http,
        base,
        None,
        "mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token } }",
        json!({"u": user, "p": password}),
    )
    .await;
    d["login"]["token"].as_str().expect("token").to_string()
}

fn report(mut ms: Vec<f64>, wall: Duration, what: &str) {
    ms.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| ms[((p / 100.0) * ms.len() as f64).min(ms.len() as f64 - 1.0) as usize];
    println!(
        "{what}: {} requests in {:.1}s ({:.0}/s); p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        ms.len(),
        wall.as_secs_f64(),
        ms.len() as f64 / wall.as_secs_f64(),
        pct(50.0),
        pct(95.0),
        pct(99.0),
        ms[ms.len() - 1]
    );
}

use anjian_bench::scenario::DASHBOARD;

async fn install(http: &reqwest::Client, base: &str, password: &str, wasm: &[u8], county: &str) {
    let dev = login(http, base, &format!("plugin-developer@{county}"), password).await;
    let q = "mutation($input: UploadPluginInput!, $file: Upload!) { uploadPlugin(input: $input, file: $file) { id } }";
    let ops = json!({"query": q, "variables": {"input": {"tenantCode": county, "name": "fire-triage", "version": "1.0.0",
        "description": "bench"}, "file": null}});
    let form = reqwest::multipart::Form::new()
        .text("operations", ops.to_string())
        .text("map", json!({"0": ["variables.file"]}).to_string())
        .part(
            "0",
            reqwest::multipart::Part::bytes(wasm.to_vec())
                .file_name("p.wasm")
                .mime_str("application/wasm")
                .unwrap(),
        );
    let up: Value = http
        .post(format!("{base}/graphql"))
        .bearer_auth(&dev)
        .multipart(form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = up["data"]["uploadPlugin"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{up}"))
        .to_string();
    loop {
        let v = post(
            http,
            base,
            Some(&dev),
            "query($id: String!) { pluginVersion(id: $id) { compileStatus } }",
            json!({"id": id}),
        )
        .await;
        match v["pluginVersion"]["compileStatus"].as_str() {
            Some("ready") => break,
            Some("failed") => panic!("compile failed: {v}"),
            _ => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
    let sample = json!({"enterprise_uscc": "913301060000000000", "enterprise_hazard_grades": [1], "source": "inspection",
        "category": "fire", "level": "general", "description": "动火", "location": null, "found_at_ms": 1_780_000_000_000i64, "deadline": null});
    let t = post(http, base, Some(&dev), "mutation($id: String!, $i: JSON) { testPlugin(id: $id, hook: \"hazard.triage\", input: $i) { ok } }",
        json!({"id": id, "i": sample})).await;
    assert_eq!(t["testPlugin"]["ok"], true, "{t}");
    let admin = login(http, base, &format!("county-admin@{county}"), password).await;
    post(
        http,
        base,
        Some(&admin),
        "mutation($id: String!) { activatePlugin(id: $id) { state } }",
        json!({"id": id}),
    )
    .await;
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let http = reqwest::Client::new();
    match args.first().map(String::as_str) {
        Some("dashboard") => {
            let (base, password, n) = (&args[1], &args[2], args[3].parse::<usize>().unwrap());
            let token = login(&http, base, "province-admin@330000", password).await;
            let year: i64 = chrono::Utc::now().format("%Y").to_string().parse().unwrap();
            let vars = json!({"f": {"year": year}});
            let first = post(&http, base, Some(&token), DASHBOARD, vars.clone()).await;
            println!(
                "dashboard: {} found this year in {} cities",
                first["byCity"]["total"]["found"],
                first["byCity"]["rows"].as_array().map_or(0, Vec::len)
            );
            for _ in 0..10 {
                post(&http, base, Some(&token), DASHBOARD, vars.clone()).await;
            }
            let start = Instant::now();
            let mut ms = Vec::with_capacity(n);
            for _ in 0..n {
                let t = Instant::now();
                post(&http, base, Some(&token), DASHBOARD, vars.clone()).await;
                ms.push(t.elapsed().as_secs_f64() * 1000.0);
            }
            report(
                ms,
                start.elapsed(),
                "province dashboard (5 groupings, current year)",
            );
        }
        Some("install") => {
            let (base, password) = (&args[1], &args[2]);
            let wasm = std::fs::read(&args[3]).expect("read the component");
            for c in &args[4..] {
                install(&http, base, password, &wasm, c).await;
                println!("hazard.triage plugin active in {c}");
            }
        }
        Some("report") => {
            let (base, password) = (args[1].clone(), args[2].clone());
            let clients: usize = args[3].parse().unwrap();
            let secs: u64 = args[4].parse().unwrap();
            let rate: f64 = args[5].parse().unwrap();
            let counties: Vec<String> = args[6..].to_vec();
            let mut setup = Vec::new();
            for c in &counties {
                let token = login(&http, &base, &format!("inspector@{c}"), &password).await;
                let d = post(
                    &http,
                    &base,
                    Some(&token),
                    "{ enterprises(first: 100) { edges { node { id } } } }",
                    json!({}),
                )
                .await;
                let ids: Vec<String> = d["enterprises"]["edges"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|e| e["node"]["id"].as_str().unwrap().to_string())
                    .collect();
                assert!(!ids.is_empty(), "no enterprises in {c}");
                setup.push((token, ids));
            }
            let until = Instant::now() + Duration::from_secs(secs);
            let start = Instant::now();
            let mut tasks = Vec::new();
            for k in 0..clients {
                let (token, ids) = setup[k % setup.len()].clone();
                let (http, base) = (http.clone(), base.clone());
                tasks.push(tokio::spawn(async move {
                    let q = "mutation($i: ReportHazardInput!) { reportHazard(input: $i) { id level deadline } }";
                    let interval = (rate > 0.0).then(|| Duration::from_secs_f64(1.0 / rate));
                    let mut ms = Vec::new();
                    let mut i = 0usize;
                    // Paced clients start spread over one interval, not in step.
                    if let Some(iv) = interval {
                        tokio::time::sleep(iv.mul_f64((k as f64 + 0.5) / clients as f64)).await;
                    }
                    while Instant::now() < until {
                        let t = Instant::now();
                        let category = ["fire", "electrical", "machinery"][i % 3];
                        let vars = json!({"i": {"enterpriseId": ids[(k * 7 + i) % ids.len()], "category": category,
                            "level": "general", "description": format!("压测隐患 {k}-{i}：动火作业无监护")}});
                        post(&http, &base, Some(&token), q, vars).await;
                        ms.push(t.elapsed().as_secs_f64() * 1000.0);
                        i += 1;
                        if let Some(iv) = interval {
                            if let Some(rest) = iv.checked_sub(t.elapsed()) {
                                tokio::time::sleep(rest).await;
                            }
                        }
                    }
                    ms
                }));
            }
            let mut all = Vec::new();
            for t in tasks {
                all.extend(t.await.unwrap());
            }
            let what = format!(
                "reportHazard, {clients} clients over {} counties, {}",
                counties.len(),
                if rate > 0.0 {
                    format!("{rate}/s each")
                } else {
                    "closed loop".into()
                }
            );
            report(all, start.elapsed(), &what);
        }
        _ => {
            eprintln!("usage: hazard_load dashboard BASE PASSWORD N | report BASE PASSWORD CLIENTS SECONDS RATE COUNTY...");
            std::process::exit(2);
        }
    }
}
