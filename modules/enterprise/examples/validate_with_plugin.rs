//! Runs an `enterprise.validate` component on two sample records through the
//! real validation step, printing the verdicts:
//!   cargo run -p anjian-enterprise --example validate_with_plugin -- FILE.wasm
#![allow(clippy::unwrap_used, clippy::expect_used)]

use anjian_enterprise::exchange::Raw;
use anjian_enterprise::record::Rules;
use anjian_enterprise::{hooks, plugins, service};
use anjian_plugin_host::inspect::inspect;
use anjian_plugin_host::runtime::PoolSize;
use anjian_plugin_host::{Active, Limits, Plugins, Runtime};
use serde_json::Value;
use std::sync::Arc;
use std::time::Instant;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: validate_with_plugin FILE.wasm");
    let bytes = std::fs::read(&path).expect("read the component");
    println!("{path}: {} bytes", bytes.len());
    println!(
        "inspection: {:?}",
        inspect(&bytes, &[plugins::INTERFACE], &[]).map(|i| i.imports)
    );
    let p = Arc::new(Plugins::new(
        Runtime::new(PoolSize::default()).expect("engine"),
    ));
    let t = Instant::now();
    let c = p.runtime.compile(&bytes).expect("compile");
    println!("compiled in {:?}", t.elapsed());
    let pre = p.runtime.prepare(&c).expect("link");
    p.bind(
        "330106",
        hooks::VALIDATE,
        vec![Arc::new(Active {
            name: "example".into(),
            version_id: "local".into(),
            version: "0.1.0".into(),
            pre,
            limits: Limits::default(),
            config: Default::default(),
            fail_open: false,
        })],
    );
    plugins::install(p.clone());
    let rules = Rules::default();
    for (label, manager) in [
        ("without a safety manager", None),
        ("complete", Some(("陈华", "0571-8888 5678"))),
    ] {
        let mut raw = Raw::new();
        for (k, v) in [
            (
                "uscc",
                anjian_enterprise::model::generate_uscc(7, "330106").to_string(),
            ),
            ("name", "某化工有限公司".to_string()),
            ("production_address", "某路1号".to_string()),
            ("division_code", "330106001".to_string()),
            ("industry", "WH".to_string()),
        ] {
            raw.insert(k.into(), Value::String(v));
        }
        if let Some((m, ph)) = manager {
            raw.insert("safety_manager".into(), Value::String(m.into()));
            raw.insert("safety_manager_phone".into(), Value::String(ph.into()));
        }
        for round in 0..3 {
            let t = Instant::now();
            let r = service::validate(&raw, "330106", &rules);
            println!(
                "{label} (call {round}): {:?} in {:?}",
                r.map(|(rec, _)| rec.name)
                    .map_err(|e| e.iter().map(|f| f.message_en.clone()).collect::<Vec<_>>()),
                t.elapsed()
            );
        }
    }
}
