//! The load harness (`bench/`) against the real server: every scenario runs
//! error-free on seeded data, and runs over missing data or with bad
//! credentials stop before they start.

use crate::both;
use crate::helpers::*;
use anjian_bench::client::Endpoint;
use anjian_bench::scenario::{Plan, Scenario, Server};
use anjian_bench::{run, Load};
use std::time::Duration;

const SEED: &[&str] = &[
    "seed",
    "--scale",
    "small",
    "--enterprises",
    "300",
    "--hazards",
    "1000",
    "--seed",
    "9",
];

fn plan(counties: &[&str], password: &str) -> Plan {
    Plan {
        counties: counties.iter().map(|c| c.to_string()).collect(),
        password: password.into(),
        industry: "JX".into(),
    }
}

async fn found(app: &TestApp) -> i64 {
    let province = app.login("province-admin@330000").await;
    let q = "{ hazardStatistics { total { found } } }";
    let d = app.ok(Some(&province), q, serde_json::json!({})).await;
    d["hazardStatistics"]["total"]["found"].as_i64().unwrap()
}

async fn scenarios_run(app: &TestApp) {
    let ep = Endpoint::new(&format!("{}/graphql", app.base), 4).unwrap();
    let load = Load {
        clients: 4,
        warmup: Duration::from_millis(200),
        measure: Duration::from_millis(1500),
    };
    let p = plan(&["330106", "330203"], DEMO_PASSWORD);

    // Before any data, and with a wrong password: refused up front.
    let empty = run(
        &ep,
        Server::Anjian,
        Scenario::List,
        &p,
        &load,
        "anjian",
        None,
    )
    .await
    .unwrap_err();
    assert!(empty.to_string().contains("found nothing"), "{empty}");
    let wrong = plan(&["330106"], "wrong-password");
    let bad = run(
        &ep,
        Server::Anjian,
        Scenario::List,
        &wrong,
        &load,
        "anjian",
        None,
    )
    .await
    .unwrap_err();
    assert!(bad.to_string().contains("UNAUTHENTICATED"), "{bad}");

    let out = app.cli_env(SEED, &[("ANJIAN_DEMO_PASSWORD", DEMO_PASSWORD)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let before = found(app).await;
    for s in [
        Scenario::Login,
        Scenario::List,
        Scenario::Report,
        Scenario::Dashboard,
    ] {
        let sum = run(&ep, Server::Anjian, s, &p, &load, "anjian", Some(app.pid()))
            .await
            .unwrap();
        assert_eq!(sum.errors, 0, "{}", sum.line());
        assert!(sum.requests > 0 && sum.throughput > 0.0, "{}", sum.line());
        assert!(sum.p50_ms <= sum.p99_ms && sum.p99_ms <= sum.max_ms);
        assert!(sum.rss_peak_mb.unwrap() > 1.0, "{}", sum.line());
        if s == Scenario::Report {
            // Every counted report is a hazard (warm-up ones too).
            assert!(found(app).await >= before + sum.requests as i64);
        }
    }
}
both!(bench_harness_scenarios, scenarios_run);
