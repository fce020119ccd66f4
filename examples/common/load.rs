//! What the load generators share (`#[path = "common/load.rs"] mod load;`):
//! a GraphQL request that must succeed, signing in, the latency summary and
//! the `/healthz` floor from many clients.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// Posts a GraphQL request that must succeed; returns its `data`.
pub async fn post(
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

/// Prints the count, rate and percentiles of `ms` over `wall`.
pub fn report(mut ms: Vec<f64>, wall: Duration, what: &str) {
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

/// Signs `user` in; returns the token.
pub async fn login(http: &reqwest::Client, base: &str, user: &str, password: &str) -> String {
    post(
        http,
        base,
        None,
        "mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token } }",
        json!({"u": user, "p": password}),
    )
    .await["login"]["token"]
        .as_str()
        .unwrap()
        .to_string()
}

/// `/healthz` from `clients` clients for `secs`: the floor of HTTP alone.
pub async fn health(base: &str, clients: usize, secs: u64) {
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(clients)
        .build()
        .unwrap();
    let until = Instant::now() + Duration::from_secs(secs);
    let start = Instant::now();
    let tasks: Vec<_> = (0..clients)
        .map(|_| {
            let (http, base) = (http.clone(), base.to_string());
            tokio::spawn(async move {
                let mut ms = Vec::new();
                while Instant::now() < until {
                    let t0 = Instant::now();
                    let r = http
                        .get(format!("{base}/healthz"))
                        .send()
                        .await
                        .expect("send");
                    assert!(r.status().is_success());
                    r.bytes().await.expect("body");
                    ms.push(t0.elapsed().as_secs_f64() * 1000.0);
                }
                ms
            })
        })
        .collect();
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    report(
        all,
        start.elapsed(),
        &format!("/healthz, {clients} clients"),
    );
}

/// The public, many people: `clients` clients each post `query` with a
/// random one of `items` as the variable `var`, as fast as answered, each
/// request from its own address (`X-Forwarded-For`, the server trusting
/// 127.0.0.1, so each stays under the per-address limit); `check` asserts
/// each answer's `data`. The first 200 items warm the connections and the
/// server's caches. Prints the summary as `what`.
pub async fn public_load(
    base: &str,
    clients: usize,
    secs: u64,
    (query, var): (&'static str, &'static str),
    items: Vec<String>,
    check: fn(&Value),
    what: &str,
) {
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(clients)
        .build()
        .expect("client");
    for i in items.iter().take(200) {
        post(&http, base, None, query, json!({ var: i })).await;
    }
    let until = Instant::now() + Duration::from_secs(secs);
    let start = Instant::now();
    let tasks: Vec<_> = (0..clients)
        .map(|c| {
            let (http, base, items) = (http.clone(), base.to_string(), items.clone());
            tokio::spawn(async move {
                let mut ms = Vec::new();
                let mut i = c * 7919;
                while Instant::now() < until {
                    i = i
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    let item = &items[(i >> 33) % items.len()];
                    let addr = format!(
                        "10.{}.{}.{}",
                        (i >> 8) & 255,
                        (i >> 16) & 255,
                        (i >> 24) & 255
                    );
                    let t0 = Instant::now();
                    let v: Value = http
                        .post(format!("{base}/graphql"))
                        .header("x-forwarded-for", addr)
                        .json(&json!({"query": query, "variables": { var: item }}))
                        .send()
                        .await
                        .expect("send")
                        .json()
                        .await
                        .expect("json");
                    assert!(v["errors"].is_null(), "{v}");
                    check(&v["data"]);
                    ms.push(t0.elapsed().as_secs_f64() * 1000.0);
                }
                ms
            })
        })
        .collect();
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.expect("client"));
    }
    report(all, start.elapsed(), what);
}
