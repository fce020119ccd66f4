//! Load generator for the accident benchmark (scripts/bench-accident.sh):
//! the province's yearly statistics with year-on-year by city, type and
//! industry, read by one client; and the flash report from many clients.
//!
//!   cargo run --release --example acc_load -- stats BASE PASSWORD REQUESTS YEAR
//!   cargo run --release --example acc_load -- report BASE PASSWORD CLIENTS SECONDS [RATE]
//!
//! `report`: each client reports as fast as answered, or RATE reports a
//! second (paced, the open load of a real duty day's peak).
//!   cargo run --release --example acc_load -- health BASE CLIENTS SECONDS
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/load.rs"]
mod load;

use load::{health, login, post, report};
use serde_json::json;
use std::time::{Duration, Instant};

const STATS: &str = "query($y: Int!, $by: AccidentDimension!) { accidentStatistics(year: $y, by: $by) { \
    rows { key current { accidents deaths seriousInjuries lossWan } lastYear { accidents deaths } yoyAccidents yoyDeaths } \
    total { current { accidents deaths } yoyAccidents } } }";

async fn stats(base: &str, password: &str, n: usize, year: i64) {
    let http = reqwest::Client::new();
    let t = login(&http, base, "province-admin@330000", password).await;
    for by in ["DIVISION", "TYPE", "INDUSTRY"] {
        let first = post(&http, base, Some(&t), STATS, json!({"y": year, "by": by})).await;
        let s = &first["accidentStatistics"];
        println!(
            "{year} by {by}: {} rows, {} accidents (year on year {}%)",
            s["rows"].as_array().map(Vec::len).unwrap_or(0),
            s["total"]["current"]["accidents"],
            s["total"]["yoyAccidents"]
        );
        let mut ms = Vec::with_capacity(n);
        let start = Instant::now();
        for _ in 0..n {
            let t0 = Instant::now();
            post(&http, base, Some(&t), STATS, json!({"y": year, "by": by})).await;
            ms.push(t0.elapsed().as_secs_f64() * 1000.0);
        }
        report(
            ms,
            start.elapsed(),
            &format!("province yearly statistics by {by}, one client"),
        );
    }
}

const REPORT: &str =
    "mutation($i: ReportAccidentInput!) { reportAccident(input: $i) { id grade } }";

async fn flash(base: &str, password: &str, clients: usize, secs: u64, per_client: f64) {
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(clients)
        .build()
        .unwrap();
    let counties = ["330106", "330203"];
    let mut tokens = Vec::new();
    for c in counties {
        tokens.push(login(&http, base, &format!("county-admin@{c}"), password).await);
    }
    let at = (chrono::Utc::now() + chrono::Duration::hours(7))
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let input = move |c: usize, i: usize| {
        json!({
            "unitName": format!("压测单位{c}-{i}"), "divisionCode": counties[c % 2], "occurredAt": at,
            "place": "车间", "accidentType": "03", "industry": "C3311", "deaths": (i % 4) as i64,
            "seriousInjuries": (i % 3) as i64, "directLossWan": 12.5, "summary": "机械伤害",
            "reporter": "值班员", "reporterPhone": "0571-88880000"
        })
    };
    let until = Instant::now() + Duration::from_secs(secs);
    let start = Instant::now();
    let tasks: Vec<_> = (0..clients)
        .map(|c| {
            let (http, base, token) = (http.clone(), base.to_string(), tokens[c % 2].clone());
            let input = input.clone();
            tokio::spawn(async move {
                let mut ms = Vec::new();
                let mut i = 0;
                // Paced clients start spread over the first interval.
                let gap = (per_client > 0.0).then(|| Duration::from_secs_f64(1.0 / per_client));
                let mut next = Instant::now()
                    + gap.map_or(Duration::ZERO, |g| g.mul_f64(c as f64 / clients as f64));
                while Instant::now() < until {
                    if let Some(g) = gap {
                        tokio::time::sleep_until(next.into()).await;
                        next += g;
                    }
                    let t0 = Instant::now();
                    post(
                        &http,
                        &base,
                        Some(&token),
                        REPORT,
                        json!({"i": input(c, i)}),
                    )
                    .await;
                    ms.push(t0.elapsed().as_secs_f64() * 1000.0);
                    i += 1;
                }
                ms
            })
        })
        .collect();
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    let pace = if per_client > 0.0 {
        format!("at {per_client}/s each")
    } else {
        "as fast as answered".into()
    };
    report(
        all,
        start.elapsed(),
        &format!("flash report (reportAccident), {clients} clients {pace}"),
    );
}

#[tokio::main]
async fn main() {
    let a: Vec<String> = std::env::args().collect();
    match a.get(1).map(String::as_str) {
        Some("stats") => stats(&a[2], &a[3], a[4].parse().unwrap(), a[5].parse().unwrap()).await,
        Some("report") => {
            let rate = a.get(6).map_or(0.0, |r| r.parse().unwrap());
            flash(
                &a[2],
                &a[3],
                a[4].parse().unwrap(),
                a[5].parse().unwrap(),
                rate,
            )
            .await
        }
        Some("health") => health(&a[2], a[3].parse().unwrap(), a[4].parse().unwrap()).await,
        _ => eprintln!("usage: acc_load stats|report|health ..."),
    }
}
