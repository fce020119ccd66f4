//! One end-to-end hook invocation per call (serialise the input, take a
//! fresh instance from the pool, call, read the result), per case:
//!
//! - a trivial WAT rule through Anjian's `enterprise.validate` path;
//! - the floor: raw wasmtime instantiate + call of the same trivial body as a
//!   core module, pooling allocator and copy-on-write images, no limits;
//! - the Rust, Python and JavaScript example rules (when built);
//! - the same trivial rule through Extism 1.30 (the peer), the input as JSON,
//!   reusing one plugin instance (its normal mode) and instantiating per call.
//!
//! Prints p50, p99 and calls per second per core (one thread). Usage:
//!   anjian-plugin-bench [ITERATIONS] (default 20000; interpreter examples run a tenth)

use anjian_enterprise::exchange::Raw;
use anjian_enterprise::plugins::call;
use anjian_enterprise::record::{parse, EnterpriseRecord, Rules};
use anjian_plugin_host::fixtures::component;
use anjian_plugin_host::runtime::PoolSize;
use anjian_plugin_host::{Active, Limits, Plugins, Runtime};
use serde_json::Value;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Accept: the decision at 16 is zeroed memory (`accept`).
const TRIVIAL: &str = "i32.const 16";

struct Row {
    case: String,
    p50: Duration,
    p99: Duration,
    per_sec: f64,
}

fn measure(case: &str, n: usize, mut f: impl FnMut()) -> Row {
    for _ in 0..(n / 10).max(20) {
        f();
    }
    let mut t = Vec::with_capacity(n);
    let all = Instant::now();
    for _ in 0..n {
        let s = Instant::now();
        f();
        t.push(s.elapsed());
    }
    let total = all.elapsed();
    t.sort();
    let row = Row {
        case: case.into(),
        p50: t[n / 2],
        p99: t[(n * 99 / 100).min(n - 1)],
        per_sec: n as f64 / total.as_secs_f64(),
    };
    eprintln!(
        "{:<58} p50 {:>9.1} µs  p99 {:>9.1} µs  {:>9.0} calls/s",
        row.case,
        row.p50.as_secs_f64() * 1e6,
        row.p99.as_secs_f64() * 1e6,
        row.per_sec
    );
    row
}

fn record() -> EnterpriseRecord {
    let raw: Raw = serde_json::from_value(serde_json::json!({
        "uscc": "91330106MA2H2L2K2G", "name": "杭州某某化工有限公司",
        "production_address": "杭州市西湖区某路1号", "division_code": "330106001",
        "industry": "WH", "safety_manager": "陈华", "safety_manager_phone": "0571-88885678",
        "staff_count": 120, "revenue_wan": 3000.0
    }))
    .expect("record json");
    parse(&raw, "330106", &Rules::default())
        .expect("valid record")
        .0
}

fn active(p: &Plugins, bytes: &[u8], name: &str) -> Arc<Active> {
    let started = Instant::now();
    let c = p.runtime.compile(bytes).expect("compiles");
    eprintln!(
        "{name}: compiled in {:.2} s",
        started.elapsed().as_secs_f64()
    );
    Arc::new(Active {
        name: name.into(),
        version: "bench".into(),
        version_id: "bench".into(),
        pre: p.runtime.prepare(&c).expect("links"),
        limits: Limits::default(),
        config: Default::default(),
        fail_open: false,
    })
}

/// The floor: the same trivial component and the same typed call and input,
/// on an engine with the same pooling, copy-on-write and keep-resident
/// settings but none of
/// Anjian's safety: no fuel, no deadline, no memory limiter, no WASI context,
/// no log capture, stub host functions.
fn floor(n: usize, rec: &EnterpriseRecord) -> Row {
    use anjian_enterprise::plugins::{to_wit, EnterpriseValidatorPre};
    use wasmtime::component::{Component, Linker, Val};
    use wasmtime::*;
    let mut cfg = Config::new();
    cfg.wasm_component_model(true).memory_init_cow(true);
    let mut pool = PoolingAllocationConfig::default();
    pool.linear_memory_keep_resident(64 << 20)
        .table_keep_resident(1 << 20)
        .pagemap_scan(Enabled::Auto);
    cfg.allocation_strategy(InstanceAllocationStrategy::Pooling(pool));
    let engine = Engine::new(&cfg).expect("engine");
    let c =
        Component::new(&engine, component(TRIVIAL, "", "enterprise-validator")).expect("component");
    let mut linker = Linker::<()>::new(&engine);
    let mut host = linker
        .instance(&format!(
            "anjian:plugin/host@{}",
            anjian_plugin_host::CURRENT_VERSION
        ))
        .expect("host");
    host.func_new("log", |_, _, _: &[Val], _: &mut [Val]| Ok(()))
        .expect("log");
    host.func_new("lookup", |_, _, _: &[Val], r: &mut [Val]| {
        r[0] = Val::Option(None);
        Ok(())
    })
    .expect("lookup");
    linker
        .instance(&format!(
            "anjian:plugin/types@{}",
            anjian_plugin_host::CURRENT_VERSION
        ))
        .expect("types");
    let pre = EnterpriseValidatorPre::new(linker.instantiate_pre(&c).expect("pre")).expect("pre");
    let call = anjian_enterprise::plugins::anjian::plugin::types::Invocation {
        tenant: "330106".into(),
        hook: "enterprise.validate".into(),
        now_ms: 0,
    };
    measure(
        "floor: same component and call, raw wasmtime (no limits, no WASI)",
        n,
        || {
            let mut store = Store::new(&engine, ());
            let input = to_wit(rec);
            let b = pre.instantiate(&mut store).expect("instance");
            let d = b
                .anjian_plugin_enterprise_validate()
                .call_validate(&mut store, &call, &input)
                .expect("call");
            assert!(matches!(
                d,
                anjian_enterprise::plugins::anjian::plugin::types::Decision::Accept
            ));
        },
    )
}

fn extism_rows(n: usize, rec: &EnterpriseRecord) -> Vec<Row> {
    let wasm = wat::parse_str(
        "(module (memory (export \"memory\") 1) (func (export \"validate\") (result i32) i32.const 0))",
    )
    .expect("wat");
    let json = |r: &EnterpriseRecord| -> Vec<u8> {
        serde_json::to_vec(&Value::Object(anjian_enterprise::record::to_raw(r))).expect("json")
    };
    let mut plugin = extism::Plugin::new(&wasm, [], false).expect("extism plugin");
    let reused = measure(
        "Extism 1.30: trivial rule, input as JSON, one instance reused",
        n,
        || {
            let input = json(rec);
            let out: Vec<u8> = plugin.call("validate", input.as_slice()).expect("call");
            assert!(out.is_empty());
        },
    );
    let fresh = measure(
        "Extism 1.30: trivial rule, input as JSON, new instance per call",
        n / 10,
        || {
            let mut plugin = extism::Plugin::new(&wasm, [], false).expect("extism plugin");
            let input = json(rec);
            let out: Vec<u8> = plugin.call("validate", input.as_slice()).expect("call");
            assert!(out.is_empty());
        },
    );
    vec![reused, fresh]
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20_000);
    let rt = Runtime::new(PoolSize {
        instances: 16,
        ..PoolSize::default()
    })
    .expect("runtime");
    let plugins = Plugins::new(rt);
    let rec = record();
    let mut rows = Vec::new();

    let trivial = active(
        &plugins,
        &component(TRIVIAL, "", "enterprise-validator"),
        "trivial",
    );
    rows.push(measure(
        "Anjian: trivial WAT rule, enterprise.validate end to end",
        n,
        || {
            let inv = call(&plugins, "330106", &trivial, &rec);
            assert!(inv.outcome.is_ok(), "{:?}", inv.outcome);
        },
    ));
    rows.push(floor(n, &rec));

    let build = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/build/");
    for (file, label, iters) in [
        (
            "enterprise-validator-rust.wasm",
            "Anjian: Rust example (wit-bindgen)",
            n,
        ),
        (
            "enterprise-validator-python.wasm",
            "Anjian: Python example (componentize-py)",
            n / 20,
        ),
        (
            "enterprise-validator-js.wasm",
            "Anjian: JavaScript example (componentize-js)",
            n / 20,
        ),
    ] {
        match std::fs::read(format!("{build}{file}")) {
            Ok(bytes) => {
                let a = active(&plugins, &bytes, label);
                rows.push(measure(label, iters.max(50), || {
                    let inv = call(&plugins, "330106", &a, &rec);
                    assert!(inv.outcome.is_ok(), "{:?}", inv.outcome);
                }));
            }
            Err(_) => {
                eprintln!("{label}: {file} not built (scripts/build-plugin-examples.sh); skipped")
            }
        }
    }
    // The same interpreter examples on a pool that unmaps memory between
    // instances (wasmtime's default), to show what keeping it resident buys.
    let cold = Plugins::new(
        Runtime::new(PoolSize {
            instances: 16,
            keep_resident_bytes: 0,
            ..PoolSize::default()
        })
        .expect("runtime"),
    );
    for (file, label) in [
        (
            "enterprise-validator-python.wasm",
            "Anjian: Python example, memory unmapped between calls",
        ),
        (
            "enterprise-validator-js.wasm",
            "Anjian: JavaScript example, memory unmapped between calls",
        ),
    ] {
        if let Ok(bytes) = std::fs::read(format!("{build}{file}")) {
            let a = active(&cold, &bytes, label);
            rows.push(measure(label, (n / 20).max(50), || {
                let inv = call(&cold, "330106", &a, &rec);
                assert!(inv.outcome.is_ok(), "{:?}", inv.outcome);
            }));
        }
    }
    rows.extend(extism_rows(n, &rec));

    println!("\n| case | p50 (µs) | p99 (µs) | calls/s per core |");
    println!("|---|---:|---:|---:|");
    for r in &rows {
        println!(
            "| {} | {:.1} | {:.1} | {:.0} |",
            r.case,
            r.p50.as_secs_f64() * 1e6,
            r.p99.as_secs_f64() * 1e6,
            r.per_sec
        );
    }
    let find = |prefix: &str| rows.iter().find(|r| r.case.starts_with(prefix));
    if let (Some(a), Some(f)) = (find("Anjian: trivial"), find("floor")) {
        println!(
            "\ntrivial rule / floor (p50): {:.2}×",
            a.p50.as_secs_f64() / f.p50.as_secs_f64()
        );
    }
    if let (Some(a), Some(e)) = (
        find("Anjian: trivial"),
        find("Extism 1.30: trivial rule, input as JSON, one"),
    ) {
        println!(
            "Anjian / Extism (reused instance) throughput: {:.2}×",
            a.per_sec / e.per_sec
        );
    }
    if let (Some(a), Some(e)) = (
        find("Anjian: trivial"),
        find("Extism 1.30: trivial rule, input as JSON, new"),
    ) {
        println!(
            "Anjian / Extism (new instance per call) throughput: {:.2}×",
            a.per_sec / e.per_sec
        );
    }
}
